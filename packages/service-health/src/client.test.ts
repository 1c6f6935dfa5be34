import {
  type FakeGraph,
  type Route,
  rejection,
  spyLogger,
  useGraphClientFixtures,
} from '@m365-otel/fake-graph';
import type { HttpResponse } from '@m365-otel/http';
import { describe, expect, it, vi } from 'vitest';
import {
  CAMEL_ISSUE,
  CAMEL_MESSAGE,
  DOC_ISSUE,
  DOC_MESSAGE,
  DOC_OVERVIEWS,
} from './__fixtures__/graph-docs.js';
import { ServiceHealthClient, type ServiceHealthClientOptions } from './client.js';
import { ServiceHealthError } from './errors.js';
import type { ServiceHealthIssue } from './parse.js';

const ROOT = '/v1.0/admin/serviceAnnouncement';
const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

const docIssue = (): Record<string, unknown> => JSON.parse(DOC_ISSUE);
const issueWithId = (id: string): Record<string, unknown> => ({ ...docIssue(), id });

const EXPECTED_DOC_ISSUE: ServiceHealthIssue = {
  id: 'EX226792',
  title: 'Limited number of users unable to send or receive email through the Exchange Online service',
  service: 'Exchange Online',
  feature: 'Mailflow - delayed delivery from Internet',
  featureGroup: 'E-Mail timely delivery',
  classification: { value: 'incident', known: true },
  origin: { value: 'microsoft', known: true },
  status: { value: 'serviceRestored', known: true },
  isResolved: true,
  impactDescription:
    'Users may have been unable to send or receive email through the Exchange Online service.',
  startDateTime: '2020-11-13T21:00:00Z',
  endDateTime: '2020-11-14T17:15:00Z',
  lastModifiedDateTime: '2020-11-14T18:20:24.767Z',
  posts: [
    {
      createdDateTime: '2020-11-12T07:07:38.97Z',
      postType: { value: 'regular', known: true },
      contentType: 'html',
      content:
        'Title: Limited number of users unable to send or receive email through the Exchange Online service\n\nUser Impact: Users may be unable to send or receive email through the Exchange Online service.',
    },
  ],
  details: [{ name: 'NotifyInApp', value: 'True' }],
};

const fixtures = useGraphClientFixtures();
let fake: FakeGraph;
/** Every request: queued answers first, then its fallback (404 unless a test sets one). */
let graph: Route;

async function setup(options: Partial<ServiceHealthClientOptions> = {}) {
  const fixture = await fixtures.start();
  fake = fixture.fake;
  graph = fake.routeAll();
  const client = new ServiceHealthClient({ ...fixture.options, ...options });
  return { client, sleeps: fixture.sleeps, getAccessToken: fixture.options.getAccessToken };
}

const failure = (promise: Promise<unknown>) => rejection(promise, ServiceHealthError);

