import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  fullJitterDelay,
  isRetryableStatus,
  parseRetryAfter,
  parseRetryAfterMessage,
  RetryableError,
  withRetry,
} from './retry.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

describe('parseRetryAfterMessage', () => {
  it('reads the wait a throttling message names, and nothing from a message that names none', () => {
    expect(
      parseRetryAfterMessage(
        'Too many frequent subscription start requests. Please retry again after 14m 56s',
      ),
    ).toBe(896_000);
    expect(parseRetryAfterMessage('Retry after 1h 2m 3s')).toBe(3_723_000);
    expect(parseRetryAfterMessage('Please retry again after 30s.')).toBe(30_000);
    expect(parseRetryAfterMessage('Too many requests. Method=GetBlob, PublisherId=p')).toBeUndefined();
    expect(parseRetryAfterMessage('retry after a while')).toBeUndefined();
    expect(parseRetryAfterMessage(undefined)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads integer and decimal delta-seconds', () => {
    expect(parseRetryAfter('10', NOW)).toBe(10_000);
    expect(parseRetryAfter(' 2.128 ', NOW)).toBe(2_128);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('clamps negative deltas and past dates to 0', () => {
    expect(parseRetryAfter('-5', NOW)).toBe(0);
    expect(parseRetryAfter('Wed, 01 May 2024 11:59:00 GMT', NOW)).toBe(0);
  });

  it('reads the three HTTP-date forms as GMT', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Wednesday, 01-May-24 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Wed May  1 12:00:05 2024', NOW)).toBe(5_000);
  });

  it('returns undefined for absent or garbage values', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('10s', NOW)).toBeUndefined();
    expect(parseRetryAfter('2024-05-01T12:00:30Z', NOW)).toBeUndefined();
    expect(parseRetryAfter('Wed, 41 Foo 2024 12:00:30 GMT', NOW)).toBeUndefined();
  });
});

describe('fullJitterDelay', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 10_000 };

  it('draws from a window that doubles per retry', () => {
    expect(fullJitterDelay(1, policy, () => 0.5)).toBe(500);
    expect(fullJitterDelay(2, policy, () => 0.5)).toBe(1000);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(2000);
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
  });

  it('caps the window at maxDelayMs', () => {
    expect(fullJitterDelay(10, policy, () => 0.999)).toBe(9990);
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx only', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 509]) expect(isRetryableStatus(status)).toBe(true);
    for (const status of [200, 302, 400, 401, 403, 404, 409]) expect(isRetryableStatus(status)).toBe(false);
  });
});

describe('withRetry', () => {
  const fakeSleep = () => vi.fn(async (_ms: number, _signal?: AbortSignal) => {});

  it('returns the first success without sleeping', async () => {
    const sleep = fakeSleep();
    await expect(withRetry(async (attempt) => `ok ${attempt}`, { sleep })).resolves.toBe('ok 1');
    expect(sleep).not.toHaveBeenCalled();
  });

  it('backs off with full jitter when the server gives no Retry-After', async () => {
    const sleep = fakeSleep();
    const onRetry = vi.fn();
    const result = await withRetry(
      async (attempt) => {
        if (attempt < 3) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return attempt;
      },
      { sleep, random: () => 0.5, onRetry, policy: { baseDelayMs: 100 } },
    );
    expect(result).toBe(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([50, 100]);
    expect(onRetry.mock.calls.map(([info]) => [info.attempt, info.delayMs])).toEqual([
      [1, 50],
      [2, 100],
    ]);
  });

  it('honours Retry-After exactly, including 0', async () => {
    const sleep = fakeSleep();
    let calls = 0;
    await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw new RetryableError('throttled', { status: 429, retryAfterMs: 2128 });
        if (calls === 2) throw new RetryableError('throttled', { status: 429, retryAfterMs: 0 });
      },
      { sleep, random: () => 0.9 },
    );
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([2128, 0]);
  });

  it('gives up after maxAttempts with the last error, status kept, and the count in the message', async () => {
    const sleep = fakeSleep();
    const operation = vi.fn(async () => {
      throw new RetryableError('HTTP 503 from graph', { status: 503 });
    });
    const error = await withRetry(operation, { sleep, policy: { maxAttempts: 3 } }).catch((e: unknown) => e);
    expect(operation).toHaveBeenCalledTimes(3);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).message).toBe('HTTP 503 from graph (gave up after 3 attempts)');
    expect((error as RetryableError).status).toBe(503);
  });

  it('gives up at once when Retry-After exceeds maxRetryAfterMs', async () => {
    const sleep = fakeSleep();
    const error = await withRetry(
      async () => {
        throw new RetryableError('throttled', { status: 429, retryAfterMs: 3_600_000 });
      },
      { sleep },
    ).catch((e: unknown) => e);
    expect(sleep).not.toHaveBeenCalled();
    expect((error as Error).message).toBe(
      'throttled (the server asked to retry after 3600 s, longer than the 300 s this client waits (gave up after 1 attempt))',
    );
  });

  it('rethrows other errors immediately', async () => {
    const sleep = fakeSleep();
    const failure = new Error('400 InvalidArgument');
    const operation = vi.fn(async () => {
      throw failure;
    });
    await expect(withRetry(operation, { sleep })).rejects.toBe(failure);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('stops when the signal aborts during the backoff sleep', async () => {
    const controller = new AbortController();
    const operation = vi.fn(async () => {
      throw new RetryableError('throttled', { retryAfterMs: 60_000 });
    });
    const pending = withRetry(operation, { signal: controller.signal });
    await vi.waitFor(() => expect(operation).toHaveBeenCalledTimes(1));
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('rejects an invalid policy', async () => {
    await expect(withRetry(async () => 1, { policy: { maxAttempts: 0 } })).rejects.toThrow(
      'retry policy maxAttempts must be an integer >= 1, got 0',
    );
  });
});
