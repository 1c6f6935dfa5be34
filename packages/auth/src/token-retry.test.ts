import { HttpClient } from '@m365-otel/http';
import type { RequestObserver } from '@m365-otel/request-pipeline';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { scopeForResource } from './clouds.js';
import { AuthError } from './errors.js';
import { TokenProvider } from './token-provider.js';

// Throttling and outages of the token endpoint, against the simulator's Entra (its fault injection answers the
// token POST with Entra's 429 AADSTS90055 or 503 AADSTS90033 and the Retry-After asked for).

let sim: RunningSimulator;
let http: HttpClient;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, users: 5 });
  http = new HttpClient({ caFile: sim.caFile, env: {} });
});
afterEach(() => sim.faults.clear());
afterAll(async () => {
  await http?.close();
  await sim?.close();
});

function provider(signal?: AbortSignal, observer?: RequestObserver) {
  const sleeps: number[] = [];
  const tokens = new TokenProvider({
    ...(signal && { signal }),
    ...(observer && { observer }),
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    credential: { kind: 'secret', secret: sim.clientSecret },
    authority: sim.authorityUrl,
    http,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { tokens, sleeps };
}

const tokenRequests = () => sim.stats().tokenRequests;

describe('token endpoint throttling', () => {
  it('waits for Retry-After (seconds) after a 429, then gets the token', async () => {
    const { tokens, sleeps } = provider();
    sim.faults.inject({ kind: '429', target: 'token', retryAfterSeconds: 1 });
    const before = tokenRequests();
    const token = await tokens.getToken(scopeForResource(sim.graphUrl));
    expect(token.token).not.toBe('');
    expect(sleeps).toEqual([1000]);
    expect(tokenRequests() - before).toBe(2);
  });

  it("tells the observer of the authority's answers and of the throttling retry, as entra.token", async () => {
    const observer = { attempted: vi.fn(), retrying: vi.fn() } satisfies RequestObserver;
    const { tokens } = provider(undefined, observer);
    sim.faults.inject({ kind: '429', target: 'token', retryAfterSeconds: 1 });
    await tokens.getToken(scopeForResource(sim.graphUrl));
    expect(observer.retrying.mock.calls).toEqual([['entra.token', { reason: 'throttled', delayMs: 1000 }]]);
    // OpenID discovery first, then the token POST: throttled once, then answered.
    const statuses = observer.attempted.mock.calls.map(([api, outcome]) => [api, outcome.status]);
    expect(statuses.slice(-2)).toEqual([
      ['entra.token', 429],
      ['entra.token', 200],
    ]);
    expect(
      statuses.every(([api, status]) => api === 'entra.token' && (status === 200 || status === 429)),
    ).toBe(true);
  });

  it('waits for an HTTP-date Retry-After after a 429 and backs off with jitter after a 503', async () => {
    const { tokens, sleeps } = provider();
    sim.faults.inject({ kind: '429-http-date', target: 'token', retryAfterSeconds: 2 });
    sim.faults.inject({ kind: '503', target: 'token' });
    await tokens.getToken(scopeForResource(sim.graphUrl));
    expect(sleeps).toHaveLength(2);
    // An HTTP date has whole seconds: between 1 and 2 s from now, whatever the sub-second when it was written.
    expect(sleeps[0]).toBeGreaterThan(0);
    expect(sleeps[0]).toBeLessThanOrEqual(2000);
    // Full jitter, random 0.5, second retry: half of the 2 s window.
    expect(sleeps[1]).toBe(1000);
  });

  it('gives up at once, transiently, when the endpoint asks for a wait beyond the bound', async () => {
    const { tokens, sleeps } = provider();
    sim.faults.inject({ kind: '429', target: 'token', retryAfterSeconds: 3600 });
    const before = tokenRequests();
    const error = await tokens.getToken(scopeForResource(sim.graphUrl)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).transient).toBe(true);
    expect((error as AuthError).message).toContain('AADSTS90055');
    expect(sleeps).toEqual([]);
    expect(tokenRequests() - before).toBe(1);
  });

  it('gives up after the attempt budget on a persistent outage', async () => {
    const { tokens, sleeps } = provider();
    sim.faults.inject({ kind: '503', target: 'token', times: 5 });
    const error = await tokens.getToken(scopeForResource(sim.graphUrl)).catch((caught: unknown) => caught);
    expect((error as AuthError).transient).toBe(true);
    expect(sleeps).toHaveLength(4);
  });

  it('stops waiting for Retry-After when its signal aborts (shutdown)', async () => {
    const stop = new AbortController();
    const tokens = new TokenProvider({
      tenantId: sim.tenantId,
      clientId: sim.clientId,
      credential: { kind: 'secret', secret: sim.clientSecret },
      authority: sim.authorityUrl,
      http,
      signal: stop.signal,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          stop.abort(new Error('shutting down'));
        }),
    });
    sim.faults.inject({ kind: '429', target: 'token', retryAfterSeconds: 60 });
    const error = await tokens.getToken(scopeForResource(sim.graphUrl)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).transient).toBe(true);
  });
});
