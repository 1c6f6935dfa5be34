import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPORT_CATALOG, REPORT_NAMES } from '@m365-otel/report-catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, type RawResponse } from '../test/https-client.js';
import { cell, issueToken, parseCsv, reportPath, Session } from '../test/session.js';
import { type RunningSimulator, startSimulator } from './index.js';

// A fixed calendar: refresh date 2026-03-13, date window 2026-02-14 .. 2026-03-15.
const now = () => new Date('2026-03-15T10:00:00Z');
let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, users: 40, now });
  session = await Session.open(sim);
});
afterAll(() => sim.close());

function graphError(response: RawResponse): {
  code: string;
  message: string;
  innerError: Record<string, string>;
} {
  return (json(response) as { error: { code: string; message: string; innerError: Record<string, string> } })
    .error;
}

describe('report function call', () => {
  it('answers 302 to a pre-authenticated URL on the download host', async () => {
    const clientRequestId = randomUUID();
    const response = await session.call("getEmailActivityCounts(period='D7')", {
      'client-request-id': clientRequestId,
    });
    expect(response.status).toBe(302);
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.headers['client-request-id']).toBe(clientRequestId);
    expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.date).toBeTruthy();
    const location = new URL(String(response.headers.location));
    expect(location.protocol).toBe('https:');
    expect(location.hostname).toBe('localhost');
    expect(location.hostname).not.toBe(new URL(sim.graphUrl).hostname);
    expect(location.port).toBe(new URL(sim.graphUrl).port);
    expect(location.pathname).toMatch(/^\/data\/download\/[A-Za-z0-9_-]{20,}$/);
  });

  it('accepts the namespace-qualified form, percent-encoding and any function-name case', async () => {
    for (const segment of [
      "microsoft.graph.getMailboxUsageStorage(period='D7')",
      'getMailboxUsageStorage(period=%27D30%27)',
      "getmailboxusagestorage(period='D90')",
    ]) {
      expect((await session.call(segment)).status).toBe(302);
    }
  });

  it('counts downloads and any Authorization header that reaches the download host', async () => {
    const before = sim.stats();
    const response = await session.call("getMailboxUsageStorage(period='D7')");
    const location = String(response.headers.location);
    expect((await session.client.request(location)).status).toBe(200);
    expect(sim.stats().downloadsWithAuthorization).toBe(before.downloadsWithAuthorization);
    await session.client.request(location, { headers: { Authorization: `Bearer ${session.token}` } });
    const after = sim.stats();
    expect(after.downloads - before.downloads).toBe(2);
    expect(after.downloadsWithAuthorization - before.downloadsWithAuthorization).toBe(1);
  });
});

describe('downloaded CSV', () => {
  it.each(REPORT_NAMES)('%s: BOM, the catalog header, CRLF rows, octet-stream', async (report) => {
    const response = await session.request(reportPath(report));
    expect(response.status).toBe(302);
    const file = await session.client.request(String(response.headers.location));
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.body.toString('utf8');
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(REPORT_CATALOG[report].columns.join(','));
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const csv = parseCsv(file.body);
    expect(csv.rows.length).toBeGreaterThan(0);
    for (const row of csv.rows) {
      expect(row).toHaveLength(csv.header.length);
      expect(cell(csv, row, 'Report Refresh Date')).toBe('2026-03-13');
      if (csv.header.includes('Report Period')) expect(cell(csv, row, 'Report Period')).toBe('7');
    }
  });

  it('gives n rows per Dn counts report, newest first, from the refresh date down', async () => {
    for (const [period, days] of [
      ['D7', 7],
      ['D30', 30],
      ['D90', 90],
      ['D180', 180],
    ] as const) {
      const csv = await session.csv(`getMailboxUsageMailboxCounts(period='${period}')`);
      const dates = csv.rows.map((row) => cell(csv, row, 'Report Date'));
      expect(dates).toHaveLength(days);
      expect(dates[0]).toBe('2026-03-13');
      expect(dates.at(-1)).toBe(new Date(Date.UTC(2026, 2, 13 - days + 1)).toISOString().slice(0, 10));
      expect(csv.rows.every((row) => cell(csv, row, 'Report Period') === String(days))).toBe(true);
    }
  });

  it('answers 404 for an unknown download and 403 once the URL expired', async () => {
    const shortLived = await startSimulator({ users: 3, downloadUrlLifetimeSeconds: 1 });
    try {
      const s = await Session.open(shortLived);
      const location = String((await s.call("getMailboxUsageStorage(period='D7')")).headers.location);
      const unknown = await s.client.request(location.replace(/[^/]+$/, 'nope'));
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toBe('application/xml');
      await sleep(1100);
      const expired = await s.client.request(location);
      expect(expired.status).toBe(403);
      expect(expired.body.toString()).toContain('<Code>AuthenticationFailed</Code>');
    } finally {
      await shortLived.close();
    }
  });
});