describe('ServiceHealthClient parsing', () => {
  it("parses the docs' healthOverviews sample (PascalCase) into camelCase statuses", async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(DOC_OVERVIEWS));
    expect(await client.listHealthOverviews()).toEqual([
      { id: 'Exchange', service: 'Exchange Online', status: { value: 'serviceOperational', known: true } },
      { id: 'OrgLiveID', service: 'Identity Service', status: { value: 'serviceRestored', known: true } },
      {
        id: 'OSDPPlatform',
        service: 'Microsoft 365 suite',
        status: { value: 'serviceOperational', known: true },
      },
    ]);
    const [request] = fake.seen;
    expect(request?.path).toBe(`${ROOT}/healthOverviews`);
    expect(request?.headers.authorization).toBe('Bearer token-1');
    expect(request?.headers.prefer).toBe('odata.maxpagesize=100');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['client-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  });

  it("parses the docs' issue sample (PascalCase) and its camelCase variant to the same result", async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(`{"value":[${DOC_ISSUE}]}`), fake.json(`{"value":[${CAMEL_ISSUE}]}`));
    expect(await client.listIssues()).toEqual([EXPECTED_DOC_ISSUE]);
    expect(await client.listIssues()).toEqual([EXPECTED_DOC_ISSUE]);
    expect(fake.seen.map((seen) => seen.path)).toEqual([`${ROOT}/issues`, `${ROOT}/issues`]);
  });

  it("parses the docs' message sample and its camelCase variant, ignoring undocumented extras", async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(`{"value":[${DOC_MESSAGE}]}`), fake.json(`{"value":[${CAMEL_MESSAGE}]}`));
    const expected = {
      id: 'MC172851',
      title: '(Updated) New feature: Changes to PowerPoint and Word to open files faster',
      category: { value: 'stayInformed', known: true },
      severity: { value: 'normal', known: true },
      services: ['SharePoint Online', 'OneDrive for Business'],
      tags: ['Updated message'],
      isMajorChange: true,
      startDateTime: '2019-02-01T18:51:00Z',
      endDateTime: '2019-06-01T08:00:00Z',
      lastModifiedDateTime: '2021-01-08T01:10:06.843Z',
      actionRequiredByDateTime: null,
      bodyContentType: 'html',
      bodyContent: 'Updated January 07, 2021: Based on learnings from our early rings, …',
    };
    expect(await client.listMessages()).toEqual([expected]);
    expect(await client.listMessages()).toEqual([expected]);
    expect(fake.seen[0]?.path).toBe(`${ROOT}/messages`);
  });

  it('keeps an unknown enum value as sent and warns once per value', async () => {
    const logger = spyLogger();
    const { client } = await setup({ logger });
    const overview = (status: string) => ({ id: 'Exchange', service: 'Exchange Online', status });
    graph.queue.push(
      fake.list([overview('PartialOutage'), { ...overview('unknownFutureValue'), id: 'Teams' }]),
      fake.list([overview('PartialOutage')]),
      fake.list([overview('NewThing')]),
    );
    const [first, second] = await client.listHealthOverviews();
    expect(first?.status).toEqual({ value: 'PartialOutage', known: false });
    // unknownFutureValue is a documented member, so it is known.
    expect(second?.status).toEqual({ value: 'unknownFutureValue', known: true });
    await client.listHealthOverviews();
    await client.listHealthOverviews();
    expect(logger.warn.mock.calls).toEqual([
      [
        'Graph sent a value this client does not know; it is kept as sent',
        {
          enum: 'serviceHealthStatus',
          value: 'PartialOutage',
          where: 'healthOverviews page 1, value[0].status',
        },
      ],
      [
        'Graph sent a value this client does not know; it is kept as sent',
        { enum: 'serviceHealthStatus', value: 'NewThing', where: 'healthOverviews page 1, value[0].status' },
      ],
    ]);
  });

  it('uses an issue without its details (an optional field), and leaves out one without its id', async () => {
    const logger = spyLogger();
    const onSkippedItem = vi.fn();
    const { client } = await setup({ pageSize: 2, logger, onSkippedItem });
    const withoutDetails = issueWithId('EX2');
    delete withoutDetails.details;
    const withoutId = issueWithId('EX3');
    delete withoutId.id;
    const items = [issueWithId('EX1'), withoutDetails, withoutId, { ...issueWithId('EX4'), status: 42 }];
    graph.fallback = fake.paged(`${ROOT}/issues`, items);
    const first = await client.listIssues();
    expect(first.map((issue) => [issue.id, issue.details])).toEqual([
      ['EX1', EXPECTED_DOC_ISSUE.details],
      ['EX2', []],
    ]);
    expect(onSkippedItem.mock.calls).toEqual([
      [
        {
          resource: 'issues',
          where: 'issues page 2, value[0]',
          id: undefined,
          problems: ['id: expected a string, got nothing (the field is absent)'],
        },
      ],
      [
        {
          resource: 'issues',
          where: 'issues page 2, value[1]',
          id: 'EX4',
          problems: ['status: expected a string, got 42'],
        },
      ],
    ]);
    // Every poll reports the skipped items to the caller (and to the call's own callback); the log says it once.
    const thisCall = vi.fn();
    await client.listIssues({ onSkippedItem: thisCall });
    expect(onSkippedItem).toHaveBeenCalledTimes(4);
    expect(thisCall.mock.calls.map(([item]) => item.where)).toEqual([
      'issues page 2, value[0]',
      'issues page 2, value[1]',
    ]);
    expect(logger.warn.mock.calls).toEqual([
      [
        'Graph sent an item without a field this client needs; the item is left out',
        {
          resource: 'issues',
          where: 'issues page 2, value[0]',
          problems: ['id: expected a string, got nothing (the field is absent)'],
        },
      ],
      [
        'Graph sent an item without a field this client needs; the item is left out',
        {
          resource: 'issues',
          where: 'issues page 2, value[1]',
          id: 'EX4',
          problems: ['status: expected a string, got 42'],
        },
      ],
    ]);
  });

  it('reports the request-id of the page that failed validation', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json('{"value":{}}', { 'request-id': 'req-bad' }));
    const error = await failure(client.listMessages());
    expect(error.message).toBe('messages page 1, value: expected an array, got an object');
    expect(error.requestId).toBe('req-bad');
    expect(error.status).toBe(200);
  });

  it('refuses a non-JSON answer and invalid JSON', async () => {
    const { client } = await setup();
    graph.queue.push(
      (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>sign in</html>'),
      fake.json('{"value":['),
    );
    expect((await failure(client.listIssues())).message).toBe(
      'issues page 1: expected a JSON answer from Graph, got content-type text/html',
    );
    expect((await failure(client.listIssues())).message).toMatch(
      /^issues page 1: Graph's answer is not valid JSON: /,
    );
  });
});

