import { sleep as defaultSleep, type Sleep } from './retry.js';

export interface RateLimiterOptions {
  /** Grants allowed within any window of `windowMs`. */
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: Sleep;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Client-side sliding-window limiter: at most `limit` grants in any `windowMs`. Microsoft counts requests over a
 * rolling window (e.g. 14 CSV report requests per 10 minutes), so a fixed window would let a burst straddling two
 * windows through. Waiters are served first come, first served; an aborted waiter leaves the queue at once.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #sleep: Sleep;
  /** Grant times, oldest first; never more than `limit` entries. */
  readonly #grants: number[] = [];
  readonly #queue: Waiter[] = [];
  #pumping = false;
  /** Cancels the pump's wait when every waiter has gone, so an idle limiter holds no timer. */
  #idle: AbortController | undefined;

  constructor(options: RateLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new RangeError(`rate limit must be an integer >= 1, got ${options.limit}`);
    }
    if (!Number.isFinite(options.windowMs) || options.windowMs <= 0) {
      throw new RangeError(
        `rate limit window must be a positive number of milliseconds, got ${options.windowMs}`,
      );
    }
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? defaultSleep;
  }

  /** Resolves when the caller may send one request; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index !== -1) this.#queue.splice(index, 1);
          if (this.#queue.length === 0) this.#idle?.abort();
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0) {
        const now = this.#now();
        while (this.#grants.length > 0 && (this.#grants[0] as number) <= now - this.#windowMs)
          this.#grants.shift();
        if (this.#grants.length < this.#limit) {
          this.#grants.push(now);
          const waiter = this.#queue.shift() as Waiter;
          waiter.signal?.removeEventListener('abort', waiter.onAbort);
          waiter.resolve();
          continue;
        }
        // The oldest grant leaves the window at grants[0] + windowMs; whoever is at the head of the queue then goes.
        const waitMs = (this.#grants[0] as number) + this.#windowMs - now;
        this.#idle = new AbortController();
        try {
          await this.#sleep(waitMs, this.#idle.signal);
        } catch {
          // Only the idle controller aborts this sleep: the queue emptied, and the loop condition ends the pump.
        }
      }
    } finally {
      this.#idle = undefined;
      this.#pumping = false;
    }
  }
}
