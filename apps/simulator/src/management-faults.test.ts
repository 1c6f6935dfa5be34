import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json, type RawResponse, TestClient } from '../test/https-client.js';
import { issueToken } from '../test/session.js';
import { type RunningSimulator, startSimulator } from './index.js';

const NOW = Date.parse('2026-03-15T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SKEW = 10 * MINUTE;
const now = () => new Date(NOW);

let sim: RunningSimulator;
let client: TestClient;
let token: string;

function feedUrl(operation: string, query = ''): string {
  return `${sim.managementUrl}/api/v1.0/${sim.tenantId}/activity/feed/${operation}${query === '' ? '' : `?${query}`}`;
}

function call(url: string, method = 'GET'): Promise<RawResponse> {
  return client.request(url, { method, headers: { Authorization: `Bearer ${token}` } });
}

function errorCode(response: RawResponse): { status: number; code: unknown } {
  return { status: response.status, code: (json(response).error as { code?: unknown } | undefined)?.code };
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

async function firstBlob(contentType: string): Promise<{ contentId: string; contentUri: string }> {
  const listed = await call(
    feedUrl(
      'subscriptions/content',
      `contentType=${contentType}&startTime=${iso(NOW - 2 * HOUR)}&endTime=${iso(NOW)}`,
    ),
  );
  const [item] = json(listed) as unknown as { contentId: string; contentUri: string }[];
  if (item === undefined) throw new Error(`no ${contentType} blob listed`);
  return item;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 12, users: 10, now, clockSkewMs: SKEW, contentPageSize: 10 });
  client = await TestClient.forCa(sim.caFile);
  token = await issueToken(sim, client, `${sim.managementUrl}/.default`);
  for (const contentType of ['Audit.Exchange', 'Audit.General']) {
    await call(feedUrl('subscriptions/start', `contentType=${contentType}`), 'POST');
  }
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
  sim.setClockSkew(SKEW);
});

