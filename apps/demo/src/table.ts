import { severityOf } from '@m365-otel/collector';
import {
  ATTR_M365_SERVICE_ID,
  ATTR_M365_SERVICE_ISSUE_CHANGE,
  ATTR_M365_SERVICE_ISSUE_ID,
  ATTR_M365_SERVICE_ISSUE_STATUS,
  ATTR_M365_SERVICE_MESSAGE_CATEGORY,
  ATTR_M365_SERVICE_MESSAGE_CHANGE,
  ATTR_M365_SERVICE_MESSAGE_ID,
  ATTR_M365_SERVICE_NAME,
  ATTR_M365_SERVICE_STATUS,
  type EventRecord,
  METRIC_CATALOG,
  METRIC_M365_SERVICE_STATUS,
  type MetricObservation,
  METRIC_M365_REPORT_AGE as REPORT_AGE_METRIC,
  type ReportSnapshot,
  reportAgeSeconds,
} from '@m365-otel/mappers';
import type { OpenIssue } from './open-issues.js';

/**
 * The demo's view of one tenant's snapshots: every enabled observation (metric | attributes | value | unit |
 * report day) in catalog order, then each report's age. Same data the OTLP export carries, laid out for a terminal.
 */
export function renderSnapshotTables(
  snapshots: readonly ReportSnapshot[],
  enabledMetrics: ReadonlySet<string>,
  nowMs: number,
): string {
  const units = new Map(METRIC_CATALOG.map((metric) => [metric.name, metric.unit]));
  const order = new Map(METRIC_CATALOG.map((metric, index) => [metric.name, index]));
  const rows = snapshots
    .flatMap((snapshot) =>
      snapshot.observations
        .filter((observation) => enabledMetrics.has(observation.metric))
        .map((observation) => ({ observation, reportDate: snapshot.reportDate ?? '-' })),
    )
    .sort(
      (a, b) =>
        (order.get(a.observation.metric) ?? 0) - (order.get(b.observation.metric) ?? 0) ||
        formatAttributes(a.observation.attributes).localeCompare(formatAttributes(b.observation.attributes)),
    )
    .map(({ observation, reportDate }) => [
      observation.metric,
      formatAttributes(observation.attributes),
      String(observation.value),
      units.get(observation.metric) ?? '',
      reportDate,
    ]);
  const metrics =
    rows.length > 0
      ? table(['metric', 'attributes', 'value', 'unit', 'report day'], rows, [2])
      : '(no observations: every report failed or no metric is enabled)\n';
  if (!enabledMetrics.has(REPORT_AGE_METRIC)) return metrics;
  const ages = snapshots.map((snapshot) => {
    if (snapshot.reportDate === undefined)
      return [snapshot.report, '-', 'unknown (no report day in the data)'];
    const seconds = reportAgeSeconds(snapshot.reportDate, nowMs);
    return [
      snapshot.report,
      snapshot.reportDate,
      `${Math.round(seconds)} s (${(seconds / 3600).toFixed(1)} h)`,
    ];
  });
  return `${metrics}\nReport ages (${REPORT_AGE_METRIC}):\n${table(['report', 'report day', 'age'], ages, [])}`;
}

/**
 * Service health as an administrator scans it: how many services are operational, the ones that are not (with
 * their status), and the open issues. The services come from the status gauges the collector exports (the one
 * series at 1 per service); shown as gauges they would be 18 rows per service.
 */
export function renderServiceHealth(
  observations: readonly MetricObservation[] | undefined,
  openIssues: readonly OpenIssue[],
): string {
  if (!observations) return 'Service health: no successful poll yet (details in the log on stderr)\n';
  const services = observations
    .filter((observation) => observation.metric === METRIC_M365_SERVICE_STATUS && observation.value === 1)
    .map(({ attributes }) => ({
      service: attributes[ATTR_M365_SERVICE_NAME] ?? '-',
      id: attributes[ATTR_M365_SERVICE_ID] ?? '-',
      status: attributes[ATTR_M365_SERVICE_STATUS] ?? '-',
    }));
  const others = services.filter((service) => service.status !== 'serviceOperational');
  let text = `Service health: ${services.length - others.length} of ${services.length} services operational\n`;
  if (others.length > 0) {
    text += table(
      ['service', 'id', 'status'],
      others.map((service) => [service.service, service.id, service.status]),
      [],
    );
  }
  if (openIssues.length === 0) return `${text}No open issues\n`;
  return `${text}\nOpen issues (${openIssues.length}):\n${table(
    ['issue', 'service', 'feature', 'classification', 'status', 'title'],
    openIssues.map((issue) => [
      issue.id,
      issue.service,
      issue.feature ?? '-',
      issue.classification,
      issue.status,
      issue.title,
    ]),
    [],
  )}`;
}

const CHANGE_ATTRIBUTES = [ATTR_M365_SERVICE_ISSUE_CHANGE, ATTR_M365_SERVICE_MESSAGE_CHANGE];
const ID_ATTRIBUTES = [ATTR_M365_SERVICE_ISSUE_ID, ATTR_M365_SERVICE_MESSAGE_ID];
const STATUS_ATTRIBUTES = [ATTR_M365_SERVICE_ISSUE_STATUS, ATTR_M365_SERVICE_MESSAGE_CATEGORY];

/** The events a poll sent (as log records over OTLP), one line each, oldest change first. */
export function renderEvents(events: readonly EventRecord[]): string {
  if (events.length === 0) return 'Events: none (nothing changed since the last poll)\n';
  const first = (event: EventRecord, names: readonly string[]) =>
    String(names.map((name) => event.attributes[name]).find((value) => value !== undefined) ?? '-');
  const rows = [...events]
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
    .map((event) => [
      event.timestamp,
      severityOf(event).text,
      event.eventName,
      first(event, CHANGE_ATTRIBUTES),
      first(event, ID_ATTRIBUTES),
      first(event, STATUS_ATTRIBUTES),
      String(event.body.title ?? ''),
    ]);
  return `Events (${events.length}):\n${table(['time', 'severity', 'event', 'change', 'id', 'status/category', 'title'], rows, [])}`;
}

function formatAttributes(attributes: Readonly<Record<string, string>>): string {
  const entries = Object.entries(attributes);
  return entries.length === 0 ? '-' : entries.map(([key, value]) => `${key}=${value}`).join(', ');
}

/** A plain-text table with a header rule; columns listed in rightAligned are right-aligned (numbers). */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: readonly number[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return rightAligned.includes(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(' | ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  return `${[line(header), rule, ...rows.map(line)].join('\n')}\n`;
}
