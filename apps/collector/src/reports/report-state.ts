import type { SeriesMark } from './high-water.js';

/**
 * What report-date mode remembers of one tenant's report between runs, stored under `<tenant id>/reports/<report>`:
 * the Report Refresh Date and ETag of the last answer whose points the backend acknowledged (so an unchanged report
 * is not downloaded again), what that answer was read for, and the high-water mark of every series.
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
}

const SHAPE =
  '{"refreshDate": "YYYY-MM-DD", "etag": "...", "selection": "...", "series": {series: {"newest": "YYYY-MM-DD", "sent": {day: number}}}}';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function reportStateKey(tenantId: string, report: string): string {
  return `${tenantId}/reports/${report}`;
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
  return {
    refreshDate: optionalText('refreshDate'),
    etag: optionalText('etag'),
    selection: value.selection,
    marks,
  };
}

export function serializeReportState(state: ReportState): Record<string, unknown> {
  return {
    ...(state.refreshDate !== undefined && { refreshDate: state.refreshDate }),
    ...(state.etag !== undefined && { etag: state.etag }),
    selection: state.selection,
    series: Object.fromEntries(state.marks),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
