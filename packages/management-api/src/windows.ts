/** Microsoft's largest listing window: longer ranges "could be partial results" (the API reference). */
export const MAX_WINDOW_MS = 24 * 3_600_000;

/**
 * How far back a listing may start. Microsoft serves 7 days; five minutes less keeps a window computed a moment
 * before sending from crossing the limit on the way (AF20055).
 */
export const DEFAULT_MAX_AGE_MS = 7 * 24 * 3_600_000 - 5 * 60_000;

/** A listing window, start inclusive and end exclusive (the API filters contentCreated that way). */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/** `[startMs, endMs)` as contiguous windows of at most 24 h, oldest first: no gap and no overlap. */
export function splitWindows(startMs: number, endMs: number): TimeWindow[] {
  const windows: TimeWindow[] = [];
  for (let from = startMs; from < endMs; from += MAX_WINDOW_MS) {
    windows.push({ startMs: from, endMs: Math.min(endMs, from + MAX_WINDOW_MS) });
  }
  return windows;
}

export interface ClampedWindow {
  /** What can still be listed; absent when the whole window is older than the retention. */
  window: TimeWindow | undefined;
  /** The part older than the retention, never to be listed; absent when nothing was cut. */
  lost: TimeWindow | undefined;
}

/** Cuts the part of `window` that starts before `nowMs - maxAgeMs` (Microsoft refuses such a start). */
export function clampToRetention(window: TimeWindow, nowMs: number, maxAgeMs: number): ClampedWindow {
  // Rounded up to a second, as listing bounds are sent in whole seconds.
  const oldestMs = Math.ceil((nowMs - maxAgeMs) / 1000) * 1000;
  if (window.startMs >= oldestMs) return { window, lost: undefined };
  if (window.endMs <= oldestMs) return { window: undefined, lost: window };
  return {
    window: { startMs: oldestMs, endMs: window.endMs },
    lost: { startMs: window.startMs, endMs: oldestMs },
  };
}

/** A listing bound in the API's documented format `YYYY-MM-DDTHH:MM:SS` (UTC, whole seconds). */
export function formatListingTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Whole seconds: the listing format has no fraction, so windows are cut on seconds to keep them contiguous. */
export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
