import { describe, expect, it } from 'vitest';
import { startDateTimeFilter } from './time-filter.js';

describe('startDateTimeFilter', () => {
  it("writes Microsoft's documented form, in UTC, milliseconds only when set", () => {
    expect(startDateTimeFilter({ from: '2023-09-25T09:25:00Z', to: '2023-09-25T09:30:00Z' })).toBe(
      'startDateTime ge 2023-09-25T09:25:00Z and startDateTime lt 2023-09-25T09:30:00Z',
    );
    expect(
      startDateTimeFilter({ from: '2023-09-25T11:25:00.250+02:00', to: new Date('2023-09-25T10:00:00Z') }),
    ).toBe('startDateTime ge 2023-09-25T09:25:00.250Z and startDateTime lt 2023-09-25T10:00:00Z');
  });

  it('refuses a time without a zone, an invalid date and an empty or reversed window', () => {
    expect(() => startDateTimeFilter({ from: '2023-09-25T09:25:00', to: '2023-09-25T10:00:00Z' })).toThrow(
      'listCallRecords: from must be a date-time with a zone, such as 2023-09-25T09:25:00Z, got "2023-09-25T09:25:00"',
    );
    expect(() => startDateTimeFilter({ from: '2023-09-25T09:25:00Z', to: new Date(Number.NaN) })).toThrow(
      /^listCallRecords: to must be a date-time with a zone/,
    );
    expect(() => startDateTimeFilter({ from: '2023-09-25T10:00:00Z', to: '2023-09-25T10:00:00Z' })).toThrow(
      'listCallRecords: from (2023-09-25T10:00:00Z) must be before to (2023-09-25T10:00:00Z)',
    );
  });
});
