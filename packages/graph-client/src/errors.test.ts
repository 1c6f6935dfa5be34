import { RetryableError } from '@m365-otel/http';
import { describe, expect, it } from 'vitest';
import { GraphError, RetryableGraphError, withRequestIds } from './errors.js';

describe('GraphError', () => {
  it('carries status, code, request ids and the cause; transient defaults to false', () => {
    const cause = new Error('underlying');
    const error = new GraphError('issues page 1: Graph answered 404 itemNotFound', {
      status: 404,
      code: 'itemNotFound',
      requestId: 'req',
      clientRequestId: 'crid',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'GraphError',
      message: 'issues page 1: Graph answered 404 itemNotFound',
      status: 404,
      code: 'itemNotFound',
      requestId: 'req',
      clientRequestId: 'crid',
      transient: false,
    });
    expect(error.cause).toBe(cause);
  });

  it('leaves unknown fields undefined and sets no cause', () => {
    const error = new GraphError('x');
    expect(error).toMatchObject({
      status: undefined,
      code: undefined,
      requestId: undefined,
      transient: false,
    });
    expect(error).not.toHaveProperty('cause');
    expect(new GraphError('x', { transient: true }).transient).toBe(true);
  });
});

describe('RetryableGraphError', () => {
  it('is a RetryableError with the status and Retry-After, and keeps the details without retryAfterMs', () => {
    const cause = new Error('reset');
    const error = new RetryableGraphError('report: Graph answered 429', {
      report: 'getEmailActivityCounts',
      status: 429,
      requestId: 'req',
      cause,
      retryAfterMs: 2000,
    });
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ name: 'RetryableGraphError', status: 429, retryAfterMs: 2000 });
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ report: 'getEmailActivityCounts', status: 429, requestId: 'req', cause });
  });

  it('accepts an undefined Retry-After', () => {
    const error = new RetryableGraphError('x', { status: 503, retryAfterMs: undefined });
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.details).toEqual({ status: 503 });
  });
});

describe('withRequestIds', () => {
  it('sets only the ids that are known', () => {
    expect(withRequestIds({ status: 200 }, 'req', 'crid')).toEqual({
      status: 200,
      requestId: 'req',
      clientRequestId: 'crid',
    });
    expect(Object.keys(withRequestIds({ status: 200 }, undefined, undefined))).toEqual(['status']);
  });
});
