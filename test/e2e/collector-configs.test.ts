import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateOtelcolConfig } from '@m365-otel/otelcol';
import { createTestPki } from '@m365-otel/test-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS_PAGE,
  EXAMPLE_ENV,
  envReferences,
  exampleEnv,
  exampleFiles as listExampleFiles,
  repoRoot,
} from './support/examples.js';
import { collectorConfig } from './support/otelcol.js';

/** A page shows an example file between `<!-- file PATH -->` and `<!-- /file -->`, as a fenced block. */
const FILE_BLOCK = /<!-- file (\S+) -->\n```\w*\n([\s\S]*?)```\n<!-- \/file -->/g;

const exampleFiles = await listExampleFiles();
/** README.md and every page under docs/: wherever one shows an example, it must show it as it is. */
const pages = [
  'README.md',
  ...(await readdir(join(repoRoot, 'docs')))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];

const pki = await createTestPki();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'm365-otelcol-configs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  pki.cleanup();
});

describe("every Collector config the repo ships or documents passes the real Collector's validate", () => {
  it.each(exampleFiles)('%s', async (file) => {
    const env = exampleEnv(await readFile(join(repoRoot, file), 'utf8'));
    const outcome = await validateOtelcolConfig(join(repoRoot, file), env);
    expect(outcome.stderr).toBe('');
    expect(outcome.exitCode).toBe(0);
  });

  it('an example whose variable is unset fails, so the values above are what makes them pass', async () => {
    const file = join(repoRoot, 'docs/examples/otelcol-sidecar.yaml');
    const env = exampleEnv(await readFile(file, 'utf8'));
    const outcome = await validateOtelcolConfig(file, { ...env, OTLP_BACKEND_ENDPOINT: '' });
    expect(outcome.exitCode).not.toBe(0);
    expect(outcome.stderr).toContain('exporters::otlp_http: at least one endpoint must be specified');
  });

  it.each([
    ['to VictoriaMetrics and a file', {}],
    ['to Prometheus as well', { prometheusWriteUrl: 'http://127.0.0.1:9090/api/v1/write' }],
    ['with metrics to the debug exporter', { metricsOtlpBaseUrl: undefined }],
    [
      'behind TLS and a bearer token',
      {
        guard: {
          serverCertPem: pki.serverCertPem,
          serverKeyPem: pki.serverKeyPem,
          bearerToken: 'validate-only',
        },
      },
    ],
  ])("the end-to-end tests' config, %s", async (name, setup) => {
    const file = join(dir, `${name.replaceAll(' ', '-')}.yaml`);
    const config = collectorConfig({
      metricsOtlpBaseUrl: 'http://127.0.0.1:8428/opentelemetry',
      httpPort: 4318,
      grpcPort: 4317,
      logsFile: join(dir, 'logs.json'),
      ...setup,
    });
    await writeFile(file, JSON.stringify(config));
    const outcome = await validateOtelcolConfig(file);
    expect(outcome.stderr).toBe('');
    expect(outcome.exitCode).toBe(0);
  });

  it(`${BACKENDS_PAGE} shows every example file, verbatim, and names each variable it reads`, async () => {
    const page = await readFile(join(repoRoot, BACKENDS_PAGE), 'utf8');
    const shown = new Map([...page.matchAll(FILE_BLOCK)].map(([, path, text]) => [path, text]));
    expect([...shown.keys()].sort()).toEqual(exampleFiles);
    for (const file of exampleFiles) {
      const text = await readFile(join(repoRoot, file), 'utf8');
      expect(shown.get(file), `${file} as ${BACKENDS_PAGE} shows it`).toBe(text);
      // Outside the shown file: the prose says what the variable holds.
      const prose = page.replaceAll(FILE_BLOCK, '');
      for (const name of envReferences(text)) expect(prose, `${file} reads ${name}`).toContain(`\`${name}\``);
    }
    expect(Object.keys(EXAMPLE_ENV).sort()).toEqual(
      [
        ...new Set(
          (
            await Promise.all(
              exampleFiles.map(async (file) => envReferences(await readFile(join(repoRoot, file), 'utf8'))),
            )
          ).flat(),
        ),
      ].sort(),
    );
  });

  it.each(pages)('%s shows an example only as it is', async (page) => {
    const text = await readFile(join(repoRoot, page), 'utf8');
    for (const [, path = '', shown] of text.matchAll(FILE_BLOCK)) {
      expect(exampleFiles, `${page} shows ${path}`).toContain(path);
      expect(shown, `${path} as ${page} shows it`).toBe(await readFile(join(repoRoot, path), 'utf8'));
    }
  });
});
