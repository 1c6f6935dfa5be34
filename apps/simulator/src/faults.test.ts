import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../test/https-client.js';
import { issueToken, requestToken, Session } from '../test/session.js';
import { type Fault, type RunningSimulator, startSimulator } from './index.js';

let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, users: 400 });
  session = await Session.open(sim);
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

const REPORT = "getMailboxUsageDetail(period='D7')";

async function location(segment = REPORT): Promise<string> {
  const response = await session.call(segment);
  expect(response.status).toBe(302);
  return String(response.headers.location);
}

const tokenRequest = () => requestToken(sim, session.client);

describe('throttling and outages', () => {
  it('429 with Retry-After seconds and the TooManyRequests body, once', async () => {
    const served = sim.stats().faultsServed;
    sim.faults.inject({ kind: '429', retryAfterSeconds: 3 });
    const response = await session.call(REPORT);
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(json(response)).toMatchObject({
      error: {
        code: 'TooManyRequests',
        message: 'Please retry again later.',
        innerError: { code: '429', status: '429', message: 'Please retry after' },
      },
    });
    expect(sim.stats().faultsServed).toBe(served + 1);
    expect((await session.call(REPORT)).status).toBe(302);
  });

  it('429 with an HTTP-date Retry-After', async () => {
    sim.faults.inject({ kind: '429-http-date', retryAfterSeconds: 30 });
    const response = await session.call(REPORT);
    expect(response.status).toBe(429);
    const at = Date.parse(String(response.headers['retry-after']));
    expect(String(response.headers['retry-after'])).toMatch(/GMT$/);
    expect(at - Date.now()).toBeGreaterThan(25_000);
    expect(at - Date.now()).toBeLessThanOrEqual(30_000);
  });

  it('429 without Retry-After', async () => {
    sim.faults.inject({ kind: '429-no-retry-after' });
    const response = await session.call(REPORT);
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBeUndefined();
    expect(graphCode(json(response))).toBe('TooManyRequests');
  });

  it('503 on the report call and on the download, as many times as asked', async () => {
    sim.faults.inject({ kind: '503', times: 2 });
    expect((await session.call(REPORT)).status).toBe(503);
    const second = await session.call(REPORT);
    expect(second.status).toBe(503);
    expect(graphCode(json(second))).toBe('serviceNotAvailable');
    expect((await session.call(REPORT)).status).toBe(302);

    const url = await location();
    sim.faults.inject({ kind: '503', target: 'download', retryAfterSeconds: 2 });
    const download = await session.client.request(url);
    expect(download.status).toBe(503);
    expect(download.headers['retry-after']).toBe('2');
    expect(download.body.toString()).toContain('<Code>ServerBusy</Code>');
    expect((await session.client.request(url)).status).toBe(200);
  });

  it('429 on the token endpoint in Entra’s shape', async () => {
    sim.faults.inject({ kind: '429', target: 'token', retryAfterSeconds: 5 });
    const response = await tokenRequest();
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('5');
    expect(json(response)).toMatchObject({ error: 'temporarily_unavailable', error_codes: [90055] });
    expect((await tokenRequest()).status).toBe(200);
  });

  it.each([
    ['secret-expired', 401, 'invalid_client', 7000222],
    ['consent-missing', 400, 'invalid_grant', 65001],
    ['conditional-access', 400, 'invalid_grant', 53003],
  ] as const)('%s refuses one token in Entra’s shape', async (kind, status, error, code) => {
    sim.faults.inject({ kind, target: 'token' });
    const response = await tokenRequest();
    expect(response.status).toBe(status);
    expect(json(response)).toMatchObject({ error, error_codes: [code] });
    expect(String(json(response).error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
    expect((await tokenRequest()).status).toBe(200);
  });

  it('html-503 answers the token request with a gateway page, not JSON', async () => {
    sim.faults.inject({ kind: 'html-503', target: 'token' });
    const response = await tokenRequest();
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body.toString()).toContain('503 Service Unavailable');
  });

  it('applies a report-scoped fault only to that report', async () => {
    sim.faults.inject({ kind: '429', report: 'getEmailActivityCounts' });
    expect((await session.call(REPORT)).status).toBe(302);
    expect((await session.call("getEmailActivityCounts(period='D7')")).status).toBe(429);
  });
});

describe('connection faults', () => {
  it.each(['token', 'report', 'download'] as const)('reset on %s drops the connection', async (target) => {
    const url = target === 'download' ? await location() : undefined;
    sim.faults.inject({ kind: 'reset', target });
    const attempt =
      target === 'token'
        ? tokenRequest()
        : target === 'report'
          ? session.call(REPORT)
          : session.client.request(String(url));
    await expect(attempt).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('slow-body trickles the download with pauses, then delivers all of it', async () => {
    const url = await location();
    const normal = await session.client.request(url);
    sim.faults.inject({ kind: 'slow-body', target: 'download', pauseMs: 150 });
    const arrivals: number[] = [];
    const started = Date.now();
    const chunks: Buffer[] = [];
    const result = await session.client.consume(url, (chunk) => {
      arrivals.push(Date.now() - started);
      chunks.push(chunk);
    });
    expect(result.status).toBe(200);
    expect(Buffer.concat(chunks).equals(normal.body)).toBe(true);
    // Four pauses of 150 ms before the first four pieces.
    expect(arrivals[3]).toBeGreaterThanOrEqual(4 * 150 - 20);
  });

  it('slow-body on the token endpoint still gives a valid token', async () => {
    sim.faults.inject({ kind: 'slow-body', target: 'token', pauseMs: 50 });
    const response = await tokenRequest();
    expect(response.status).toBe(200);
    expect(json(response).token_type).toBe('Bearer');
  });

  it('truncated closes the download mid-body', async () => {
    const url = await location();
    sim.faults.inject({ kind: 'truncated', target: 'download' });
    let received = 0;
    await expect(
      session.client.consume(url, (chunk) => {
        received += chunk.length;
      }),
    ).rejects.toThrow();
    expect(received).toBeGreaterThan(0);
    expect((await session.client.request(url)).body.length).toBeGreaterThan(received);
  });

  it('truncated cuts the token response short of its Content-Length', async () => {
    sim.faults.inject({ kind: 'truncated', target: 'token' });
    await expect(tokenRequest()).rejects.toThrow();
  });
});

describe('expired-token', () => {
  it('answers the next Graph call with a valid token as expired, and keeps that token expired', async () => {
    const own = await Session.open(sim);
    sim.faults.inject({ kind: 'expired-token' });
    const response = await own.call(REPORT);
    expect(response.status).toBe(401);
    expect(json(response)).toMatchObject({
      error: {
        code: 'InvalidAuthenticationToken',
        message: 'Lifetime validation failed, the token is expired.',
      },
    });
    expect((await own.call(REPORT)).status).toBe(401);
    // The other session's token is untouched, and a fresh one works.
    expect((await session.call(REPORT)).status).toBe(302);
    const fresh = await issueToken(sim, own.client);
    const retried = await own.client.request(`${sim.graphUrl}/v1.0/reports/${REPORT}`, {
      headers: { Authorization: `Bearer ${fresh}` },
    });
    expect(retried.status).toBe(302);
  });
});

describe('drift and impostors', () => {
  it('captive-portal answers the download with a 200 HTML page', async () => {
    sim.faults.inject({ kind: 'captive-portal', target: 'download' });
    const response = await session.client.request(await location());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body.toString('utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('drop-field removes the field from the first item that has it, in the next answer that has one', async () => {
    sim.faults.inject({ kind: 'drop-field', target: 'service-health', field: 'details' });
    const overviews = json(await session.get('admin/serviceAnnouncement/healthOverviews'));
    expect(sim.faults.pending()).toHaveLength(1);
    expect(overviews.value).toHaveLength(8);
    const issues = json(await session.get('admin/serviceAnnouncement/issues')).value as Array<
      Record<string, unknown>
    >;
    expect(sim.faults.pending()).toEqual([]);
    expect(issues[0]).not.toHaveProperty('details');
    expect(issues.slice(1).every((issue) => Object.hasOwn(issue, 'details'))).toBe(true);
  });
});

describe('fault API', () => {
  it.each([
    [{ kind: 'boom' }, /fault.kind must be one of/],
    [{ kind: '429', target: 'graph' }, /fault.target must be one of/],
    [
      { kind: 'expired-token', target: 'download' },
      /applies to target report or service-health or management or report-settings or governance or call-records, not 'download'/,
    ],
    [
      { kind: 'truncated' },
      /applies to target token or download or service-health or management or governance or call-records, not 'report'/,
    ],
    [{ kind: '429', times: 0 }, /times must be an integer >= 1/],
    [{ kind: '429-no-retry-after', retryAfterSeconds: 1 }, /does not apply/],
    [{ kind: '429', target: 'token', report: 'getMailboxUsageDetail' }, /cannot be combined/],
    [{ kind: 'secret-expired' }, /applies to target token, not 'report'/],
    [{ kind: '429', report: 'getNothing' }, /fault.report must be one of/],
    [{ kind: '429', colour: 'red' }, /unknown field 'colour'/],
    [{ kind: 'drop-field', target: 'service-health' }, /fault.field must name the field/],
    [{ kind: '429', field: 'id' }, /fault.field does not apply/],
    [{ kind: 'captive-portal' }, /applies to target token or download or .*, not 'report'/],
  ])('rejects %j', (fault, message) => {
    expect(() => sim.faults.inject(fault as unknown as Fault)).toThrow(message);
  });

  it('is mirrored over HTTP', async () => {
    const post = (body: string) =>
      session.client.request(`${sim.url}/_simulator/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
    const created = await post(JSON.stringify({ kind: '429', times: 2 }));
    expect(created.status).toBe(201);
    expect(sim.faults.pending()).toEqual([
      { kind: '429', target: 'report', report: undefined, remaining: 2, retryAfterSeconds: 1, pauseMs: 500 },
    ]);
    expect((await post('{not json')).status).toBe(400);
    const invalid = await post(JSON.stringify({ kind: 'nope' }));
    expect(invalid.status).toBe(400);
    expect(json(invalid).error).toMatch(/fault.kind/);
    expect((await session.client.request(`${sim.url}/_simulator/faults`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(sim.faults.pending()).toEqual([]);
    const stats = json(await session.client.request(`${sim.url}/_simulator/stats`));
    expect(stats).toEqual(sim.stats());
  });
});

function graphCode(body: Record<string, unknown>): unknown {
  return (body.error as { code?: unknown } | undefined)?.code;
}
