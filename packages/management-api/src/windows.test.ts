import { describe, expect, it } from 'vitest';
import {
  clampToRetention,
  DEFAULT_MAX_AGE_MS,
  floorToSecond,
  formatListingTime,
  MAX_WINDOW_MS,
  splitWindows,
} from './windows.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-05-01T00:00:00Z');

describe('splitWindows', () => {
  it('tiles a 7-day range with 24 h windows, oldest first, without gap or overlap', () => {
    const windows = splitWindows(T0, T0 + 7 * 24 * HOUR + 30 * 60_000);
    expect(windows).toHaveLength(8);
    expect(windows[0]).toEqual({ startMs: T0, endMs: T0 + MAX_WINDOW_MS });
    expect(windows.at(-1)).toEqual({ startMs: T0 + 7 * 24 * HOUR, endMs: T0 + 7 * 24 * HOUR + 30 * 60_000 });
    for (let i = 1; i < windows.length; i++) expect(windows[i]?.startMs).toBe(windows[i - 1]?.endMs);
    for (const window of windows) expect(window.endMs - window.startMs).toBeLessThanOrEqual(MAX_WINDOW_MS);
  });

  it('keeps a range of at most 24 h whole', () => {
    expect(splitWindows(T0, T0 + MAX_WINDOW_MS)).toEqual([{ startMs: T0, endMs: T0 + MAX_WINDOW_MS }]);
  });
});

describe('clampToRetention', () => {
  const now = T0 + 10 * 24 * HOUR;
  const oldest = now - DEFAULT_MAX_AGE_MS;

  it('leaves a window inside the retention alone', () => {
    const window = { startMs: oldest + HOUR, endMs: oldest + 2 * HOUR };
    expect(clampToRetention(window, now, DEFAULT_MAX_AGE_MS)).toEqual({ window, lost: undefined });
  });

  it('cuts the part older than the retention and says which part is lost', () => {
    const window = { startMs: oldest - HOUR, endMs: oldest + HOUR };
    expect(clampToRetention(window, now, DEFAULT_MAX_AGE_MS)).toEqual({
      window: { startMs: oldest, endMs: oldest + HOUR },
      lost: { startMs: oldest - HOUR, endMs: oldest },
    });
  });

  it('drops a window wholly past the retention, rounding the limit up to a whole second', () => {
    const window = { startMs: oldest - 2 * HOUR, endMs: oldest - HOUR };
    expect(clampToRetention(window, now, DEFAULT_MAX_AGE_MS)).toEqual({ window: undefined, lost: window });
    const clamped = clampToRetention({ startMs: T0, endMs: now }, now + 400, DEFAULT_MAX_AGE_MS);
    expect(clamped.window?.startMs).toBe(oldest + 1000);
  });
});

describe('listing times', () => {
  it("are written in the API's documented format, in whole seconds", () => {
    expect(formatListingTime(Date.parse('2024-05-01T12:34:56.789Z'))).toBe('2024-05-01T12:34:56');
    expect(floorToSecond(Date.parse('2024-05-01T12:34:56.789Z'))).toBe(Date.parse('2024-05-01T12:34:56Z'));
  });
});
