import { REPORT_CATALOG, type ReportName } from '@m365-otel/report-catalog';
import { metrics } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import {
  ATTR_M365_EMAIL_ACTION,
  ATTR_M365_REPORT_NAME,
  ATTR_M365_SERVICE_ID,
  ATTR_M365_SERVICE_NAME,
  ATTR_M365_SERVICE_STATUS,
  ATTR_M365OTEL_OUTCOME,
  METRIC_CATALOG,
  METRIC_M365_EMAIL_MESSAGES,
  METRIC_M365_SERVICE_STATUS,
  METRIC_M365OTEL_REPORT_FETCHES,
  METRIC_NAMES,
  METRICS_ENABLED_BY_DEFAULT,
} from './generated/catalog.js';
import { REPORT_MAPPINGS } from './mappings.js';
import { createSelfMetricRecorder } from './self-metrics.js';
import { observation } from './series.js';
import type { ReportMapping } from './types.js';

const produces = (mapping: ReportMapping, metric: string) =>
  (mapping.metrics as readonly string[]).includes(metric);

/** The columns a report's rows are dated by; every daily-counts or per-entity mapping reads one. */
const DATE_COLUMNS = ['Report Date', 'Report Refresh Date'];

describe('METRIC_CATALOG and the report mappings', () => {
  it('has every metric read from a report produced by exactly that report, and no other metric mapped', () => {
    for (const metric of METRIC_CATALOG) {
      const producers = REPORT_MAPPINGS.filter((mapping) => produces(mapping, metric.name));
      const report = metric.source?.kind === 'report' ? metric.source.report : undefined;
      expect(
        producers.map((mapping) => mapping.report),
        metric.name,
      ).toEqual(report === undefined ? [] : [report]);
    }
  });

  it('has each mapping read exactly the columns its metrics name as their source, besides the dates', () => {
    for (const mapping of REPORT_MAPPINGS) {
      const documented = METRIC_CATALOG.filter((metric) => produces(mapping, metric.name)).flatMap(
        (metric) => (metric.source?.kind === 'report' ? metric.source.columns : []),
      );
      const read = mapping.columns.filter((column) => !DATE_COLUMNS.includes(column));
      expect(new Set(read), mapping.report).toEqual(new Set(documented));
      const header = REPORT_CATALOG[mapping.report].columns;
      expect(
        mapping.columns.filter((column) => !header.includes(column)),
        mapping.report,
      ).toEqual([]);
      expect(mapping.columns, mapping.report).toEqual(expect.arrayContaining([...mapping.requiredColumns]));
    }
  });

  it('maps every counts and summary report of the report catalog, and gives each per-entity report a metric and an event', () => {
    for (const definition of Object.values(REPORT_CATALOG)) {
      const mapping = REPORT_MAPPINGS.find((candidate) => candidate.report === definition.name);
      expect(mapping?.metrics.length ?? 0, definition.name).toBeGreaterThan(0);
      if (definition.shape === 'per-entity') expect(mapping?.eventName, definition.name).toBeDefined();
    }
  });

  it('turns on no retired report by default', () => {
    for (const metric of METRIC_CATALOG) {
      if (metric.source?.kind !== 'report') continue;
      const retired = REPORT_CATALOG[metric.source.report as ReportName].retired === true;
      if (retired) expect(metric.enabledByDefault, metric.name).toBe(false);
    }
  });

  it('gives the config a switch per metric with its default', () => {
    expect(METRIC_NAMES).toEqual(METRIC_CATALOG.map((metric) => metric.name));
    expect(Object.entries(METRICS_ENABLED_BY_DEFAULT)).toEqual(
      METRIC_CATALOG.map((metric) => [metric.name, metric.enabledByDefault]),
    );
  });
});

describe('the typed recorders', () => {
  it('build an observation of a catalog metric with its attribute set', () => {
    expect(observation(METRIC_M365_EMAIL_MESSAGES, { [ATTR_M365_EMAIL_ACTION]: 'sent' }, 3)).toEqual({
      metric: 'm365.email.messages',
      attributes: { 'm365.email.action': 'sent' },
      value: 3,
    });
  });

  it('create every self-metric counter and add to it', () => {
    const record = createSelfMetricRecorder(metrics.getMeter('test'));
    expect(() =>
      record(METRIC_M365OTEL_REPORT_FETCHES, 1, {
        [ATTR_M365_REPORT_NAME]: 'getEmailActivityCounts',
        [ATTR_M365OTEL_OUTCOME]: 'success',
      }),
    ).not.toThrow();
  });
});

/**
 * Never called: typecheck (`pnpm lint`) fails when one of these lines compiles, since an unused @ts-expect-error is
 * an error. A wrong metric, attribute or enum value is caught before anything runs.
 */
export function wrongNamesDoNotCompile(): void {
  // @ts-expect-error: no such metric in the catalog
  observation('m365.email.sent', {}, 1);
  observation(
    METRIC_M365_EMAIL_MESSAGES,
    {
      [ATTR_M365_EMAIL_ACTION]: 'sent',
      // @ts-expect-error: m365.mailbox.state is not an attribute of m365.email.messages
      'm365.mailbox.state': 'active',
    },
    1,
  );
  // @ts-expect-error: forwarded is not a value of m365.email.action
  observation(METRIC_M365_EMAIL_MESSAGES, { [ATTR_M365_EMAIL_ACTION]: 'forwarded' }, 1);
  // @ts-expect-error: the attribute set misses m365.email.action
  observation(METRIC_M365_EMAIL_MESSAGES, {}, 1);
  observation(
    METRIC_M365_SERVICE_STATUS,
    {
      [ATTR_M365_SERVICE_NAME]: 'Exchange Online',
      [ATTR_M365_SERVICE_ID]: 'Exchange',
      // @ts-expect-error: an extensible enum takes a listed value, or one Microsoft sent (sentValue), not a typo
      [ATTR_M365_SERVICE_STATUS]: 'serviceOperatonal',
    },
    1,
  );
  const record = createSelfMetricRecorder(metrics.getMeter('test'));
  record(METRIC_M365OTEL_REPORT_FETCHES, 1, {
    [ATTR_M365_REPORT_NAME]: 'getEmailActivityCounts',
    // @ts-expect-error: exported is an outcome of events, not of report fetches
    [ATTR_M365OTEL_OUTCOME]: 'exported',
  });
  record(METRIC_M365OTEL_REPORT_FETCHES, 1, {
    // @ts-expect-error: not a report function of the report catalog
    [ATTR_M365_REPORT_NAME]: 'getTeamsActivity',
    [ATTR_M365OTEL_OUTCOME]: 'success',
  });
}
