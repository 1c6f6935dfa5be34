import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { otelcolBinary, validateOtelcolConfig } from '@m365-otel/otelcol';
import { createTestPki } from '@m365-otel/test-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollector } from './support/collector-cli.js';
import { type Daemon, onFreePorts, startDaemon } from './support/daemon.js';
import { prometheusBinary } from './support/prometheus.js';
import { promQl } from './support/promql.js';

/*
 * Keeps docs/getting-started.md true. Every m365-otel config it shows passes the real `m365-otel validate`, every
 * Collector config the real Collector's `validate`; every repository path, link and anchor it names exists; every
 * `m365-otel` command and flag it shows is one the CLI takes; and its try-it path runs as written: the simulator
 * started with the guide's flags writes the config, the Collector runs the guide's config, Prometheus the guide's
 * prometheus.yml with the guide's flag, `run --once` exits 0, and the guide's PromQL finds data.
 */

const repoRoot = resolve(import.meta.dirname, '../..');
const GUIDE = 'docs/getting-started.md';
const guide = await readFile(join(repoRoot, GUIDE), 'utf8');

interface Block {
  lang: string;
  text: string;
  line: number;
}

// A fence may be indented (a block inside a list item): its lines are indented as much, and are read dedented.
const blocks: Block[] = [...guide.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)].map((match) => {
  const indent = match[1] ?? '';
  return {
    lang: match[2] ?? '',
    text: (match[3] ?? '').replace(new RegExp(`^${indent}`, 'gm'), ''),
    line: guide.slice(0, match.index).split('\n').length,
  };
});
const yamlBlocks = blocks.filter((block) => block.lang === 'yaml');
const m365Configs = yamlBlocks.filter((block) => /^tenants:/m.test(block.text));
const collectorConfigs = yamlBlocks.filter((block) => /^receivers:/m.test(block.text));
const prometheusConfigs = yamlBlocks.filter((block) => /^# prometheus\.yml/.test(block.text));
const shellLines = blocks
  .filter((block) => block.lang === 'sh')
  .flatMap((block) => block.text.split('\n'))
  .map((line) => line.replace(/\s+#.*$/, '').trim());
/** Prose with the fenced blocks left out: where inline code spans and links are. */
const prose = guide.replace(/^( *)```\w*\n[\s\S]*?^\1```$/gm, '');

function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`the guide should show one ${what}, found ${items.length}`);
  return items[0] as T;
}

/** The one shell line of the guide that starts with `prefix`. */
function shellLine(prefix: string): string {
  return only(
    shellLines.filter((line) => line.startsWith(prefix)),
    `\`${prefix}\` line`,
  );
}

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');
}

async function anchorsOf(file: string): Promise<Set<string>> {
  const text = await readFile(join(repoRoot, file), 'utf8');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] ?? '')));
}

let dir: string;
const pki = await createTestPki();
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'm365-otel-guide-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  pki.cleanup();
});

/**
 * A config block written where `validate` can check it: the absolute paths of a container (`/etc/m365-otel`,
 * `/var/lib/m365-otel`, `/var/run/secrets`) moved under a scratch root, every file it names created (real PEM for
 * keys and certificates), and every `${env:NAME}` set: GUIDs for the ids, a file path for `..._FILE`, else a secret.
 */
