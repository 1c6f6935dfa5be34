import { describe, expect, it } from 'vitest';
import { response, traced } from '../__fixtures__/transport.js';
import type { TracedRequest } from '../pipeline.js';
import { clientRequestIdPolicy } from './client-request-id-policy.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('clientRequestIdPolicy', () => {
  it('sends a fresh UUID v4 on every attempt, replacing any given, and keeps it in the trace', async () => {
    const policy = clientRequestIdPolicy();
    const sent: string[] = [];
    const next = async (request: TracedRequest) => {
      sent.push(String(request.headers?.['client-request-id']));
      return response(200);
    };
    const request = traced({ headers: { 'client-request-id': 'forged' } });
    await policy.sendRequest(request, next);
    await policy.sendRequest(request, next);
    expect(sent[0]).toMatch(UUID_V4);
    expect(sent[1]).toMatch(UUID_V4);
    expect(sent[1]).not.toBe(sent[0]);
    expect(request.trace.clientRequestId).toBe(sent[1]);
  });
});
