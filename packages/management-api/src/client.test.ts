import { type FakeGraph, rejection, startGraphClientFixture } from '@m365-otel/fake-graph';
import { createTestPki, type TestPki } from '@m365-otel/test-pki';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ActivityClient,
  type ActivityClientOptions,
  type ContentPage,
  type RetentionLoss,
  type SkippedActivityItem,
} from './client.js';
import { ManagementApiError } from './errors.js';

const TENANT = '41463f53-8812-40f4-890f-865bf6e35190';
const FEED = `/api/v1.0/${TENANT}/activity/feed`;
const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
const NOW = Date.parse('2024-05-10T12:00:00Z');
const HOUR = 3_600_000;

let pki: TestPki;
let fake: FakeGraph;
const toClose: Array<() => Promise<void>> = [];

beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(() => pki.cleanup());
afterEach(async () => {
  await Promise.all(toClose.splice(0).map((close) => close()));
});

async function setup(options: Partial<ActivityClientOptions> = {}) {
  const fixture = await startGraphClientFixture(pki);
  toClose.push(fixture.close);
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
    expect(error.message).toBe(
      'Audit.Exchange content 2024-05-10T11:00:00..2024-05-10T12:00:00 page 1: expected a JSON array, got an object AF20022: No subscription found for the specified content type',
    );
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

describe('ActivityClient.fetchContent', () => {
  const blobOf = (contentId: string, contentUri = `${fake.graphUrl}${FEED}/audit/${contentId}`) => ({
    contentType: 'Audit.Exchange',
    contentId,
    contentUri,
  });

  async function records(client: ActivityClient, blob: ReturnType<typeof blobOf>) {
    const result: Array<[number, unknown]> = [];
    for await (const { index, record } of client.fetchContent(blob)) result.push([index, record.Id]);
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
    for await (const { record } of client.fetchContent(blob)) seen.push(record);
    expect(seen).toEqual([good('r1'), good('r5')]);
    expect(query(fake.requests(`${FEED}/audit/`)[0]?.path ?? '').get('PublisherIdentifier')).toBe(TENANT);
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
    expect(broken.message).toMatch(/^Audit\.Exchange blob b2: the blob broke off after 2 records: /);
    expect(broken.transient).toBe(true);
    const envelope = await failure(records(client, blobOf('b3')));
    expect(envelope.message).toBe('Audit.Exchange blob b3: expected a JSON array, got "{"');
  });
});