describe('ServiceHealthClient paging', () => {
  it('reads 3 pages through @odata.nextLink, sending odata.maxpagesize on each', async () => {
    const { client, getAccessToken } = await setup({ pageSize: 2 });
    const ids = ['EX1', 'EX2', 'EX3', 'EX4', 'EX5'];
    graph.fallback = fake.paged(`${ROOT}/issues`, ids.map(issueWithId));
    const issues = await client.listIssues();
    expect(issues.map((issue) => issue.id)).toEqual(ids);
    expect(fake.seen.map((seen) => seen.path)).toEqual([
      `${ROOT}/issues`,
      `${ROOT}/issues?$skip=2`,
      `${ROOT}/issues?$skip=4`,
    ]);
    expect(fake.seen.map((seen) => seen.headers.prefer)).toEqual(Array(3).fill('odata.maxpagesize=2'));
    expect(fake.seen.every((seen) => /^Bearer token-\d$/.test(seen.headers.authorization ?? ''))).toBe(true);
    expect(getAccessToken.mock.calls).toEqual([[undefined], [undefined], [undefined]]);
  });

  it('keeps one copy of an item that $skip paging repeats on the next page', async () => {
    const { client } = await setup();
    graph.queue.push(
      fake.list([issueWithId('EX1'), issueWithId('EX2')], {
        '@odata.nextLink': `${fake.graphUrl}${ROOT}/issues?$skip=2`,
      }),
      fake.list([{ ...issueWithId('EX2'), isResolved: false }, issueWithId('EX3')]),
    );
    const issues = await client.listIssues();
    expect(issues.map((issue) => [issue.id, issue.isResolved])).toEqual([
      ['EX1', true],
      ['EX2', false],
      ['EX3', true],
    ]);
  });

  it('refuses a nextLink on another origin without sending the bearer there', async () => {
    const { client } = await setup();
    // Same port, other host name: only the origin tells them apart.
    graph.queue.push(
      fake.list([issueWithId('EX1')], {
        '@odata.nextLink': `https://localhost:${fake.port}${ROOT}/issues?$skip=1&sig=SECRET`,
      }),
    );
    const error = await failure(client.listIssues());
    expect(error.message).toBe(
      `issues page 1: refusing to follow @odata.nextLink to https://localhost:${fake.port}${ROOT}/issues: it is not on the Graph origin ${fake.graphUrl}, and the access token is only ever sent to Graph`,
    );
    expect(error.transient).toBe(false);
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]?.host).toBe(`127.0.0.1:${fake.port}`);
  });

  it('refuses a nextLink that leads back to a page already read', async () => {
    const { client } = await setup();
    graph.fallback = fake.list([issueWithId('EX1')], {
      '@odata.nextLink': `${fake.graphUrl}${ROOT}/issues`,
    });
    const error = await failure(client.listIssues());
    expect(error.message).toBe(
      `issues page 1: @odata.nextLink points back to a page already read (${fake.graphUrl}${ROOT}/issues); stopping instead of looping`,
    );
  });
});

