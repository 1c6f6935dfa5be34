import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../test/https-client.js';
import { issueToken, requestToken, Session } from '../test/session.js';
import { type Fault, type RunningSimulator, startSimulator } from './index.js';

// The kinds the reliability fault matrix needs beyond throttling: server errors, slow headers, broken bodies,
// redirects and next links that lead elsewhere.

let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, users: 20 });
  session = await Session.open(sim);
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

const REPORT = "getEmailActivityCounts(period='D7')";
const ISSUES = 'admin/serviceAnnouncement/issues';
const FOREIGN = 'https://127.0.0.1:9';

const tokenRequest = () => requestToken(sim, session.client);

describe('server errors', () => {
  it.each([
    ['500', 500, 'generalException'],
    ['502', 502, 'BadGateway'],
    ['504', 504, 'GatewayTimeout'],
  ] as const)(
    '%s answers a Graph list with its status and code, then lets the next call through',
    async (kind, status, code) => {
      sim.faults.inject({ kind, target: 'service-health', retryAfterSeconds: 2 });
      const refused = await session.get(ISSUES);
      expect(refused.status).toBe(status);
      expect(refused.headers['retry-after']).toBe('2');
      expect(json(refused)).toMatchObject({ error: { code } });
      expect((await session.get(ISSUES)).status).toBe(200);
    },
  );

  it('answers the token endpoint, the download and the Management Activity API too', async () => {
    sim.faults.inject({ kind: '502', target: 'token' });
    expect((await tokenRequest()).status).toBe(502);
    sim.faults.inject({ kind: '500', target: 'download' });
    const location = String((await session.call(REPORT)).headers.location);
    expect((await session.client.request(location)).status).toBe(500);
    sim.faults.inject({ kind: '504', target: 'management' });
    const feed = await session.client.request(
      `${sim.managementUrl}/api/v1.0/${sim.tenantId}/activity/feed/subscriptions/list`,
    );
    expect(feed.status).toBe(504);
  });
});

describe('slow headers', () => {
  it('holds the status line back for pauseMs, then answers as usual', async () => {
    sim.faults.inject({ kind: 'slow-headers', target: 'governance', pauseMs: 300 });
    const started = performance.now();
    const response = await session.get('subscribedSkus');
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(response.status).toBe(200);
    expect(sim.faults.pending()).toEqual([]);
  });
});

