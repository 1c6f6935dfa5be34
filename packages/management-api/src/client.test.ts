import { CLOUD_PRESETS, scopeForResource } from '@m365-otel/auth';
import { type FakeGraph, rejection, useGraphClientFixtures } from '@m365-otel/fake-graph';
import type { HttpRequest, HttpResponse } from '@m365-otel/http';
import { describe, expect, it, vi } from 'vitest';
import {
  ActivityClient,
  type ActivityClientOptions,
  type ContentPage,
  type RetentionLoss,
  type SkippedActivityItem,
} from './client.js';
import { BlobUnavailableError, ManagementApiError } from './errors.js';

const TENANT = '41463f53-8812-40f4-890f-865bf6e35190';
const FEED = `/api/v1.0/${TENANT}/activity/feed`;
const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
const NOW = Date.parse('2024-05-10T12:00:00Z');
const HOUR = 3_600_000;

const fixtures = useGraphClientFixtures();
let fake: FakeGraph;

async function setup(options: Partial<ActivityClientOptions> = {}) {
  const fixture = await fixtures.start();
  fake = fixture.fake;
  const skipped: SkippedActivityItem[] = [];
  const losses: RetentionLoss[] = [];
  const client = new ActivityClient({
    ...fixture.options,
    managementBaseUrl: fake.graphUrl,
    tenantId: TENANT,
    now: () => NOW,
    onSkippedItem: (item) => skipped.push(item),
    onRetentionExceeded: (loss) => losses.push(loss),
    ...options,
  });
  return { client, sleeps: fixture.sleeps, skipped, losses, getAccessToken: fixture.options.getAccessToken };
}

const failure = (promise: Promise<unknown>) => rejection(promise, ManagementApiError);

function blob(id: string, extra: Record<string, unknown> = {}) {
  return {
    contentType: 'Audit.Exchange',
    contentId: id,
    contentUri: `${fake.graphUrl}${FEED}/audit/${id}`,
    contentCreated: '2024-05-10T08:00:00.000Z',
    contentExpiration: '2024-05-17T08:00:00.000Z',
    ...extra,
  };
}

function afError(status: number, code: string, message: string) {
  return (_req: unknown, res: import('node:http').ServerResponse) =>
    res.writeHead(status, JSON_TYPE).end(JSON.stringify({ error: { code, message } }));
}

async function collect(pages: AsyncIterable<ContentPage>): Promise<ContentPage[]> {
  const result: ContentPage[] = [];
  for await (const page of pages) result.push(page);
  return result;
}

function query(path: string): URLSearchParams {
  return new URL(path, 'https://x').searchParams;
}

