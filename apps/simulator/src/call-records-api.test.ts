import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json, type RawResponse } from '../test/https-client.js';
import { Session } from '../test/session.js';
import type { CallRecordsTruth } from './call-records-truth.js';
import { type RunningSimulator, startSimulator } from './index.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// A fake clock the tests move: the simulated tenant's calendar and its call records follow it.
let nowMs = Date.parse('2026-11-30T12:00:00Z');
const now = () => new Date(nowMs);
const LIST = 'communications/callRecords';
let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, users: 25, now });
  session = await Session.open(sim);
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

type Json = Record<string, unknown>;

async function ok(path: string, headers: Record<string, string> = {}): Promise<Json> {
  const response = await session.get(path, headers);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.body.toString()}`);
  return json(response);
}

/** Follows `@odata.nextLink` from `path` (relative to /v1.0) to the end. */
async function allPages(path: string, headers: Record<string, string> = {}): Promise<Json[]> {
  const pages: Json[] = [];
  let url: string | undefined = `${sim.graphUrl}/v1.0/${path}`;
  while (url !== undefined) {
    const response = await session.client.request(url, {
      headers: { Authorization: `Bearer ${session.token}`, ...headers },
    });
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${response.body.toString()}`);
    const page = json(response);
    pages.push(page);
    url = page['@odata.nextLink'] as string | undefined;
  }
  return pages;
}

function graphError(response: RawResponse): { code: string; message: string } {
  return (json(response) as { error: { code: string; message: string } }).error;
}

function truth(from: string, to: string): CallRecordsTruth {
  return sim.truth.callRecords(from, to);
}

const iso = (ms: number) => new Date(ms).toISOString();
const filter = (from: number, to: number) =>
  `$filter=${encodeURIComponent(`startDateTime ge ${iso(from)} and startDateTime lt ${iso(to)}`)}`;

