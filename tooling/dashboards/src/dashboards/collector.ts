// The collector itself: how fresh each source of each tenant is, its requests to Microsoft (by API and status, the
// retries and the time it waited on throttling), the OTLP exports, and the failures of reports, polls and state.
// Its counters carry the collector's Resource (job, instance), not a tenant: they cover every tenant of a process.
import type { Dashboard } from '@grafana/schema';
import {
  ATTR_M365_REPORT_NAME,
  ATTR_M365OTEL_API,
  ATTR_M365OTEL_GOVERNANCE_SIGNAL,
  ATTR_M365OTEL_HTTP_RETRY_REASON,
  ATTR_M365OTEL_HTTP_STATUS_CLASS,
  ATTR_M365OTEL_OUTCOME,
  ATTR_M365OTEL_RECORD_SOURCE,
  ATTR_M365OTEL_SIGNAL,
  ATTR_M365OTEL_STATE_OPERATION,
  METRIC_M365OTEL_EXPORT_BUFFERED,
  METRIC_M365OTEL_EXPORT_DROPPED,
  METRIC_M365OTEL_EXPORT_REJECTED,
  METRIC_M365OTEL_EXPORT_REQUESTS,
  METRIC_M365OTEL_GOVERNANCE_POLLS,
  METRIC_M365OTEL_HTTP_REQUESTS,
  METRIC_M365OTEL_HTTP_RETRIES,
  METRIC_M365OTEL_HTTP_THROTTLE_WAIT,
  METRIC_M365OTEL_RECORDS,
  METRIC_M365OTEL_REPORT_FETCHES,
  METRIC_M365OTEL_SERVICE_HEALTH_POLLS,
  METRIC_M365OTEL_SOURCE_LAST_SUCCESS,
  METRIC_M365OTEL_SOURCE_STALENESS,
  METRIC_M365OTEL_STATE_COMMIT_FAILURES,
  METRIC_M365OTEL_STATE_ERRORS,
} from '@m365-otel/mappers';
import { dashboard } from '../grafana.ts';
import { attributesOf, by, grouped, rateBy, select, sumBy } from '../promql.ts';

const HOUR = 3600;