describe('date= (getEmailActivityUserDetail)', () => {
  it('accepts unquoted and quoted dates inside the 28-day window', async () => {
    for (const segment of [
      'getEmailActivityUserDetail(date=2026-03-13)',
      "getEmailActivityUserDetail(date='2026-02-14')",
      'microsoft.graph.getEmailActivityUserDetail(date=2026-03-01)',
    ]) {
      const csv = await session.csv(segment);
      expect(csv.header).toEqual(REPORT_CATALOG.getEmailActivityUserDetail.columns);
      for (const row of csv.rows) expect(cell(csv, row, 'Report Period')).toBe('1');
    }
  });

  it('lists only the users active that day', async () => {
    const csv = await session.csv('getEmailActivityUserDetail(date=2026-03-10)');
    expect(csv.rows.length).toBeGreaterThan(0);
    expect(csv.rows.length).toBeLessThan(40);
    for (const row of csv.rows) {
      expect(cell(csv, row, 'Last Activity Date')).toBe('2026-03-10');
      expect(Number(cell(csv, row, 'Receive Count'))).toBeGreaterThan(0);
    }
  });

  it('gives a header-only file for the days not processed yet', async () => {
    const csv = await session.csv('getEmailActivityUserDetail(date=2026-03-15)');
    expect(csv.rows).toEqual([]);
  });

  it.each(['2026-02-13', '2026-03-16', '2025-01-01'])('rejects %s with InvalidArgument', async (date) => {
    const response = await session.call(`getEmailActivityUserDetail(date=${date})`);
    expect(response.status).toBe(400);
    const error = graphError(response);
    expect(error.code).toBe('InvalidArgument');
    expect(error.message).toBe(
      `Invalid date value specified: ${date}. Only support data for the past 28 days.`,
    );
    expect(error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });
});

describe('bad requests', () => {
  it.each([
    ["getEmailActivityCounts(period='D8')", 'getEmailActivityCounts'],
    ['getEmailActivityCounts(period=D7)', 'getEmailActivityCounts'],
    ['getEmailActivityCounts', 'getEmailActivityCounts'],
    ['getMailboxUsageDetail(date=2026-03-10)', 'getMailboxUsageDetail'],
    ['getEmailActivityUserDetail(date=2026-02-30)', 'getEmailActivityUserDetail'],
    ["getOffice365ActivationsUserDetail(period='D7')", 'getOffice365ActivationsUserDetail'],
  ])('%s -> 400 BadRequest', async (segment, name) => {
    const response = await session.call(segment);
    expect(response.status).toBe(400);
    expect(graphError(response)).toMatchObject({
      code: 'BadRequest',
      message: `Resource not found for the segment '${name}'.`,
    });
  });

  it('answers other Graph paths with BadRequest for the segment', async () => {
    const response = await session.client.request(`${sim.graphUrl}/v1.0/me`, {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    expect(response.status).toBe(400);
    expect(graphError(response).message).toBe("Resource not found for the segment 'me'.");
  });
});

describe('access tokens', () => {
  const reportUrl = () => `${sim.graphUrl}/v1.0/reports/getEmailActivityCounts(period='D7')`;

  it.each([
    [{}, 'Access token is empty.'],
    [{ Authorization: 'Bearer made-up' }, 'CompactToken parsing failed with error code: 80049217'],
  ])('401 InvalidAuthenticationToken for %j', async (headers, message) => {
    const response = await session.client.request(reportUrl(), { headers });
    expect(response.status).toBe(401);
    expect(graphError(response)).toMatchObject({ code: 'InvalidAuthenticationToken', message });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('rejects a token issued for another resource', async () => {
    const token = await issueToken(sim, session.client, 'https://manage.office.com/.default');
    const response = await session.client.request(reportUrl(), {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(401);
    expect(graphError(response).message).toContain('Invalid audience');
  });

  it('rejects a token once its lifetime has passed', async () => {
    const quick = await startSimulator({ users: 3, tokenLifetimeSeconds: 1 });
    try {
      const s = await Session.open(quick);
      expect((await s.call("getMailboxUsageStorage(period='D7')")).status).toBe(302);
      await sleep(1100);
      const response = await s.call("getMailboxUsageStorage(period='D7')");
      expect(response.status).toBe(401);
      expect(graphError(response).message).toBe('Lifetime validation failed, the token is expired.');
    } finally {
      await quick.close();
    }
  });
});
