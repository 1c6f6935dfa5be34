import type { MetricObservation, ReportDay } from '@m365-otel/mappers';
import { addDays } from './days.js';

/**
 * What was exported of one series (a metric and its attribute set) in report-date mode: the newest report day
 * sent, and the value sent on each day of the refetch window that ends there (older days are never looked at
 * again, so they are not kept).
 */
export interface SeriesMark {
  newest: string;
  sent: Readonly<Record<string, number>>;
}

export type SeriesMarks = ReadonlyMap<string, SeriesMark>;

/** A point to export: an observation and the report day it describes. */
export interface DayPoint extends MetricObservation {
  day: string;
}

/** A day already exported whose value Microsoft changed since: counted and logged, never sent again. */
export interface Revision {
  series: string;
  day: string;
  sent: number;
  now: number;
}

export interface ExportPlan {
  /** The (series, day) points to export, oldest day first. */
  send: DayPoint[];
  revisions: Revision[];
  /** The marks once `send` is acknowledged; the marks given stay as they were until then. */
  next: Map<string, SeriesMark>;
}

export interface PlanOptions {
  /** How many of a series' newest days are read again: a day among them that was never sent is sent once it has a value. */
  refetchDays: number;
  /**
   * The oldest day a series with no mark yet is exported from (the backfill): older days of the answer are left
   * out. Without it every day of the answer is exported.
   */
  backfillFrom?: string;
}

/**
 * Decides which points of a report's days go out, per series: a day newer than the newest sent; a day within the
 * refetch window that was never sent (Microsoft left its cell empty until now); nothing else. A day within the
 * window sent before with another value is a revision. Each (series, day) is therefore exported at most once, which
 * a backend that refuses a second sample at a timestamp (Prometheus) needs, and what was sent is never forgotten
 * before it leaves the window.
 */
export function planExport(marks: SeriesMarks, days: readonly ReportDay[], options: PlanOptions): ExportPlan {
  const send: DayPoint[] = [];
  const revisions: Revision[] = [];
  const next = new Map(marks);
  const ordered = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const { date, observations } of ordered) {
    for (const observation of observations) {
      const series = seriesKey(observation.metric, observation.attributes);
      const mark = marks.get(series);
      const verdict = judge(mark, date, observation.value, options);
      if (verdict === 'skip') continue;
      if (verdict === 'revised') {
        revisions.push({ series, day: date, sent: mark?.sent[date] ?? Number.NaN, now: observation.value });
        continue;
      }
      send.push({ ...observation, day: date });
      next.set(series, advance(next.get(series), date, observation.value, options.refetchDays));
    }
  }
  return { send, revisions, next };
}

function judge(
  mark: SeriesMark | undefined,
  day: string,
  value: number,
  options: PlanOptions,
): 'send' | 'revised' | 'skip' {
  if (mark === undefined)
    return options.backfillFrom !== undefined && day < options.backfillFrom ? 'skip' : 'send';
  if (day > mark.newest) return 'send';
  if (day <= addDays(mark.newest, -options.refetchDays)) return 'skip';
  const sent = mark.sent[day];
  if (sent === undefined) return 'send';
  return sent === value ? 'skip' : 'revised';
}

/** The mark after sending `value` for `day`: newest moves forward, and days that left the window are dropped. */
function advance(mark: SeriesMark | undefined, day: string, value: number, refetchDays: number): SeriesMark {
  const newest = mark === undefined || day > mark.newest ? day : mark.newest;
  const oldestKept = addDays(newest, -refetchDays);
  const sent: Record<string, number> = {};
  for (const [sentDay, sentValue] of Object.entries(mark?.sent ?? {}))
    if (sentDay > oldestKept) sent[sentDay] = sentValue;
  sent[day] = value;
  return { newest, sent };
}

/** The oldest newest-day over every series, or undefined without marks: where the next read must reach back to. */
export function oldestNewest(marks: SeriesMarks): string | undefined {
  let oldest: string | undefined;
  for (const { newest } of marks.values()) if (oldest === undefined || newest < oldest) oldest = newest;
  return oldest;
}

/** A series' identity in the state: the metric and its attributes in key order, e.g. `m365.email.messages{"m365.email.action":"sent"}`. */
export function seriesKey(metric: string, attributes: Readonly<Record<string, string>>): string {
  const sorted = Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${metric}${JSON.stringify(sorted)}`;
}
