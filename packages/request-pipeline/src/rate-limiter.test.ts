import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

/** A manual clock: sleeps resolve when the test advances time past their deadline. */
function fakeClock() {
  let now = 0;
  const sleepers: Array<{ until: number; resolve: () => void; reject: (e: unknown) => void }> = [];
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        sleeps.push(ms);
        const sleeper = { until: now + ms, resolve, reject };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          reject(signal.reason);
        });
      }),
    async advance(ms: number) {
      now += ms;
      for (const sleeper of [...sleepers]) {
        if (sleeper.until <= now) {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          sleeper.resolve();
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
    pendingSleeps: () => sleepers.length,
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('RateLimiter', () => {
  it('grants up to the limit at once, then waits until the oldest grant leaves the window', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000, now: clock.now, sleep: clock.sleep });
    const granted: number[] = [];
    for (const id of [1, 2, 3]) void limiter.acquire().then(() => granted.push(id));
    await flush();
    expect(granted).toEqual([1, 2]);
    expect(clock.sleeps).toEqual([1000]);
    await clock.advance(999);
    expect(granted).toEqual([1, 2]);
    await clock.advance(1);
    expect(granted).toEqual([1, 2, 3]);
  });

  it('slides rather than resetting at fixed boundaries', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000, now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    await clock.advance(600);
    await limiter.acquire();
    const granted: number[] = [];
    void limiter.acquire().then(() => granted.push(clock.now()));
    void limiter.acquire().then(() => granted.push(clock.now()));
    await flush();
    await clock.advance(400);
    expect(granted).toEqual([1000]);
    await clock.advance(600);
    expect(granted).toEqual([1000, 1600]);
  });

  it('serves waiters first come, first served', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ limit: 1, windowMs: 100, now: clock.now, sleep: clock.sleep });
    const order: string[] = [];
    for (const id of ['a', 'b', 'c', 'd']) void limiter.acquire().then(() => order.push(id));
    for (let i = 0; i < 4; i++) await clock.advance(100);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops an aborted waiter from the queue without blocking the others', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ limit: 1, windowMs: 100, now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const order: string[] = [];
    void limiter.acquire().then(() => order.push('next'));
    controller.abort(new Error('cancelled'));
    await expect(aborted).rejects.toThrow('cancelled');
    await clock.advance(100);
    expect(order).toEqual(['next']);
  });

  it('cancels its timer when every waiter has aborted', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ limit: 1, windowMs: 100, now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    const controller = new AbortController();
    const pending = limiter.acquire(controller.signal);
    await flush();
    expect(clock.pendingSleeps()).toBe(1);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await flush();
    expect(clock.pendingSleeps()).toBe(0);
  });

  it('rejects at once for an already aborted signal', async () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 100 });
    await expect(limiter.acquire(AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('works with the real clock', async () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 30 });
    const start = Date.now();
    await limiter.acquire();
    await limiter.acquire();
    expect(Date.now() - start).toBeGreaterThanOrEqual(25);
  });

  it('rejects invalid options with the offending value', () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1000 })).toThrow(
      'rate limit must be an integer >= 1, got 0',
    );
    expect(() => new RateLimiter({ limit: 1, windowMs: -1 })).toThrow(
      'rate limit window must be a positive number of milliseconds, got -1',
    );
  });
});