describe('ServiceHealthClient failures', () => {
  it('refreshes the token once on 401 and succeeds', async () => {
    const { client, getAccessToken } = await setup();
    graph.queue.push(
      fake.graphError(401, 'InvalidAuthenticationToken', 'Access token has expired.'),
      fake.json(DOC_OVERVIEWS),
    );
    expect(await client.listHealthOverviews()).toHaveLength(3);
    expect(getAccessToken.mock.calls).toEqual([[undefined], [{ forceRefresh: true }]]);
    expect(fake.seen.map((seen) => seen.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up on a second 401 with the Graph error', async () => {
    const { client, getAccessToken } = await setup();
    const unauthorized = fake.graphError(
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure.',
    );
    graph.queue.push(unauthorized, unauthorized, unauthorized);
    const error = await failure(client.listIssues());
    expect(error).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken', transient: false });
    expect(error.message).toMatch(/; the access token was refused even after a refresh$/);
    expect(getAccessToken).toHaveBeenCalledTimes(2);
  });

  it('waits for Retry-After in seconds on 429, then succeeds', async () => {
    const { client, sleeps } = await setup();
    graph.queue.push(
      fake.graphError(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': '2.128' }),
      fake.json(DOC_OVERVIEWS),
    );
    expect(await client.listHealthOverviews()).toHaveLength(3);
    expect(sleeps).toEqual([2128]);
  });

  it('waits for Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    const { client, sleeps } = await setup({ now: () => now });
    graph.queue.push(
      fake.graphError(429, 'TooManyRequests', 'Please retry again later.', {
        'Retry-After': 'Wed, 01 May 2024 12:00:42 GMT',
      }),
      fake.json(DOC_OVERVIEWS),
    );
    await client.listHealthOverviews();
    expect(sleeps).toEqual([42_000]);
  });

  it('retries a 503 with full-jitter backoff, then succeeds, logging the retry', async () => {
    const logger = spyLogger();
    const { client, sleeps } = await setup({ logger });
    graph.queue.push(
      fake.graphError(503, 'serviceNotAvailable', 'try later'),
      fake.json(`{"value":[${DOC_ISSUE}]}`),
    );
    expect(await client.listIssues()).toEqual([EXPECTED_DOC_ISSUE]);
    expect(sleeps).toEqual([500]);
    expect(logger.warn).toHaveBeenCalledWith('request failed, retrying', {
      request: 'issues page 1',
      attempt: 1,
      delayMs: 500,
      status: 503,
    });
  });

  it('retries a body cut short', async () => {
    const { client } = await setup();
    graph.queue.push((_req, res) => {
      res.writeHead(200, { ...JSON_TYPE, 'Content-Length': String(DOC_OVERVIEWS.length) });
      res.write(DOC_OVERVIEWS.slice(0, 20), () => res.socket?.end());
    }, fake.json(DOC_OVERVIEWS));
    expect(await client.listHealthOverviews()).toHaveLength(3);
    expect(fake.seen).toHaveLength(2);
  });

  it('retries a connection reset', async () => {
    const { client } = await setup();
    graph.queue.push((req) => req.socket.destroy(), fake.json(DOC_OVERVIEWS));
    expect(await client.listHealthOverviews()).toHaveLength(3);
    expect(fake.seen).toHaveLength(2);
  });

  it('retries only the failing page, not the pages already read', async () => {
    const { client } = await setup({ pageSize: 1 });
    const paged = fake.paged(`${ROOT}/issues`, [issueWithId('EX1'), issueWithId('EX2')]);
    graph.queue.push(paged, fake.graphError(502, 'UnknownError', 'bad gateway'), paged);
    expect((await client.listIssues()).map((issue) => issue.id)).toEqual(['EX1', 'EX2']);
    expect(fake.seen.map((seen) => seen.path)).toEqual([
      `${ROOT}/issues`,
      `${ROOT}/issues?$skip=1`,
      `${ROOT}/issues?$skip=1`,
    ]);
  });

  it('ends with a transient ServiceHealthError when retries run out', async () => {
    const { client } = await setup({ retry: { maxAttempts: 2 } });
    const unavailable = fake.graphError(503, 'serviceNotAvailable', 'try later');
    graph.queue.push(unavailable, unavailable);
    const error = await failure(client.listMessages());
    expect(error).toMatchObject({
      status: 503,
      code: 'serviceNotAvailable',
      requestId: 'req-err',
      transient: true,
    });
    expect(error.message).toMatch(
      /^messages page 1: Graph answered 503 serviceNotAvailable: try later \(request-id req-err, client-request-id [0-9a-f-]+\) \(gave up after 2 attempts\)$/,
    );
  });

  it('names ServiceHealth.Read.All on a 403 for issues and overviews', async () => {
    const { client } = await setup();
    graph.queue.push(fake.graphError(403, 'Forbidden', 'Missing role permissions on the request.'));
    const error = await failure(client.listIssues());
    const clientRequestId = fake.seen[0]?.headers['client-request-id'];
    expect(error).toMatchObject({ status: 403, code: 'Forbidden', requestId: 'req-err', clientRequestId });
    expect(error.message).toBe(
      `issues page 1: Graph answered 403 Forbidden: Missing role permissions on the request. (request-id req-err, client-request-id ${clientRequestId}); the app needs the ServiceHealth.Read.All application permission with admin consent`,
    );
    expect(fake.seen).toHaveLength(1);
  });

  it('names ServiceMessage.Read.All on a 403 for messages', async () => {
    const { client } = await setup();
    graph.queue.push(fake.graphError(403, 'Forbidden', 'Missing role permissions on the request.'));
    const error = await failure(client.listMessages());
    expect(error.message).toMatch(
      /; the app needs the ServiceMessage\.Read\.All application permission with admin consent$/,
    );
  });

  it('never puts the bearer token in an error or a log', async () => {
    const logger = spyLogger();
    const { client } = await setup({ logger, retry: { maxAttempts: 1 } });
    graph.queue.push(
      fake.graphError(401, 'InvalidAuthenticationToken', 'x'),
      fake.graphError(500, 'UnknownError', 'y'),
    );
    const error = await failure(client.listIssues());
    const everything = JSON.stringify([error.message, ...Object.values(logger).map((spy) => spy.mock.calls)]);
    expect(everything).not.toContain('token-');
  });
  it("stops at once when the caller aborts, with the caller's reason", async () => {
    const { client } = await setup();
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(client.listIssues({ signal: controller.signal })).rejects.toThrow('shutting down');
    expect(fake.seen).toHaveLength(0);
  });
});

describe('ServiceHealthClient.getIssue', () => {
  it('gets one issue by its URL-encoded id', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(DOC_ISSUE));
    expect(await client.getIssue('EX226792')).toEqual(EXPECTED_DOC_ISSUE);
    expect(fake.seen[0]?.path).toBe(`${ROOT}/issues/EX226792`);

    graph.queue.push(fake.json(DOC_ISSUE));
    const error = await failure(client.getIssue('EX 1/2'));
    expect(fake.seen[1]?.path).toBe(`${ROOT}/issues/EX%201%2F2`);
    expect(error.message).toBe('issue EX 1/2: Graph answered with issue "EX226792" instead');
  });

  it('turns a 404 into a ServiceHealthError with the Graph code', async () => {
    const { client } = await setup();
    graph.queue.push(fake.graphError(404, 'itemNotFound', 'The requested issue does not exist.'));
    const error = await failure(client.getIssue('EX999999'));
    expect(error).toMatchObject({ status: 404, code: 'itemNotFound', transient: false });
    expect(error.message).toMatch(
      /^issue EX999999: Graph answered 404 itemNotFound: The requested issue does not exist\./,
    );
  });

  it('validates the single issue with paths from its root', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(JSON.stringify({ ...docIssue(), isResolved: 'yes' })));
    expect((await failure(client.getIssue('EX226792'))).message).toBe(
      'issue EX226792, isResolved: expected true or false, got "yes"',
    );
  });
});

