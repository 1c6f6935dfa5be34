import { REPORT_PERIODS, type ReportPeriod } from '@m365-otel/graph-reports';
import { addDays, daysBetween } from './days.js';

/** Microsoft keeps 28 days of daily data: what the first run of report-date mode exports, read with D30. */
export const BACKFILL_DAYS = 28;
export const BACKFILL_PERIOD: ReportPeriod = 'D30';

export function periodDays(period: ReportPeriod): number {
  return Number(period.slice(1));
}

export interface PeriodNeed {
  /** reports.period: never asked for less. */
  configured: ReportPeriod;
  /** The oldest newest-day over the report's series; undefined on the first run. */
  oldestNewest: string | undefined;
  refetchDays: number;
  /** Today (UTC): the Report Refresh Date is never later, so a period reaching back from today reaches far enough. */
  today: string;
}

/**
 * The period a daily report is read with in report-date mode: the backfill period on the first run, and later the
 * shortest period (at least the configured one) whose days reach back to the oldest day still to read, which is the
 * refetch window of the series that lags most; after a long pause that is longer than the configured period, up to
 * D180. `reaches` is false when even D180 does not reach back that far (the days before it are lost).
 */
export function reportDatePeriod(need: PeriodNeed): { period: ReportPeriod; reaches: boolean } {
  const least = periodDays(need.configured);
  if (need.oldestNewest === undefined) {
    const period = periodDays(BACKFILL_PERIOD) >= least ? BACKFILL_PERIOD : need.configured;
    return { period, reaches: true };
  }
  const oldestWanted = addDays(need.oldestNewest, 1 - need.refetchDays);
  const span = daysBetween(oldestWanted, need.today) + 1;
  const period = REPORT_PERIODS.find((candidate) => {
    const days = periodDays(candidate);
    return days >= least && days >= span;
  });
  return period === undefined
    ? { period: REPORT_PERIODS[REPORT_PERIODS.length - 1] as ReportPeriod, reaches: false }
    : { period, reaches: true };
}
