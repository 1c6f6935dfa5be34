import { describe, expect, it } from 'vitest';
import { graphRequestHeaders } from './request.js';

describe('graphRequestHeaders', () => {
  it('sends the bearer token and a fresh UUID v4 client-request-id, and returns that id', () => {
    const first = graphRequestHeaders('token-1');
    expect(first.headers).toEqual({
      authorization: 'Bearer token-1',
      'client-request-id': first.clientRequestId,
    });
    expect(first.clientRequestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(graphRequestHeaders('token-1').clientRequestId).not.toBe(first.clientRequestId);
  });

  it('adds extra headers without letting them replace the client-request-id', () => {
    const { headers, clientRequestId } = graphRequestHeaders('t', {
      accept: 'application/json',
      'client-request-id': 'forged',
    });
    expect(headers).toEqual({
      authorization: 'Bearer t',
      accept: 'application/json',
      'client-request-id': clientRequestId,
    });
  });
});