describe('ActivityClient subscriptions', () => {
  it('starts only what is missing or disabled, never stops, and sends PublisherIdentifier on every call', async () => {
    const { client, skipped } = await setup();
    fake.route(
      `${FEED}/subscriptions/list`,
      fake.json(
        JSON.stringify([
          { contentType: 'Audit.Exchange', status: 'enabled', webhook: null, addedLater: 1 },
          { contentType: 'Audit.SharePoint', status: 'disabled', webhook: null },
          { status: 'enabled' },
        ]),
      ),
    );
    fake.route(`${FEED}/subscriptions/start`, (req, res) => {
      const contentType = query(req.url ?? '').get('contentType');
      res.writeHead(200, JSON_TYPE).end(JSON.stringify({ contentType, status: 'enabled', webhook: null }));
    });
    const result = await client.ensureSubscriptions(['Audit.Exchange', 'Audit.SharePoint', 'Audit.General']);
    expect(result).toEqual({
      enabled: ['Audit.Exchange'],
      started: ['Audit.SharePoint', 'Audit.General'],
      failed: [],
    });
    const starts = fake
      .requests(`${FEED}/subscriptions/start`)
      .map((seen) => query(seen.path).get('contentType'));
    expect(starts).toEqual(['Audit.SharePoint', 'Audit.General']);
    expect(fake.requests(`${FEED}/subscriptions/list`)).toHaveLength(1);
    expect(fake.requests(`${FEED}/subscriptions/stop`)).toEqual([]);
    for (const seen of fake.seen) expect(query(seen.path).get('PublisherIdentifier')).toBe(TENANT);
    expect(skipped).toEqual([
      {
        source: 'subscriptions',
        kind: 'subscription',
        where: 'subscriptions list, [2]',
        id: undefined,
        problems: ['contentType: expected a string, got nothing (the field is absent)'],
      },
    ]);
  });

  it('counts 400 AF20024 (already enabled) as started, and fails on any other refusal with its code', async () => {
    const { client } = await setup({ publisherId: 'a0d2e3f4-0000-4000-8000-000000000001' });
    const start = fake.route(`${FEED}/subscriptions/start`, fake.json('{}'));
    start.queue.push(
      afError(400, 'AF20024', 'The subscription is already enabled. No property change.'),
      afError(403, 'AF10001', 'The permission set (ActivityFeed.Read) sent in the request is invalid.'),
    );
    expect(await client.startSubscription('Audit.General')).toEqual({
      contentType: 'Audit.General',
      status: 'enabled',
    });
    const error = await failure(client.startSubscription('DLP.All'));
    expect(error.code).toBe('AF10001');
    expect(error.status).toBe(403);
    expect(error.permission).toBe('ActivityFeed.ReadDlp');
    expect(query(fake.seen[0]?.path ?? '').get('PublisherIdentifier')).toBe(
      'a0d2e3f4-0000-4000-8000-000000000001',
    );
  });

  it('keeps one content type failing to start from holding up the others, and starts each at most once in 15 min', async () => {
    let clock = NOW;
    const { client } = await setup({ now: () => clock });
    fake.route(`${FEED}/subscriptions/list`, fake.json('[]'));
    fake.route(`${FEED}/subscriptions/start`, (req, res) => {
      const contentType = query(req.url ?? '').get('contentType');
      if (contentType === 'DLP.All')
        afError(403, 'AF10001', 'The permission set sent in the request is invalid.')(req, res);
      else res.writeHead(200, JSON_TYPE).end(JSON.stringify({ contentType, status: 'enabled' }));
    });
    const first = await client.ensureSubscriptions(['DLP.All', 'Audit.General']);
    expect(first.started).toEqual(['Audit.General']);
    expect(
      first.failed.map(({ contentType, error }) => [contentType, (error as ManagementApiError).code]),
    ).toEqual([['DLP.All', 'AF10001']]);
    clock += 14 * 60_000;
    const second = await client.ensureSubscriptions(['DLP.All']);
    expect(second.failed.map(({ error }) => (error as Error).message)).toEqual([
      'DLP.All subscription start: a start was sent at 2024-05-10T12:00:00.000Z; Microsoft throttles frequent starts, so the next is sent from 2024-05-10T12:15:00.000Z',
    ]);
    clock += 60_000;
    await client.ensureSubscriptions(['DLP.All']);
    const starts = fake
      .requests(`${FEED}/subscriptions/start`)
      .map((seen) => query(seen.path).get('contentType'));
    expect(starts).toEqual(['DLP.All', 'Audit.General', 'DLP.All']);
  });

  it('refuses a maxConcurrentFetches that is not a positive integer', async () => {
    await expect(setup({ maxConcurrentFetches: 0 })).rejects.toThrow(
      'maxConcurrentFetches must be a positive integer, got 0',
    );
  });

  it('refuses a tenant or publisher id that is not a GUID, and an unknown content type', async () => {
    await expect(setup({ tenantId: 'contoso.onmicrosoft.com' })).rejects.toThrow(
      'tenantId must be the tenant\'s GUID (the Management Activity API refuses a domain name), got "contoso.onmicrosoft.com"',
    );
    await expect(setup({ publisherId: 'app' })).rejects.toThrow(
      'publisherId must be a GUID (a tenant id), got "app"',
    );
    const { client } = await setup();
    await expect(client.startSubscription('Audit.Teams' as never)).rejects.toThrow(
      'unknown content type "Audit.Teams"; the Management Activity API has Audit.AzureActiveDirectory, Audit.Exchange, Audit.SharePoint, Audit.General, DLP.All',
    );
  });
});

describe('ActivityClient clouds', () => {
  it('sends a GCC High tenant to manage.office365.us with a token from login.microsoftonline.us for its scope', async () => {
    const gccHigh = CLOUD_PRESETS['usgov-gcchigh'];
    const sent: Array<{ url: string; init: HttpRequest | undefined }> = [];
    const scopes: string[] = [];
    const body = '[]';
    const client = new ActivityClient({
      managementBaseUrl: gccHigh.management ?? '',
      tenantId: TENANT,
      http: {
        request: async (url, init): Promise<HttpResponse> => {
          sent.push({ url: String(url), init });
          return {
            status: 200,
            headers: {},
            body: {
              async *[Symbol.asyncIterator]() {
                yield new TextEncoder().encode(body);
              },
              text: async () => body,
              json: async () => JSON.parse(body),
              dump: async () => {},
            },
          };
        },
      },
      getAccessToken: async () => {
        scopes.push(scopeForResource(gccHigh.management ?? ''));
        return 'token-us';
      },
    });
    await client.listSubscriptions();
    expect(gccHigh.authority).toBe('https://login.microsoftonline.us');
    expect(scopes).toEqual(['https://manage.office365.us/.default']);
    expect(sent.map(({ url }) => new URL(url).origin + new URL(url).pathname)).toEqual([
      `https://manage.office365.us/api/v1.0/${TENANT}/activity/feed/subscriptions/list`,
    ]);
    expect(sent[0]?.init?.headers?.authorization).toBe('Bearer token-us');
  });
});

