import { describe, expect, it, vi } from 'vitest';
import { response, spyLogger, traced } from '../__fixtures__/transport.js';
import type { SendRequest } from '../pipeline.js';
import { retryPolicy } from './retry-policy.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

function setup(retry = {}) {
  const sleeps: number[] = [];
  const logger = spyLogger();
  const policy = retryPolicy({
    retry,
    logger,
    random: () => 0.5,
    now: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { policy, sleeps, logger };
}

function script(...answers: Array<ReturnType<typeof response> | Error>): SendRequest {
  return vi.fn(async () => {
    const answer = answers.shift();
    if (answer === undefined) throw new Error('script ran out');
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

describe('retryPolicy', () => {
  it('honours Retry-After in seconds (decimals too) on 429 and as an HTTP date on 503', async () => {
    const { policy, sleeps, logger } = setup();
    const request = traced();
    const answer = await policy.sendRequest(
      request,
      script(
        response(429, { 'retry-after': '2.5' }),
        response(503, { 'retry-after': 'Wed, 01 May 2024 12:00:42 GMT' }),
        response(200),
      ),
    );
    expect(answer.status).toBe(200);
    expect(sleeps).toEqual([2500, 42_000]);
    expect(request.trace.attempts).toBe(3);
    expect(logger.warn).toHaveBeenCalledWith('request failed, retrying', {
      request: 'thing',
      attempt: 1,
      delayMs: 2500,
      status: 429,
    });
  });

  it('backs off with full jitter on a 5xx without Retry-After and on transient network errors', async () => {
    const { policy, sleeps } = setup({ baseDelayMs: 1000 });
    const answer = await policy.sendRequest(traced(), script(response(502), reset(), response(200)));
    expect(answer.status).toBe(200);
    // random 0.5 over windows of 1 s, then 2 s.
    expect(sleeps).toEqual([500, 1000]);
  });

  it('returns the last answer when the attempts run out, saying so in the trace', async () => {
    const { policy, sleeps } = setup({ maxAttempts: 2 });
    const request = traced();
    const answer = await policy.sendRequest(request, script(response(503), response(503, {}, 'down')));
    expect(answer.status).toBe(503);
    expect(await answer.body.text()).toBe('down');
    expect(sleeps).toHaveLength(1);
    expect(request.trace.gaveUp).toBe('gave up after 2 attempts');
  });

  it('stops at once when Retry-After is longer than the client waits', async () => {
    const { policy, sleeps } = setup({ maxRetryAfterMs: 60_000 });
    const request = traced();
    const answer = await policy.sendRequest(request, script(response(429, { 'retry-after': '600' })));
    expect(answer.status).toBe(429);
    expect(sleeps).toEqual([]);
    expect(request.trace.gaveUp).toBe(
      'the server asked to retry after 600 s, longer than the 60 s this client waits',
    );
  });

  it('retries a 403 with AF429 in its body as throttling, and hands any other 403 on with its body readable', async () => {
    const { policy, sleeps } = setup({ baseDelayMs: 1000 });
    const af429 = JSON.stringify({ error: { code: 'AF429', message: 'Too many requests. Method=GetBlob' } });
    const denied = JSON.stringify({
      error: { code: 'AF10001', message: 'The permission set sent is not valid' },
    });
    const request = traced();
    const answer = await policy.sendRequest(
      request,
      script(
        response(403, {}, af429),
        response(403, { 'retry-after': '7' }, af429),
        response(403, {}, denied),
      ),
    );
    expect(answer.status).toBe(403);
    expect(await answer.body.text()).toBe(denied);
    // Full jitter (random 0.5 over 1 s) without Retry-After, then the 7 s the second answer asked for.
    expect(sleeps).toEqual([500, 7000]);
    expect(request.trace.attempts).toBe(3);
  });

  it('waits what a throttling message names when no Retry-After does, and gives up when that is too long', async () => {
    const { policy, sleeps } = setup({ maxRetryAfterMs: 60_000 });
    const throttled = (wait: string) =>
      JSON.stringify({
        error: { code: 'AF429', message: `Too many requests. Please retry again after ${wait}.` },
      });
    const request = traced();
    const answer = await policy.sendRequest(
      request,
      script(response(403, {}, throttled('45s')), response(403, {}, throttled('14m 56s'))),
    );
    expect(answer.status).toBe(403);
    expect(sleeps).toEqual([45_000]);
    expect(request.trace.gaveUp).toBe(
      'the server asked to retry after 896 s, longer than the 60 s this client waits',
    );
  });

  it("tells the request's onRetry of each wait, and which were throttling", async () => {
    const { policy } = setup({ baseDelayMs: 1000 });
    const onRetry = vi.fn();
    const af429 = JSON.stringify({ error: { code: 'AF429', message: 'Too many requests.' } });
    const answer = await policy.sendRequest(
      traced({ onRetry }),
      script(
        response(429, { 'retry-after': '3' }),
        response(403, {}, af429),
        response(503),
        reset(),
        response(200),
      ),
    );
    expect(answer.status).toBe(200);
    expect(onRetry.mock.calls.map(([event]) => event)).toEqual([
      { attempt: 1, delayMs: 3000, status: 429, throttled: true },
      { attempt: 2, delayMs: 1000, status: 403, throttled: true },
      { attempt: 3, delayMs: 2000, status: 503, throttled: false },
      { attempt: 4, delayMs: 4000, throttled: false },
    ]);
  });

  it('passes other answers and other errors through without retrying', async () => {
    const { policy, sleeps } = setup();
    expect((await policy.sendRequest(traced(), script(response(404)))).status).toBe(404);
    const tls = Object.assign(new Error('self-signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    await expect(policy.sendRequest(traced(), script(tls))).rejects.toBe(tls);
    const exhausted = traced();
    const error = reset();
    await expect(setup({ maxAttempts: 1 }).policy.sendRequest(exhausted, script(error))).rejects.toBe(error);
    expect(exhausted.trace.gaveUp).toBe('gave up after 1 attempt');
    expect(sleeps).toEqual([]);
  });

  it('does not retry once the caller aborted', async () => {
    const { policy } = setup();
    const controller = new AbortController();
    const request = traced({ signal: controller.signal });
    const next: SendRequest = async () => {
      controller.abort(new Error('shutting down'));
      throw reset();
    };
    await expect(policy.sendRequest(request, next)).rejects.toThrow('ECONNRESET');
    expect(request.trace.attempts).toBe(1);
  });

  it('refuses a nonsensical attempt budget', () => {
    expect(() => retryPolicy({ retry: { maxAttempts: 0 } })).toThrow(
      'retry policy maxAttempts must be an integer >= 1, got 0',
    );
  });
});
