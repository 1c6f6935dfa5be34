import { describe, expect, it } from 'vitest';
import {
  describeBadCount,
  NOT_A_COUNT,
  parseCount,
  parseDurationSeconds,
  parseTrueFalse,
  utcDayStartMs,
} from './cells.js';

describe('parseCount', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['007', 7],
    ['999999999999999', 999_999_999_999_999],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('reads %s as %d', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it.each([
    ['', 'not a number'],
    ['9007199254740992', 'exceeds Number.MAX_SAFE_INTEGER'],
    ['-3', 'negative count'],
    ['1,234', 'thousands separators are not accepted'],
    ['1 234 567', 'thousands separators are not accepted'],
    ['1.5', 'not an integer'],
    ['NaN', 'not a number'],
    ['1e3', 'not a number'],
    ['+5', 'not a number'],
    ['0x10', 'not a number'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseCount(text)).toBe(NOT_A_COUNT);
    expect(describeBadCount(text)).toBe(reason);
  });
});

describe('utcDayStartMs', () => {
  it('gives 00:00 UTC of a calendar day, leap days included', () => {
    expect(utcDayStartMs('2026-11-20')).toBe(Date.UTC(2026, 10, 20));
    expect(utcDayStartMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });

  it.each(['2025-02-29', '2026-13-01', '2026-11-31', '2026-1-05', '20261105', '2026-11-20T00:00:00Z', ''])(
    'refuses %j',
    (text) => {
      expect(utcDayStartMs(text)).toBeUndefined();
    },
  );
});

describe('parseTrueFalse', () => {
  it('reads True and False in any letter case', () => {
    expect(['False', 'false', 'FALSE', 'True', 'true', 'tRUE'].map(parseTrueFalse)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  it.each(['Yes', '0', '1', 'T', ''])('refuses %j', (text) => {
    expect(parseTrueFalse(text)).toBeUndefined();
  });
});

describe('parseDurationSeconds', () => {
  it.each([
    ['PT0S', 0],
    ['PT1H2M3S', 3_723],
    ['PT45M42S', 2_742],
    ['P1DT2H', 93_600],
    ['P2D', 172_800],
    ['P1DT', 86_400],
    ['PT1.5S', 1.5],
    ['PT10M', 600],
    ['01:02:03', 3_723],
    ['100:00:00.25', 360_000.25],
  ])('reads %s as %d seconds', (text, expected) => {
    expect(parseDurationSeconds(text)).toBe(expected);
  });

  it.each([
    '',
    'P',
    'PT',
    'P1H',
    'PT1D',
    'PT1S2M',
    'PT1H1H',
    'PT1.5M',
    'PT.5S',
    'PT1.S',
    'PT1H ',
    ' PT1H',
    'PT-1S',
    'P1DX',
    'PTH',
    '1:60:00',
    '01:02',
  ])('refuses %j', (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined();
  });
});