export const collectorDashboard: Dashboard = dashboard({
  uid: 'm365-collector',
  title: 'm365-otel collector',
  description:
    "The m365-otel collector's own metrics: the freshness of each source of each tenant, its requests to Microsoft by API and status with retries and throttling waits, its OTLP exports, and failed reports, polls and state writes.",
  from: 'now-6h',
  items: [
    { kind: 'row', title: 'Sources' },
    {
      kind: 'table',
      title: 'Source staleness',
      description:
        'How old the newest data each source delivered is (m365otel.source.staleness): for reports the freshest report day, for an audit stream its lag behind Microsoft, for the others the time since their last successful poll.',
      queries: [
        {
          expr: `max ${by(METRIC_M365OTEL_SOURCE_STALENESS, attributesOf(METRIC_M365OTEL_SOURCE_STALENESS))} (${select(METRIC_M365OTEL_SOURCE_STALENESS)})`,
        },
      ],
      unit: 'dtdurations',
      width: 12,
      height: 10,
    },
    {
      kind: 'table',
      title: 'Time since each source last succeeded',
      description:
        'Since each source last succeeded in full in this process (m365otel.source.last_success): every report read, the poll delivered and committed.',
      queries: [
        {
          expr: `time() - max ${by(METRIC_M365OTEL_SOURCE_LAST_SUCCESS, attributesOf(METRIC_M365OTEL_SOURCE_LAST_SUCCESS))} (${select(METRIC_M365OTEL_SOURCE_LAST_SUCCESS)})`,
        },
      ],
      unit: 'dtdurations',
      thresholds: [
        [HOUR, 'orange'],
        [6 * HOUR, 'red'],
      ],
      width: 12,
      height: 10,
    },
    { kind: 'row', title: 'Requests to Microsoft' },
    {
      kind: 'timeseries',
      title: 'HTTP requests by API and status',
      description:
        'Requests to Microsoft per second, each attempt counted, by API and status class (m365otel.http.requests).',
      queries: [
        grouped(rateBy, METRIC_M365OTEL_HTTP_REQUESTS, [ATTR_M365OTEL_API, ATTR_M365OTEL_HTTP_STATUS_CLASS]),
      ],
      unit: 'reqps',
      width: 12,
    },
    {
      kind: 'timeseries',
      title: 'Retries by API and reason',
      description:
        'Requests sent again after a failed attempt, per second, by API and reason (m365otel.http.retries).',
      queries: [
        grouped(rateBy, METRIC_M365OTEL_HTTP_RETRIES, [ATTR_M365OTEL_API, ATTR_M365OTEL_HTTP_RETRY_REASON]),
      ],
      unit: 'reqps',
      noValue: '0',
      width: 6,
    },
    {
      kind: 'timeseries',
      title: 'Throttle waits',
      description:
        'Seconds per second spent waiting because Microsoft throttled the collector (Retry-After), by API (m365otel.http.throttle_wait).',
      queries: [grouped(rateBy, METRIC_M365OTEL_HTTP_THROTTLE_WAIT, [ATTR_M365OTEL_API])],
      unit: 'percentunit',
      noValue: '0',
      width: 6,
    },
    {
      kind: 'timeseries',
      title: 'Report downloads and polls that failed',
      description:
        'Failed report downloads by report (m365otel.report.fetches), service-health polls (m365otel.service_health.polls) and governance polls by signal (m365otel.governance.polls), per second.',
      queries: [
        grouped(rateBy, METRIC_M365OTEL_REPORT_FETCHES, [ATTR_M365_REPORT_NAME], {
          where: { [ATTR_M365OTEL_OUTCOME]: 'failure' },
        }),
        {
          expr: rateBy(METRIC_M365OTEL_SERVICE_HEALTH_POLLS, [], {
            where: { [ATTR_M365OTEL_OUTCOME]: 'failure' },
          }),
          legend: 'service health',
        },
        grouped(rateBy, METRIC_M365OTEL_GOVERNANCE_POLLS, [ATTR_M365OTEL_GOVERNANCE_SIGNAL], {
          where: { [ATTR_M365OTEL_OUTCOME]: 'failure' },
        }),
      ],
      noValue: '0',
      width: 12,
    },
    {
      kind: 'timeseries',
      title: 'Records processed',
      description:
        'Audit, governance and per-entity report log records acknowledged by the backend, and call records read, per second (m365otel.records).',
      queries: [grouped(rateBy, METRIC_M365OTEL_RECORDS, [ATTR_M365OTEL_RECORD_SOURCE])],
      width: 12,
    },
    { kind: 'row', title: 'Export and state' },
    {
      kind: 'timeseries',
      title: 'OTLP export requests',
      description: 'Export requests per second by signal and outcome (m365otel.export.requests).',
      queries: [
        grouped(rateBy, METRIC_M365OTEL_EXPORT_REQUESTS, [ATTR_M365OTEL_SIGNAL, ATTR_M365OTEL_OUTCOME]),
      ],
      unit: 'reqps',
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'Export buffer',
      description:
        'Bytes held in the export buffer awaiting a retry, by signal (m365otel.export.buffered); 0 while the backend takes everything.',
      queries: [grouped(sumBy, METRIC_M365OTEL_EXPORT_BUFFERED, [ATTR_M365OTEL_SIGNAL])],
      unit: 'bytes',
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'Items dropped or rejected',
      description:
        'Items dropped while the export buffer was full (m365otel.export.dropped; read again later) and items the backend rejected (m365otel.export.rejected), per second.',
      queries: [
        grouped(rateBy, METRIC_M365OTEL_EXPORT_DROPPED, [ATTR_M365OTEL_SIGNAL], { legendPrefix: 'dropped' }),
        grouped(rateBy, METRIC_M365OTEL_EXPORT_REJECTED, [ATTR_M365OTEL_SIGNAL], {
          legendPrefix: 'rejected',
        }),
      ],
      noValue: '0',
      width: 8,
    },
    {
      kind: 'timeseries',
      title: 'State errors',
      description:
        'State file reads and writes that failed, and corrupt files quarantined (m365otel.state.errors), and checkpoints that could not be committed (m365otel.state.commit_failures), per second.',
      queries: [
        grouped(rateBy, METRIC_M365OTEL_STATE_ERRORS, [ATTR_M365OTEL_STATE_OPERATION]),
        { expr: rateBy(METRIC_M365OTEL_STATE_COMMIT_FAILURES, []), legend: 'commit failures' },
      ],
      noValue: '0',
      width: 24,
    },
  ],
});