describe('GET /communications/callRecords', () => {
  it('lists the last 30 days in pages of 60, by start, without sessions', async () => {
    const before = sim.stats().callRecordListPages;
    const pages = await allPages(LIST);
    expect(pages.length).toBeGreaterThan(2);
    expect(sim.stats().callRecordListPages - before).toBe(pages.length);
    const records = pages.flatMap((page) => page.value as Json[]);
    expect(pages.slice(0, -1).every((page) => (page.value as Json[]).length === 60)).toBe(true);
    const expected = truth(iso(nowMs - 40 * DAY_MS), iso(nowMs + 1));
    expect(records.map((record) => record.id)).toEqual(expected.records.map((record) => record.id));
    expect(pages[0]?.['@odata.context']).toBe(`${sim.graphUrl}/v1.0/$metadata#communications/callRecords`);
    const first = records[0] as Json;
    expect(Object.keys(first)).toEqual([
      'id',
      'version',
      'type',
      'modalities',
      'lastModifiedDateTime',
      'startDateTime',
      'endDateTime',
      'joinWebUrl',
      'organizer_v2@odata.context',
      'organizer_v2',
    ]);
    expect(first.startDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    expect(records.every((record) => record.sessions === undefined)).toBe(true);
    expect(Date.parse(String(first.startDateTime))).toBeGreaterThan(nowMs - 31 * DAY_MS);
  });

  it('filters on startDateTime (both bounds or one), selects, and pages by Prefer: odata.maxpagesize', async () => {
    const from = nowMs - 3 * DAY_MS;
    const to = nowMs - DAY_MS;
    const expected = truth(iso(from), iso(to)).records;
    expect(expected.length).toBeGreaterThan(5);
    const pages = await allPages(`${LIST}?${filter(from, to)}&$select=id,type,startDateTime`, {
      Prefer: 'odata.maxpagesize=5',
    });
    expect(pages.length).toBe(Math.ceil(expected.length / 5));
    const records = pages.flatMap((page) => page.value as Json[]);
    expect(records).toEqual(
      expected.map((record) => ({ id: record.id, type: record.type, startDateTime: record.startDateTime })),
    );
    expect(pages[0]?.['@odata.context']).toBe(
      `${sim.graphUrl}/v1.0/$metadata#communications/callRecords(id,type,startDateTime)`,
    );
    const response = await session.get(`${LIST}?${filter(from, to)}`, { Prefer: 'odata.maxpagesize=5' });
    expect(response.headers['preference-applied']).toBe('odata.maxpagesize=5');

    const since = await allPages(`${LIST}?$filter=${encodeURIComponent(`startDateTime ge ${iso(from)}`)}`);
    expect(since.flatMap((page) => page.value as Json[]).map((record) => record.id)).toEqual(
      truth(iso(from), iso(nowMs + 1)).records.map((record) => record.id),
    );
    const until = await allPages(`${LIST}?$filter=${encodeURIComponent(`startDateTime lt ${iso(to)}`)}`);
    expect(until.flatMap((page) => page.value as Json[]).map((record) => record.id)).toEqual(
      truth(iso(nowMs - 40 * DAY_MS), iso(to)).records.map((record) => record.id),
    );
  });

  it('compares with the seven-digit precision of Graph’s times', async () => {
    const record = truth(iso(nowMs - 2 * DAY_MS), iso(nowMs)).records[0];
    if (record === undefined) throw new Error('no record in the last two days');
    const hourBefore = iso(Date.parse(record.startDateTime) - HOUR_MS);
    const at = (operator: string) =>
      ok(
        `${LIST}?$filter=${encodeURIComponent(`startDateTime ge ${hourBefore} and startDateTime ${operator} ${record.startDateTime}`)}&$select=id`,
      );
    const ids = async (operator: string) => ((await at(operator)).value as Json[]).map((r) => r.id);
    expect(await ids('ge')).toContain(record.id);
    expect(await ids('lt')).not.toContain(record.id);
    expect(await ids('le')).toContain(record.id);
    expect(await ids('gt')).not.toContain(record.id);
  });

  it('refuses other filters, unknown properties and options with Graph’s 400', async () => {
    for (const [query, message] of [
      [`$filter=${encodeURIComponent("participants_v2/any(p:p/id eq 'x')")}`, /Invalid filter clause/],
      [`$filter=${encodeURIComponent('endDateTime ge 2026-11-01T00:00:00Z')}`, /Invalid filter clause/],
      [`$filter=${encodeURIComponent("startDateTime ge '2026-11-01T00:00:00Z'")}`, /incompatible types/],
      [`$filter=${encodeURIComponent('startDateTime ge yesterday')}`, /DateTimeOffset text 'yesterday'/],
      ['$select=id,duration', /Could not find a property named 'duration'/],
      ['$orderby=startDateTime', /Query option '\$orderby' is not supported/],
      ['$skiptoken=bm9wZQ', /Invalid \$skiptoken/],
    ] as const) {
      const response = await session.get(`${LIST}?${query}`);
      expect(response.status, query).toBe(400);
      expect(graphError(response).code).toBe('BadRequest');
      expect(graphError(response).message).toMatch(message);
    }
  });

  it('keeps its pages stable while records appear', async () => {
    const saved = nowMs;
    try {
      const first = await ok(LIST, { Prefer: 'odata.maxpagesize=10' });
      nowMs += 6 * HOUR_MS;
      const rest = await allPages(String(first['@odata.nextLink']).slice(`${sim.graphUrl}/v1.0/`.length), {
        Prefer: 'odata.maxpagesize=10',
      });
      const ids = [...(first.value as Json[]), ...rest.flatMap((page) => page.value as Json[])].map(
        (r) => r.id,
      );
      expect(new Set(ids).size).toBe(ids.length);
      const expected = truth(iso(nowMs - 40 * DAY_MS), iso(nowMs + 1)).records.map((record) => record.id);
      // Nothing listed twice, nothing skipped but what expired meanwhile (before the first page's end).
      expect(ids.slice(10)).toEqual(expected.slice(expected.indexOf(String(ids[10]))));
    } finally {
      nowMs = saved;
    }
  });
});

describe('GET /communications/callRecords/{id}', () => {
  it('expands sessions and segments; the figures are Graph’s durations of the truth’s seconds', async () => {
    const expected = truth(iso(nowMs - 30 * DAY_MS), iso(nowMs)).records.find(
      (record) =>
        record.final && record.sessionCount <= 60 && record.streams.some((s) => s.quality === 'poor'),
    );
    if (expected === undefined) throw new Error('no final record with a poor stream');
    const body = await ok(`${LIST}/${expected.id}?$expand=sessions($expand=segments)`);
    expect(body['@odata.context']).toBe(
      `${sim.graphUrl}/v1.0/$metadata#communications/callRecords(sessions(segments()))/$entity`,
    );
    expect(body).toMatchObject({
      id: expected.id,
      version: expected.version,
      type: expected.type,
      modalities: expected.modalities,
      startDateTime: expected.startDateTime,
      endDateTime: expected.endDateTime,
      lastModifiedDateTime: expected.lastModifiedDateTime,
      organizer_v2: { id: expected.organizerId },
    });
    expect(body['sessions@odata.nextLink']).toBeUndefined();
    const sessions = body.sessions as Json[];
    expect(sessions).toHaveLength(expected.sessionCount);
    const streams = sessions.flatMap((s) =>
      (s.segments as Json[]).flatMap((segment) =>
        (segment.media as Json[]).flatMap((media) =>
          (media.streams as Json[]).map((stream): Json => ({ label: media.label, ...stream })),
        ),
      ),
    );
    const duration = (seconds: number | null) => (seconds === null ? null : `PT${seconds}S`);
    expect(
      streams.map((stream) => ({
        label: stream.label,
        streamId: stream.streamId,
        streamDirection: stream.streamDirection,
        averageJitter: stream.averageJitter,
        averagePacketLossRate: stream.averagePacketLossRate,
        averageRoundTripTime: stream.averageRoundTripTime,
        maxJitter: stream.maxJitter,
      })),
    ).toEqual(
      expected.streams.map((stream) => ({
        label: stream.label,
        streamId: stream.streamId,
        streamDirection: stream.streamDirection,
        averageJitter: duration(stream.averageJitterSeconds),
        averagePacketLossRate: stream.averagePacketLossRate,
        averageRoundTripTime: duration(stream.averageRoundTripTimeSeconds),
        maxJitter: duration(stream.maxJitterSeconds),
      })),
    );
    expect(sessions[0]?.caller).toMatchObject({
      '@odata.type': '#microsoft.graph.callRecords.participantEndpoint',
    });
  });

  it('pages the sessions of a large meeting through sessions@odata.nextLink, segments expanded', async () => {
    const large = truth(iso(nowMs - 30 * DAY_MS), iso(nowMs)).records.find(
      (record) => record.sessionCount > 60,
    );
    if (large === undefined) throw new Error('no record with more than a page of sessions');
    const before = sim.stats();
    const body = await ok(`${LIST}('${large.id}')?$expand=sessions($expand=segments)`);
    const first = body.sessions as Json[];
    expect(first).toHaveLength(60);
    const next = String(body['sessions@odata.nextLink']);
    expect(next).toMatch(
      new RegExp(
        `^${sim.graphUrl}/v1.0/communications/callRecords\\('${large.id}'\\)/sessions\\?\\$expand=segments&`,
      ),
    );
    const rest = await allPages(next.slice(`${sim.graphUrl}/v1.0/`.length));
    const all = [...first, ...rest.flatMap((page) => page.value as Json[])];
    expect(all).toHaveLength(large.sessionCount);
    expect(all.every((s) => Array.isArray(s.segments))).toBe(true);
    expect(new Set(all.map((s) => s.id)).size).toBe(large.sessionCount);
    const after = sim.stats();
    expect(after.callRecordGets - before.callRecordGets).toBe(1);
    expect(after.callRecordSessionPages - before.callRecordSessionPages).toBe(rest.length);
    expect(after.callRecordGetsById[large.id]).toBe((before.callRecordGetsById[large.id] ?? 0) + 1);
    const plain = await ok(`${LIST}/${large.id}/sessions`, { Prefer: 'odata.maxpagesize=25' });
    expect(plain.value as Json[]).toHaveLength(25);
    expect((plain.value as Json[])[0]?.segments).toBeUndefined();
    expect(String(plain['@odata.nextLink'])).not.toContain('$expand');
  });

  it('serves version 1 until the update, the final version after it', async () => {
    const saved = nowMs;
    try {
      const all = truth(iso(nowMs - 30 * DAY_MS), iso(nowMs)).records;
      const updated = all.find((record) => record.version === 2 && record.sessionCount <= 60);
      if (updated === undefined) throw new Error('no updated record');
      nowMs = Date.parse(updated.lastModifiedDateTime) - 1;
      const early = await ok(`${LIST}/${updated.id}?$expand=sessions($expand=segments)`);
      expect(early.version).toBe(1);
      expect(Date.parse(String(early.lastModifiedDateTime))).toBeLessThan(nowMs);
      expect(truth(updated.startDateTime, iso(nowMs)).records[0]).toMatchObject({
        id: updated.id,
        final: false,
      });
      nowMs = Date.parse(updated.lastModifiedDateTime) + 1;
      const late = await ok(`${LIST}/${updated.id}?$expand=sessions($expand=segments)`);
      expect(late).toMatchObject({ version: 2, lastModifiedDateTime: updated.lastModifiedDateTime });
      const nullJitters = (record: Json) =>
        JSON.stringify(record.sessions).split('"averageJitter":null').length;
      expect(nullJitters(early)).toBeGreaterThan(nullJitters(late));
    } finally {
      nowMs = saved;
    }
  });

  it('answers 404 with Graph’s body for an unknown id and for a record past its 30 days', async () => {
    const unknown = await session.get(`${LIST}/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(graphError(unknown).code).toBe('NotFound');
    const oldest = truth(iso(nowMs - 40 * DAY_MS), iso(nowMs)).records[0];
    if (oldest === undefined) throw new Error('no records');
    const saved = nowMs;
    try {
      nowMs += 2 * DAY_MS;
      expect((await session.get(`${LIST}/${oldest.id}`)).status).toBe(404);
      expect((await session.get(`${LIST}/${oldest.id}/sessions`)).status).toBe(404);
    } finally {
      nowMs = saved;
    }
  });

  it('answers 400 for a path it does not know', async () => {
    const id = truth(iso(nowMs - DAY_MS), iso(nowMs)).records[0]?.id;
    for (const path of ['communications/callRecordsX', `${LIST}/${id}/participants_v2`, `${LIST}('')`]) {
      const response = await session.get(path);
      expect(response.status, path).toBe(400);
      expect(graphError(response).message).toMatch(/^Resource not found for the segment/);
    }
  });

  it('refuses other expansions', async () => {
    const id = truth(iso(nowMs - DAY_MS), iso(nowMs)).records[0]?.id;
    const response = await session.get(`${LIST}/${id}?$expand=participants_v2`);
    expect(response.status).toBe(400);
    expect(graphError(response).message).toMatch(/Expansion 'participants_v2' is not supported/);
  });
});

describe('a reader of one week', () => {
  it('gets each record once, follows every session page, and finds the truth’s streams', async () => {
    const from = nowMs - 7 * DAY_MS;
    const before = sim.stats();
    const listed = (await allPages(`${LIST}?${filter(from, nowMs)}&$select=id`)).flatMap(
      (page) => page.value as Json[],
    );
    const streamsById = new Map<string, string[]>();
    for (const { id } of listed) {
      const body = await ok(`${LIST}/${String(id)}?$expand=sessions($expand=segments)`);
      const next = body['sessions@odata.nextLink'] as string | undefined;
      const rest = next === undefined ? [] : await allPages(next.slice(`${sim.graphUrl}/v1.0/`.length));
      const sessions = [...(body.sessions as Json[]), ...rest.flatMap((page) => page.value as Json[])];
      streamsById.set(
        String(id),
        sessions.flatMap((session) =>
          (session.segments as Json[]).flatMap((segment) =>
            (segment.media as Json[]).flatMap((media) =>
              (media.streams as Json[]).map(
                (stream) =>
                  `${String(media.label)} ${String(stream.streamId)} ${String(stream.averageJitter)}`,
              ),
            ),
          ),
        ),
      );
    }
    const expected = truth(iso(from), iso(nowMs)).records;
    expect([...streamsById.keys()]).toEqual(expected.map((record) => record.id));
    for (const record of expected.filter((r) => r.final)) {
      expect(streamsById.get(record.id)).toEqual(
        record.streams.map(
          (stream) =>
            `${stream.label} ${stream.streamId} ${stream.averageJitterSeconds === null ? 'null' : `PT${stream.averageJitterSeconds}S`}`,
        ),
      );
    }
    const after = sim.stats();
    expect(after.callRecordGets - before.callRecordGets).toBe(expected.length);
    for (const { id } of expected) {
      expect((after.callRecordGetsById[id] ?? 0) - (before.callRecordGetsById[id] ?? 0)).toBe(1);
    }
    const pagedSessions = expected.reduce(
      (pages, r) => pages + Math.max(0, Math.ceil(r.sessionCount / 60) - 1),
      0,
    );
    expect(after.callRecordSessionPages - before.callRecordSessionPages).toBe(pagedSessions);
  });
});

describe('faults and permissions', () => {
  it('answers a front-door fault of the call-records target', async () => {
    sim.faults.inject({ kind: '429', target: 'call-records', retryAfterSeconds: 2 });
    const response = await session.get(LIST);
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('2');
    expect((await session.get(`${LIST}?$top=1`)).status).toBe(200);
  });

  it('drops a field from the first list item or nested stream that has it', async () => {
    sim.faults.inject({ kind: 'drop-field', target: 'call-records', field: 'startDateTime' });
    const list = (await ok(`${LIST}?$top=3`)).value as Json[];
    expect(list.map((record) => 'startDateTime' in record)).toEqual([false, true, true]);
    const id = truth(iso(nowMs - 2 * DAY_MS), iso(nowMs)).records[0]?.id;
    sim.faults.inject({ kind: 'drop-field', target: 'call-records', field: 'streamDirection' });
    const body = await ok(`${LIST}/${id}?$expand=sessions($expand=segments)`);
    const streams = (body.sessions as Json[]).flatMap((session) =>
      (session.segments as Json[]).flatMap((segment) =>
        (segment.media as Json[]).flatMap((media) => media.streams as Json[]),
      ),
    );
    expect(streams.map((stream) => 'streamDirection' in stream).indexOf(false)).toBe(0);
    expect(streams.filter((stream) => !('streamDirection' in stream))).toHaveLength(1);
  });

  it('expires the token, truncates a body', async () => {
    sim.faults.inject({ kind: 'expired-token', target: 'call-records' });
    const expired = await session.get(LIST);
    expect(expired.status).toBe(401);
    expect(graphError(expired).code).toBe('InvalidAuthenticationToken');
    session = await Session.open(sim);
    sim.faults.inject({ kind: 'truncated', target: 'call-records' });
    await expect(session.get(LIST)).rejects.toThrow();
    expect((await session.get(`${LIST}?$top=1`)).status).toBe(200);
  });

  it('answers 403 Authorization_RequestDenied without CallRecords.Read.All', async () => {
    const denied = await startSimulator({ seed: 3, users: 25, now, grantedPermissions: [] });
    try {
      const deniedSession = await Session.open(denied);
      for (const path of [LIST, `${LIST}/00000000-0000-4000-8000-000000000000`]) {
        const response = await deniedSession.get(path);
        expect(response.status).toBe(403);
        expect(graphError(response)).toMatchObject({
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
        });
      }
    } finally {
      await denied.close();
    }
    await expect(startSimulator({ grantedPermissions: ['Calls.Read.All'] })).rejects.toThrow(
      "simulator permission 'Calls.Read.All' is not one the simulator knows",
    );
  });
});

describe('GET /_simulator/truth/call-records', () => {
  it('serves the truth of a window with its totals, and refuses a bad window', async () => {
    const from = iso(nowMs - 7 * DAY_MS);
    const to = iso(nowMs);
    const response = await session.client.request(
      `${sim.url}/_simulator/truth/call-records?from=${from}&to=${to}`,
    );
    expect(response.status).toBe(200);
    const body = json(response) as unknown as CallRecordsTruth;
    expect(body).toEqual(truth(from, to));
    const { totals } = body;
    expect(totals.records).toBe(body.records.length);
    expect(totals.recordsByType.groupCall + totals.recordsByType.peerToPeer).toBe(totals.records);
    expect(
      totals.streamsByQuality.good + totals.streamsByQuality.poor + totals.streamsByQuality.unrated,
    ).toBe(totals.streams);
    const bad = await session.client.request(
      `${sim.url}/_simulator/truth/call-records?from=yesterday&to=${to}`,
    );
    expect(bad.status).toBe(400);
  });
});
