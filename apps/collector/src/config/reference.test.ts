import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseConfig } from './load.js';
import { REGENERATE_REFERENCE_COMMAND, renderConfigDoc, renderJsonSchema } from './reference.js';

const root = new URL('../../../../', import.meta.url);

describe('the generated config reference', () => {
  it.each([
    ['docs/config.md', renderConfigDoc],
    ['m365-otel.schema.json', renderJsonSchema],
  ])('%s matches the schema', async (file, render) => {
    const committed = await readFile(new URL(file, root), 'utf8');
    expect(
      committed,
      `${file} is out of date with apps/collector/src/config/schema.ts: run \`${REGENERATE_REFERENCE_COMMAND}\``,
    ).toBe(render());
  });

  it('documents every key the schema accepts, endpoints.management included', () => {
    const doc = renderConfigDoc();
    for (const key of [
      'log.level',
      'tenants[].endpoints.management',
      'tenants[].tls.caFile',
      'reports.interval',
      'serviceHealth.exclude.features',
      'export.otlp.protocol',
      'state.directory',
    ])
      expect(doc).toContain(`| \`${key}\` |`);
    expect(doc).toContain('from 1m to 7d');
  });

  it('gives editors a closed, draft-07 schema', () => {
    const schema = JSON.parse(renderJsonSchema());
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['tenants']);
  });
});

describe("the README's configuration example", () => {
  async function readmeExample(): Promise<string> {
    const readme = await readFile(new URL('README.md', root), 'utf8');
    const section = readme.slice(readme.indexOf('### Configuration'));
    return /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  }

  it('is a valid config that points editors at the schema', async () => {
    const example = await readmeExample();
    expect(example).toMatch(/^# yaml-language-server: \$schema=\S*m365-otel\.schema\.json\n/);
    const config = parseConfig(example, {
      env: { M365_CLIENT_SECRET: 'x' },
      baseDir: tmpdir(),
      label: 'README',
    });
    expect(config.tenants).toHaveLength(1);
  });

  it('passes the JSON Schema an editor checks it with, which refuses an unknown key', async () => {
    const editor = z.fromJSONSchema(JSON.parse(renderJsonSchema()));
    const example = parse(await readmeExample());
    expect(editor.safeParse(example).success).toBe(true);
    expect(editor.safeParse({ ...example, report: {} }).success).toBe(false);
  });
});

describe("the README's Workload Identity example", () => {
  it('is a valid tenant signing in with the token file the webhook names', async () => {
    const readme = await readFile(new URL('README.md', root), 'utf8');
    const section = readme.slice(readme.indexOf('### Azure Workload Identity (Kubernetes)'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const dir = await mkdtemp(join(tmpdir(), 'm365-otel-readme-wi-'));
    try {
      const tokenFile = join(dir, 'azure-identity-token');
      await writeFile(tokenFile, 'header.claims.signature\n');
      const config = parseConfig(example, {
        env: { AZURE_FEDERATED_TOKEN_FILE: tokenFile },
        baseDir: dir,
        label: 'README',
      });
      expect(config.tenants[0]?.credential).toEqual({ kind: 'workloadIdentity', tokenFile });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
