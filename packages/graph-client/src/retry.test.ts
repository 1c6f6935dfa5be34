import { RetryableError, withRetry } from '@m365-otel/http';
import { describe, expect, it } from 'vitest';
import { GraphError, type GraphErrorDetails, RetryableGraphError } from './errors.js';
import { networkFailure, retriesExhausted } from './retry.js';

const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

describe('networkFailure', () => {
  it('makes a transient network error retryable, with the context and the error as cause', () => {
    const error = reset();
    const failure = networkFailure('issues page 1: request to https://graph/x failed', error, undefined, {
      clientRequestId: 'crid',
    });
    expect(failure).toBeInstanceOf(RetryableGraphError);
    expect((failure as RetryableGraphError).message).toBe(
      'issues page 1: request to https://graph/x failed: read ECONNRESET',
    );
    expect((failure as RetryableGraphError).details).toEqual({ clientRequestId: 'crid', cause: error });
  });

  it('passes other errors, GraphErrors and anything after an abort through unchanged', () => {
    const plain = new Error('certificate has expired');
    expect(networkFailure('x', plain, undefined, {})).toBe(plain);
    const graph = new GraphError('report: malformed CSV', { cause: reset() });
    expect(networkFailure('x', graph, undefined, {})).toBe(graph);
    const aborted = AbortSignal.abort();
    const error = reset();
    expect(networkFailure('x', error, aborted, {})).toBe(error);
  });
});

describe('retriesExhausted', () => {
  const noSleep = async () => {};

  async function gaveUp(failure: () => Error): Promise<unknown> {
    try {
      await withRetry(async () => Promise.reject(failure()), { policy: { maxAttempts: 2 }, sleep: noSleep });
    } catch (error) {
      return error;
    }
    throw new Error('expected withRetry to give up');
  }

  it("takes the last attempt's details, marks them transient and names the label once", async () => {
    const error = await gaveUp(
      () =>
        new RetryableGraphError('messages page 1: Graph answered 503', {
          status: 503,
          code: 'serviceNotAvailable',
          requestId: 'req',
          clientRequestId: 'crid',
          retryAfterMs: 1,
        }),
    );
    const exhausted = retriesExhausted('messages page 1', error, {});
    expect(exhausted?.message).toBe('messages page 1: Graph answered 503 (gave up after 2 attempts)');
    expect(exhausted?.details).toEqual({
      status: 503,
      code: 'serviceNotAvailable',
      requestId: 'req',
      clientRequestId: 'crid',
      transient: true,
      cause: (error as RetryableError).cause,
    });
  });

  it('uses the fallback and the status withRetry saw when the last failure was not a RetryableGraphError', async () => {
    const error = await gaveUp(() => new RetryableError('slow down', { status: 429 }));
    expect(
      retriesExhausted<GraphErrorDetails & { report: string }>('getEmailActivityCounts', error, {
        report: 'getEmailActivityCounts',
      }),
    ).toEqual({
      message: 'getEmailActivityCounts: slow down (gave up after 2 attempts)',
      details: {
        report: 'getEmailActivityCounts',
        status: 429,
        transient: true,
        cause: (error as RetryableError).cause,
      },
    });
    const network = await gaveUp(reset);
    expect(retriesExhausted('issues page 1', network, {})?.details).toEqual({
      transient: true,
      cause: (network as RetryableError).cause,
    });
  });

  it('leaves the client to rethrow anything else', () => {
    expect(retriesExhausted('x', new GraphError('x: bad request'), {})).toBeUndefined();
    expect(retriesExhausted('x', new TypeError('bug'), {})).toBeUndefined();
  });
});
