import { readFile } from 'node:fs/promises';
import { repositoryPath } from '@m365-otel/codegen';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DASHBOARDS, panelsOf } from '../src/index.ts';

// docs/dashboards.md describes the dashboards panel by panel and shows the provisioning examples: these tests keep
// it true to what is shipped.

const DOC = 'docs/dashboards.md';
const doc = await readFile(repositoryPath(DOC), 'utf8');
const PROVISIONING = {
  datasources: 'deploy/grafana/provisioning/datasources/m365-otel.yaml',
  dashboards: 'deploy/grafana/provisioning/dashboards/m365-otel.yaml',
} as const;

describe(DOC, () => {
  it.each(DASHBOARDS.map((dashboard) => [dashboard.uid, dashboard] as const))(
    'names %s by its file and uid, and each of its panels by title',
    (uid, dashboard) => {
      expect(doc).toContain(`| \`${uid}.json\` | \`${uid}\` |`);
      const missing = panelsOf(dashboard)
        .filter((panel) => panel.type !== 'row')
        .map((panel) => panel.title ?? '')
        .filter((title) => !doc.replaceAll('\n', ' ').includes(`*${title}*`));
      expect(missing).toEqual([]);
    },
  );

  it.each(Object.values(PROVISIONING))('shows %s as committed', async (path) => {
    const content = await readFile(repositoryPath(path), 'utf8');
    expect(doc).toContain(`<!-- file ${path} -->\n\`\`\`yaml\n${content}\`\`\`\n<!-- end file -->`);
  });
});

describe('the provisioning examples', () => {
  it('provision a Prometheus data source whose scrape interval is the collector export interval', async () => {
    const file = parse(await readFile(repositoryPath(PROVISIONING.datasources), 'utf8'));
    expect(file.apiVersion).toBe(1);
    expect(file.datasources).toHaveLength(1);
    expect(file.datasources[0]).toMatchObject({
      type: 'prometheus',
      access: 'proxy',
      jsonData: { timeInterval: '60s' },
    });
  });

  it('load the dashboards from files into one folder', async () => {
    const file = parse(await readFile(repositoryPath(PROVISIONING.dashboards), 'utf8'));
    expect(file.apiVersion).toBe(1);
    expect(file.providers).toEqual([
      expect.objectContaining({
        type: 'file',
        folderUid: 'm365-otel',
        options: expect.objectContaining({ path: expect.any(String) }),
      }),
    ]);
  });
});