/** A stand-in for HttpClient that answers every request with an empty list, instantly. */
function emptyListHttp() {
  const response = (): HttpResponse => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: {
      text: async () => '{"value":[]}',
      json: async () => ({ value: [] }),
      dump: async () => {},
      async *[Symbol.asyncIterator]() {
        yield new TextEncoder().encode('{"value":[]}');
      },
    },
  });
  return { request: vi.fn(async (_url: string | URL) => response()) };
}

describe('ServiceHealthClient rate limits', () => {
  it('stays within 240 requests a minute and 800 an hour (fake clock)', async () => {
    let now = 1_000_000;
    const sleeps: number[] = [];
    const http = emptyListHttp();
    const client = new ServiceHealthClient({
      graphBaseUrl: 'https://graph.microsoft.com',
      http,
      getAccessToken: async () => 'token',
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    for (let request = 1; request <= 240; request++) await client.listHealthOverviews();
    expect(sleeps).toEqual([]);
    await client.listHealthOverviews();
    expect(sleeps).toEqual([60_000]);
    for (let request = 242; request <= 800; request++) await client.listHealthOverviews();
    // 240 at 0 s, 240 at 60 s, 240 at 120 s, 80 at 180 s: the 801st waits for the first to leave the hour.
    expect(sleeps).toEqual([60_000, 60_000, 60_000]);
    await client.listHealthOverviews();
    expect(sleeps).toEqual([60_000, 60_000, 60_000, 3_420_000]);
    expect(http.request).toHaveBeenCalledTimes(801);
    expect(String(http.request.mock.calls[0]?.[0])).toBe(
      'https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/healthOverviews',
    );
  });
});

describe('ServiceHealthClient options', () => {
  it('validates its options', () => {
    const base = { http: emptyListHttp(), getAccessToken: async () => 't' };
    expect(() => new ServiceHealthClient({ ...base, graphBaseUrl: 'http://graph.microsoft.com' })).toThrow(
      'graphBaseUrl must use https (the bearer token must not travel in clear text): http://graph.microsoft.com/',
    );
    expect(() => new ServiceHealthClient({ ...base, graphBaseUrl: 'graph.microsoft.com' })).toThrow(
      'graphBaseUrl is not a valid URL: "graph.microsoft.com"',
    );
    expect(
      () => new ServiceHealthClient({ ...base, graphBaseUrl: 'https://graph.microsoft.com', pageSize: 1001 }),
    ).toThrow('pageSize must be an integer from 1 to 1000, got 1001');
    expect(
      () => new ServiceHealthClient({ ...base, graphBaseUrl: 'https://graph.microsoft.com', pageSize: 0 }),
    ).toThrow('pageSize must be an integer from 1 to 1000, got 0');
  });
});
