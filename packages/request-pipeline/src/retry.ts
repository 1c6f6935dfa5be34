import { isTransientNetworkError } from '@m365-otel/http';

export interface RetryPolicy {
  /** Total attempts including the first one. */
  maxAttempts: number;
  /** Cap of the first backoff window; the window doubles with each retry. */
  baseDelayMs: number;
  /** Upper bound of the backoff window. */
  maxDelayMs: number;
  /** A server asking for a longer wait than this makes the operation give up instead of blocking for so long. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 300_000,
});

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Abortable sleep that rejects with the signal's own reason (node:timers/promises would substitute a generic
 * AbortError), so a caller's "shutting down" reason survives through retries and rate limiting.
 */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

const DELTA_SECONDS = /^-?\d+(?:\.\d+)?$/;
// The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, obsolete RFC 850 and asctime.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Z][a-z]+, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}:\d{2}:\d{2}) GMT$/;
const ASCTIME = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ( \d|\d{2}) (\d{2}:\d{2}:\d{2}) (\d{4})$/;

/**
 * Parses a `Retry-After` header into milliseconds from `nowMs`. Graph sends delta-seconds, sometimes with decimals
 * (`2.128`); other services send an HTTP-date. A moment in the past or a negative delta means "retry now" (0).
 * Anything else is `undefined`, so the caller falls back to its own backoff instead of trusting garbage.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (DELTA_SECONDS.test(text)) return Math.max(0, Math.ceil(Number(text) * 1000));
  let dateMs: number | undefined;
  if (IMF_FIXDATE.test(text)) {
    dateMs = Date.parse(text);
  } else {
    const rfc850 = RFC_850.exec(text);
    if (rfc850) {
      const [, day, month, yy, time] = rfc850;
      // RFC 9110: a two-digit year more than 50 years in the future belongs to the previous century.
      const currentYear = new Date(nowMs).getUTCFullYear();
      let year = 2000 + Number(yy);
      if (year > currentYear + 50) year -= 100;
      dateMs = Date.parse(`${day} ${month} ${year} ${time} GMT`);
    } else {
      const asctime = ASCTIME.exec(text);
      // asctime carries no zone; HTTP dates are always GMT, and Date.parse would otherwise assume local time.
      if (asctime) dateMs = Date.parse(`${asctime[2]?.trim()} ${asctime[1]} ${asctime[4]} ${asctime[3]} GMT`);
    }
  }
  if (dateMs === undefined || Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

const MESSAGE_WAIT = /retry (?:again )?after (?:(\d+)h ?)?(?:(\d+)m ?)?(?:(\d+)s)?/i;

/**
 * The wait a throttling message names, in milliseconds: the Management Activity API says "Please retry again after
 * 14m 56s" in the body rather than in a Retry-After header. `undefined` when the message names none.
 */
export function parseRetryAfterMessage(message: string | undefined): number | undefined {
  const match = message === undefined ? null : MESSAGE_WAIT.exec(message);
  if (!match || match.slice(1).every((part) => part === undefined)) return undefined;
  const [hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return (((hours ?? 0) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000;
}

/**
 * "Full jitter" backoff (AWS architecture blog): a uniform draw from [0, window), where the window doubles per retry
 * up to `maxDelayMs`. Spreading retries over the whole window keeps many clients from retrying in lockstep.
 */
export function fullJitterDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.max(0, attempt - 1);
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * window);
}

/** An error that is worth retrying: throttling, a 5xx, an interrupted transfer. */
export class RetryableError extends Error {
  /** How long the server asked us to wait, when it said so. */
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(message: string, options?: { cause?: unknown; retryAfterMs?: number; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RetryableError';
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options?.status !== undefined) this.status = options.status;
  }
}

/** 408 and 429 (ask to come back later) and every 5xx (Graph documents 500, 502, 503, 504 and 509). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * The Management Activity API answers throttling with 403 and `{"error":{"code":"AF429"}}` in the body rather than
 * 429, so a 403 is throttling or a refusal depending on its code.
 */
export const THROTTLED_ERROR_CODE = 'AF429';

export function isThrottlingAnswer(status: number, code: string | undefined): boolean {
  return status === 403 && code === THROTTLED_ERROR_CODE;
}

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  random?: () => number;
  sleep?: Sleep;
  now?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Runs `operation` until it succeeds, retrying RetryableErrors and transient network errors. The wait is the
 * server's Retry-After when it gave one (giving up when that exceeds `maxRetryAfterMs`), full-jitter backoff
 * otherwise. Other errors and aborts end the loop at once. `attempt` passed to the operation is 1-based.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry policy maxAttempts must be an integer >= 1, got ${policy.maxAttempts}`);
  }
  const random = options.random ?? Math.random;
  const pause = options.sleep ?? sleep;
  const { signal } = options;

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      if (signal?.aborted) throw error;
      const retryable = error instanceof RetryableError;
      if (!retryable && !isTransientNetworkError(error)) throw error;
      const retryAfterMs = retryable ? error.retryAfterMs : undefined;
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
        throw giveUp(
          error,
          `the server asked to retry after ${formatSeconds(retryAfterMs)}, longer than the ${formatSeconds(policy.maxRetryAfterMs)} this client waits (gave up after ${attempt} ${plural(attempt)})`,
        );
      }
      if (attempt >= policy.maxAttempts) {
        throw giveUp(error, `gave up after ${attempt} ${plural(attempt)}`);
      }
      const delayMs =
        retryAfterMs !== undefined ? Math.max(retryAfterMs, 0) : fullJitterDelay(attempt, policy, random);
      options.onRetry?.({ attempt, delayMs, error });
      await pause(delayMs, signal);
    }
  }
}

// The final error stays a RetryableError (with the original status and Retry-After) so a caller such as a
// scheduler can still tell "transient, try again next cycle" from a configuration error.
function giveUp(error: unknown, why: string): RetryableError {
  const message = error instanceof Error ? error.message : String(error);
  const options: { cause: unknown; retryAfterMs?: number; status?: number } = { cause: error };
  if (error instanceof RetryableError) {
    if (error.retryAfterMs !== undefined) options.retryAfterMs = error.retryAfterMs;
    if (error.status !== undefined) options.status = error.status;
  }
  return new RetryableError(`${message} (${why})`, options);
}

function plural(attempts: number): string {
  return attempts === 1 ? 'attempt' : 'attempts';
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
