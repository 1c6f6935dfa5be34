import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { runTool } from '@m365-otel/kube';
import { freePort } from '@m365-otel/otelcol';
import { type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_SECRET_FROM_ENV,
  simulatorTenantYaml,
  writeCollectorConfig,
} from './support/collector-config.js';
import { installedBinary } from './support/installed-binary.js';

// The container image where no Docker engine runs: the real hadolint lints the Dockerfile (and is shown to refuse a
// broken one), the files it copies are checked against the repository and .dockerignore, and the bundle its build
// stage makes (deploy/image/bundle.sh, run here too) is started outside the repository the way the image starts
// it: its ENTRYPOINT, CMD, HEALTHCHECK, ENV, WORKDIR and paths, read from the Dockerfile. One collector run.

const repoRoot = resolve(import.meta.dirname, '../..');
const execFileAsync = promisify(execFile);

// ---- The Dockerfile, read as the builder reads it ----

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** The instructions, continuation lines joined and comments (parser directives included) left out. */
function parseDockerfile(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === undefined)) return;
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1) : line;
    pending =
      pending === undefined
        ? { text: body, line: index + 1 }
        : { ...pending, text: `${pending.text} ${body}` };
    if (continued) return;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/s.exec(pending.text.trim()) ?? [];
    if (keyword !== '')
      result.push({ keyword: keyword.toUpperCase(), args: args.trim(), line: pending.line });
    pending = undefined;
  });
  return result;
}

/** An exec-form (JSON array) argument list; a shell form is an error, since it would put /bin/sh at PID 1. */
function execForm(instruction: Instruction | undefined, prefix = ''): string[] {
  if (instruction === undefined) throw new Error('instruction missing');
  const json = instruction.args.slice(instruction.args.indexOf(prefix) + prefix.length).trim();
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string'))
    throw new Error(`line ${instruction.line}: not an exec-form list of strings: ${instruction.args}`);
  return parsed;
}

/** `KEY=value KEY="quoted value"` pairs of ENV, ARG and LABEL. */
function keyValues(args: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const [, key = '', value = ''] of args.matchAll(/([\w.-]+)=("(?:[^"\\]|\\.)*"|\S*)/g))
    pairs.set(key, value.startsWith('"') ? (JSON.parse(value) as string) : value);
  return pairs;
}

const dockerfileText = await readFile(join(repoRoot, 'Dockerfile'), 'utf8');
const dockerfile = parseDockerfile(dockerfileText);
const fromIndexes = dockerfile.flatMap((instruction, index) =>
  instruction.keyword === 'FROM' ? [index] : [],
);
const buildStage = dockerfile.slice(fromIndexes[0], fromIndexes[1]);
const runtimeStage = dockerfile.slice(fromIndexes.at(-1));
const runtime = (keyword: string) => runtimeStage.filter((instruction) => instruction.keyword === keyword);
const runtimeEnv = new Map(runtime('ENV').flatMap((instruction) => [...keyValues(instruction.args)]));

// ---- .dockerignore, matched as the builder matches it ----

/**
 * The builder's rules (moby's patternmatcher): patterns are cleaned and relative to the context root, `*` and `?`
 * stay within a path segment, `**` spans any number of them, `!` re-includes, the last matching pattern wins, and a
 * pattern that matches a directory takes everything under it.
 */
function dockerignore(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).trim().replace(/^\/+/, '').replace(/\/+$/, '');
      let source = '';
      for (let index = 0; index < pattern.length; index++) {
        const char = pattern.charAt(index);
        if (char === '*' && pattern[index + 1] === '*') {
          index += 1;
          if (pattern[index + 1] === '/') index += 1;
          source += index + 1 >= pattern.length ? '.*' : '(?:.*/)?';
        } else if (char === '*') source += '[^/]*';
        else if (char === '?') source += '[^/]';
        else if (char === '\\' && index + 1 < pattern.length) source += `\\${pattern[++index]}`;
        else source += /[.+^${}()|[\]]/.test(char) ? `\\${char}` : char;
      }
      return { negated, regex: new RegExp(`^${source}$`) };
    });
  return (path) => {
    const segments = path.split('/');
    const candidates = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
    let excluded = false;
    for (const { negated, regex } of patterns)
      if (candidates.some((candidate) => regex.test(candidate))) excluded = !negated;
    return excluded;
  };
}

// ---- hadolint ----

function hadolintBinary(): string {
  return installedBinary('M365_HADOLINT_BIN', 'scripts/install-hadolint.sh');
}

interface Lint {
  code: number | null;
  stdout: string;
  stderr: string;
}

let configHome: string;

