import {
  METRIC_NAMES,
  type MetricObservation,
  type ReportMapping,
  type ReportSnapshot,
} from '@m365-otel/mappers';
import type { SeriesMark } from './high-water.js';

/**
 * What the collector remembers of one tenant's report between runs: the Report Refresh Date and ETag of the last
 * answer whose points and log records the backend acknowledged (so an unchanged report is neither downloaded nor sent
 * again after a restart), what that answer was read for, what the export needs of it without the download
 * (`snapshot`), and in report-date mode the high-water mark of every series. Report-date mode keeps it under
 * `<tenant id>/reports/<report>`, latest mode under `<tenant id>/reports-latest/<report>`, so switching modes reads
 * the report again rather than taking the other mode's marks for its own.
 */
export interface ReportState {
  refreshDate: string | undefined;
  etag: string | undefined;
  /**
   * The metrics (and log records) the report was read for: when the configuration asks for more, the report is read
   * again even though Microsoft did not refresh it.
   */
  selection: string;
  marks: ReadonlyMap<string, SeriesMark>;
  /** Absent in states written before it was kept: the report is then read once more. */
  snapshot?: StoredSnapshot;
}

/**
 * What the export takes from a report's snapshot besides the day points: its report day (`m365.report.age`), whether
 * its names were concealed (the names_concealed fallback) and, in latest mode, the gauges of that day. Small: the
 * observations are bounded metrics, never one per entity.
 */
export interface StoredSnapshot {
  reportDate: string | undefined;
  concealedNames: boolean | undefined;
  observations: readonly MetricObservation[];
}

const SHAPE =
  '{"refreshDate": "YYYY-MM-DD", "etag": "...", "selection": "...", "series": {series: {"newest": "YYYY-MM-DD", "sent": {day: number}}}, "snapshot": {"reportDate": "YYYY-MM-DD", "concealedNames": boolean, "observations": [{"metric": "...", "attributes": {name: "value"}, "value": number}]}}';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const METRICS: ReadonlySet<string> = new Set(METRIC_NAMES);

export function reportStateKey(tenantId: string, report: string): string {
  return `${tenantId}/reports/${report}`;
}

export function latestReportStateKey(tenantId: string, report: string): string {
  return `${tenantId}/reports-latest/${report}`;
}

/** What a report is read for: its enabled metrics, in catalog order, and its log records when details are on. */
export function selectionOf(mapping: ReportMapping, enabled: ReadonlySet<string>, details: boolean): string {
  const metrics = mapping.metrics.filter((metric) => enabled.has(metric)).join(',');
  return details ? `${metrics};details` : metrics;
}

/** What to keep of a snapshot; `observations` only where the export re-sends them (latest mode). */
export function storedSnapshot(snapshot: ReportSnapshot, observations: boolean): StoredSnapshot {
  return {
    reportDate: snapshot.reportDate,
    concealedNames: snapshot.concealedNames,
    observations: observations ? snapshot.observations : [],
  };
}

/** A stored snapshot as the snapshot store holds one: no rows behind it, so no days and no problems. */
export function restoredSnapshot(
  report: string,
  state: Pick<ReportState, 'refreshDate'> & { snapshot: StoredSnapshot },
): ReportSnapshot {
  return {
    report,
    reportDate: state.snapshot.reportDate,
    observations: [...state.snapshot.observations],
    refreshDate: state.refreshDate,
    days: [],
    concealedNames: state.snapshot.concealedNames,
    rejectedRows: 0,
    problems: [],
  };
}

/** undefined = nothing stored yet (the first run). Throws a precise error for anything the collector did not write. */
export function parseReportState(value: unknown, key: string): ReportState | undefined {
  if (value === undefined) return undefined;
  const fail = (reason: string): never => {
    throw new Error(`state ${key}: ${reason}; expected ${SHAPE}`);
  };
  if (!isRecord(value)) return fail('not a JSON object');
  const optionalText = (field: 'refreshDate' | 'etag'): string | undefined => {
    const text = value[field];
    if (text === undefined) return undefined;
    return typeof text === 'string' ? text : fail(`"${field}" is not a string`);
  };
  if (typeof value.selection !== 'string') return fail('"selection" is not a string');
  if (!isRecord(value.series)) return fail('"series" is not an object');
  const marks = new Map<string, SeriesMark>();
  for (const [series, mark] of Object.entries(value.series)) {
    if (!isRecord(mark) || typeof mark.newest !== 'string' || !DAY.test(mark.newest) || !isRecord(mark.sent))
      return fail(`"series.${series}" is not {"newest": "YYYY-MM-DD", "sent": {...}}`);
    const sent: Record<string, number> = {};
    for (const [day, sentValue] of Object.entries(mark.sent)) {
      if (!DAY.test(day) || typeof sentValue !== 'number')
        return fail(`"series.${series}.sent.${day}" is not a number of a YYYY-MM-DD day`);
      sent[day] = sentValue;
    }
    marks.set(series, { newest: mark.newest, sent });
  }
  const snapshot = value.snapshot === undefined ? undefined : parseSnapshot(value.snapshot, fail);
  return {
    refreshDate: optionalText('refreshDate'),
    etag: optionalText('etag'),
    selection: value.selection,
    marks,
    ...(snapshot && { snapshot }),
  };
}

function parseSnapshot(value: unknown, fail: (reason: string) => never): StoredSnapshot {
  if (!isRecord(value)) return fail('"snapshot" is not an object');
  const { reportDate, concealedNames, observations } = value;
  if (reportDate !== undefined && (typeof reportDate !== 'string' || !DAY.test(reportDate)))
    return fail('"snapshot.reportDate" is not a YYYY-MM-DD day');
  if (concealedNames !== undefined && typeof concealedNames !== 'boolean')
    return fail('"snapshot.concealedNames" is not a boolean');
  if (!Array.isArray(observations)) return fail('"snapshot.observations" is not a list');
  return {
    reportDate,
    concealedNames,
    observations: observations.map((observation, index) => {
      if (
        !isRecord(observation) ||
        typeof observation.metric !== 'string' ||
        !METRICS.has(observation.metric) ||
        typeof observation.value !== 'number' ||
        !isRecord(observation.attributes) ||
        !Object.values(observation.attributes).every((attribute) => typeof attribute === 'string')
      )
        return fail(`"snapshot.observations[${index}]" is not an observation of a known metric`);
      return observation as unknown as MetricObservation;
    }),
  };
}

export function serializeReportState(state: ReportState): Record<string, unknown> {
  return {
    ...(state.refreshDate !== undefined && { refreshDate: state.refreshDate }),
    ...(state.etag !== undefined && { etag: state.etag }),
    selection: state.selection,
    series: Object.fromEntries(state.marks),
    ...(state.snapshot && {
      snapshot: {
        ...(state.snapshot.reportDate !== undefined && { reportDate: state.snapshot.reportDate }),
        ...(state.snapshot.concealedNames !== undefined && { concealedNames: state.snapshot.concealedNames }),
        observations: state.snapshot.observations,
      },
    }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