async function placeConfig(block: Block): Promise<{ file: string; env: Record<string, string> }> {
  const root = join(dir, `config-${block.line}`);
  const text = block.text.replace(
    /(?<=[\s:{,])\/(etc\/m365-otel|var\/lib\/m365-otel|var\/run\/secrets)/g,
    `${root}/$1`,
  );
  const file = join(root, 'm365-otel.yaml');
  await mkdir(root, { recursive: true });
  await writeFile(file, text);
  const env: Record<string, string> = {};
  for (const [, name = ''] of text.matchAll(/\$\{env:(\w+)\}/g)) {
    if (name.endsWith('_ID')) env[name] = randomUUID();
    else if (name.endsWith('_FILE')) {
      env[name] = join(root, 'var/run/secrets/azure/tokens/azure-identity-token');
      await mkdir(dirname(env[name]), { recursive: true });
      await writeFile(env[name], 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl\n');
    } else env[name] = 'a-client-secret-value';
  }
  for (const [, key = '', path = ''] of text.matchAll(/(keyFile|certFile|caFile): ([^\s,}]+)/g)) {
    const target = resolve(root, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, key === 'keyFile' ? pki.app.keyPem : pki.app.certPem);
  }
  return { file, env };
}

describe(`${GUIDE}: what it shows exists and is accepted`, () => {
  it('shows m365-otel, Collector and Prometheus configs', () => {
    expect(m365Configs.length).toBeGreaterThanOrEqual(4);
    expect(collectorConfigs).toHaveLength(1);
    expect(prometheusConfigs).toHaveLength(2);
  });

  it.each(m365Configs.map((block) => [block.line, block] as const))(
    'the m365-otel config at line %i passes `m365-otel validate`',
    async (_line, block) => {
      const { file, env } = await placeConfig(block);
      const outcome = await runCollector(['validate', '--config', file], env);
      expect(outcome.stderr).toBe('');
      expect(outcome.code).toBe(0);
    },
  );

  it.each(collectorConfigs.map((block) => [block.line, block] as const))(
    "the Collector config at line %i passes the real Collector's validate",
    async (line, block) => {
      const file = join(dir, `otelcol-${line}.yaml`);
      await writeFile(file, block.text);
      const outcome = await validateOtelcolConfig(file);
      expect(outcome.stderr).toBe('');
      expect(outcome.exitCode).toBe(0);
    },
  );

  it('the rule files the Prometheus config loads are the repository', () => {
    const ruleFiles = prometheusConfigs.flatMap((block) =>
      [...block.text.matchAll(/^ {2}- (\S+)/gm)].map((match) => match[1] ?? ''),
    );
    expect(ruleFiles).toEqual(['deploy/prometheus/alerts.yaml']);
    for (const file of ruleFiles) expect(existsSync(join(repoRoot, file))).toBe(true);
  });

  it('every repository path it names exists', () => {
    const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '');
    const paths = new Set<string>();
    for (const span of spans) {
      if (/^(apps|deploy|docs|packages|scripts|test|tooling)\/[\w./-]*$/.test(span)) paths.add(span);
      if (/^(Dockerfile|README\.md|ARCHITECTURE\.md|m365-otel\.schema\.json)$/.test(span)) paths.add(span);
      // Dashboards are named by file name alone, beside their directory.
      if (/^m365-[\w-]+\.json$/.test(span)) paths.add(`deploy/grafana/dashboards/${span}`);
      // A command in a span (`bash scripts/build-otelcol.sh`) names its script.
      for (const [path = ''] of span.matchAll(/(?<=\s)(apps|scripts)\/[\w./-]+/g)) paths.add(path);
    }
    for (const line of shellLines) {
      for (const [path = ''] of line.matchAll(/\b(apps|scripts)\/[\w./-]+/g)) paths.add(path);
    }
    expect(paths.size).toBeGreaterThan(10);
    const missing = [...paths].filter((path) => !existsSync(join(repoRoot, path)));
    expect(missing).toEqual([]);
  });

  it('every link and anchor it has leads somewhere', async () => {
    const own = await anchorsOf(GUIDE);
    const links = [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
    expect(links.length).toBeGreaterThan(10);
    const broken: string[] = [];
    for (const link of links) {
      if (/^https?:/.test(link)) continue;
      const [target = '', anchor] = link.split('#');
      if (target === '') {
        if (!own.has(anchor ?? '')) broken.push(link);
        continue;
      }
      const file = join('docs', target);
      if (!existsSync(join(repoRoot, file))) broken.push(link);
      else if (anchor !== undefined && !(await anchorsOf(file)).has(anchor)) broken.push(link);
    }
    expect(broken).toEqual([]);
  });

  it('every m365-otel command and flag it shows is one the CLI takes', async () => {
    const commands = [
      ...shellLines.filter((line) => /^(pnpm )?m365-otel /.test(line)),
      ...[...prose.matchAll(/`((?:pnpm )?m365-otel [^`]+)`/g)].map((match) => match[1] ?? ''),
    ].map((line) =>
      line
        .replace(/^pnpm /, '')
        .split(/\s+/)
        .slice(1),
    );
    const seen = new Set(commands.map((args) => args[0]));
    for (const command of ['validate', 'diagnostic', 'run', 'demo']) expect(seen).toContain(command);
    const distinct = [...new Map(commands.map((args) => [args.join(' '), args])).values()];
    for (const args of distinct) {
      // parseArgs is strict: an unknown command or flag exits 2 before --help is looked at.
      const outcome = await runCollector([...args, '--help']);
      expect(outcome.code, `m365-otel ${args.join(' ')}: ${outcome.stderr}`).toBe(0);
    }
  });

  it("the image it names is the collector's version", async () => {
    const { version } = JSON.parse(await readFile(join(repoRoot, 'apps/collector/package.json'), 'utf8')) as {
      version: string;
    };
    const tags = [...guide.matchAll(/ghcr\.io\/m365-otel\/m365-otel:([\w.-]+)/g)].map((match) => match[1]);
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toBe(version);
  });
});

/** Runs the guide's simulator line in `cwd` and resolves with its JSON line once the config is written. */
async function startGuideSimulator(
  cwd: string,
): Promise<{ child: ChildProcess; info: { url: string; caFile: string; config: string } }> {
  const [, script = '', ...args] = shellLine('node apps/simulator/dist/cli.js').split(/\s+/);
  const child = spawn(process.execPath, [join(repoRoot, script), ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const line = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end >= 0) done(stdout.slice(0, end));
    });
    child.once('exit', (code) => fail(new Error(`the simulator exited (${code}): ${stderr}`)));
  });
  return { child, info: JSON.parse(line) as { url: string; caFile: string; config: string } };
}

/** POST to the simulator's control API, trusting its CA, as the guide's curl line does. */
function postToSimulator(url: string, caFile: string, body: string): Promise<number> {
  return readFile(caFile, 'utf8').then(
    (ca) =>
      new Promise<number>((done, fail) => {
        const req = request(url, { method: 'POST', ca }, (res) => {
          res.resume();
          res.once('end', () => done(res.statusCode ?? 0));
        });
        req.once('error', fail);
        req.end(body);
      }),
  );
}

describe(`${GUIDE}: the try-it path, as written`, () => {
  let simulator: ChildProcess | undefined;
  let collector: Daemon | undefined;
  let prometheus: Daemon | undefined;
  afterAll(async () => {
    simulator?.kill('SIGTERM');
    await collector?.stop();
    await prometheus?.stop();
  });

  it('simulator -> m365-otel run --once -> the Collector -> Prometheus answers the PromQL the guide shows', async () => {
    const work = join(dir, 'try-it');
    await mkdir(work, { recursive: true });

    // Step 0: the simulator writes the config.
    const started = await startGuideSimulator(work);
    simulator = started.child;
    expect(started.info.config).toBe(join(work, 'm365-otel.yaml'));

    // Step 3: Prometheus with the guide's prometheus.yml and flag, on a free port instead of 9090.
    const promLine = shellLine('prometheus ');
    expect(promLine).toContain('--web.enable-remote-write-receiver');
    const promConfig = join(work, 'prometheus.yml');
    await writeFile(promConfig, (prometheusConfigs[0] as Block).text);
    const promUrl = await onFreePorts(1, async ([port = 0]) => {
      const url = `http://127.0.0.1:${port}`;
      prometheus = await startDaemon(
        'prometheus',
        prometheusBinary(),
        [
          `--config.file=${promConfig}`,
          '--web.enable-remote-write-receiver',
          `--storage.tsdb.path=${join(work, 'prometheus-data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        async () => (await fetch(`${url}/-/ready`)).ok,
      );
      return url;
    });

    // The guide's Collector config, its ports moved to free ones; no self-telemetry port (8888), which parallel test
    // files would share.
    const collectorText = only(collectorConfigs, 'Collector config').text;
    const otlpHttp = await onFreePorts(2, async ([grpcPort = 0, httpPort = 0]) => {
      const text = collectorText
        .replace('localhost:4317', `127.0.0.1:${grpcPort}`)
        .replace('localhost:4318', `127.0.0.1:${httpPort}`)
        .replace('http://localhost:9090', promUrl)
        .replace(/^service:\n/m, 'service:\n  telemetry:\n    metrics:\n      level: none\n');
      const file = join(work, 'otelcol.yaml');
      await writeFile(file, text);
      collector = await startDaemon('otelcol', otelcolBinary(), ['--config', file], async () => {
        const answer = await fetch(`http://127.0.0.1:${httpPort}/v1/metrics`, { method: 'POST' });
        return answer.status < 500;
      });
      return `http://127.0.0.1:${httpPort}`;
    });
    const written = await readFile(started.info.config, 'utf8');
    expect(written).toContain('otlp: { endpoint: http://localhost:4318 }');
    await writeFile(started.info.config, written.replace('http://localhost:4318', otlpHttp));

    // Step 4: make something happen, as the guide's curl line does, then one full cycle.
    expect(shellLine('curl -s --cacert')).toContain(`'{"step":2}'`);
    expect(
      await postToSimulator(
        `${started.info.url}/_simulator/service-health/step`,
        started.info.caFile,
        '{"step":2}',
      ),
    ).toBe(200);
    const validated = await runCollector(['validate', '--config', started.info.config]);
    expect(validated.code, validated.stderr).toBe(0);
    const run = await runCollector(['run', '--once', '--config', started.info.config]);
    expect(run.code, run.stderr.slice(-3000)).toBe(0);

    // Every PromQL line of the guide finds data.
    const prom = promQl(promUrl);
    const queries = only(
      blocks.filter((block) => block.lang === 'promql'),
      'PromQL block',
    )
      .text.split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== '');
    expect(queries.length).toBe(3);
    for (const query of queries) {
      const samples = await prom.queryUntil(query, (found) => found.length > 0);
      expect(samples.length, query).toBeGreaterThan(0);
    }
    const unhealthy = await prom.query(queries[0] as string);
    expect(new Set(unhealthy.map((sample) => sample.labels.m365_service_name))).toEqual(
      new Set(['Exchange Online', 'SharePoint Online']),
    );
  });
});
