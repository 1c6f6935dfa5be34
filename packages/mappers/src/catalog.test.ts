import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG, REPORT_AGE_METRIC, REPORT_NAMES } from './catalog.js';
import { REPORT_MAPPINGS } from './mappings.js';

const METRIC_NAME = /^m365\.[a-z0-9_]+(\.[a-z0-9_]+)+$/;
const UCUM_UNIT = /^(By|s|\{[a-z_]+\})$/;
const metricNames = METRIC_CATALOG.map((metric) => metric.name);

describe('METRIC_CATALOG', () => {
  it('has unique metric names', () => {
    expect(new Set(metricNames).size).toBe(metricNames.length);
  });

  it.each(METRIC_CATALOG.map((metric) => [metric.name, metric] as const))(
    '%s follows the naming rules',
    (name, metric) => {
      expect(name).toMatch(METRIC_NAME);
      expect(name).not.toMatch(/[._]total($|[._])/);
      expect(metric.unit).toMatch(UCUM_UNIT);
      expect(metric.description.length).toBeGreaterThan(0);

      const attributeNames = metric.attributes.map((attribute) => attribute.name);
      expect(new Set(attributeNames).size).toBe(attributeNames.length);
      for (const attribute of metric.attributes) {
        expect(attribute.name).toMatch(METRIC_NAME);
        expect(metricNames).not.toContain(attribute.name);
        expect(attribute.values?.length).toBeGreaterThan(0);
        expect(new Set(attribute.values).size).toBe(attribute.values?.length);
      }
    },
  );

  it('gives an attribute shared by several metrics one definition', () => {
    const byName = new Map<string, unknown>();
    for (const attribute of METRIC_CATALOG.flatMap((metric) => metric.attributes)) {
      expect(byName.get(attribute.name) ?? attribute).toEqual(attribute);
      byName.set(attribute.name, attribute);
    }
  });

  it('has every metric produced by exactly one report mapping, except the computed report age', () => {
    for (const name of metricNames) {
      const producers = REPORT_MAPPINGS.filter((mapping) => mapping.metrics.includes(name));
      expect(producers.length, name).toBe(name === REPORT_AGE_METRIC ? 0 : 1);
    }
    expect(
      REPORT_MAPPINGS.flatMap((mapping) => mapping.metrics).every((name) => metricNames.includes(name)),
    ).toBe(true);
  });

  it("agrees with the mappings on each metric's source report and columns", () => {
    const dateColumns = ['Report Date', 'Report Refresh Date'];
    for (const mapping of REPORT_MAPPINGS) {
      const sources = METRIC_CATALOG.filter((metric) => mapping.metrics.includes(metric.name)).map(
        (metric) => metric.source,
      );
      expect(sources.every((source) => source.report === mapping.report)).toBe(true);
      const documented = sources.map((source) => source.columns).join(', ');
      for (const column of mapping.requiredColumns.filter((name) => !dateColumns.includes(name))) {
        expect(documented, mapping.report).toContain(column);
      }
    }
  });

  it('names every report function of the issue once in m365.report.name, mapped or not', () => {
    const reportAge = METRIC_CATALOG.find((metric) => metric.name === REPORT_AGE_METRIC);
    expect(reportAge?.attributes.map((attribute) => attribute.values)).toEqual([REPORT_NAMES]);
    expect(
      REPORT_MAPPINGS.every((mapping) => (REPORT_NAMES as readonly string[]).includes(mapping.report)),
    ).toBe(true);
  });
});
