import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPORT_REQUEST_BUDGET, ReportRequestBudget } from './request-budget.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Whether `promise` has settled, after the timers due by now have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('ReportRequestBudget', () => {
  it("is Microsoft's CSV limit by default: 14 requests per report function in any 10 minutes", () => {
    expect(REPORT_REQUEST_BUDGET).toEqual({ limit: 14, windowMs: 600_000 });
  });

  it('grants the 15th request of a function when the oldest of the 14 before it leaves the sliding window', async () => {
    const window = new ReportRequestBudget(REPORT_REQUEST_BUDGET).windowOf('getEmailActivityCounts');
    await window.acquire();
    await vi.advanceTimersByTimeAsync(60_000);
    for (let request = 2; request <= 14; request++) await window.acquire();
    const fifteenth = window.acquire();
    expect(await settled(fifteenth)).toBe(false);
    await vi.advanceTimersByTimeAsync(539_999);
    expect(await settled(fifteenth)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(fifteenth)).toBe(true);
    // The next one waits for the 13 granted together a minute after the first.
    expect(await settled(window.acquire())).toBe(false);
  });

  it('counts each report function on its own', async () => {
    const budget = new ReportRequestBudget(REPORT_REQUEST_BUDGET);
    for (let request = 1; request <= 14; request++) await budget.windowOf('getEmailActivityCounts').acquire();
    expect(await settled(budget.windowOf('getEmailActivityCounts').acquire())).toBe(false);
    expect(await settled(budget.windowOf('getEmailActivityUserCounts').acquire())).toBe(true);
    expect(budget.windowOf('getEmailActivityCounts')).toBe(budget.windowOf('getEmailActivityCounts'));
  });

  it("stops waiting when the caller's signal aborts, with its reason, and the wait costs no grant", async () => {
    const window = new ReportRequestBudget({ limit: 2, windowMs: 600_000 }).windowOf(
      'getMailboxUsageStorage',
    );
    await window.acquire();
    await window.acquire();
    const stop = new AbortController();
    const outcome = window.acquire(stop.signal).catch((error: unknown) => error);
    stop.abort(new Error('shutting down'));
    expect(await outcome).toEqual(new Error('shutting down'));
    await vi.advanceTimersByTimeAsync(600_000);
    expect(await settled(window.acquire())).toBe(true);
    expect(await settled(window.acquire())).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a budget that cannot be kept, at construction', () => {
    expect(() => new ReportRequestBudget({ limit: 0, windowMs: 600_000 })).toThrow(
      'rate limit must be an integer >= 1, got 0',
    );
  });
});
