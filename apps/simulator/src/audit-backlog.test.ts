import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, TestClient } from '../test/https-client.js';
import { issueToken } from '../test/session.js';
import { CONTENT_TYPES, type RunningSimulator, startSimulator } from './index.js';

const NOW = Date.parse('2026-03-15T10:17:23Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = () => new Date(NOW);
const RECORDS_PER_BLOB = 400;
const SLOT_MINUTES = 60;

let sim: RunningSimulator;
let client: TestClient;
let token: string;

const managementToken = (target: RunningSimulator, via: TestClient) =>
  issueToken(target, via, `${target.managementUrl}/.default`);

function feedUrl(target: RunningSimulator, operation: string, query = ''): string {
  return `${target.managementUrl}/api/v1.0/${target.tenantId}/activity/feed/${operation}${query === '' ? '' : `?${query}`}`;
}

interface ListedBlob {
  contentUri: string;
  contentId: string;
  contentCreated: string;
}

/**
 * A client of `target` with a management token, the subscription of `contentType` started, and the first blob its
 * listing names.
 */
async function firstBlob(
  target: RunningSimulator,
  contentType: string,
): Promise<{ via: TestClient; headers: Record<string, string>; item: ListedBlob | undefined }> {
  const via = await TestClient.forCa(target.caFile);
  const headers = { Authorization: `Bearer ${await managementToken(target, via)}` };
  await via.request(feedUrl(target, 'subscriptions/start', `contentType=${contentType}`), {
    method: 'POST',
    headers,
  });
  const listed = await via.request(feedUrl(target, 'subscriptions/content', `contentType=${contentType}`), {
    headers,
  });
  const [item] = json(listed) as unknown as ListedBlob[];
  return { via, headers, item };
}

beforeAll(async () => {
  sim = await startSimulator({
    seed: 9,
    users: 50,
    now,
    auditBacklog: { recordsPerBlob: RECORDS_PER_BLOB, slotMinutes: SLOT_MINUTES },
  });
  client = await TestClient.forCa(sim.caFile);
  token = await managementToken(sim, client);
});
afterAll(() => sim.close());

describe('audit backlog', () => {
  it('holds exactly blobs x recordsPerBlob own records per window, every Id unique, as truth counts them', () => {
    const ids = new Set<string>();
    let own = 0;
    let counted = 0;
    for (const contentType of CONTENT_TYPES) {
      const count = sim.truth.auditCount(contentType, new Date(NOW - DAY), new Date(NOW));
      expect(count.blobs).toBe(24 * (60 / SLOT_MINUTES));
      const republished = count.records - count.blobs * RECORDS_PER_BLOB;
      // About 5 % of blobs carry one earlier record again.
      expect(republished).toBeGreaterThanOrEqual(0);
      expect(republished).toBeLessThan(count.blobs / 2);
      expect(count.distinctRecords).toBe(count.records - count.duplicates);
      let enumerated = 0;
      for (const record of sim.truth.auditRecordIds(contentType, new Date(NOW - DAY), new Date(NOW))) {
        enumerated += 1;
        expect(ids.has(record.id)).toBe(record.duplicate);
        ids.add(record.id);
      }
      expect(enumerated).toBe(count.records);
      own += count.blobs * RECORDS_PER_BLOB;
      counted += count.distinctRecords;
    }
    // Ids are unique across blobs, content types and record indexes far past the realistic 30 per blob.
    expect(own).toBe(5 * 24 * RECORDS_PER_BLOB);
    expect(ids.size).toBe(counted);
    expect(ids.size).toBeGreaterThanOrEqual(own);
  });

  it('refuses a backlog out of bounds, naming the field', async () => {
    await expect(startSimulator({ auditBacklog: { recordsPerBlob: 0, slotMinutes: 5 } })).rejects.toThrow(
      'simulator auditBacklog.recordsPerBlob must be an integer 1..1000000, got 0',
    );
    await expect(startSimulator({ auditBacklog: { recordsPerBlob: 10, slotMinutes: 1441 } })).rejects.toThrow(
      'simulator auditBacklog.slotMinutes must be an integer 1..1440, got 1441',
    );
  });

  it('lists one blob per slot, published at the start of its slot', async () => {
    const start = new Date(NOW - 6 * HOUR).toISOString().slice(0, 19);
    const end = new Date(NOW).toISOString().slice(0, 19);
    const response = await client.request(
      feedUrl(sim, 'subscriptions/content', `contentType=Audit.Exchange&startTime=${start}&endTime=${end}`),
      { headers: { Authorization: `Bearer ${token}` } },
    );
    // Listing needs a subscription first.
    expect(response.status).toBe(400);
    const started = await client.request(feedUrl(sim, 'subscriptions/start', 'contentType=Audit.Exchange'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(started.status).toBe(200);
    const listed = await client.request(
      feedUrl(sim, 'subscriptions/content', `contentType=Audit.Exchange&startTime=${start}&endTime=${end}`),
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const items = json(listed) as unknown as { contentCreated: string }[];
    expect(items).toHaveLength(6);
    for (const item of items) expect(Date.parse(item.contentCreated) % (SLOT_MINUTES * 60_000)).toBe(0);
  });
});

describe('audit truth enumeration', () => {
  let realistic: RunningSimulator;

  beforeAll(async () => {
    realistic = await startSimulator({ seed: 5, users: 30, now });
  });
  afterAll(() => realistic.close());

  it('flags exactly the Ids an earlier blob of the same window holds, also when the original is before the window', () => {
    // Windows starting mid-week: some re-published records come from blobs before them.
    for (const start of [NOW - 7 * DAY, NOW - 3 * DAY, NOW - 30 * HOUR]) {
      for (const contentType of CONTENT_TYPES) {
        const window = [contentType, new Date(start), new Date(NOW)] as const;
        const records = [...realistic.truth.auditRecordIds(...window)];
        const truth = realistic.truth.auditRecords(...window);
        expect(records.map((record) => record.id)).toEqual(truth.blobs.flatMap((blob) => blob.recordIds));
        expect(records.filter((record) => !record.duplicate).map((record) => record.id)).toEqual(
          truth.recordIds,
        );
        const count = realistic.truth.auditCount(...window);
        expect(count).toEqual({
          contentType,
          blobs: truth.blobs.length,
          records: records.length,
          duplicates: records.filter((record) => record.duplicate).length,
          distinctRecords: truth.recordIds.length,
        });
      }
    }
    const week = realistic.truth.auditCount('Audit.Exchange', new Date(NOW - 7 * DAY), new Date(NOW));
    expect(week.duplicates).toBeGreaterThan(0);
  });

  it('keeps the realistic feed’s record Ids', () => {
    const hour = Date.parse('2026-03-15T09:00:00Z');
    const ids = [
      ...realistic.truth.auditRecordIds('Audit.Exchange', new Date(hour), new Date(hour + 15 * 60_000)),
    ];
    expect(ids[0]?.contentId).toMatch(/^1970628\$/);
    expect(ids.map((record) => record.id).slice(0, 2)).toEqual([
      'ac9ea3bf-797a-48e9-9884-9bb2f8d484a2',
      'f36ba3f1-bbe2-4ab2-b4c0-4d9c1dbfddd1',
    ]);
    expect(ids).toHaveLength(23);
  });

  it('is mirrored over HTTP: the count as JSON, the Ids as NDJSON', async () => {
    const query = `contentType=DLP.All&startTime=${new Date(NOW - DAY).toISOString()}&endTime=${new Date(NOW).toISOString()}`;
    const count = await client.request(`${sim.url}/_simulator/truth/audit-count?${query}`);
    expect(json(count)).toEqual(sim.truth.auditCount('DLP.All', new Date(NOW - DAY), new Date(NOW)));
    const ids = await client.request(`${sim.url}/_simulator/truth/audit-ids?${query}`);
    expect(ids.status).toBe(200);
    const lines = ids.body.toString('utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      ...sim.truth.auditRecordIds('DLP.All', new Date(NOW - DAY), new Date(NOW)),
    ]);
    const bad = await client.request(`${sim.url}/_simulator/truth/audit-ids?contentType=Audit.Teams`);
    expect(bad.status).toBe(400);
  });
});

describe('streamed blobs', () => {
  it('sends a big blob as a chunked stream of valid JSON holding the records truth names', async () => {
    const big = await startSimulator({
      seed: 3,
      users: 20,
      now,
      auditBacklog: { recordsPerBlob: 50_000, slotMinutes: 60 },
    });
    try {
      const { via, headers, item } = await firstBlob(big, 'Audit.SharePoint');
      const created = Date.parse(String(item?.contentCreated));
      const blob = await via.request(String(item?.contentUri), { headers });
      expect(blob.status).toBe(200);
      expect(blob.headers['transfer-encoding']).toBe('chunked');
      expect(blob.headers['content-length']).toBeUndefined();
      const records = JSON.parse(blob.body.toString('utf8')) as { Id: string }[];
      const truth = [
        ...big.truth.auditRecordIds('Audit.SharePoint', new Date(created), new Date(created + 1)),
      ];
      expect(records.map((record) => record.Id)).toEqual(truth.map((record) => record.id));
      expect(records.length).toBeGreaterThanOrEqual(50_000);
      expect(new Set(records.map((record) => record.Id)).size).toBe(records.length);
    } finally {
      await big.close();
    }
  }, 60_000);

  it('generates a blob only as fast as the client reads it', async () => {
    const big = await startSimulator({
      seed: 5,
      users: 20,
      now,
      auditBacklog: { recordsPerBlob: 200_000, slotMinutes: 60 },
    });
    try {
      const { via, headers, item } = await firstBlob(big, 'DLP.All');
      const paused = await via.pauseAfterFirstChunk(String(item?.contentUri), headers);
      // Wait until the server stops: its generator waits for the socket to drain.
      let generated = -1;
      while (generated !== big.stats().auditRecordsGenerated) {
        generated = big.stats().auditRecordsGenerated;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // 200,000 records are about 100 MB; what is generated ahead is what the socket buffers hold.
      expect(generated).toBeGreaterThan(0);
      expect(generated).toBeLessThan(50_000);
      paused.destroy();
    } finally {
      await big.close();
    }
  }, 60_000);
});