describe('ActivityClient.listContent', () => {
  it('cuts the range into ≤ 24 h windows and follows NextPageUri (empty pages too) until it is absent', async () => {
    const { client, skipped } = await setup();
    const content = fake.route(`${FEED}/subscriptions/content`, fake.json('[]'));
    const second = `${fake.graphUrl}${FEED}/subscriptions/content?contentType=Audit.Exchange&startTime=2024-05-09T00:00:00&endTime=2024-05-10T00:00:00&nextPage=2&PublisherIdentifier=${TENANT}`;
    content.queue.push(
      fake.json('[]', { NextPageUri: second }),
      fake.json(JSON.stringify([blob('b1'), blob('b2', { contentUri: 42 })])),
      fake.json(JSON.stringify([blob('b3')])),
    );
    const pages = await collect(
      client.listContent('Audit.Exchange', {
        startTime: new Date('2024-05-09T00:00:00.250Z'),
        endTime: new Date('2024-05-10T06:00:00Z'),
      }),
    );
    expect(
      pages.map((page) => [
        page.startTime,
        page.endTime,
        page.pageNumber,
        page.blobs.map((b) => b.contentId),
      ]),
    ).toEqual([
      ['2024-05-09T00:00:00', '2024-05-10T00:00:00', 1, []],
      ['2024-05-09T00:00:00', '2024-05-10T00:00:00', 2, ['b1']],
      ['2024-05-10T00:00:00', '2024-05-10T06:00:00', 1, ['b3']],
    ]);
    const sent = fake.requests(`${FEED}/subscriptions/content`).map((seen) => query(seen.path));
    expect(sent.map((q) => [q.get('startTime'), q.get('endTime'), q.get('nextPage')])).toEqual([
      ['2024-05-09T00:00:00', '2024-05-10T00:00:00', null],
      ['2024-05-09T00:00:00', '2024-05-10T00:00:00', '2'],
      ['2024-05-10T00:00:00', '2024-05-10T06:00:00', null],
    ]);
    expect(skipped).toEqual([
      {
        source: 'Audit.Exchange',
        kind: 'content blob',
        where: 'Audit.Exchange content 2024-05-09T00:00:00..2024-05-10T00:00:00 page 2, [1]',
        id: 'b2',
        problems: ['contentUri: expected an absolute URL, got 42'],
      },
    ]);
  });

  it('reports the part of the range past the retention and never asks for it', async () => {
    const { client, losses } = await setup();
    fake.route(`${FEED}/subscriptions/content`, fake.json('[]'));
    const pages = await collect(
      client.listContent('Audit.General', {
        startTime: new Date(NOW - 9 * 24 * HOUR),
        endTime: new Date(NOW),
      }),
    );
    // 7 days less 5 minutes are still listable: 7 windows, the first one cut short.
    expect(pages.map((page) => page.startTime)[0]).toBe('2024-05-03T12:05:00');
    expect(pages).toHaveLength(7);
    expect(losses).toEqual([
      {
        contentType: 'Audit.General',
        startTime: '2024-05-01T12:00:00.000Z',
        endTime: '2024-05-02T12:00:00.000Z',
      },
      {
        contentType: 'Audit.General',
        startTime: '2024-05-02T12:00:00.000Z',
        endTime: '2024-05-03T12:00:00.000Z',
      },
      {
        contentType: 'Audit.General',
        startTime: '2024-05-03T12:00:00.000Z',
        endTime: '2024-05-03T12:05:00.000Z',
      },
    ]);
    for (const seen of fake.requests(`${FEED}/subscriptions/content`)) {
      const startMs = Date.parse(`${query(seen.path).get('startTime')}Z`);
      expect(NOW - startMs).toBeLessThanOrEqual(7 * 24 * HOUR - 5 * 60_000);
    }
  });

  it('lists a window again from the retention when its NextPageUri has fallen past it, instead of sending it', async () => {
    let clock = NOW;
    const { client, losses } = await setup({ now: () => clock });
    const oldest = NOW - (7 * 24 * HOUR - 5 * 60_000);
    const content = fake.route(`${FEED}/subscriptions/content`, fake.json(JSON.stringify([blob('b2')])));
    content.queue.push((req, res) => {
      clock += 2_000; // paging took long enough for the window's start to pass the retention
      const stale = new URL(req.url ?? '', fake.graphUrl);
      stale.searchParams.set('nextPage', '2');
      const link = stale.href.replace('startTime', 'starttime');
      fake.json(JSON.stringify([blob('b1')]), { NextPageUri: link })(req, res);
    });
    const pages = await collect(
      client.listContent('Audit.Exchange', { startTime: new Date(oldest), endTime: new Date(oldest + HOUR) }),
    );
    expect(
      pages.map((page) => [page.startTime, page.pageNumber, page.blobs.map((b) => b.contentId)]),
    ).toEqual([
      ['2024-05-03T12:05:00', 1, ['b1']],
      ['2024-05-03T12:05:02', 1, ['b2']],
    ]);
    expect(
      fake.requests(`${FEED}/subscriptions/content`).map((seen) => query(seen.path).get('nextPage')),
    ).toEqual([null, null]);
    expect(losses).toEqual([
      {
        contentType: 'Audit.Exchange',
        startTime: '2024-05-03T12:05:00.000Z',
        endTime: '2024-05-03T12:05:02.000Z',
      },
    ]);
  });

  it('refuses a NextPageUri on another origin, so the token never leaves the management host', async () => {
    const { client } = await setup();
    const foreign = `${fake.otherHostUrl}${FEED}/subscriptions/content?nextPage=2`;
    fake.route(`${FEED}/subscriptions/content`, fake.json('[]', { NextPageUri: foreign }));
    const error = await failure(
      collect(
        client.listContent('Audit.Exchange', { startTime: new Date(NOW - HOUR), endTime: new Date(NOW) }),
      ),
    );
    expect(error.message).toBe(
      `Audit.Exchange content 2024-05-10T11:00:00..2024-05-10T12:00:00 page 1: refusing to follow NextPageUri to ${fake.otherHostUrl}${FEED}/subscriptions/content: it is not on the management origin ${fake.graphUrl}, and the access token is only ever sent there`,
    );
    expect(fake.seen.map((seen) => seen.host)).toEqual([`127.0.0.1:${fake.port}`]);
  });

  it("turns an error envelope where the array belongs into an error with Microsoft's code, never into no blobs", async () => {
    const { client } = await setup();
    fake.route(`${FEED}/subscriptions/start`, afError(403, 'AF10001', 'The permission set is invalid.'));
    fake.route(
      `${FEED}/subscriptions/content`,
      fake.json(
        JSON.stringify({
          error: { code: 'AF20022', message: 'No subscription found for the specified content type' },
        }),
      ),
    );
    const error = await failure(
      collect(
        client.listContent('Audit.Exchange', { startTime: new Date(NOW - HOUR), endTime: new Date(NOW) }),
      ),
    );
    expect(error.code).toBe('AF20022');
    expect(error.message).toMatch(
      /^Audit\.Exchange content 2024-05-10T11:00:00\.\.2024-05-10T12:00:00 page 1: expected a JSON array, got an object AF20022: No subscription found for the specified content type; starting the subscription again did not work \(/,
    );
  });

  it('gives each page its checked next link, and resumes a listing from one saved earlier', async () => {
    const { client } = await setup();
    const link = (page: number) =>
      `${fake.graphUrl}${FEED}/subscriptions/content?contentType=Audit.Exchange&startTime=2024-05-09T00:00:00&endTime=2024-05-10T00:00:00&nextPage=${page}&PublisherIdentifier=${TENANT}`;
    const content = fake.route(`${FEED}/subscriptions/content`, fake.json(JSON.stringify([blob('b9')])));
    content.queue.push(
      fake.json(JSON.stringify([blob('b1')]), { NextPageUri: link(2) }),
      fake.json(JSON.stringify([blob('b2')]), { NextPageUri: link(3) }),
    );
    const range = { startTime: new Date('2024-05-09T00:00:00Z'), endTime: new Date('2024-05-10T06:00:00Z') };
    const saved: string[] = [];
    for await (const page of client.listContent('Audit.Exchange', range)) {
      if (page.nextPageUri === undefined) break;
      saved.push(page.nextPageUri);
    }
    expect(saved).toEqual([link(2), link(3)]);
    // A restart: the checkpoint holds the link of the next page, page 3.
    const resumed = await collect(client.listContent('Audit.Exchange', { ...range, resumeFrom: link(3) }));
    expect(resumed.map((page) => [page.startTime, page.endTime, page.pageNumber, page.nextPageUri])).toEqual([
      ['2024-05-09T00:00:00', '2024-05-10T00:00:00', 1, undefined],
      ['2024-05-10T00:00:00', '2024-05-10T06:00:00', 1, undefined],
    ]);
    const sent = fake.requests(`${FEED}/subscriptions/content`).map((seen) => query(seen.path));
    expect(sent.slice(3).map((q) => [q.get('startTime'), q.get('nextPage')])).toEqual([
      ['2024-05-09T00:00:00', '3'],
      ['2024-05-10T00:00:00', null],
    ]);
  });

  it('lists a saved link whose start has fallen past the retention afresh from the retention', async () => {
    const { client, losses } = await setup();
    fake.route(`${FEED}/subscriptions/content`, fake.json('[]'));
    const start = '2024-05-03T10:00:00';
    const stale = `${fake.graphUrl}${FEED}/subscriptions/content?contentType=Audit.Exchange&starttime=${start}&endtime=2024-05-04T10:00:00&nextPage=7`;
    const pages = await collect(
      client.listContent('Audit.Exchange', {
        startTime: new Date(`${start}Z`),
        endTime: new Date('2024-05-04T10:00:00Z'),
        resumeFrom: stale,
      }),
    );
    expect(pages.map((page) => page.startTime)).toEqual(['2024-05-03T12:05:00']);
    expect(
      fake.requests(`${FEED}/subscriptions/content`).map((seen) => query(seen.path).get('nextPage')),
    ).toEqual([null]);
    expect(losses).toEqual([
      {
        contentType: 'Audit.Exchange',
        startTime: '2024-05-03T10:00:00.000Z',
        endTime: '2024-05-03T12:05:00.000Z',
      },
    ]);
  });

  it('refuses a saved link off the management origin, of another content type or outside the range', async () => {
    const { client } = await setup();
    const range = { startTime: new Date('2024-05-09T00:00:00Z'), endTime: new Date('2024-05-10T00:00:00Z') };
    const path = `${FEED}/subscriptions/content?contentType=Audit.Exchange&startTime=2024-05-09T00:00:00&endTime=2024-05-10T00:00:00&nextPage=2`;
    const resume = (resumeFrom: string, contentType: 'Audit.Exchange' | 'Audit.General' = 'Audit.Exchange') =>
      collect(client.listContent(contentType, { ...range, resumeFrom }));
    const foreign = await failure(resume(`${fake.otherHostUrl}${path}`));
    expect(foreign.message).toMatch(/^Audit\.Exchange content: refusing to follow resumeFrom to /);
    await expect(resume(`${fake.graphUrl}${path}`, 'Audit.General')).rejects.toThrow(
      'listContent: resumeFrom lists Audit.Exchange, not Audit.General',
    );
    await expect(
      resume(`${fake.graphUrl}${path.replace('endTime=2024-05-10', 'endTime=2024-05-11')}`),
    ).rejects.toThrow(
      "listContent: resumeFrom's window 2024-05-09T00:00:00..2024-05-11T00:00:00 is not inside 2024-05-09T00:00:00..2024-05-10T00:00:00",
    );
    await expect(resume(`${fake.graphUrl}${FEED}/subscriptions/content?nextPage=2`)).rejects.toThrow(
      'listContent: resumeFrom has no startTime and endTime that tell its window',
    );
    expect(fake.seen).toEqual([]);
  });

  it('starts a missing or disabled subscription again and asks for the page once more', async () => {
    const { client } = await setup();
    const start = fake.route(`${FEED}/subscriptions/start`, (req, res) => {
      const contentType = query(req.url ?? '').get('contentType');
      res.writeHead(200, JSON_TYPE).end(JSON.stringify({ contentType, status: 'enabled' }));
    });
    const content = fake.route(`${FEED}/subscriptions/content`, fake.json(JSON.stringify([blob('b1')])));
    content.queue.push(afError(400, 'AF20022', 'No subscription found for the specified content type'));
    const pages = await collect(
      client.listContent('Audit.Exchange', { startTime: new Date(NOW - HOUR), endTime: new Date(NOW) }),
    );
    expect(pages.map((page) => page.blobs.map((b) => b.contentId))).toEqual([['b1']]);
    expect(
      fake.requests(`${FEED}/subscriptions/start`).map((seen) => query(seen.path).get('contentType')),
    ).toEqual(['Audit.Exchange']);
    // Within 15 minutes the start guard refuses a second start: the listing fails saying what to do.
    start.queue.length = 0;
    content.queue.push(afError(400, 'AF20023', 'The subscription for Audit.Exchange is disabled.'));
    const error = await failure(
      collect(
        client.listContent('Audit.Exchange', { startTime: new Date(NOW - HOUR), endTime: new Date(NOW) }),
      ),
    );
    expect(error.code).toBe('AF20023');
    expect(error.message).toBe(
      'Audit.Exchange content 2024-05-10T11:00:00..2024-05-10T12:00:00 page 1: the Management Activity API answered 400 AF20023: The subscription for Audit.Exchange is disabled.' +
        ` (client-request-id ${error.clientRequestId}); starting the subscription again did not work (Audit.Exchange subscription start: a start was sent at 2024-05-10T12:00:00.000Z; Microsoft throttles frequent starts, so the next is sent from 2024-05-10T12:15:00.000Z). The next cycle tries again; if this lasts, check that unified audit logging is on for the tenant and the app has the ActivityFeed.Read application permission with admin consent`,
    );
    expect(fake.requests(`${FEED}/subscriptions/start`)).toHaveLength(1);
  });

  it('refuses an empty or reversed range', async () => {
    const { client } = await setup();
    await expect(
      collect(
        client.listContent('Audit.Exchange', { startTime: new Date(NOW), endTime: new Date(NOW + 999) }),
      ),
    ).rejects.toThrow(
      'listContent: startTime must be before endTime (in whole seconds), got 2024-05-10T12:00:00.000Z and 2024-05-10T12:00:00.999Z',
    );
  });
});

describe('ActivityClient throttling and rate', () => {
  it('waits out a 403 AF429 and carries on', async () => {
    const { client, sleeps } = await setup();
    const list = fake.route(`${FEED}/subscriptions/list`, fake.json('[]'));
    list.queue.push(afError(403, 'AF429', 'Too many requests. Method=ListSubscriptions, PublisherId=p'));
    expect(await client.listSubscriptions()).toEqual([]);
    expect(fake.requests(`${FEED}/subscriptions/list`)).toHaveLength(2);
    // Full jitter with randomness 0.5 over the first 1 s window.
    expect(sleeps).toEqual([500]);
  });

  it('keeps to the per-tenant request rate (2,000 a minute by default, configurable)', async () => {
    let clock = NOW;
    const waits: number[] = [];
    const { client } = await setup({
      requestsPerMinute: 2,
      now: () => clock,
      sleep: vi.fn(async (ms: number) => {
        waits.push(ms);
        clock += ms;
      }),
    });
    fake.route(`${FEED}/subscriptions/list`, fake.json('[]'));
    for (let i = 0; i < 3; i++) await client.listSubscriptions();
    expect(waits).toEqual([60_000]);
  });
});

describe('ActivityClient throttling events', () => {
  it('tells onThrottled of each throttled retry with the wait, and not of other retries', async () => {
    const events: unknown[] = [];
    const { client } = await setup({ onThrottled: (event) => events.push(event) });
    const content = fake.route(`${FEED}/subscriptions/content`, fake.json('[]'));
    content.queue.push(
      afError(403, 'AF429', 'Too many requests. Method=ListContent'),
      (_req, res) => res.writeHead(429, { ...JSON_TYPE, 'Retry-After': '7' }).end('{}'),
      afError(503, 'AF50000', 'An internal error occurred.'),
    );
    const list = fake.route(`${FEED}/subscriptions/list`, fake.json('[]'));
    list.queue.push(afError(403, 'AF429', 'Too many requests. Method=ListSubscriptions'));
    await collect(
      client.listContent('Audit.SharePoint', { startTime: new Date(NOW - HOUR), endTime: new Date(NOW) }),
    );
    await client.listSubscriptions();
    expect(events).toEqual([
      { operation: 'content list', contentType: 'Audit.SharePoint', waitMs: 500 },
      { operation: 'content list', contentType: 'Audit.SharePoint', waitMs: 7000 },
      { operation: 'subscriptions list', waitMs: 500 },
    ]);
  });
});

describe('ActivityClient clock skew', () => {
  const MINUTE = 60_000;

  it.each([
    ['ahead', -10 * MINUTE],
    ['behind', 10 * MINUTE],
  ])(
    'keeps a local clock 10 minutes %s from causing AF20055 or a gap, in server time',
    async (_name, serverOffset) => {
      const skews: number[] = [];
      const { client, losses } = await setup({ onClockSkew: (skewMs) => skews.push(skewMs) });
      const serverNow = NOW + serverOffset;
      fake.serverTime = () => serverNow;
      fake.route(`${FEED}/subscriptions/list`, fake.json('[]'));
      expect(client.serverNow()).toBe(NOW);
      await client.listSubscriptions();
      expect(skews).toEqual([serverOffset + 500]);
      expect(client.serverNow()).toBe(serverNow + 500);
      fake.route(`${FEED}/subscriptions/content`, fake.json('[]'));
      await collect(
        client.listContent('Audit.General', {
          startTime: new Date(NOW - 8 * 24 * HOUR),
          endTime: new Date(serverNow),
        }),
      );
      const starts = fake
        .requests(`${FEED}/subscriptions/content`)
        .map((seen) => Date.parse(`${query(seen.path).get('startTime')}Z`));
      const oldest = Math.ceil((serverNow + 500 - (7 * 24 * HOUR - 5 * MINUTE)) / 1000) * 1000;
      // The first window starts right at the retention in server time: never before it (AF20055), never after (gap).
      expect(starts[0]).toBe(oldest);
      expect(losses.at(-1)?.endTime).toBe(new Date(oldest).toISOString());
    },
  );

  it('lists again from the retention when the first answer, an AF20055, shows the local clock 10 minutes behind', async () => {
    const skews: number[] = [];
    const { client, losses } = await setup({ onClockSkew: (skewMs) => skews.push(skewMs) });
    const serverNow = NOW + 10 * MINUTE;
    fake.serverTime = () => serverNow;
    fake.route(`${FEED}/subscriptions/content`, (req, res) => {
      const startMs = Date.parse(`${query(req.url ?? '').get('startTime')}Z`);
      if (startMs < serverNow - 7 * 24 * HOUR) {
        afError(
          400,
          'AF20055',
          'Start time and end time must both be specified (or both omitted) and must be less than or equal to 24 hours apart, with the start time no more than 7 days in the past.',
        )(req, res);
      } else fake.json('[]')(req, res);
    });
    const pages = await collect(
      client.listContent('Audit.General', {
        startTime: new Date(NOW - 8 * 24 * HOUR),
        endTime: new Date(NOW),
      }),
    );
    const oldest = Math.ceil((serverNow + 500 - (7 * 24 * HOUR - 5 * MINUTE)) / 1000) * 1000;
    expect(pages[0]?.startTime).toBe(new Date(oldest).toISOString().slice(0, 19));
    expect(skews).toEqual([10 * MINUTE + 500]);
    const starts = fake
      .requests(`${FEED}/subscriptions/content`)
      .map((seen) => query(seen.path).get('startTime'));
    expect(starts.slice(0, 2)).toEqual([
      new Date(NOW - (7 * 24 * HOUR - 5 * MINUTE)).toISOString().slice(0, 19),
      new Date(oldest).toISOString().slice(0, 19),
    ]);
    expect(losses.at(-1)?.endTime).toBe(new Date(oldest).toISOString());
  });

  it("checks a blob's expiry in server time", async () => {
    const { client } = await setup();
    fake.serverTime = () => NOW + 10 * 60_000;
    fake.route(`${FEED}/subscriptions/list`, fake.json('[]'));
    fake.route(`${FEED}/audit/`, fake.json('[{"Id":"r1"}]'));
    await client.listSubscriptions();
    const blob = {
      contentType: 'Audit.Exchange',
      contentId: 'b1',
      contentUri: `${fake.graphUrl}${FEED}/audit/b1`,
      contentExpiration: new Date(NOW + 5 * 60_000).toISOString(),
    };
    const error = await rejection(collect(client.fetchContent(blob) as never), BlobUnavailableError);
    expect(error.reason).toBe('expired');
    expect(fake.requests(`${FEED}/audit/`)).toEqual([]);
  });
});

describe('ActivityClient.fetchContent', () => {
  const blobOf = (contentId: string, contentUri = `${fake.graphUrl}${FEED}/audit/${contentId}`) => ({
    contentType: 'Audit.Exchange',
    contentId,
    contentUri,
    contentExpiration: '2024-05-17T08:00:00.000Z',
  });

  async function records(client: ActivityClient, blob: ReturnType<typeof blobOf>) {
    const result: Array<[number, unknown]> = [];
    for await (const records of client.fetchContent(blob))
      for (const { index, record } of records) result.push([index, record.Id]);
    return result;
  }

  it('yields the records as they stream in, skipping and reporting the malformed and the oversized', async () => {
    const { client, skipped } = await setup({ maxRecordBytes: 200 });
    const good = (id: string) => ({
      Id: id,
      RecordType: 2,
      CreationTime: '2024-05-10T07:59:01',
      Extra: { a: [1] },
    });
    fake.route(`${FEED}/audit/`, (_req, res) => {
      res.writeHead(200, JSON_TYPE);
      res.write(`[${JSON.stringify(good('r1'))},{"Id": oops},`);
      res.write(`{"Operation":"Send"},${JSON.stringify({ Id: 'big', pad: 'x'.repeat(300) })},`);
      res.end(`${JSON.stringify(good('r5'))}]`);
    });
    const blob = blobOf('b1');
    const seen: Record<string, unknown>[] = [];
    for await (const records of client.fetchContent(blob)) seen.push(...records.map(({ record }) => record));
    expect(seen).toEqual([good('r1'), good('r5')]);
    expect(query(fake.requests(`${FEED}/audit/`)[0]?.path ?? '').get('PublisherIdentifier')).toBe(TENANT);
    expect(skipped.every((item) => item.kind === 'record' && item.source === 'Audit.Exchange')).toBe(true);
    expect(skipped.map((item) => [item.where, item.id, item.problems])).toEqual([
      ['Audit.Exchange blob b1, [1]', undefined, [expect.stringMatching(/^not valid JSON: /)]],
      [
        'Audit.Exchange blob b1, [2]',
        undefined,
        ['Id: expected a string, got nothing (the field is absent)'],
      ],
      [
        'Audit.Exchange blob b1, [3]',
        undefined,
        ['the record is 321 bytes, more than the 200 this client reads'],
      ],
    ]);
    expect(await records(client, blob)).toEqual([
      [0, 'r1'],
      [4, 'r5'],
    ]);
  });

  it('refuses a contentUri off the management origin before sending anything', async () => {
    const { client } = await setup();
    const error = await failure(
      records(client, blobOf('b1', `${fake.otherHostUrl}${FEED}/audit/b1?sig=secret`)),
    );
    expect(error.message).toBe(
      `Audit.Exchange blob b1: refusing to follow contentUri to ${fake.otherHostUrl}${FEED}/audit/b1: it is not on the management origin ${fake.graphUrl}, and the access token is only ever sent there`,
    );
    expect(fake.seen).toEqual([]);
  });

  it('skips a blob expired by now without asking, and tells expired from not found in what Microsoft answers', async () => {
    const { client, sleeps } = await setup();
    const expired = await rejection(
      records(client, { ...blobOf('b0'), contentExpiration: '2024-05-10T12:00:00Z' }),
      BlobUnavailableError,
    );
    expect([expired.reason, expired.transient, expired.message]).toEqual([
      'expired',
      false,
      'Audit.Exchange blob b0: expired at 2024-05-10T12:00:00Z, so Microsoft no longer serves it; not asked for',
    ]);
    expect(fake.seen).toEqual([]);
    const audit = fake.route(`${FEED}/audit/`, fake.json('[]'));
    audit.queue.push(
      afError(400, 'AF20051', 'Content requested with the key b1 has already expired.'),
      afError(404, 'AF20050', 'The specified content does not exist.'),
      afError(400, 'AF20052', 'Content ID in the URL is invalid.'),
      (_req, res) => res.writeHead(404, JSON_TYPE).end('{}'),
    );
    const answers: Array<[string | undefined, string]> = [];
    for (const id of ['b1', 'b2', 'b3', 'b4']) {
      const error = await rejection(records(client, blobOf(id)), BlobUnavailableError);
      answers.push([error.code, error.reason]);
      expect(error.transient).toBe(false);
    }
    expect(answers).toEqual([
      ['AF20051', 'expired'],
      ['AF20050', 'not-found'],
      ['AF20052', 'not-found'],
      [undefined, 'not-found'],
    ]);
    expect(fake.requests(`${FEED}/audit/`)).toHaveLength(4);
    expect(sleeps).toEqual([]);
  });

  it('reads at most maxConcurrentFetches blobs at once; a slot is free once a body is read or the iteration ends', async () => {
    // Bodies longer than maxRecordBytes are read record by record, so a record comes before its body ends.
    const { client } = await setup({ maxConcurrentFetches: 2, maxRecordBytes: 16 });
    const open: import('node:http').ServerResponse[] = [];
    fake.route(`${FEED}/audit/`, (_req, res) => {
      res.writeHead(200, JSON_TYPE);
      res.write('[{"Id":"r1"},{"Id":"r1b"},');
      open.push(res);
    });
    const iterators = ['b1', 'b2', 'b3', 'b4'].map((id) => client.fetchContent(blobOf(id)));
    const firsts = iterators.map((iterator) => iterator.next());
    const [first1, first2] = await Promise.all(firsts.slice(0, 2));
    expect([first1?.value?.[0]?.record.Id, first2?.value?.[0]?.record.Id]).toEqual(['r1', 'r1']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.requests(`${FEED}/audit/`)).toHaveLength(2);
    // b1's body ends: its slot goes to b3.
    open[0]?.end('{"Id":"r2"}]');
    expect((await iterators[0]?.next())?.value?.[0]?.record.Id).toBe('r2');
    expect((await iterators[0]?.next())?.done).toBe(true);
    expect((await firsts[2])?.value?.[0]?.record.Id).toBe('r1');
    expect(fake.requests(`${FEED}/audit/`)).toHaveLength(3);
    // b2 is abandoned mid-body: its slot goes to b4.
    await iterators[1]?.return(undefined);
    expect((await firsts[3])?.value?.[0]?.record.Id).toBe('r1');
    expect(
      fake
        .requests(`${FEED}/audit/`)
        .map((seen) => new URL(seen.path, 'https://x').pathname.split('/').at(-1)),
    ).toEqual(['b1', 'b2', 'b3', 'b4']);
    for (const res of open) res.destroy();
    await Promise.allSettled(iterators.map((iterator) => iterator.return(undefined)));
  });

  it("fails with Microsoft's code on an expired blob, and as transient when the blob breaks off", async () => {
    const { client } = await setup();
    const audit = fake.route(`${FEED}/audit/`, fake.json('[]'));
    audit.queue.push(
      afError(400, 'AF20051', 'Content requested with the key b1 has already expired.'),
      (_req, res) => {
        res.writeHead(200, JSON_TYPE);
        res.write('[{"Id":"r1"},{"Id":"r2"},{"Id":');
        setTimeout(() => res.destroy(), 20);
      },
      fake.json('{"error":{"code":"AF50000","message":"An internal error occurred."}}'),
    );
    const expired = await failure(records(client, blobOf('b1')));
    expect([expired.code, expired.transient]).toEqual(['AF20051', false]);
    const broken = await failure(records(client, blobOf('b2')));
    // A body shorter than maxRecordBytes is parsed once whole: none of its records came before the break.
    expect(broken.message).toMatch(/^Audit\.Exchange blob b2: the blob broke off after 0 records: /);
    expect(broken.transient).toBe(true);
    const envelope = await failure(records(client, blobOf('b3')));
    expect(envelope.message).toBe('Audit.Exchange blob b3: expected a JSON array, got "{"');
  });
});
