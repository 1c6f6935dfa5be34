import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json, type RawResponse, TestClient } from '../test/https-client.js';
import { issueToken, requestToken } from '../test/session.js';
import { CONTENT_TYPES, type RunningSimulator, startSimulator } from './index.js';

const NOW = Date.parse('2026-03-15T10:00:00Z');
const HOUR = 3_600_000;
let clock = NOW;
const now = () => new Date(clock);
let sim: RunningSimulator;
let token: string;

/** Each simulator has its own CA: a client trusting the right one. */
const clients = new Map<RunningSimulator, TestClient>();
async function clientOf(target: RunningSimulator): Promise<TestClient> {
  const known = clients.get(target) ?? (await TestClient.forCa(target.caFile));
  clients.set(target, known);
  return known;
}

async function tokenFor(target: RunningSimulator, scope: string): Promise<RawResponse> {
  return requestToken(target, await clientOf(target), scope);
}

async function managementToken(target: RunningSimulator): Promise<string> {
  return issueToken(target, await clientOf(target), `${target.managementUrl}/.default`);
}

function feedUrl(target: RunningSimulator, operation: string, query = ''): string {
  return `${target.managementUrl}/api/v1.0/${target.tenantId}/activity/feed/${operation}${query === '' ? '' : `?${query}`}`;
}

async function call(
  url: string,
  method = 'GET',
  bearer = token,
  body?: string,
  target: RunningSimulator = sim,
): Promise<RawResponse> {
  const via = await clientOf(target);
  return via.request(url, { method, headers: { Authorization: `Bearer ${bearer}` }, body });
}

function activityError(response: RawResponse): { status: number; code: string; message: string } {
  const { error } = json(response) as { error: { code: string; message: string } };
  return { status: response.status, code: error.code, message: error.message };
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, users: 30, now, contentPageSize: 10 });
  token = await managementToken(sim);
  for (const contentType of CONTENT_TYPES) {
    const started = await call(feedUrl(sim, 'subscriptions/start', `contentType=${contentType}`), 'POST');
    if (started.status !== 200) throw new Error(`start ${contentType}: ${started.status}`);
  }
});
afterAll(() => sim.close());
afterEach(() => {
  clock = NOW;
});

interface ContentItem {
  contentType: string;
  contentId: string;
  contentUri: string;
  contentCreated: string;
  contentExpiration: string;
}

/** Lists a window through every NextPageUri; returns the items and the pages' URLs. */
async function listAll(
  contentType: string,
  start: number,
  end: number,
): Promise<{ items: ContentItem[]; pages: string[] }> {
  const items: ContentItem[] = [];
  const pages: string[] = [];
  let url: string | undefined = feedUrl(
    sim,
    'subscriptions/content',
    `contentType=${contentType}&startTime=${iso(start)}&endTime=${iso(end)}&PublisherIdentifier=${sim.tenantId}`,
  );
  while (url !== undefined) {
    pages.push(url);
    const response = await call(url);
    expect(response.status).toBe(200);
    items.push(...(json(response) as unknown as ContentItem[]));
    const next = response.headers.nextpageuri;
    url = next === undefined ? undefined : String(next);
  }
  return { items, pages };
}

