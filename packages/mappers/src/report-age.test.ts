import { describe, expect, it } from 'vitest';
import { reportAgeSeconds } from './report-age.js';

describe('reportAgeSeconds', () => {
  it('measures from 00:00 UTC of the report day, with millisecond precision', () => {
    expect(reportAgeSeconds('2026-11-20', Date.parse('2026-11-22T13:30:00.250Z'))).toBe(
      2 * 86_400 + 48_600.25,
    );
  });

  it('stays negative when the report day is ahead of the clock, so skew is visible', () => {
    expect(reportAgeSeconds('2026-11-21', Date.parse('2026-11-20T23:00:00Z'))).toBe(-3_600);
  });

  it('refuses a date that is not a YYYY-MM-DD day', () => {
    expect(() => reportAgeSeconds('2026-02-30', 0)).toThrow(
      'report date "2026-02-30" is not a YYYY-MM-DD day',
    );
  });
});
