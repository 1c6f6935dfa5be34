import { EVENT_M365_SERVICE_ISSUE, type EventRecord } from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import {
  CALL_RECORD_SETTLE_MS,
  type CallRecordListing,
  callQualityCursorKey,
} from '../call-quality/cursor.js';
import { type RecordingBackend, recordingExporter } from '../export/__fixtures__/recording-exporter.js';
import { TenantEvents } from '../export/events.js';
import { serviceResource, TenantResource } from '../export/resource.js';
import { SelfMetrics } from '../export/self-metrics.js';
import { createJsonLogger } from '../logging/logger.js';
import { retainingStore, storedValue } from '../state/__fixtures__/retaining.js';
import { MemoryStateStore } from '../state/memory-store.js';
import { CALL_RECORDS_PER_BATCH, pollCallQuality } from './call-quality.js';
import { FailureStreaks } from './governance.js';

// The call-record poll with Graph, the backend, the metrics and the clock replaced by doubles.

const TENANT = 'tenant-a';
const HOUR = 3_600_000;
const START = Date.parse('2026-11-30T12:00:00Z');
const base = (() => {
  const { resource } = serviceResource({});
  if (!resource) throw new Error('no resource');
  return resource;
})();

/** A call that started `started` hours before START and ended (and last changed) `ended` hours before it. */
const call = (id: string, started: number, ended: number): CallRecordListing => ({
  id,
  startDateTime: new Date(START - started * HOUR).toISOString(),
  endDateTime: new Date(START - ended * HOUR).toISOString(),
  lastModifiedDateTime: new Date(START - ended * HOUR).toISOString(),
});

function setup(options: { records?: boolean } = {}) {
  const graph = {
    calls: [] as CallRecordListing[],
    failing: new Set<string>(),
    windows: [] as string[],
    /** Streams of a record the reader leaves out as malformed, by record id. */
    malformedStreams: new Map<string, number>(),
    /** How far Graph's clock runs ahead of the collector's. */
    skewMs: 0,
  };
  const backend: RecordingBackend = { refuse: false, refuseOnce: new Set(), exported: [] };
  const exporter = recordingExporter(backend);
  const counted: string[] = [];
  const reads: string[] = [];
  const { state, errors } = retainingStore(new MemoryStateStore());
  let nowMs = START;
  const selfMetrics = new SelfMetrics(base);
  const tenant = {
    tenantId: TENANT,
    reader: {
      listCallRecords: async (window: { from: string; to: string }) => {
        graph.windows.push(`${window.from}/${window.to}`);
        return graph.calls.filter((c) => c.startDateTime >= window.from && c.startDateTime < window.to);
      },
      getCallRecord: async (id: string, options?: { onSkippedItem?: (item: { part: 'stream' }) => void }) => {
        reads.push(id);
        if (graph.failing.has(id)) throw new Error(`404 for ${id}`);
        for (let skipped = 0; skipped < (graph.malformedStreams.get(id) ?? 0); skipped++)
          options?.onSkippedItem?.({ part: 'stream' });
        return { id };
      },
      serverNow: () => nowMs + graph.skewMs,
    },
    events: new TenantEvents(new TenantResource(base, TENANT)),
    record: (record: { id: string }) => counted.push(record.id),
  };
  const poll = async (advanceMs = 0) => {
    nowMs += advanceMs;
    const [result] = await pollCallQuality({
      tenants: [tenant],
      state,
      ...(options.records && {
        records: {
          event: (record: { id: string }): EventRecord => ({
            eventName: EVENT_M365_SERVICE_ISSUE,
            timestamp: new Date(nowMs).toISOString(),
            attributes: { 'm365.service.issue.id': record.id },
            body: {},
          }),
          exporter,
        },
      }),
      failures: new FailureStreaks(),
      selfMetrics,
      logger: createJsonLogger({ level: 'error', write: () => undefined }),
      signal: new AbortController().signal,
      now: () => nowMs,
    });
    if (!result) throw new Error('no result');
    return result;
  };
  const exported = () => backend.exported.map((record) => record.attributes['m365.service.issue.id']);
  return { graph, backend, counted, reads, state, poll, exported, selfMetrics, errors };
}

