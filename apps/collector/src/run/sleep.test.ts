import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS, sleep } from './sleep.js';

const DAY_MS = 24 * 60 * 60 * 1000;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('sleep', () => {
  it('waits longer than a Node timer can hold by chaining shorter timers', async () => {
    let woke = false;
    void sleep(30 * DAY_MS, new AbortController().signal).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(MAX_TIMER_DELAY_MS);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(29 * DAY_MS - MAX_TIMER_DELAY_MS);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(DAY_MS);
    expect(woke).toBe(true);
  });

  it('returns as soon as the signal aborts, leaving no timer behind', async () => {
    const stop = new AbortController();
    const sleeping = sleep(30 * DAY_MS, stop.signal);
    stop.abort();
    await sleeping;
    expect(vi.getTimerCount()).toBe(0);
  });
});
