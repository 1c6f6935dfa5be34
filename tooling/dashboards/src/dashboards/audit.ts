// Audit log: the records m365-otel read from the Office 365 Management Activity API per content type, workload and
// result, how far each content type's stream lags, and what the collector skipped or de-duplicated. Metrics only:
// the records themselves are OTLP log records, which a logs backend (Loki, Elasticsearch) shows with its own panels.
import type { Dashboard } from '@grafana/schema';
import {
  ATTR_M365_AUDIT_CONTENT_TYPE,
  ATTR_M365_AUDIT_RESULT,
  ATTR_M365_AUDIT_WORKLOAD,
  ATTR_M365OTEL_AUDIT_SKIP_REASON,
  ATTR_M365OTEL_SOURCE,
  METRIC_M365_AUDIT_EVENT_LAG,
  METRIC_M365_AUDIT_LISTING_LAG,
  METRIC_M365_AUDIT_RECORDS,
  METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED,
  METRIC_M365OTEL_AUDIT_DUPLICATES,
  METRIC_M365OTEL_AUDIT_RECORDS_SKIPPED,
  METRIC_M365OTEL_AUDIT_RETENTION_LOST,
  METRIC_M365OTEL_AUDIT_THROTTLES,
  METRIC_M365OTEL_SOURCE_STALENESS,
} from '@m365-otel/mappers';
import { dashboard } from '../grafana.ts';
import { by, grouped, increaseBy, legend, quantileBy, rateBy, select } from '../promql.ts';

const HOUR = 3600;