describe('the simulator clock', () => {
  it('sends its skewed clock as Date on every answer, success or error', async () => {
    const expected = new Date(NOW + SKEW).toUTCString();
    expect((await call(feedUrl('subscriptions/list'))).headers.date).toBe(expected);
    const refused = await call(feedUrl('subscriptions/content', 'contentType=DLP.All'));
    expect(errorCode(refused)).toEqual({ status: 400, code: 'AF20022' });
    expect(refused.headers.date).toBe(expected);
    sim.faults.inject({ kind: 'af429', target: 'management' });
    expect((await call(feedUrl('subscriptions/list'))).headers.date).toBe(expected);
    sim.setClockSkew(-SKEW);
    expect((await call(feedUrl('subscriptions/list'))).headers.date).toBe(new Date(NOW - SKEW).toUTCString());
    // A Retry-After date is in the same clock as Date.
    sim.faults.inject({ kind: '429-http-date', target: 'management', retryAfterSeconds: 30 });
    const throttled = await call(feedUrl('subscriptions/list'));
    expect(throttled.status).toBe(429);
    expect(
      Date.parse(String(throttled.headers['retry-after'])) - Date.parse(String(throttled.headers.date)),
    ).toBe(30_000);
  });

  it('lists, publishes and tells truth by the skewed clock', async () => {
    // The default window ends at the server's now, ten minutes ahead of the caller's.
    const listed = await call(feedUrl('subscriptions/content', 'contentType=Audit.Exchange'));
    const next = new URL(String(listed.headers.nextpageuri));
    expect(next.searchParams.get('startTime')).toBe(iso(NOW + SKEW - 24 * HOUR));
    expect(next.searchParams.get('endTime')).toBe(iso(NOW + SKEW));
    // An hour ahead, the hour after the caller's now is published (Exchange: a blob every 15 minutes).
    sim.setClockSkew(HOUR);
    const window = `startTime=${iso(NOW)}&endTime=${iso(NOW + HOUR)}`;
    const ahead = json(await call(feedUrl('subscriptions/content', `contentType=Audit.Exchange&${window}`)));
    const truth = sim.truth.auditCount('Audit.Exchange', new Date(NOW), new Date(NOW + HOUR));
    expect(truth.blobs).toBeGreaterThanOrEqual(3);
    expect(ahead).toHaveLength(truth.blobs);
    sim.setClockSkew(0);
    expect(
      json(await call(feedUrl('subscriptions/content', `contentType=Audit.Exchange&${window}`))),
    ).toHaveLength(0);
    expect(sim.truth.auditCount('Audit.Exchange', new Date(NOW), new Date(NOW + HOUR)).blobs).toBe(0);
  });

  it('refuses a skew over a day, and is set over HTTP', async () => {
    expect(() => sim.setClockSkew(25 * HOUR)).toThrow(/clockSkewMs must be an integer within/);
    await expect(startSimulator({ clockSkewMs: 0.5 })).rejects.toThrow(/clockSkewMs/);
    const set = await client.request(`${sim.url}/_simulator/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ skewMs: -SKEW }),
    });
    expect(json(set)).toEqual({ now: new Date(NOW - SKEW).toISOString(), skewMs: -SKEW });
    expect(json(await client.request(`${sim.url}/_simulator/clock`))).toEqual({
      now: new Date(NOW - SKEW).toISOString(),
      skewMs: -SKEW,
    });
    const bad = await client.request(`${sim.url}/_simulator/clock`, {
      method: 'POST',
      body: JSON.stringify({ skew: 1 }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('blobs that are gone', () => {
  it('answers AF20051 for a chosen blob only, and AF20050 for the next blob asked', async () => {
    const blob = await firstBlob('Audit.Exchange');
    const other = await firstBlob('Audit.General');
    sim.faults.inject({ kind: 'blob-expired', target: 'management', contentId: blob.contentId, times: 2 });
    expect((await call(other.contentUri)).status).toBe(200);
    expect(errorCode(await call(blob.contentUri))).toEqual({ status: 400, code: 'AF20051' });
    expect(errorCode(await call(blob.contentUri))).toEqual({ status: 400, code: 'AF20051' });
    expect((await call(blob.contentUri)).status).toBe(200);

    sim.faults.inject({ kind: 'blob-not-found', target: 'management' });
    // A listing does not consume a GetBlob fault.
    expect((await call(feedUrl('subscriptions/list'))).status).toBe(200);
    expect(errorCode(await call(other.contentUri))).toEqual({ status: 404, code: 'AF20050' });
    expect((await call(other.contentUri)).status).toBe(200);
  });

  it('refuses them on another operation or target, and a content id on other kinds', () => {
    expect(() =>
      sim.faults.inject({ kind: 'blob-expired', target: 'management', operation: 'ListContent' }),
    ).toThrow("fault kind 'blob-expired' answers operation GetBlob only, not 'ListContent'");
    expect(() => sim.faults.inject({ kind: 'blob-not-found', target: 'download' })).toThrow(
      /applies to target management/,
    );
    expect(() => sim.faults.inject({ kind: 'af429', target: 'management', contentId: 'x' })).toThrow(
      "fault.contentId does not apply to kind 'af429'",
    );
  });
});

describe('subscriptions lost or disabled', () => {
  const content = () => feedUrl('subscriptions/content', 'contentType=Audit.General');
  const start = () => call(feedUrl('subscriptions/start', 'contentType=Audit.General'), 'POST');

  it('answers AF20022 once the subscription is lost, until it is started again', async () => {
    sim.faults.inject({ kind: 'subscription-lost', target: 'management' });
    expect(errorCode(await call(content()))).toEqual({ status: 400, code: 'AF20022' });
    expect(errorCode(await call(content()))).toEqual({ status: 400, code: 'AF20022' });
    expect((await start()).status).toBe(200);
    expect((await call(content())).status).toBe(200);
  });

  it('answers AF20023 once disabled, or after a stop, until it is started again', async () => {
    sim.faults.inject({ kind: 'subscription-disabled', target: 'management' });
    expect(errorCode(await call(content()))).toEqual({ status: 400, code: 'AF20023' });
    expect(json(await call(feedUrl('subscriptions/list')))).toContainEqual({
      contentType: 'Audit.General',
      status: 'disabled',
      webhook: null,
    });
    expect((await start()).status).toBe(200);
    expect((await call(content())).status).toBe(200);

    expect((await call(feedUrl('subscriptions/stop', 'contentType=Audit.General'), 'POST')).status).toBe(200);
    expect(errorCode(await call(content()))).toEqual({ status: 400, code: 'AF20023' });
    expect((await start()).status).toBe(200);
    expect((await call(content())).status).toBe(200);
  });
});
