import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG } from './catalog.js';
import { REGENERATE_DOCS_COMMAND, renderMetricsDoc } from './docs.js';

describe('renderMetricsDoc', () => {
  it('matches the committed docs/metrics.md', async () => {
    const committed = await readFile(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');
    expect(
      committed,
      `docs/metrics.md is out of date with the metric catalog: run \`${REGENERATE_DOCS_COMMAND}\` from the repository root`,
    ).toBe(renderMetricsDoc());
  });

  it('lists a metric that is off by default under Optional Metrics, with the snippet that enables it', () => {
    const [first, ...rest] = METRIC_CATALOG;
    if (first === undefined) throw new Error('the catalog is empty');
    const doc = renderMetricsDoc([{ ...first, enabledByDefault: false }, ...rest]);
    const optional = doc.slice(doc.indexOf('## Optional Metrics'), doc.indexOf('## Resource Attributes'));
    expect(optional).toContain(`### ${first.name}\n`);
    expect(optional).toContain('    enabled: true\n');
    expect(optional).not.toContain('None at present.');
    expect(doc.slice(0, doc.indexOf('## Optional Metrics'))).not.toContain(`### ${first.name}\n`);
  });

  it('escapes pipes inside table cells', () => {
    const [first] = METRIC_CATALOG;
    if (first === undefined) throw new Error('the catalog is empty');
    const doc = renderMetricsDoc([{ ...first, unit: '{a|b}' }]);
    expect(doc).toContain('| {a\\|b} | Gauge | Int | Development |');
  });
});