describe('broken bodies', () => {
  it('malformed sends a JSON answer with junk after the document, chunked', async () => {
    sim.faults.inject({ kind: 'malformed', target: 'service-health' });
    const response = await session.get(ISSUES);
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBeUndefined();
    expect(() => JSON.parse(response.body.toString('utf8'))).toThrow(SyntaxError);
    expect(response.body.toString('utf8')).toMatch(/\},\{"$/);
  });

  it('malformed ends a CSV download with a quote that never closes', async () => {
    sim.faults.inject({ kind: 'malformed', target: 'download' });
    const csv = (await session.download(REPORT)).toString('utf8');
    expect(csv.split('\n').at(-1)).toBe('"a quoted cell that never ends,1');
  });

  it('non-utf8 puts bytes no UTF-8 decoder accepts at the start of the field', async () => {
    sim.faults.inject({ kind: 'non-utf8', target: 'service-health', field: 'title' });
    const { body } = await session.get(ISSUES);
    const at = body.indexOf('"title":"') + '"title":"'.length;
    expect([...body.subarray(at, at + 2)]).toEqual([0x80, 0xff]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(body)).toThrow(TypeError);
  });

  it('oversized sends a JSON array that never ends', async () => {
    sim.faults.inject({ kind: 'oversized', target: 'call-records' });
    const start = await session.client.readAtMost(
      `${sim.graphUrl}/v1.0/communications/callRecords`,
      4 * 1024 * 1024,
      { Authorization: `Bearer ${session.token}` },
    );
    expect(start.status).toBe(200);
    expect(start.ended).toBe(false);
    expect(start.bytes.subarray(0, 10).toString('utf8')).toBe('{"value":[');
  });

  it('oversized sends a CSV record that never reaches its line break', async () => {
    sim.faults.inject({ kind: 'oversized', target: 'download' });
    const location = String((await session.call(REPORT)).headers.location);
    const start = await session.client.readAtMost(location, 2 * 1024 * 1024);
    expect(start.ended).toBe(false);
    expect(start.bytes.includes('\n')).toBe(false);
  });

  it('captive-portal answers a Graph JSON list and the token endpoint with an HTML page', async () => {
    sim.faults.inject({ kind: 'captive-portal', target: 'governance' });
    const page = await session.get('subscribedSkus');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    sim.faults.inject({ kind: 'captive-portal', target: 'token' });
    expect((await tokenRequest()).headers['content-type']).toMatch(/^text\/html/);
  });
});

describe('redirects and next links', () => {
  it.each([
    ['redirect-http', (url: string) => url.replace(/^https:/, 'http:')],
    ['redirect-foreign-host', (url: string) => `${FOREIGN}${new URL(url).pathname}`],
    ['redirect-loop', (url: string) => url],
  ] as const)('%s answers a Graph list with a 302 to where it leads', async (kind, expected) => {
    const url = `${sim.graphUrl}/v1.0/${ISSUES}`;
    sim.faults.inject({
      kind,
      target: 'service-health',
      ...(kind === 'redirect-foreign-host' && { origin: FOREIGN }),
    });
    const response = await session.get(ISSUES);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(expected(url));
  });

  it('redirect-foreign-host on the report call makes the download Location point at the other host', async () => {
    sim.faults.inject({ kind: 'redirect-foreign-host', origin: FOREIGN });
    const response = await session.call(REPORT);
    expect(response.status).toBe(302);
    expect(String(response.headers.location)).toMatch(new RegExp(`^${FOREIGN}/v1\\.0/reports/`));
  });

  it('foreign-next-link gives a Graph page an @odata.nextLink on the other origin', async () => {
    sim.faults.inject({ kind: 'foreign-next-link', target: 'service-health', origin: FOREIGN });
    const page = json(await session.get(ISSUES));
    expect(String(page['@odata.nextLink'])).toBe(`${FOREIGN}/v1.0/${ISSUES}`);
    expect(Array.isArray(page.value)).toBe(true);
  });

  it('foreign-next-link gives a content listing of the Management Activity API a NextPageUri on the other origin', async () => {
    const token = await issueToken(sim, session.client, `${sim.managementUrl}/.default`);
    const feed = `${sim.managementUrl}/api/v1.0/${sim.tenantId}/activity/feed/subscriptions`;
    const headers = { Authorization: `Bearer ${token}` };
    await session.client.request(`${feed}/start?contentType=Audit.General`, { method: 'POST', headers });
    sim.faults.inject({ kind: 'foreign-next-link', target: 'management', origin: FOREIGN });
    expect(sim.faults.pending()[0]?.operation).toBe('ListContent');
    const listing = await session.client.request(`${feed}/content?contentType=Audit.General`, { headers });
    expect(listing.status).toBe(200);
    expect(String(listing.headers.nextpageuri)).toMatch(
      new RegExp(`^${FOREIGN}/api/v1\\.0/${sim.tenantId}/activity/feed/subscriptions/content\\?`),
    );
  });
});

describe('fault API for the matrix kinds', () => {
  it.each([
    [{ kind: 'redirect-foreign-host' }, /fault.origin must be an http\(s\) origin/],
    [
      { kind: 'foreign-next-link', target: 'governance', origin: 'https://x.test/path' },
      /fault.origin must be/,
    ],
    [{ kind: '429', origin: FOREIGN }, /fault.origin does not apply/],
    [{ kind: 'non-utf8', target: 'service-health' }, /fault.field must name the field/],
    [{ kind: 'non-utf8', target: 'download', field: 'x' }, /applies to target/],
    [{ kind: 'foreign-next-link', target: 'report', origin: FOREIGN }, /applies to target/],
  ])('rejects %j', (fault, message) => {
    expect(() => sim.faults.inject(fault as unknown as Fault)).toThrow(message);
  });
});