describe('pollCallQuality', () => {
  it('reads each final record once, counts it once, and lists the late horizon again', async () => {
    const { graph, counted, reads, poll, state, exported } = setup({ records: true });
    graph.calls = [call('done', 5, 4), call('settling', 3, 0.5), call('too-old', 30, 29)];
    expect(await poll()).toMatchObject({ ok: true, records: 1 });
    expect(graph.windows).toEqual(['2026-11-29T12:00:00.000Z/2026-11-30T12:00:00.000Z']);
    expect(counted).toEqual(['done']);
    expect(exported()).toEqual(['done']);
    // An hour on, 'settling' is final; 'done' is not read again; a long call Microsoft recorded late shows up.
    graph.calls.push(call('long-call', 20, -0.5));
    expect(await poll(CALL_RECORD_SETTLE_MS)).toMatchObject({ ok: true, records: 1 });
    expect(counted).toEqual(['done', 'settling']);
    // Another hour on, the long call's record has not changed for the settle time either.
    expect(await poll(CALL_RECORD_SETTLE_MS)).toMatchObject({ ok: true, records: 1 });
    expect(counted).toEqual(['done', 'settling', 'long-call']);
    expect(reads).toEqual(['done', 'settling', 'long-call']);
    expect(await storedValue(state, callQualityCursorKey(TENANT))).toMatchObject({
      read: { done: expect.any(String), settling: expect.any(String), 'long-call': expect.any(String) },
    });
  });

  it('commits and counts nothing of a batch the backend refused, and sends it again next poll', async () => {
    const { graph, backend, counted, poll, exported } = setup({ records: true });
    graph.calls = [call('a', 5, 4), call('b', 4, 3)];
    backend.refuse = true;
    expect(await poll()).toMatchObject({ ok: false, stage: 'export', records: 0 });
    expect(counted).toEqual([]);
    backend.refuse = false;
    expect(await poll(60_000)).toMatchObject({ ok: true, records: 2 });
    expect(counted.sort()).toEqual(['a', 'b']);
    expect(exported().sort()).toEqual(['a', 'b']);
  });

  it('keeps the batches acknowledged before a refused one: only the refused batch goes out again', async () => {
    const { graph, backend, counted, poll, exported } = setup({ records: true });
    graph.calls = Array.from({ length: CALL_RECORDS_PER_BATCH + 3 }, (_, index) =>
      call(`c${String(index).padStart(3, '0')}`, 10 - index / 100, 9),
    );
    backend.refuseOnce?.add(2);
    expect(await poll()).toMatchObject({ ok: false, stage: 'export', records: CALL_RECORDS_PER_BATCH });
    expect(exported()).toHaveLength(CALL_RECORDS_PER_BATCH);
    expect(await poll(60_000)).toMatchObject({ ok: true, records: 3 });
    expect(new Set(exported()).size).toBe(CALL_RECORDS_PER_BATCH + 3);
    expect(exported()).toHaveLength(CALL_RECORDS_PER_BATCH + 3);
    expect(counted).toHaveLength(CALL_RECORDS_PER_BATCH + 3);
  });

  it('fails a poll the backend accepted only in part, but commits and counts it: rejected records are never sent again', async () => {
    const { graph, backend, counted, poll, exported, state, selfMetrics } = setup({ records: true });
    graph.calls = [call('a', 5, 4), call('b', 4, 3)];
    backend.rejectOne = true;
    const partial = await poll();
    expect(partial).toMatchObject({ ok: false, stage: 'export', records: 2 });
    expect(String((partial as { error: unknown }).error)).toContain('rejected 1 log record of the request');
    expect(counted.sort()).toEqual(['a', 'b']);
    expect(await storedValue(state, callQualityCursorKey(TENANT))).toMatchObject({
      read: { a: expect.any(String), b: expect.any(String) },
    });
    backend.rejectOne = false;
    expect(await poll(60_000)).toMatchObject({ ok: true, records: 0 });
    expect(exported().sort()).toEqual(['a', 'b']);
    const { scopeMetrics } = await selfMetrics.collect();
    const rejected = scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'm365otel.export.rejected');
    expect(rejected?.dataPoints).toMatchObject([{ attributes: { 'm365otel.signal': 'logs' }, value: 1 }]);
  });

  it('reads the other records when one read fails, fails the poll, and holds the cursor at the failed one', async () => {
    const { graph, counted, poll, reads, state } = setup();
    const cursor = async () => (await storedValue(state, callQualityCursorKey(TENANT))) as { cursor: string };
    graph.calls = [call('a', 8, 7), call('broken', 6, 5), call('c', 4, 3)];
    graph.failing.add('broken');
    expect(await poll()).toMatchObject({ ok: false, stage: 'read', records: 2 });
    expect(counted.sort()).toEqual(['a', 'c']);
    // Ten hours on, the cursor would be at now less the settle time; the unread record keeps it where it was.
    expect(await poll(10 * HOUR)).toMatchObject({ ok: false, stage: 'read', records: 0 });
    expect((await cursor()).cursor).toBe(new Date(START).toISOString());
    graph.failing.clear();
    expect(await poll(HOUR)).toMatchObject({ ok: true, records: 1 });
    expect(counted.sort()).toEqual(['a', 'broken', 'c']);
    expect(reads.filter((id) => id === 'a')).toHaveLength(1);
    expect((await cursor()).cursor).toBe(new Date(START + 11 * HOUR - CALL_RECORD_SETTLE_MS).toISOString());
  });

  it("judges finality on Graph's clock, which stamps the records, not on the collector's", async () => {
    const { graph, counted, poll } = setup();
    // The collector's clock is an hour behind Graph's: by its own, the first record would still be settling.
    graph.skewMs = HOUR;
    graph.calls = [call('final-by-graph', 3, 0.5), call('settling', 2, -0.5)];
    expect(await poll()).toMatchObject({ ok: true, records: 1 });
    expect(counted).toEqual(['final-by-graph']);
    expect(graph.windows).toEqual(['2026-11-29T13:00:00.000Z/2026-11-30T13:00:00.000Z']);
  });

  it('counts the malformed parts the reader left out, and reads and counts the rest of the record', async () => {
    const { graph, counted, poll, selfMetrics } = setup();
    graph.calls = [call('a', 5, 4), call('b', 4, 3)];
    graph.malformedStreams.set('b', 2);
    expect(await poll()).toMatchObject({ ok: true, records: 2 });
    expect(counted).toEqual(['a', 'b']);
    const { scopeMetrics } = await selfMetrics.collect();
    const skipped = scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'm365otel.call_quality.parts_skipped');
    expect(skipped?.dataPoints.map(({ attributes, value }) => ({ attributes, value }))).toEqual([
      { attributes: { 'm365otel.call_quality.part': 'stream' }, value: 2 },
    ]);
  });

  it('rebuilds a quarantined cursor from now on Graph’s clock: final records are taken as read, never counted twice', async () => {
    const { graph, counted, reads, poll, state, exported, errors } = setup({ records: true });
    graph.skewMs = 5 * 60_000;
    await state.write(callQualityCursorKey(TENANT), { cursor: 'garbage', read: {} });
    graph.calls = [
      call('counted-before', 5, 4),
      call('settling', 3, 0.5),
      call('before-the-look-back', 30, 29),
    ];
    expect(await poll()).toMatchObject({ ok: true, records: 0 });
    expect(errors).toEqual(['quarantine']);
    // Listed from the late horizon before Graph's now less the settle time, not from the first run's look-back.
    expect(graph.windows).toEqual([
      `${new Date(START + 5 * 60_000 - CALL_RECORD_SETTLE_MS - 24 * HOUR).toISOString()}/${new Date(START + 5 * 60_000).toISOString()}`,
    ]);
    expect([counted, reads, exported()]).toEqual([[], [], []]);
    // The record still settling then is read once it is final; the one final at the rebuild never is.
    expect(await poll(CALL_RECORD_SETTLE_MS)).toMatchObject({ ok: true, records: 1 });
    expect(counted).toEqual(['settling']);
  });
});