export const auditDashboard: Dashboard = dashboard({
  uid: 'm365-audit',
  title: 'Microsoft 365 audit log',
  description:
    "The unified audit log as m365-otel reads it from the Office 365 Management Activity API: records per content type, workload and result, each stream's lag, and what the collector skipped. The records themselves are OTLP log records for a logs backend.",
  from: 'now-24h',
  items: [
    { kind: 'row', title: 'Records' },
    {
      kind: 'stat',
      title: 'Records in the range',
      description:
        'Audit records delivered in the time range, by content type (m365.audit.records); a duplicate Id is counted once.',
      queries: [grouped(increaseBy, METRIC_M365_AUDIT_RECORDS, [ATTR_M365_AUDIT_CONTENT_TYPE])],
      baseColor: 'blue',
      width: 24,
      height: 5,
    },
    {
      kind: 'timeseries',
      title: 'Records per content type',
      description: 'Audit records delivered per second, by content type (m365.audit.records).',
      queries: [grouped(rateBy, METRIC_M365_AUDIT_RECORDS, [ATTR_M365_AUDIT_CONTENT_TYPE])],
      stack: true,
      width: 12,
    },
    {
      kind: 'timeseries',
      title: 'Records per workload',
      description: "Audit records delivered per second, by the record's Workload (m365.audit.records).",
      queries: [grouped(rateBy, METRIC_M365_AUDIT_RECORDS, [ATTR_M365_AUDIT_WORKLOAD])],
      stack: true,
      width: 12,
    },
    {
      kind: 'timeseries',
      title: 'Failed operations',
      description:
        'The share of audit records whose result is failure (failed operations and sign-ins with a LogonError), by content type (m365.audit.records).',
      queries: [
        {
          expr: `${rateBy(METRIC_M365_AUDIT_RECORDS, [ATTR_M365_AUDIT_CONTENT_TYPE], {
            where: { [ATTR_M365_AUDIT_RESULT]: 'failure' },
          })} / ${rateBy(METRIC_M365_AUDIT_RECORDS, [ATTR_M365_AUDIT_CONTENT_TYPE])}`,
          legend: legend(METRIC_M365_AUDIT_RECORDS, ATTR_M365_AUDIT_CONTENT_TYPE),
        },
      ],
      unit: 'percentunit',
      width: 12,
    },
    {
      kind: 'timeseries',
      title: 'Records by result',
      description: 'Audit records delivered per second, by result (m365.audit.records).',
      queries: [grouped(rateBy, METRIC_M365_AUDIT_RECORDS, [ATTR_M365_AUDIT_RESULT])],
      stack: true,
      width: 12,
    },
    { kind: 'row', title: 'Lag' },
    {
      kind: 'bargauge',
      title: 'Stream lag per content type',
      description:
        "How far each content type's stream lags behind: the listing's time minus the newest contentCreated read (m365.audit.listing.lag).",
      queries: [
        {
          expr: `max ${by(METRIC_M365_AUDIT_LISTING_LAG, [ATTR_M365_AUDIT_CONTENT_TYPE])} (${select(METRIC_M365_AUDIT_LISTING_LAG)})`,
          legend: legend(METRIC_M365_AUDIT_LISTING_LAG, ATTR_M365_AUDIT_CONTENT_TYPE),
        },
      ],
      unit: 'dtdurations',
      thresholds: [
        [HOUR, 'orange'],
        [6 * HOUR, 'red'],
      ],
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'Publication lag (95th and 50th percentile)',
      description:
        "How long Microsoft took to publish records: their blob's contentCreated minus their CreationTime (m365.audit.event.lag), per content type.",
      queries: [
        {
          expr: quantileBy(0.95, METRIC_M365_AUDIT_EVENT_LAG, [ATTR_M365_AUDIT_CONTENT_TYPE]),
          legend: `p95 ${legend(METRIC_M365_AUDIT_EVENT_LAG, ATTR_M365_AUDIT_CONTENT_TYPE)}`,
        },
        {
          expr: quantileBy(0.5, METRIC_M365_AUDIT_EVENT_LAG, [ATTR_M365_AUDIT_CONTENT_TYPE]),
          legend: `p50 ${legend(METRIC_M365_AUDIT_EVENT_LAG, ATTR_M365_AUDIT_CONTENT_TYPE)}`,
        },
      ],
      unit: 's',
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'Stream staleness',
      description:
        "The lag of each audit stream's high-water mark behind Microsoft's clock, as the collector's health endpoint judges it (m365otel.source.staleness, source audit).",
      queries: [
        {
          expr: `max ${by(METRIC_M365OTEL_SOURCE_STALENESS, [ATTR_M365_AUDIT_CONTENT_TYPE])} (${select(
            METRIC_M365OTEL_SOURCE_STALENESS,
            {
              where: { [ATTR_M365OTEL_SOURCE]: 'audit' },
            },
          )})`,
          legend: legend(METRIC_M365OTEL_SOURCE_STALENESS, ATTR_M365_AUDIT_CONTENT_TYPE),
        },
      ],
      unit: 's',
      width: 8,
    },
    { kind: 'row', title: 'Collector (all tenants of a collector: these counters carry no tenant)' },
    {
      kind: 'timeseries',
      title: 'Duplicates dropped',
      description:
        'Records whose Id was already delivered, dropped per second by content type (m365otel.audit.duplicates): Microsoft re-publishes some records in later blobs.',
      queries: [grouped(rateBy, METRIC_M365OTEL_AUDIT_DUPLICATES, [ATTR_M365_AUDIT_CONTENT_TYPE])],
      noValue: '0',
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'Blobs and records skipped',
      description:
        'Content blobs skipped (expired, not found, malformed: m365otel.audit.blobs_skipped) and records skipped as unreadable (m365otel.audit.records_skipped), per second.',
      queries: [
        grouped(
          rateBy,
          METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED,
          [ATTR_M365_AUDIT_CONTENT_TYPE, ATTR_M365OTEL_AUDIT_SKIP_REASON],
          { legendPrefix: 'blobs' },
        ),
        grouped(rateBy, METRIC_M365OTEL_AUDIT_RECORDS_SKIPPED, [ATTR_M365_AUDIT_CONTENT_TYPE], {
          legendPrefix: 'records',
        }),
      ],
      noValue: '0',
      width: 8,
    },
    {
      kind: 'stat',
      title: 'Throttled and lost to retention',
      description:
        "Management Activity API throttling answers (m365otel.audit.throttles) and seconds of audit log that aged out of Microsoft's retention before they were read (m365otel.audit.retention_lost) in the time range.",
      queries: [
        {
          expr: increaseBy(METRIC_M365OTEL_AUDIT_THROTTLES, []),
          legend: 'throttled',
        },
        {
          expr: increaseBy(METRIC_M365OTEL_AUDIT_RETENTION_LOST, []),
          legend: 'seconds lost',
        },
      ],
      noValue: '0',
      thresholds: [[1, 'red']],
      width: 8,
    },
  ],
});
