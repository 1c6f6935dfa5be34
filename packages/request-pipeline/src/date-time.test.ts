import { describe, expect, it } from 'vitest';
import { isDateTimeOffset } from './date-time.js';

describe('isDateTimeOffset', () => {
  it.each([
    '2020-11-13T21:00:00Z',
    '2020-02-25T18:52:21.2169889Z',
    '2023-09-25T09:28:38+02:00',
    '2024-02-29T00:00Z',
  ])('accepts %s', (text) => {
    expect(isDateTimeOffset(text)).toBe(true);
  });

  it.each(['2020-11-13T21:00:00', '2021-02-31T00:00:00Z', '2020-11-13', '2020-11-13T24:00:00Z', ''])(
    'refuses %j',
    (text) => {
      expect(isDateTimeOffset(text)).toBe(false);
    },
  );
});