/** hadolint with the repository's settings on `text` (stdin), no user or machine config and no HADOLINT_* env. */
async function hadolint(text: string, format: 'tty' | 'json' = 'tty'): Promise<Lint> {
  const { exitCode, stdout, stderr } = await runTool(
    hadolintBinary(),
    ['--config', 'deploy/image/hadolint.yaml', '--no-color', '--format', format, '-'],
    {
      input: text,
      cwd: repoRoot,
      env: { PATH: '/usr/bin:/bin', HOME: configHome, XDG_CONFIG_HOME: configHome },
    },
  );
  return { code: exitCode, stdout, stderr };
}

/** Replaces exactly one occurrence, so a mutation that no longer applies fails the test instead of linting the original. */
function mutate(text: string, from: RegExp, to: string): string {
  expect(text.match(new RegExp(from.source, `${from.flags.replace('g', '')}g`))?.length, String(from)).toBe(
    1,
  );
  return text.replace(from, to);
}

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-image-'));
  configHome = join(workDir, 'empty-config-home');
  await mkdir(configHome);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('the Dockerfile', () => {
  it('passes hadolint with every rule on, and ignores a rule only inline with its reason', async () => {
    const lint = await hadolint(dockerfileText);
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.code).toBe(0);
    const settings = await readFile(join(repoRoot, 'deploy/image/hadolint.yaml'), 'utf8');
    expect(settings).not.toMatch(/^\s*(ignored|override|no-fail|disable-ignore-pragma)\s*:/m);
    expect(settings).toMatch(/^failure-threshold: info$/m);
    for (const root of ['.hadolint.yaml', '.hadolint.yml'])
      expect(existsSync(join(repoRoot, root))).toBe(false);
    const lines = dockerfileText.split('\n');
    lines.forEach((line, index) => {
      if (!/#\s*hadolint\s+ignore=/.test(line)) return;
      const reason = lines[index - 1] ?? '';
      expect(reason, `line ${index + 1} ignores a rule without a reason above it`).toMatch(/^\s*#\s*\S/);
      expect(reason).not.toMatch(/hadolint\s+ignore=/);
    });
  });

  // Each mutation breaks one property the image promises; hadolint must name the rule, so the lint can fail.
  it.each([
    ['an unpinned base image', /^FROM node:[^\s]+ AS build$/m, 'FROM node:latest AS build', 'DL3007'],
    [
      'a base image from outside Docker Hub',
      /^FROM node:([^\s]+)$/m,
      'FROM quay.io/someone/node:$1',
      'DL3026',
    ],
    ['root as the runtime user', /^USER 10001:10001$/m, 'USER root', 'DL3002'],
    ['a user name the host cannot resolve', /^USER 10001:10001$/m, 'USER m365', 'DL3066'],
    ['a shell-form entrypoint', /^ENTRYPOINT \[.*\]$/m, 'ENTRYPOINT node /app/dist/cli.js', 'DL3025'],
    [
      'a misspelt OCI label',
      /org\.opencontainers\.image\.licenses=/,
      'org.opencontainers.image.license=',
      'DL3049',
    ],
    ['a licence that is not SPDX', /licenses="Apache-2\.0"/, 'licenses="Apache 2"', 'DL3054'],
    ['a RUN that changes directory with cd', /^RUN pnpm fetch$/m, 'RUN cd /tmp && pnpm fetch', 'DL3003'],
  ])('refuses %s', async (_name, from, to, rule) => {
    const lint = await hadolint(mutate(dockerfileText, from, to), 'json');
    expect(lint.code).toBe(1);
    const findings = JSON.parse(lint.stdout) as Array<{ code: string }>;
    expect(findings.map((finding) => finding.code)).toContain(rule);
  });

  it('keeps the image contract: base, user, paths, port, entrypoint, command, environment, version', async () => {
    const froms = dockerfile.filter((instruction) => instruction.keyword === 'FROM');
    expect(froms).toHaveLength(2);
    const bases = froms.map((instruction) => instruction.args.split(/\s+/)[0]);
    // Official image, a full release pinned, slim, and both stages alike (the bundle runs on the Node it was built on).
    expect(bases[0]).toMatch(/^node:24\.\d+\.\d+-[a-z]+-slim$/);
    expect(bases[1]).toBe(bases[0]);
    expect(runtime('LABEL').map((l) => keyValues(l.args).get('org.opencontainers.image.base.name'))).toEqual([
      `docker.io/library/${bases[0]}`,
    ]);

    expect(runtime('USER').map((instruction) => instruction.args)).toEqual(['10001:10001']);
    expect(runtime('WORKDIR').map((instruction) => instruction.args)).toEqual(['/app']);
    expect(runtime('VOLUME').map((instruction) => execForm(instruction))).toEqual([['/var/lib/m365-otel']]);
    expect(runtime('EXPOSE').map((instruction) => instruction.args)).toEqual(['13134']);
    expect(execForm(runtime('ENTRYPOINT')[0])).toEqual(['node', '/app/dist/cli.js']);
    expect(execForm(runtime('CMD')[0])).toEqual(['run', '--config', '/etc/m365-otel/m365-otel.yaml']);
    const healthcheck = runtime('HEALTHCHECK');
    expect(healthcheck).toHaveLength(1);
    expect(execForm(healthcheck[0], 'CMD')).toEqual(['node', '/app/healthcheck.mjs']);
    // The state volume belongs to the runtime user, the USER comes after everything that needs root.
    const stateOwner = runtime('RUN').find((instruction) => instruction.args.includes('/var/lib/m365-otel'));
    if (stateOwner === undefined) throw new Error('no RUN of the runtime stage prepares /var/lib/m365-otel');
    expect(stateOwner.args).toMatch(/chown 10001:10001 \/var\/lib\/m365-otel/);
    expect(runtimeStage.findIndex((i) => i.keyword === 'USER')).toBeGreaterThan(
      runtimeStage.indexOf(stateOwner),
    );

    // The port the health check and EXPOSE name is the collector's default health endpoint's.
    const defaults = await readFile(join(repoRoot, 'apps/collector/src/config/defaults.ts'), 'utf8');
    expect(/HEALTH_DEFAULTS = \{[^}]*endpoint: '0\.0\.0\.0:(\d+)'/.exec(defaults)?.[1]).toBe('13134');
    const healthScript = await readFile(join(repoRoot, 'deploy/image/healthcheck.mjs'), 'utf8');
    expect(healthScript).toContain("'http://127.0.0.1:13134/healthz'");

    // ENV: production, and deploy/memory-lean.env's settings exactly.
    expect(runtimeEnv.get('NODE_ENV')).toBe('production');
    const lean = (await readFile(join(repoRoot, 'deploy/memory-lean.env'), 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(lean.length).toBeGreaterThan(0);
    for (const line of lean) {
      const [key = '', ...value] = line.split('=');
      expect(runtimeEnv.get(key), key).toBe(value.join('='));
    }

    // The version label's default is the collector's version (the chart's appVersion, the image tag).
    const manifest = JSON.parse(await readFile(join(repoRoot, 'apps/collector/package.json'), 'utf8')) as {
      version: string;
    };
    const args = new Map(runtime('ARG').flatMap((instruction) => [...keyValues(instruction.args)]));
    expect(args.get('VERSION')).toBe(manifest.version);
    const labels = new Map(runtime('LABEL').flatMap((instruction) => [...keyValues(instruction.args)]));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's build-argument reference, verbatim
    expect(labels.get('org.opencontainers.image.version')).toBe('${VERSION}');
  });
});

describe('what the Dockerfile copies', () => {
  it('is in the repository and sent by .dockerignore; the runtime stage copies what bundle.sh wrote', async () => {
    const ignored = dockerignore(await readFile(join(repoRoot, '.dockerignore'), 'utf8'));
    const copies = dockerfile.filter((instruction) => instruction.keyword === 'COPY');
    const fromContext = copies.filter((instruction) => !/--from=/.test(instruction.args));
    expect(fromContext.length).toBeGreaterThan(0);
    for (const copy of fromContext) {
      const words = copy.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      for (const source of words.slice(0, -1)) {
        expect(existsSync(join(repoRoot, source)), `COPY source ${source} (line ${copy.line})`).toBe(true);
        if (source !== '.') expect(ignored(source), `${source} is hidden by .dockerignore`).toBe(false);
      }
    }
    // The one COPY from the build stage takes the directory the build stage's bundle.sh wrote.
    const bundleRun = buildStage.find((instruction) => /deploy\/image\/bundle\.sh/.test(instruction.args));
    const bundleOut = /bash deploy\/image\/bundle\.sh (\S+)/.exec(bundleRun?.args ?? '')?.[1];
    expect(bundleOut).toBeDefined();
    expect(copies.filter((copy) => /--from=/.test(copy.args)).map((copy) => copy.args)).toEqual([
      `--from=build ${bundleOut} /app`,
    ]);
  });

  it('.dockerignore hides nothing git tracks but the Dockerfile and itself, and hides builds, caches and secrets', async () => {
    const ignored = dockerignore(await readFile(join(repoRoot, '.dockerignore'), 'utf8'));
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\0')
      .filter((file) => file !== '');
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked.filter(ignored).sort()).toEqual(['.dockerignore', 'Dockerfile']);
    for (const path of [
      '.git',
      'node_modules/.modules.yaml',
      'apps/collector/node_modules/yaml/package.json',
      'apps/collector/dist/cli.js',
      'packages/auth/tsconfig.build.tsbuildinfo',
      '.turbo/cache/x.tar.zst',
      '.cache/vitest-report.json',
      'm365-otel.yaml',
      '.env',
      'deploy/certs/tenant.pem',
    ])
      expect(ignored(path), path).toBe(true);
    // The matcher itself: a later `!` re-includes, and a pattern without ** stays in its directory.
    const sample = dockerignore('docs\n!docs/keep.md\n*.log\n');
    expect([sample('docs/a.md'), sample('docs/keep.md'), sample('a.log'), sample('sub/a.log')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});

describe('the bundle, started as the image starts it', () => {
  let bundleDir: string;
  let etcDir: string;
  let stateDir: string;
  let homeDir: string;
  let tmpDirOfProcess: string;
  let simulator: RunningSimulator;
  let sink: OtlpSink;

  /** An image path as this test lays the image out: /app, /etc/m365-otel and the state volume in the work dir. */
  function hostPath(imagePath: string): string {
    const mounts: Array<[string, string]> = [
      ['/app/', `${bundleDir}/`],
      ['/etc/m365-otel/', `${etcDir}/`],
      ['/var/lib/m365-otel', stateDir],
    ];
    for (const [image, host] of mounts)
      if (imagePath.startsWith(image)) return host + imagePath.slice(image.length);
    return imagePath;
  }

  /** A command of the image (exec form, `node` first) as a process here: this test's node, the image's ENV. */
  function imageProcess(command: string[], extraEnv: Record<string, string> = {}) {
    expect(command[0]).toBe('node');
    return spawn(process.execPath, command.slice(1).map(hostPath), {
      cwd: bundleDir,
      env: {
        ...Object.fromEntries(runtimeEnv),
        PATH: '/usr/bin:/bin',
        // Neither exists nor may come to exist: the image's root file system is read-only.
        HOME: homeDir,
        TMPDIR: tmpDirOfProcess,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  async function finished(child: ReturnType<typeof imageProcess>) {
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
      child.once('close', (exitCode, exitSignal) => done([exitCode, exitSignal])),
    );
    return { code, signal, output };
  }

  /** Every file and link of the bundle with its size and modification time, to show nothing was written there. */
  async function snapshot(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true });
    return Promise.all(
      entries.sort().map(async (entry) => {
        const info = await lstat(join(dir, entry));
        return `${entry} ${info.size} ${info.mtimeMs}`;
      }),
    );
  }

  const entrypoint = () => execForm(runtime('ENTRYPOINT')[0]);
  const cmd = () => execForm(runtime('CMD')[0]);
  const configPath = () => hostPath(cmd()[cmd().indexOf('--config') + 1] ?? '');

  beforeAll(async () => {
    // Outside the repository, so nothing resolves from the workspace's node_modules.
    bundleDir = join(workDir, 'app');
    etcDir = join(workDir, 'etc-m365-otel');
    stateDir = join(workDir, 'var-lib-m365-otel');
    homeDir = join(workDir, 'home-that-must-not-appear');
    tmpDirOfProcess = join(workDir, 'tmp');
    expect(relative(repoRoot, workDir).startsWith('..')).toBe(true);
    await Promise.all([mkdir(etcDir), mkdir(stateDir), mkdir(tmpDirOfProcess)]);
    await execFileAsync('bash', [join(repoRoot, 'deploy/image/bundle.sh'), bundleDir], {
      cwd: workDir,
      maxBuffer: 16 * 1024 * 1024,
    });
    [simulator, sink] = await Promise.all([
      startSimulator({ seed: 12, dataDir: join(workDir, 'simulator') }),
      startOtlpSink(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([simulator?.close(), sink?.close()]);
  });

  it('holds the collector, its production dependencies at the lockfile versions, and nothing outside itself', async () => {
    const realBundle = await realpath(bundleDir);
    const pnpmDir = join(bundleDir, 'node_modules/.pnpm');
    const packages = (await readdir(pnpmDir)).filter(
      (name) => name !== 'node_modules' && name !== 'lock.yaml',
    );
    const workspace = packages.filter((name) => name.startsWith('@m365-otel+'));
    const thirdParty = packages.filter((name) => !name.startsWith('@m365-otel+'));
    expect(workspace.length).toBeGreaterThan(5);
    // The workspace install holds the lockfile's packages; the bundle has no version of its own.
    for (const name of thirdParty)
      expect(
        existsSync(join(repoRoot, 'node_modules/.pnpm', name)),
        `${name} is not in the lockfile's install`,
      ).toBe(true);
    // Production only: the collector's dev dependencies (the simulator, test tools) stay out.
    for (const dev of ['simulator', 'otlp-sink', 'test-pki', 'source-hooks', 'tsconfig'])
      expect(workspace.some((name) => name.startsWith(`@m365-otel+${dev}@`))).toBe(false);
    // Relocatable: every link stays inside the bundle, so a copy of it (COPY --from) is complete, and no file names
    // the directory it was written to (the build stage's /bundle is /app in the image).
    for (const entry of await readdir(bundleDir, { recursive: true })) {
      const path = join(bundleDir, entry);
      const info = await lstat(path);
      if (info.isSymbolicLink()) {
        const target = await realpath(path);
        expect(target.startsWith(realBundle + sep), `${entry} -> ${target}`).toBe(true);
      } else if (info.isFile()) {
        expect((await readFile(path)).includes(bundleDir), `${entry} names ${bundleDir}`).toBe(false);
      }
    }
  });

  it('has what ENTRYPOINT, CMD and HEALTHCHECK run', async () => {
    const targets = [entrypoint()[1], execForm(runtime('HEALTHCHECK')[0], 'CMD')[1]];
    for (const target of targets) {
      if (target === undefined) throw new Error('ENTRYPOINT or HEALTHCHECK names no script');
      expect(target.startsWith('/app/')).toBe(true);
      expect((await stat(hostPath(target))).isFile(), target).toBe(true);
    }
    expect(cmd()[0]).toBe('run');
  });

  it('validates a config, then runs until ready, stays healthy, stops on SIGTERM and writes only its state', async () => {
    const healthPort = await freePort();
    await writeCollectorConfig(configPath(), [
      ...simulatorTenantYaml(simulator, CLIENT_SECRET_FROM_ENV),
      `state: { directory: ${stateDir} }`,
      `health: { enabled: true, endpoint: 127.0.0.1:${healthPort} }`,
      `export: { otlp: { endpoint: ${sink.url} } }`,
    ]);
    const secret = { M365_CLIENT_SECRET: simulator.clientSecret };
    const healthUrl = { M365_OTEL_HEALTHCHECK_URL: `http://127.0.0.1:${healthPort}/healthz` };
    const healthcheck = () => finished(imageProcess(execForm(runtime('HEALTHCHECK')[0], 'CMD'), healthUrl));
    const before = await snapshot(bundleDir);

    const validate = await finished(
      imageProcess([...entrypoint(), 'validate', '--config', configPath()], secret),
    );
    expect(validate.output).toContain(': valid');
    expect(validate.code).toBe(0);

    // Nothing listens yet: the health check fails, so it can.
    const early = await healthcheck();
    expect(early.code).toBe(1);
    expect(early.output).toContain('ECONNREFUSED');

    const collector = imageProcess([...entrypoint(), ...cmd()], secret);
    const run = finished(collector);
    let report: { status?: string; tenants?: Array<{ sources: Array<{ status: string }> }> } = {};
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${healthPort}/readyz`).catch(() => undefined);
      if (response !== undefined) report = (await response.json()) as typeof report;
      const sources = report.tenants?.flatMap((tenant) => tenant.sources) ?? [];
      if (
        report.status === 'ready' &&
        sources.length > 0 &&
        sources.every((source) => source.status === 'ok')
      )
        break;
      if (collector.exitCode !== null || Date.now() > deadline) {
        collector.kill('SIGKILL');
        throw new Error(`not ready: ${JSON.stringify(report)}\n${(await run).output}`);
      }
      await sleep(250);
    }
    const healthy = await healthcheck();
    expect(healthy.output).toBe('');
    expect(healthy.code).toBe(0);

    collector.kill('SIGTERM');
    const stopped = await run;
    expect(stopped.signal, stopped.output).toBeNull();
    expect(stopped.code, stopped.output).toBe(0);
    expect(sink.requests.some((request) => request.path === '/v1/metrics' && request.status === 200)).toBe(
      true,
    );
    expect((await healthcheck()).code).toBe(1);

    // Written: the state directory only. The bundle (the image's /app), HOME and TMPDIR are as they were.
    expect(await snapshot(bundleDir)).toEqual(before);
    expect(existsSync(homeDir)).toBe(false);
    expect(await readdir(tmpDirOfProcess)).toEqual([]);
    expect((await readdir(stateDir)).length).toBeGreaterThan(0);
  });
});
