import {
  REPORT_CATALOG,
  REPORT_PERIODS,
  type ReportDefinition,
  type ReportName,
  type ReportPeriod,
} from '@m365-otel/report-catalog';
import { epochDay, parseDay } from './dates.js';

export { REPORT_PERIODS, type ReportName, type ReportPeriod };

export function isReportPeriod(value: unknown): value is ReportPeriod {
  return (REPORT_PERIODS as readonly unknown[]).includes(value);
}

export function periodDays(period: ReportPeriod): number {
  return Number(period.slice(1));
}

/**
 * What a report request asks for: a period ending on the refresh day, one day (reports that accept `date=`), or
 * nothing (the parameterless activation reports).
 */
export type ReportQuery = { period: ReportPeriod } | { date: string } | Record<string, never>;

/** A parsed query: `day` is the epoch day of a date query. */
export type ResolvedQuery =
  | { kind: 'period'; days: number }
  | { kind: 'date'; day: number }
  | { kind: 'none' };

/** The report calendar at one instant: data ends on the refresh day, two days behind today (UTC). */
export interface ReportCalendar {
  today: number;
  refreshDay: number;
}

export function reportCalendar(now: Date): ReportCalendar {
  const today = epochDay(now);
  return { today, refreshDay: today - 2 };
}

/**
 * `date=` accepts the 28 days that have data (refresh day - 27 .. refresh day) and the not-yet-processed days up to
 * today, which give a header-only file, as Microsoft answers for days without data.
 */
export function dateWindow(calendar: ReportCalendar): { first: number; last: number } {
  return { first: calendar.refreshDay - 27, last: calendar.today };
}

export type QueryResolution =
  | { ok: true; query: ResolvedQuery }
  | { ok: false; problem: 'unsupported' }
  | { ok: false; problem: 'date-outside-window'; date: string };

/** A query as it arrives from a URL or JSON, before its period is known to be valid; {} = no parameters. */
export type RawReportQuery = { period: string } | { date: string } | Record<string, never>;

/** Checks a query against what the report's function takes and the date window. */
export function resolveQuery(
  report: ReportName,
  query: RawReportQuery,
  calendar: ReportCalendar,
): QueryResolution {
  const definition: ReportDefinition = REPORT_CATALOG[report];
  if (definition.parameters === 'none') {
    return 'period' in query || 'date' in query
      ? { ok: false, problem: 'unsupported' }
      : { ok: true, query: { kind: 'none' } };
  }
  if ('period' in query && typeof query.period === 'string') {
    return isReportPeriod(query.period)
      ? { ok: true, query: { kind: 'period', days: periodDays(query.period) } }
      : { ok: false, problem: 'unsupported' };
  }
  if (!('date' in query) || typeof query.date !== 'string') return { ok: false, problem: 'unsupported' };
  const day = parseDay(query.date);
  if (!definition.acceptsDate || day === undefined) return { ok: false, problem: 'unsupported' };
  const window = dateWindow(calendar);
  if (day < window.first || day > window.last)
    return { ok: false, problem: 'date-outside-window', date: query.date };
  return { ok: true, query: { kind: 'date', day } };
}

/** The report days of a period, newest first. */
export function periodReportDays(refreshDay: number, days: number): number[] {
  return Array.from({ length: days }, (_, offset) => refreshDay - offset);
}
