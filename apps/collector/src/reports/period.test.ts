import { describe, expect, it } from 'vitest';
import { reportDatePeriod } from './period.js';

const need = { configured: 'D7', refetchDays: 3, today: '2026-03-10' } as const;

describe('reportDatePeriod', () => {
  it('backfills with D30 on the first run, or the configured period when it is longer', () => {
    expect(reportDatePeriod({ ...need, oldestNewest: undefined })).toEqual({ period: 'D30', reaches: true });
    expect(reportDatePeriod({ ...need, configured: 'D90', oldestNewest: undefined })).toEqual({
      period: 'D90',
      reaches: true,
    });
  });

  it('keeps the configured period while it reaches back to the refetch window', () => {
    // Window 03-06..03-08; D7 ending on today at the latest covers 03-04..03-10.
    expect(reportDatePeriod({ ...need, oldestNewest: '2026-03-08' })).toEqual({
      period: 'D7',
      reaches: true,
    });
    expect(reportDatePeriod({ ...need, oldestNewest: '2026-03-06' })).toEqual({
      period: 'D7',
      reaches: true,
    });
  });

  it('reads a longer period after a pause longer than the configured one covers', () => {
    expect(reportDatePeriod({ ...need, oldestNewest: '2026-03-05' })).toEqual({
      period: 'D30',
      reaches: true,
    });
    expect(reportDatePeriod({ ...need, oldestNewest: '2026-01-20' })).toEqual({
      period: 'D90',
      reaches: true,
    });
    expect(reportDatePeriod({ ...need, oldestNewest: '2025-10-01' })).toEqual({
      period: 'D180',
      reaches: true,
    });
  });

  it('says when even D180 does not reach back far enough', () => {
    expect(reportDatePeriod({ ...need, oldestNewest: '2025-06-01' })).toEqual({
      period: 'D180',
      reaches: false,
    });
  });
});
