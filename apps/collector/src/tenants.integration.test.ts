import { AuthError } from '@m365-otel/auth';
import { REPORT_MAPPINGS, type ReportMapping } from '@m365-otel/mappers';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantConfig } from './config/types.js';
import { createJsonLogger } from './logging/logger.js';
import { TenantSource } from './pipeline/tenant-source.js';

// Each tenant's connection to Microsoft is its own: HTTP pool, token cache, rate budgets and retry waits. Two
// simulated tenants in one process show that one tenant's throttling, spent budget or refused credential never
// holds the other's requests. Ordering, not timing, is asserted: the other tenant's answer arrives while the first
// tenant's request is still waiting (a wait of minutes), which is then aborted.

let first: RunningSimulator;
let second: RunningSimulator;
const sources: TenantSource[] = [];
const logger = createJsonLogger({ level: 'error', write: () => undefined });

beforeAll(async () => {
  [first, second] = await Promise.all([
    startSimulator({ seed: 31, users: 5 }),
    startSimulator({ seed: 32, users: 5 }),
  ]);
});
afterAll(async () => {
  await Promise.all(sources.map((source) => source.close()));
  await Promise.all([first?.close(), second?.close()]);
});

function tenantSource(simulator: RunningSimulator, secret = simulator.clientSecret): TenantSource {
  const tenant: TenantConfig = {
    tenantId: simulator.tenantId,
    clientId: simulator.clientId,
    credential: { kind: 'secret', secret },
    cloud: 'custom',
    endpoints: { authority: simulator.authorityUrl, graph: simulator.graphUrl },
    caFile: simulator.caFile,
  };
  const source = new TenantSource(tenant, logger.child({ tenantId: simulator.tenantId }));
  sources.push(source);
  return source;
}

/** A promise whose settling the test can look at without awaiting it. */
function watched<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  const settle = () => {
    settled = true;
  };
  promise.then(settle, settle);
  return { promise, settled: () => settled };
}

const mapping: ReportMapping =
  REPORT_MAPPINGS.find((candidate) => candidate.report === 'getEmailActivityCounts') ??
  (() => {
    throw new Error('getEmailActivityCounts has no mapping');
  })();

describe('tenants in one process', () => {
  it("one tenant over its report budget waits alone: another tenant's reads of the same report go on", async () => {
    const spent = tenantSource(first);
    const other = tenantSource(second);
    const signal = new AbortController().signal;
    const read = await spent.fetch(mapping, { period: 'D7' }, signal);
    if (read.status !== 'read') throw new Error('the first read must download the report');
    // Microsoft allows 14 CSV requests per 10 minutes per report, app and tenant; an unchanged report counts too.
    for (let request = 2; request <= 14; request++)
      await spent.fetch(mapping, { period: 'D7', knownRefreshDate: read.refreshDate }, signal);
    const over = new AbortController();
    const waiting = watched(spent.fetch(mapping, { period: 'D7' }, over.signal));
    const otherRead = await other.fetch(mapping, { period: 'D7' }, signal);
    expect(otherRead.status).toBe('read');
    // The other tenant read the report whole while the spent tenant's request never left the process.
    expect(waiting.settled()).toBe(false);
    expect(first.stats().reportRequestsByFunction.getEmailActivityCounts).toBe(14);
    expect(second.stats().reportRequestsByFunction.getEmailActivityCounts).toBe(1);
    over.abort(new Error('the test ends the wait'));
    await expect(waiting.promise).rejects.toThrow('the test ends the wait');
  });

  it("one tenant's Retry-After holds only its own requests", async () => {
    const throttled = tenantSource(first);
    const other = tenantSource(second);
    first.faults.inject({ kind: '429', target: 'service-health', retryAfterSeconds: 240 });
    const waitOut = new AbortController();
    const waiting = watched(throttled.serviceHealth.listHealthOverviews({ signal: waitOut.signal }));
    const overviews = await other.serviceHealth.listHealthOverviews();
    expect(overviews.length).toBeGreaterThan(0);
    // Answered while the throttled tenant waits out its Retry-After before asking again.
    expect(waiting.settled()).toBe(false);
    expect(first.stats().faultsServed).toBe(1);
    expect(first.stats().serviceHealthRequests).toBe(1);
    waitOut.abort(new Error('the test ends the wait'));
    await expect(waiting.promise).rejects.toThrow();
    expect(first.faults.pending()).toEqual([]);
  });

  it('a tenant whose secret Entra refuses fails alone; the other keeps its own token', async () => {
    const revoked = tenantSource(first, 'not-the-secret');
    const other = tenantSource(second);
    const [refused, overviews] = await Promise.allSettled([
      revoked.serviceHealth.listHealthOverviews(),
      other.serviceHealth.listHealthOverviews(),
    ]);
    expect(refused.status).toBe('rejected');
    const error = refused.status === 'rejected' ? refused.reason : undefined;
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).aadstsCode).toBe('AADSTS7000215');
    expect(overviews.status).toBe('fulfilled');
  });
});
