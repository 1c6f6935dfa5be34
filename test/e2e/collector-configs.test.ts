import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateOtelcolConfig } from '@m365-otel/otelcol';
import { createTestPki } from '@m365-otel/test-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorConfig } from './support/otelcol.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const examplesDir = 'docs/examples';
/** The README shows an example file between `<!-- file PATH -->` and `<!-- /file -->`, as a fenced block. */
const FILE_BLOCK = /<!-- file (\S+) -->\n```\w*\n([\s\S]*?)```\n<!-- \/file -->/g;

const exampleFiles = (await readdir(join(repoRoot, examplesDir)))
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => `${examplesDir}/${file}`);

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
    const outcome = await validateOtelcolConfig(join(repoRoot, file));
    expect(outcome.stderr).toBe('');
    expect(outcome.exitCode).toBe(0);
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

  it('the README shows every example file, verbatim', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const shown = new Map([...readme.matchAll(FILE_BLOCK)].map(([, path, text]) => [path, text]));
    expect([...shown.keys()].sort()).toEqual(exampleFiles);
    for (const file of exampleFiles) {
      expect(shown.get(file), `${file} as README.md shows it`).toBe(
        await readFile(join(repoRoot, file), 'utf8'),
      );
    }
  });
});