describe('management host and tokens', () => {
  it('serves on its own host name, beside Graph on the same port', () => {
    const management = new URL(sim.managementUrl);
    const graph = new URL(sim.graphUrl);
    expect(management.protocol).toBe('https:');
    expect(management.hostname).not.toBe(graph.hostname);
    expect(management.port).toBe(graph.port);
  });

  it('answers the feed only on the management host', async () => {
    const onGraphHost = `${sim.graphUrl}/api/v1.0/${sim.tenantId}/activity/feed/subscriptions/list`;
    expect((await call(onGraphHost)).status).toBe(404);
    expect((await call(feedUrl(sim, 'subscriptions/list'))).status).toBe(200);
  });

  it('issues tokens for the management resource in both scope forms, and checks their audience', async () => {
    const official = await tokenFor(sim, 'https://manage.office.com/.default');
    expect(official.status).toBe(200);
    expect(
      (await call(feedUrl(sim, 'subscriptions/list'), 'GET', String(json(official).access_token))).status,
    ).toBe(200);
    const graphToken = String(json(await tokenFor(sim, 'https://graph.microsoft.com/.default')).access_token);
    const refused = await call(feedUrl(sim, 'subscriptions/list'), 'GET', graphToken);
    expect(refused.status).toBe(401);
    expect(json(refused)).toEqual({ Message: 'Authorization has been denied for this request.' });
    // And the other way round: Graph refuses a management token.
    const onGraph = await (await clientOf(sim)).request(
      `${sim.graphUrl}/v1.0/admin/serviceAnnouncement/issues`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    expect(onGraph.status).toBe(401);
    expect((await (await clientOf(sim)).request(feedUrl(sim, 'subscriptions/list'))).status).toBe(401);
  });

  it('refuses a tenant other than the token tenant (AF20010) and a tenant that is not a GUID (AF20013)', async () => {
    const other = `${sim.managementUrl}/api/v1.0/00000000-0000-4000-8000-000000000001/activity/feed/subscriptions/list`;
    expect(activityError(await call(other))).toMatchObject({ status: 403, code: 'AF20010' });
    const notGuid = `${sim.managementUrl}/api/v1.0/contoso.onmicrosoft.com/activity/feed/subscriptions/list`;
    expect(activityError(await call(notGuid))).toMatchObject({ status: 400, code: 'AF20013' });
  });
});

describe('subscriptions', () => {
  it('starts, refuses a second start, lists, stops and restarts', async () => {
    const target = await startSimulator({ seed: 5, users: 3, now });
    try {
      const bearer = await managementToken(target);
      const list = async (): Promise<unknown> =>
        json(await call(feedUrl(target, 'subscriptions/list'), 'GET', bearer, undefined, target));
      expect(await list()).toEqual([]);
      const content = feedUrl(target, 'subscriptions/content', 'contentType=Audit.Exchange');
      expect(activityError(await call(content, 'GET', bearer, undefined, target))).toMatchObject({
        status: 400,
        code: 'AF20022',
      });

      const start = feedUrl(
        target,
        'subscriptions/start',
        `contentType=Audit.Exchange&PublisherIdentifier=${target.tenantId}`,
      );
      const started = await call(start, 'POST', bearer, undefined, target);
      expect(started.status).toBe(200);
      expect(json(started)).toEqual({ contentType: 'Audit.Exchange', status: 'enabled', webhook: null });
      expect(activityError(await call(start, 'POST', bearer, undefined, target))).toMatchObject({
        status: 400,
        code: 'AF20024',
      });
      expect(await list()).toEqual([{ contentType: 'Audit.Exchange', status: 'enabled', webhook: null }]);
      expect((await call(content, 'GET', bearer, undefined, target)).status).toBe(200);

      const stopped = await call(
        feedUrl(target, 'subscriptions/stop', 'contentType=Audit.Exchange'),
        'POST',
        bearer,
        undefined,
        target,
      );
      expect(stopped.status).toBe(200);
      expect(stopped.body.length).toBe(0);
      expect(await list()).toEqual([{ contentType: 'Audit.Exchange', status: 'disabled', webhook: null }]);
      expect(activityError(await call(content, 'GET', bearer, undefined, target))).toMatchObject({
        status: 400,
        code: 'AF20023',
      });
      expect((await call(start, 'POST', bearer, undefined, target)).status).toBe(200);
      expect(target.stats().managementRequestsWithoutPublisher).toBe(target.stats().managementRequests - 3);
    } finally {
      await target.close();
    }
  });

  it('refuses a missing (AF20001) or unknown (AF20020) content type, and stop without a subscription (AF20022)', async () => {
    expect(activityError(await call(feedUrl(sim, 'subscriptions/start'), 'POST'))).toMatchObject({
      code: 'AF20001',
    });
    expect(
      activityError(await call(feedUrl(sim, 'subscriptions/start', 'contentType=Audit.Teams'), 'POST')),
    ).toMatchObject({ status: 400, code: 'AF20020' });
    const target = await startSimulator({ seed: 5, users: 3, now });
    try {
      const stop = feedUrl(target, 'subscriptions/stop', 'contentType=DLP.All');
      expect(
        activityError(await call(stop, 'POST', await managementToken(target), undefined, target)),
      ).toMatchObject({
        code: 'AF20022',
      });
    } finally {
      await target.close();
    }
  });

  it('fails a webhook registration as an unreachable endpoint would (AF20021)', async () => {
    const body = JSON.stringify({
      webhook: { address: 'https://example.invalid/hook', authId: 'x', expiration: '' },
    });
    const response = await call(
      feedUrl(sim, 'subscriptions/start', 'contentType=Audit.General'),
      'POST',
      token,
      body,
    );
    expect(activityError(response)).toMatchObject({ status: 400, code: 'AF20021' });
  });
});

describe('content listing', () => {
  it('pages through NextPageUri on the management host and lists exactly the published blobs of the window', async () => {
    const start = NOW - 24 * HOUR;
    const { items, pages } = await listAll('Audit.Exchange', start, NOW);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(new URL(page).host).toBe(new URL(sim.managementUrl).host);
    const truth = sim.truth.auditRecords('Audit.Exchange', new Date(start), new Date(NOW));
    expect(items.map((item) => item.contentId)).toEqual(truth.blobs.map((blob) => blob.contentId));
    expect(new Set(items.map((item) => item.contentId)).size).toBe(items.length);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual([
        'contentCreated',
        'contentExpiration',
        'contentId',
        'contentType',
        'contentUri',
      ]);
      expect(item.contentType).toBe('Audit.Exchange');
      expect(item.contentCreated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const created = Date.parse(item.contentCreated);
      expect(created).toBeGreaterThanOrEqual(start);
      expect(created).toBeLessThan(NOW);
      expect(Date.parse(item.contentExpiration) - created).toBe(7 * 24 * HOUR);
      expect(new URL(item.contentUri).host).toBe(new URL(sim.managementUrl).host);
    }
  });

  it('tiles: consecutive windows (start inclusive, end exclusive) list every blob once', async () => {
    const whole = await listAll('Audit.AzureActiveDirectory', NOW - 6 * HOUR, NOW);
    const first = await listAll('Audit.AzureActiveDirectory', NOW - 6 * HOUR, NOW - 3 * HOUR);
    const second = await listAll('Audit.AzureActiveDirectory', NOW - 3 * HOUR, NOW);
    expect([...first.items, ...second.items]).toEqual(whole.items);
  });

  it('lists the last 24 hours when both times are omitted, and pins that window in NextPageUri', async () => {
    const response = await call(feedUrl(sim, 'subscriptions/content', 'contentType=Audit.SharePoint'));
    expect(response.status).toBe(200);
    const next = new URL(String(response.headers.nextpageuri));
    expect(next.searchParams.get('startTime')).toBe(iso(NOW - 24 * HOUR));
    expect(next.searchParams.get('endTime')).toBe(iso(NOW));
  });

  it('accepts the documented time formats and a zone', async () => {
    for (const [startTime, endTime] of [
      ['2026-03-15', '2026-03-15T09:00'],
      ['2026-03-15T01:00:00', '2026-03-15T09:00:00'],
      ['2026-03-15T01:00:00Z', '2026-03-15T09:00:00.123456+00:00'],
    ]) {
      const url = feedUrl(
        sim,
        'subscriptions/content',
        `contentType=DLP.All&startTime=${startTime}&endTime=${encodeURIComponent(endTime as string)}`,
      );
      expect((await call(url)).status).toBe(200);
    }
  });

  it('refuses windows over 24 hours, older than 7 days, reversed, or half given (AF20055), and bad times (AF20002)', async () => {
    const content = (query: string) =>
      feedUrl(sim, 'subscriptions/content', `contentType=Audit.General&${query}`);
    for (const query of [
      `startTime=${iso(NOW - 25 * HOUR)}&endTime=${iso(NOW)}`,
      `startTime=${iso(NOW - 7 * 24 * HOUR - HOUR)}&endTime=${iso(NOW - 7 * 24 * HOUR + HOUR)}`,
      `startTime=${iso(NOW)}&endTime=${iso(NOW - HOUR)}`,
      `startTime=${iso(NOW - HOUR)}`,
      `endTime=${iso(NOW)}`,
    ]) {
      expect(activityError(await call(content(query)))).toMatchObject({ status: 400, code: 'AF20055' });
    }
    expect(activityError(await call(content('startTime=yesterday&endTime=today')))).toMatchObject({
      code: 'AF20002',
    });
    expect(
      (
        await call(
          content(`startTime=${iso(NOW - 7 * 24 * HOUR + HOUR)}&endTime=${iso(NOW - 6 * 24 * HOUR)}`),
        )
      ).status,
    ).toBe(200);
  });

  it('refuses a nextPage it did not issue (AF20031)', async () => {
    const url = feedUrl(
      sim,
      'subscriptions/content',
      `contentType=Audit.Exchange&startTime=${iso(NOW - HOUR)}&endTime=${iso(NOW)}&nextPage=1`,
    );
    expect(activityError(await call(url))).toMatchObject({ status: 400, code: 'AF20031' });
  });
});

// RecordType numbers each content type carries (AAD: STS logon, directory; Exchange: item, aggregated, admin; ...).
const RECORD_TYPES: Record<string, number[]> = {
  'Audit.AzureActiveDirectory': [8, 15],
  'Audit.Exchange': [1, 2, 50],
  'Audit.SharePoint': [4, 6, 14],
  'Audit.General': [20, 25, 66],
  'DLP.All': [11, 13],
};

describe('content blobs', () => {
  it('serve every content type in the common schema, the records truth names', async () => {
    for (const contentType of CONTENT_TYPES) {
      const start = NOW - 12 * HOUR;
      const { items } = await listAll(contentType, start, NOW);
      const truth = sim.truth.auditRecords(contentType, new Date(start), new Date(NOW));
      const ids: string[] = [];
      const recordTypes = new Set<number>();
      for (const item of items) {
        const response = await call(item.contentUri);
        expect(response.status).toBe(200);
        const records = json(response) as unknown as Record<string, unknown>[];
        expect(Array.isArray(records)).toBe(true);
        for (const record of records) {
          ids.push(String(record.Id));
          recordTypes.add(record.RecordType as number);
          expect(record.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          expect(record.CreationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
          expect(Date.parse(`${record.CreationTime}Z`)).toBeLessThan(Date.parse(item.contentCreated));
          expect(record.OrganizationId).toBe(sim.tenantId);
          expect([0, 2]).toContain(record.UserType);
          expect(typeof record.Operation).toBe('string');
          expect(typeof record.Workload).toBe('string');
          expect(typeof record.UserId).toBe('string');
          expect(typeof record.UserKey).toBe('string');
          expect(record.ClientIP === null || typeof record.ClientIP === 'string').toBe(true);
        }
      }
      expect(ids).toEqual(truth.blobs.flatMap((blob) => blob.recordIds));
      expect([...new Set(ids)]).toEqual(truth.recordIds);
      expect([...recordTypes].sort((a, b) => a - b)).toEqual(RECORD_TYPES[contentType]);
    }
  });

  it('re-publishes some records in a later blob and delivers a few days late, as truth says', async () => {
    const week = sim.truth.auditRecords('Audit.Exchange', new Date(NOW - 7 * 24 * HOUR), new Date(NOW));
    const again = week.blobs.find(
      (blob) => blob.republishedIds.length > 0 && Date.parse(blob.contentCreated) >= NOW - 24 * HOUR,
    );
    expect(again).toBeDefined();
    const id = String(again?.republishedIds[0]);
    const first = week.blobs.find((blob) => blob.recordIds.includes(id));
    expect(Date.parse(String(first?.contentCreated))).toBeLessThan(Date.parse(String(again?.contentCreated)));
    const blobUri = (contentId: string): string => feedUrl(sim, `audit/${contentId}`);
    const record = async (contentId: string): Promise<unknown> =>
      (json(await call(blobUri(contentId))) as unknown as { Id: string }[]).find((item) => item.Id === id);
    expect(await record(String(again?.contentId))).toEqual(await record(String(first?.contentId)));
    expect(week.recordIds.length).toBeLessThan(week.blobs.flatMap((blob) => blob.recordIds).length);

    let late = 0;
    for (const blob of week.blobs.slice(-96)) {
      const records = json(await call(blobUri(blob.contentId))) as unknown as { CreationTime: string }[];
      for (const item of records) {
        if (Date.parse(blob.contentCreated) - Date.parse(`${item.CreationTime}Z`) > 3 * 24 * HOUR) late += 1;
      }
    }
    expect(late).toBeGreaterThan(0);
  });

  it('is the same for the same seed and differs for another', async () => {
    const [item] = (await listAll('Audit.SharePoint', NOW - HOUR, NOW)).items;
    expect(item).toBeDefined();
    const blob = (await call(String(item?.contentUri))).body;
    const twin = await startSimulator({ seed: 5, users: 30, now });
    const other = await startSimulator({ seed: 6, users: 30, now });
    try {
      const twinBlob = await call(
        String(item?.contentUri).replace(sim.managementUrl, twin.managementUrl),
        'GET',
        await managementToken(twin),
        undefined,
        twin,
      );
      expect(twinBlob.body.toString()).toBe(blob.toString());
      const otherIds = other.truth.auditRecords(
        'Audit.SharePoint',
        new Date(NOW - HOUR),
        new Date(NOW),
      ).recordIds;
      expect(otherIds).not.toEqual(
        sim.truth.auditRecords('Audit.SharePoint', new Date(NOW - HOUR), new Date(NOW)).recordIds,
      );
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('expires 7 days after contentCreated (AF20051) and refuses ids it never issued (AF20052)', async () => {
    const [item] = (await listAll('Audit.General', NOW - 2 * HOUR, NOW)).items;
    expect(item).toBeDefined();
    clock = Date.parse(String(item?.contentExpiration)) - 1;
    expect((await call(String(item?.contentUri))).status).toBe(200);
    clock = Date.parse(String(item?.contentExpiration));
    expect(activityError(await call(String(item?.contentUri)))).toMatchObject({
      status: 400,
      code: 'AF20051',
    });
    const forged = String(item?.contentUri).replace(
      /\$0(\d)$/,
      (_, type: string) => `$0${(Number(type) + 1) % 5}`,
    );
    expect(activityError(await call(forged))).toMatchObject({ status: 400, code: 'AF20052' });
  });
});

describe('ground truth over HTTP', () => {
  it('mirrors auditRecords and refuses an unknown content type', async () => {
    const query = `contentType=DLP.All&startTime=${new Date(NOW - 24 * HOUR).toISOString()}&endTime=${new Date(NOW).toISOString()}`;
    const response = await (await clientOf(sim)).request(`${sim.url}/_simulator/truth/audit?${query}`);
    expect(response.status).toBe(200);
    expect(json(response)).toEqual(
      sim.truth.auditRecords('DLP.All', new Date(NOW - 24 * HOUR), new Date(NOW)),
    );
    const unknown = await (await clientOf(sim)).request(
      `${sim.url}/_simulator/truth/audit?contentType=Audit.Teams`,
    );
    expect(unknown.status).toBe(400);
  });
});

describe('faults on the management target', () => {
  const list = () => feedUrl(sim, 'subscriptions/list', `PublisherIdentifier=${sim.tenantId}`);

  afterEach(() => sim.faults.clear());

  it('throttles with 403 AF429, naming the method and publisher, only for the operation asked', async () => {
    sim.faults.inject({ kind: 'af429', target: 'management', operation: 'GetBlob', times: 2 });
    expect((await call(list())).status).toBe(200);
    const [item] = (await listAll('Audit.Exchange', NOW - HOUR, NOW)).items;
    const blobUrl = `${String(item?.contentUri)}?PublisherIdentifier=${sim.tenantId}`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const throttled = await call(blobUrl);
      expect(throttled.status).toBe(403);
      expect(throttled.headers['retry-after']).toBeUndefined();
      expect(json(throttled)).toEqual({
        error: { code: 'AF429', message: `Too many requests. Method=GetBlob, PublisherId=${sim.tenantId}` },
      });
    }
    expect((await call(blobUrl)).status).toBe(200);
  });

  it('throttles with 429 and Retry-After, and names the shared publisher when none is sent', async () => {
    sim.faults.inject({ kind: '429', target: 'management', retryAfterSeconds: 7 });
    const throttled = await call(feedUrl(sim, 'subscriptions/list'));
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('7');
    expect(activityError(throttled)).toMatchObject({
      code: 'AF429',
      message:
        'Too many requests. Method=ListSubscriptions, PublisherId=00000000-0000-0000-0000-000000000000',
    });
  });

  it('answers 503 AF50000, expires the token, and cuts a blob short', async () => {
    sim.faults.inject({ kind: '503', target: 'management' });
    expect(activityError(await call(list()))).toMatchObject({ status: 503, code: 'AF50000' });

    const bearer = await managementToken(sim);
    sim.faults.inject({ kind: 'expired-token', target: 'management' });
    expect((await call(list(), 'GET', bearer)).status).toBe(401);
    expect((await call(list(), 'GET', bearer)).status).toBe(401);

    const [item] = (await listAll('Audit.SharePoint', NOW - HOUR, NOW)).items;
    sim.faults.inject({ kind: 'truncated', target: 'management', operation: 'GetBlob' });
    await expect(call(String(item?.contentUri))).rejects.toThrow();
    expect((await call(String(item?.contentUri))).status).toBe(200);
  });

  it('refuses an operation outside the management target and an unknown one', () => {
    expect(() => sim.faults.inject({ kind: 'af429', target: 'report' })).toThrow(
      /applies to target management/,
    );
    expect(() => sim.faults.inject({ kind: '429', target: 'report', operation: 'GetBlob' })).toThrow(
      /applies to target 'management' only/,
    );
    expect(() =>
      sim.faults.inject({ kind: '429', target: 'management', operation: 'Fetch' as 'GetBlob' }),
    ).toThrow(/fault.operation must be one of/);
  });
});
