import { describe, expect, it } from 'vitest';
import { parseDurationSeconds } from './duration.js';

describe('parseDurationSeconds', () => {
  it.each([
    ['PT0.015S', 0.015],
    ['PT0.016S', 0.016],
    ['PT1M2.5S', 62.5],
    ['PT1S', 1],
    ['PT0S', 0],
    ['PT2H', 7200],
    ['PT1H1M1.25S', 3661.25],
    ['P1D', 86_400],
    ['P1DT2H', 93_600],
    ['-PT0.5S', -0.5],
    ['-PT0S', 0],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });

  it.each([
    'P',
    'PT',
    'P1DT',
    '',
    '0.015',
    'PT.5S',
    'PT1.5M',
    'PT1S2M',
    'P1Y',
    'P1M',
    'pt1s',
    ' PT1S',
    'PT1S ',
    '+PT1S',
  ])('refuses %j', (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined();
  });
});
