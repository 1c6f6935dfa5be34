import { utcDayStartMs } from './cells.js';

/**
 * m365.report.age: collection time minus 00:00 UTC of the reported day, in seconds. Left negative when the
 * report day lies ahead of the clock, so clock skew shows instead of hiding behind a 0.
 */
export function reportAgeSeconds(reportDate: string, nowMs: number): number {
  const dayStartMs = utcDayStartMs(reportDate);
  if (dayStartMs === undefined)
    throw new RangeError(`report date ${JSON.stringify(reportDate)} is not a YYYY-MM-DD day`);
  return (nowMs - dayStartMs) / 1000;
}
