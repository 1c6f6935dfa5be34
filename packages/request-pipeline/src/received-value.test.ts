import { describe, expect, it } from 'vitest';
import { describeReceivedValue, expectedValue, formatFieldPath } from './received-value.js';

describe('describeReceivedValue', () => {
  it('names the kind of what is not a string, and quotes a short string', () => {
    expect(describeReceivedValue(undefined)).toBe('nothing (the field is absent)');
    expect(describeReceivedValue(null)).toBe('null');
    expect(describeReceivedValue([1])).toBe('an array');
    expect(describeReceivedValue({ a: 1 })).toBe('an object');
    expect(describeReceivedValue(42)).toBe('42');
    expect(describeReceivedValue('EX1')).toBe('"EX1"');
  });

  it('cuts a long string to 60 characters and says how long it was', () => {
    const long = 'x'.repeat(5_000_000);
    expect(describeReceivedValue(long)).toBe(`"${'x'.repeat(60)}"… (5000000 characters)`);
  });
});

describe('expectedValue', () => {
  it('says what was expected and what came', () => {
    expect(expectedValue('a string').error({ input: 42 })).toBe('expected a string, got 42');
  });
});

describe('formatFieldPath', () => {
  it('writes keys with dots and indexes in brackets', () => {
    expect(formatFieldPath(['value', 1, 'posts', 0, 'description'])).toBe('value[1].posts[0].description');
    expect(formatFieldPath([0, 'id'])).toBe('[0].id');
    expect(formatFieldPath([])).toBe('');
  });
});
