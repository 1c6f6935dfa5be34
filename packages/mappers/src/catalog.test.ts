import { describe, expect, it } from 'vitest';
import {
  EVENT_CATALOG,
  METRIC_CATALOG,
  type MetricAttributeDefinition,
  REPORT_AGE_METRIC,
  REPORT_NAMES,
  SERVICE_HEALTH_METRICS,
} from './catalog.js';
import { REPORT_MAPPINGS } from './mappings.js';

const METRIC_NAME = /^m365\.[a-z0-9_]+(\.[a-z0-9_]+)+$/;
const UCUM_UNIT = /^(1|By|s|\{[a-z_]+\})$/;
const metricNames = METRIC_CATALOG.map((metric) => metric.name);

/** Free-form attributes have no values; an enum has at least one value, each once. */
function expectValuesWellFormed(attribute: MetricAttributeDefinition): void {
  if (attribute.values === undefined) return;
  expect(attribute.values.length).toBeGreaterThan(0);
  expect(new Set(attribute.values).size).toBe(attribute.values.length);
}

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
        expectValuesWellFormed(attribute);
        // Only a state metric's own state attribute may bear a metric's name (as k8s.pod.status.phase does).
        const namesake = METRIC_CATALOG.find((candidate) => candidate.name === attribute.name);
        if (namesake !== undefined) expect(namesake.stateAttribute).toBe(attribute.name);
      }
    },
  );

  it('gives each state metric an enum attribute of its own as its state attribute', () => {
    for (const metric of METRIC_CATALOG.filter((candidate) => candidate.stateAttribute !== undefined)) {
      const state = metric.attributes.find((attribute) => attribute.name === metric.stateAttribute);
      expect(state?.values, metric.name).toBeDefined();
      expect(metric.unit, metric.name).toBe('1');
    }
  });

  it('gives an attribute shared by several metrics one definition', () => {
    const byName = new Map<string, unknown>();
    for (const attribute of METRIC_CATALOG.flatMap((metric) => metric.attributes)) {
      expect(byName.get(attribute.name) ?? attribute).toEqual(attribute);
      byName.set(attribute.name, attribute);
    }
  });

  it('has every metric produced by exactly one report mapping, except report age and service health', () => {
    for (const { name, source } of METRIC_CATALOG) {
      const producers = REPORT_MAPPINGS.filter((mapping) => mapping.metrics.includes(name));
      const mapped = name !== REPORT_AGE_METRIC && !SERVICE_HEALTH_METRICS.includes(name);
      expect(producers.length, name).toBe(mapped ? 1 : 0);
      if (mapped) expect('report' in source, name).toBe(true);
    }
    expect(SERVICE_HEALTH_METRICS.every((name) => metricNames.includes(name))).toBe(true);
    expect(
      REPORT_MAPPINGS.flatMap((mapping) => mapping.metrics).every((name) => metricNames.includes(name)),
    ).toBe(true);
  });

  it("agrees with the mappings on each metric's source report and columns", () => {
    const dateColumns = ['Report Date', 'Report Refresh Date'];
    for (const mapping of REPORT_MAPPINGS) {
      const sources = METRIC_CATALOG.filter((metric) => mapping.metrics.includes(metric.name)).flatMap(
        (metric) => ('report' in metric.source ? [metric.source] : []),
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

describe('EVENT_CATALOG', () => {
  it.each(EVENT_CATALOG.map((event) => [event.name, event] as const))(
    '%s follows the naming rules',
    (name, event) => {
      expect(name).toMatch(METRIC_NAME);
      expect(metricNames).not.toContain(name);
      const attributeNames = event.attributes.map((attribute) => attribute.name);
      expect(new Set(attributeNames).size).toBe(attributeNames.length);
      for (const attribute of event.attributes) {
        expect(attribute.name).toMatch(METRIC_NAME);
        expect(metricNames).not.toContain(attribute.name);
        expectValuesWellFormed(attribute);
        if (attribute.type === 'boolean') expect(attribute.values).toBeUndefined();
      }
      const fields = event.body.map((field) => field.name);
      expect(new Set(fields).size).toBe(fields.length);
    },
  );

  it('defines an attribute that metrics use too exactly as the metrics do', () => {
    const metricAttributes = new Map(
      METRIC_CATALOG.flatMap((metric) => metric.attributes).map((attribute) => [attribute.name, attribute]),
    );
    for (const { type: _type, presence: _presence, ...attribute } of EVENT_CATALOG.flatMap(
      (event) => event.attributes,
    )) {
      expect(metricAttributes.get(attribute.name) ?? attribute).toEqual(attribute);
    }
  });
});
