import {
  type ActivityClient,
  type AuditRecord,
  BlobUnavailableError,
  type ContentBlob,
  type ContentPage,
  type ContentType,
  ManagementApiError,
} from '@m365-otel/management-api';
import type { AuditEvent } from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import type { ExportOutcome } from '../export/exporter.js';
import { createJsonLogger } from '../logging/logger.js';
import { retainingStore, storedValue } from '../state/__fixtures__/retaining.js';
import { MemoryStateStore } from '../state/memory-store.js';
import type { StateStore } from '../state/store.js';
import { CONFIGURATION_RETRY_MS } from './failures.js';
import { memoryRecordIdLogs, type RecordIdLogs } from './record-ids.js';
import {
  AUDIT_BATCH_SIZE,
  AuditStream,
  type AuditStreamMetrics,
  type AuditStreamOptions,
  LISTING_SLICE_MS,
} from './stream.js';

const TENANT = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const TYPE: ContentType = 'Audit.Exchange';
const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const HOUR = 3_600_000;
const logger = createJsonLogger({ level: 'error', write: () => undefined });

/** A tenant's audit log in memory: blobs by contentCreated, each with its records. */
class FakeActivity implements Pick<ActivityClient, 'listContent' | 'fetchContent'> {
  readonly blobs: Array<{ blob: ContentBlob; records: AuditRecord[] }> = [];
  readonly listed: Array<[string, string]> = [];
  readonly fetched: string[] = [];
  /** Blobs Microsoft answers 404 for. */
  readonly gone = new Set<string>();
  /** Called as each blob's fetch begins (a test moves the clock there). */
  onFetch: (() => void) | undefined;
  /** Makes the fetch of this blob fail after `afterRecords` records. */
  failure: { contentId: string; afterRecords: number; error: Error } | undefined;

  addBlob(contentId: string, createdMs: number, ids: readonly string[]): void {
    this.blobs.push({
      blob: {
        contentType: TYPE,
        contentId,
        contentUri: `https://manage.example/blob/${contentId}`,
        contentCreated: new Date(createdMs).toISOString(),
        contentExpiration: new Date(createdMs + 7 * 24 * HOUR).toISOString(),
      },
      records: ids.map((Id) => ({ Id, Operation: 'Send', CreationTime: '2026-11-30T11:00:00' })),
    });
  }

  async *listContent(
    contentType: ContentType,
    options: { startTime: Date; endTime: Date },
  ): AsyncGenerator<ContentPage> {
    const [start, end] = [options.startTime.getTime(), options.endTime.getTime()];
    this.listed.push([options.startTime.toISOString(), options.endTime.toISOString()]);
    const blobs = this.blobs
      .map(({ blob }) => blob)
      .filter((blob) => Date.parse(blob.contentCreated) >= start && Date.parse(blob.contentCreated) < end);
    // Two pages, the first possibly empty, as Microsoft does.
    const half = Math.floor(blobs.length / 2);
    const page = (pageNumber: number, part: ContentBlob[]): ContentPage => ({
      contentType,
      startTime: options.startTime.toISOString(),
      endTime: options.endTime.toISOString(),
      pageNumber,
      blobs: part,
    });
    yield page(1, blobs.slice(0, half));
    yield page(2, blobs.slice(half));
  }

  async *fetchContent(
    blob: Pick<ContentBlob, 'contentId'>,
  ): AsyncGenerator<Array<{ index: number; record: AuditRecord }>> {
    this.fetched.push(blob.contentId);
    this.onFetch?.();
    if (this.gone.has(blob.contentId))
      throw new BlobUnavailableError(`blob ${blob.contentId}: 404`, 'not-found');
    const entry = this.blobs.find((candidate) => candidate.blob.contentId === blob.contentId);
    if (!entry) throw new Error(`no blob ${blob.contentId}`);
    for (const [index, record] of entry.records.entries()) {
      if (this.failure?.contentId === blob.contentId && index === this.failure.afterRecords)
        throw this.failure.error;
      yield [{ index, record }];
    }
  }
}

/** What the backend received, and a script of how it answers each export. */
class FakeBackend {
  readonly received: string[] = [];
  /** The observed time of each record received, in the same order. */
  readonly observed: number[] = [];
  exports = 0;
  /** Answers by export number (0-based); absent = acknowledged. `crash` acknowledges, then the process "dies". */
  answers = new Map<number, 'refuse' | 'partial' | 'crash'>();

  exportEvents = async (
    events: readonly AuditEvent[],
    observedMs: readonly number[] = [],
  ): Promise<ExportOutcome> => {
    const answer = this.answers.get(this.exports++);
    if (answer === 'refuse')
      return { ok: false, delivered: false, errors: ['503 Service Unavailable'], rejected: 0 };
    this.received.push(...events.map((event) => String(event.attributes.id)));
    this.observed.push(...observedMs);
    if (answer === 'crash') throw new Crash();
    if (answer === 'partial') return { ok: false, delivered: true, errors: ['1 rejected'], rejected: 1 };
    return { ok: true, delivered: true, errors: [], rejected: 0 };
  };
}

class Crash extends Error {}

function metrics() {
  const seen = {
    delivered: 0,
    duplicates: 0,
    rejected: 0,
    commitFailures: 0,
    lags: [] as number[],
    skipped: [] as string[],
    lost: [] as number[],
  };
  const observer: AuditStreamMetrics = {
    delivered: (_type, events) => {
      seen.delivered += events.length;
    },
    duplicates: (_type, count) => {
      seen.duplicates += count;
    },
    retentionLost: (_type, seconds) => {
      seen.lost.push(seconds);
    },
    blobSkipped: (_type, reason) => {
      seen.skipped.push(reason);
    },
    listingLag: (_type, seconds) => {
      seen.lags.push(seconds);
    },
    rejected: (count) => {
      seen.rejected += count;
    },
    commitFailed: () => {
      seen.commitFailures++;
    },
  };
  return { seen, observer };
}

interface Setup {
  activity?: FakeActivity;
  backend?: FakeBackend;
  disk?: StateStore;
  logs?: RecordIdLogs;
  now?: { ms: number };
  subscriptions?: { ensure: () => Promise<void> };
  stop?: AbortSignal;
}

function stream(setup: Setup = {}) {
  const activity = setup.activity ?? new FakeActivity();
  const backend = setup.backend ?? new FakeBackend();
  const disk = setup.disk ?? new MemoryStateStore();
  const logs = setup.logs ?? memoryRecordIdLogs();
  const clock = setup.now ?? { ms: NOW };
  const { seen, observer } = metrics();
  const options: AuditStreamOptions = {
    tenantId: TENANT,
    contentType: TYPE,
    client: activity,
    subscriptions: setup.subscriptions ?? { ensure: async () => undefined },
    state: retainingStore(disk).state,
    recordIds: logs(`${TENANT}/audit/${TYPE}`),
    map: (record, blob) => ({
      eventName: 'm365.audit.record',
      timestampMs: undefined,
      severity: 'INFO',
      attributes: { id: String(record.Id), blob: blob.contentId },
      body: record,
      recordsMetric: { 'm365.audit.content_type': TYPE, 'm365.audit.result': 'success' },
    }),
    exportEvents: backend.exportEvents,
    metrics: observer,
    logger,
    config: {
      startFromMs: 24 * HOUR,
      overlapMs: 15 * 60_000,
      dedupCacheSize: 10_000,
      pollIntervalMs: 180_000,
    },
    serverNow: () => clock.ms,
    now: () => clock.ms,
    ...(setup.stop && { stop: setup.stop }),
  };
  return { instance: new AuditStream(options), options, activity, backend, disk, logs, clock, seen };
}

const ids = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
const signal = () => new AbortController().signal;

describe('AuditStream', () => {
  it('delivers every record of the first-run lookback once, in slices, and commits the high-water at now', async () => {
    const { instance, activity, backend, disk } = stream();
    activity.addBlob('old', NOW - 25 * HOUR, ids('old', 3));
    activity.addBlob('b1', NOW - 23 * HOUR, ids('b1', 300));
    activity.addBlob('b2', NOW - 2 * HOUR, ids('b2', 700));
    const result = await instance.poll(signal());
    expect(result).toMatchObject({ status: 'ok', ok: true, records: 1000, blobs: 2, duplicates: 0 });
    expect(backend.received).toEqual([...ids('b1', 300), ...ids('b2', 700)]);
    expect(activity.listed).toHaveLength(24);
    expect(activity.listed[0]).toEqual([
      new Date(NOW - 24 * HOUR).toISOString(),
      new Date(NOW - 23 * HOUR).toISOString(),
    ]);
    expect(activity.listed.at(-1)?.[1]).toBe(new Date(NOW).toISOString());
    const saved = (await storedValue(disk, `${TENANT}/audit/${TYPE}`)) as Record<string, unknown>;
    expect(saved).toEqual({
      start: new Date(NOW - 24 * HOUR).toISOString(),
      highWater: new Date(NOW).toISOString(),
      processed: {},
      ...{},
    });
  });

  it('observes each record when its blob was fetched, not when its batch was exported', async () => {
    const setup = stream();
    // Both in one listing slice, so both go out in one batch at its end.
    setup.activity.addBlob('b1', NOW - 2 * HOUR + 60_000, ids('b1', 2));
    setup.activity.addBlob('b2', NOW - 2 * HOUR + 30 * 60_000, ids('b2', 3));
    const fetchedAt: number[] = [];
    // Each fetch takes a second, so the batch is exported after both fetches ended.
    setup.activity.onFetch = () => {
      fetchedAt.push(setup.clock.ms);
      setup.clock.ms += 1_000;
    };
    await setup.instance.poll(signal());
    const [b1, b2] = fetchedAt as [number, number];
    expect(setup.backend.exports).toBe(1);
    expect(setup.backend.observed).toEqual([b1, b1, b2, b2, b2]);
  });

  it('lists again from overlap before the high-water, skips blobs delivered and drops re-published records', async () => {
    const setup = stream();
    setup.activity.addBlob('b1', NOW - 5 * 60_000, ids('b1', 10));
    await setup.instance.poll(signal());
    setup.clock.ms = NOW + 3 * 60_000;
    setup.activity.addBlob('b2', NOW + 60_000, ['b1-3', 'new-1', 'b1-9', 'new-2']);
    const result = await setup.instance.poll(signal());
    expect(setup.activity.listed.at(-1)).toEqual([
      new Date(NOW - 15 * 60_000).toISOString(),
      new Date(NOW + 3 * 60_000).toISOString(),
    ]);
    expect(setup.activity.fetched).toEqual(['b1', 'b2']);
    expect(result).toMatchObject({ records: 2, duplicates: 2, blobs: 1 });
    expect(setup.backend.received).toEqual([...ids('b1', 10), 'new-1', 'new-2']);
    expect(setup.seen.duplicates).toBe(2);
  });

  it('remembers delivered blobs and record Ids across a restart (a new process on the same state)', async () => {
    const first = stream();
    first.activity.addBlob('b1', NOW - 5 * 60_000, ids('b1', 10));
    await first.instance.poll(signal());
    const clock = { ms: NOW + 60_000 };
    const restarted = stream({
      activity: first.activity,
      backend: first.backend,
      disk: first.disk,
      logs: first.logs,
      now: clock,
    });
    first.activity.addBlob('b2', NOW + 30_000, ['b1-0', 'b2-0']);
    const result = await restarted.instance.poll(signal());
    expect(result).toMatchObject({ records: 1, duplicates: 1 });
    expect(first.activity.fetched).toEqual(['b1', 'b2']);
    expect(first.backend.received).toEqual([...ids('b1', 10), 'b2-0']);
  });

  it('commits nothing for a batch the backend refused, and sends it again at the next poll', async () => {
    const setup = stream();
    setup.activity.addBlob('b1', NOW - HOUR, ids('b1', 600));
    setup.backend.answers.set(1, 'refuse');
    const failed = await setup.instance.poll(signal());
    expect(failed).toMatchObject({ status: 'failed', ok: false, records: AUDIT_BATCH_SIZE });
    expect(failed.failure).toMatchObject({ kind: 'transient', stage: 'export' });
    expect(String(failed.failure?.error)).toContain('503 Service Unavailable');
    expect(failed.nextPollMs).toBe(180_000);
    const saved = (await storedValue(setup.disk, `${TENANT}/audit/${TYPE}`)) as Record<string, unknown>;
    expect(saved.inFlight).toEqual({ contentId: 'b1', acknowledged: AUDIT_BATCH_SIZE });
    // The slices before the blob's were delivered: the high-water stands at the start of the blob's slice.
    expect(saved.highWater).toBe(new Date(NOW - HOUR).toISOString());
    const retried = await setup.instance.poll(signal());
    expect(retried).toMatchObject({ status: 'ok', records: 600 - AUDIT_BATCH_SIZE });
    expect(setup.backend.received).toEqual(ids('b1', 600));
  });

  it('takes a partial success as delivered: the rejected records are counted and never sent again', async () => {
    const setup = stream();
    setup.activity.addBlob('b1', NOW - HOUR, ids('b1', 5));
    setup.backend.answers.set(0, 'partial');
    // Committed, but the poll fails (run --once exits 1), as a partial success does for every source.
    expect(await setup.instance.poll(signal())).toMatchObject({
      status: 'ok',
      ok: false,
      records: 5,
      rejected: 1,
    });
    expect(setup.seen.rejected).toBe(1);
    await setup.instance.poll(signal());
    expect(setup.backend.received).toEqual(ids('b1', 5));
  });

  it('after a crash between the acknowledgement and the commit, re-sends only the batch that was in flight', async () => {
    const first = stream();
    first.activity.addBlob('b1', NOW - 2 * HOUR, ids('b1', 1200));
    first.activity.addBlob('b2', NOW - HOUR, ids('b2', 100));
    first.backend.answers.set(1, 'crash');
    await first.instance.poll(signal());
    const restarted = stream({
      activity: first.activity,
      backend: first.backend,
      disk: first.disk,
      logs: first.logs,
    });
    expect(await restarted.instance.poll(signal())).toMatchObject({ status: 'ok', ok: true });
    const counts = new Map<string, number>();
    for (const id of first.backend.received) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...ids('b1', 1200), ...ids('b2', 100)].sort());
    const twice = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
    expect(twice).toEqual(ids('b1', 1024).slice(AUDIT_BATCH_SIZE));
  });

  it('sends nothing again after a crash between the record-Id log and the checkpoint', async () => {
    const disk = new MemoryStateStore();
    const refusing: StateStore = {
      read: (key) => disk.read(key),
      quarantine: (key, reason) => disk.quarantine(key, reason),
      write: async () => {
        throw new Error('EIO: i/o error');
      },
    };
    const first = stream({ disk: refusing });
    first.activity.addBlob('b1', NOW - HOUR, ids('b1', 20));
    const result = await first.instance.poll(signal());
    // One checkpoint per listed slice (24 in the first day), every one refused.
    expect(result).toMatchObject({ status: 'ok', ok: false, records: 20, commitFailures: 24 });
    expect(first.seen.commitFailures).toBe(24);
    const restarted = stream({ activity: first.activity, backend: first.backend, disk, logs: first.logs });
    expect(await restarted.instance.poll(signal())).toMatchObject({ records: 0, duplicates: 20 });
    expect(first.backend.received).toEqual(ids('b1', 20));
  });

  it('keeps going when the checkpoint cannot be saved, and saves it with the next commit', async () => {
    const disk = new MemoryStateStore();
    let writable = false;
    const flaky: StateStore = {
      read: (key) => disk.read(key),
      quarantine: (key, reason) => disk.quarantine(key, reason),
      write: async (key, value) => {
        if (!writable) throw new Error('ENOSPC: no space left on device');
        await disk.write(key, value);
      },
    };
    const setup = stream({ disk: flaky });
    setup.activity.addBlob('b1', NOW - HOUR, ids('b1', 600));
    // 24 slices, and one more commit for the first batch of 512 inside the last.
    expect(await setup.instance.poll(signal())).toMatchObject({
      records: 600,
      commitFailures: 25,
      ok: false,
    });
    writable = true;
    setup.clock.ms = NOW + 60_000;
    expect(await setup.instance.poll(signal())).toMatchObject({ records: 0, ok: true });
    expect(await storedValue(disk, `${TENANT}/audit/${TYPE}`)).toMatchObject({
      highWater: new Date(NOW + 60_000).toISOString(),
    });
    expect(setup.activity.fetched).toEqual(['b1']);
  });

  it('ends its poll after the acknowledged batch when shutdown begins, with the in-flight blob committed', async () => {
    const stop = new AbortController();
    const backend = new FakeBackend();
    const exportEvents = backend.exportEvents;
    backend.exportEvents = async (events) => {
      const outcome = await exportEvents(events);
      stop.abort();
      return outcome;
    };
    const setup = stream({ backend, stop: stop.signal });
    setup.activity.addBlob('b1', NOW - HOUR, ids('b1', 1000));
    expect(await setup.instance.poll(signal())).toMatchObject({
      status: 'stopped',
      ok: false,
      records: AUDIT_BATCH_SIZE,
    });
    expect(await storedValue(setup.disk, `${TENANT}/audit/${TYPE}`)).toMatchObject({
      inFlight: { contentId: 'b1', acknowledged: AUDIT_BATCH_SIZE },
    });
    const restarted = stream({ activity: setup.activity, backend, disk: setup.disk, logs: setup.logs });
    await restarted.instance.poll(signal());
    expect(backend.received).toEqual(ids('b1', 1000));
  });

  it('keeps the cursor on a fetch that broke off, and resumes after the acknowledged records', async () => {
    const setup = stream();
    setup.activity.addBlob('b1', NOW - HOUR, ids('b1', 700));
    setup.activity.failure = {
      contentId: 'b1',
      afterRecords: 600,
      error: new ManagementApiError('blob broke off', { transient: true }),
    };
    const failed = await setup.instance.poll(signal());
    expect(failed.failure).toMatchObject({ kind: 'transient', stage: 'fetch' });
    setup.activity.failure = undefined;
    await setup.instance.poll(signal());
    expect(setup.backend.received).toEqual(ids('b1', 700));
  });

  it('counts and skips a blob Microsoft no longer serves or sends malformed, and goes on with the next', async () => {
    const setup = stream();
    setup.activity.addBlob('b1', NOW - HOUR, ids('b1', 2));
    setup.activity.addBlob('b2', NOW - HOUR + 1000, ids('b2', 2));
    setup.activity.addBlob('b3', NOW - HOUR + 2000, ids('b3', 2));
    setup.activity.gone.add('b1');
    setup.activity.failure = {
      contentId: 'b3',
      afterRecords: 1,
      error: new ManagementApiError('b3: expected a JSON array, got an object', { status: 200 }),
    };
    expect(await setup.instance.poll(signal())).toMatchObject({ status: 'ok', records: 3, blobs: 3 });
    expect(setup.seen.skipped).toEqual(['not_found', 'malformed']);
    await setup.instance.poll(signal());
    expect(setup.activity.fetched).toEqual(['b1', 'b2', 'b3']);
  });

  it('stops on a configuration error with a slow retry, and never moves the cursor', async () => {
    const setup = stream({
      subscriptions: {
        ensure: async () => {
          throw new ManagementApiError(
            'DLP.All subscription start: 403 Forbidden (needs ActivityFeed.ReadDlp)',
            {
              status: 403,
            },
          );
        },
      },
    });
    const result = await setup.instance.poll(signal());
    expect(result).toMatchObject({ status: 'failed', nextPollMs: CONFIGURATION_RETRY_MS });
    expect(result.failure).toMatchObject({ kind: 'configuration', stage: 'subscription' });
    expect(setup.activity.listed).toEqual([]);
  });

  it('never sets the high-water beyond the server’s now, and reports the listing lag', async () => {
    const setup = stream();
    setup.clock.ms = NOW + 1234;
    await setup.instance.poll(signal());
    expect(await storedValue(setup.disk, `${TENANT}/audit/${TYPE}`)).toMatchObject({
      highWater: new Date(NOW + 1000).toISOString(),
    });
    // No blob delivered yet: no lag to tell.
    expect(setup.seen.lags).toEqual([]);
    setup.activity.addBlob('b1', NOW - 60_000, ids('b1', 1));
    setup.clock.ms = NOW + 120_000;
    await setup.instance.poll(signal());
    expect(setup.seen.lags).toEqual([180]);
    expect(LISTING_SLICE_MS).toBe(HOUR);
  });

  it('after an outage longer than the retention, reports the lost interval once and goes on from the oldest listable', async () => {
    const setup = stream();
    await setup.instance.poll(signal());
    setup.clock.ms = NOW + 10 * 24 * HOUR;
    setup.activity.addBlob('new', NOW + 10 * 24 * HOUR - HOUR, ids('new', 3));
    setup.activity.listed.length = 0;
    expect(await setup.instance.poll(signal())).toMatchObject({ status: 'ok', records: 3 });
    const oldest = NOW + 3 * 24 * HOUR + 5 * 60_000 + 60_000;
    expect(setup.seen.lost).toEqual([(oldest - (NOW - 15 * 60_000)) / 1000]);
    expect(setup.activity.listed[0]?.[0]).toBe(new Date(oldest).toISOString());
    expect(setup.activity.listed).toHaveLength(168);
  });

  it('cuts a first-run lookback of 7 days to the retention without calling it a loss', async () => {
    const setup = stream();
    const instance = new AuditStream({
      ...setup.options,
      config: { ...setup.options.config, startFromMs: 7 * 24 * HOUR },
    });
    await instance.poll(signal());
    expect(setup.seen.lost).toEqual([]);
    expect(setup.activity.listed[0]?.[0]).toBe(new Date(NOW - 7 * 24 * HOUR + 6 * 60_000).toISOString());
  });

  it('rebuilds a quarantined checkpoint from where it was last written: nothing of the retention window again', async () => {
    const memory = new MemoryStateStore();
    // The file store tells when the quarantined file was last written (a commit's time); so does this one.
    const disk: StateStore = {
      read: (key) => memory.read(key),
      write: (key, value) => memory.write(key, value),
      quarantine: async (key, reason) => ({ ...(await memory.quarantine(key, reason)), lastWrittenMs: NOW }),
    };
    const first = stream({ disk });
    first.activity.addBlob('b1', NOW - 3 * HOUR, ids('b1', 5));
    first.activity.addBlob('b2', NOW - 10 * 60_000, ids('b2', 4));
    await first.instance.poll(signal());
    await memory.write(`${TENANT}/audit/${TYPE}`, { start: 'garbage' });
    first.clock.ms = NOW + HOUR;
    first.activity.addBlob('b3', NOW + 30 * 60_000, ids('b3', 3));

    const { state, errors } = retainingStore(disk);
    const restarted = stream({
      activity: first.activity,
      backend: first.backend,
      disk,
      logs: first.logs,
      now: first.clock,
    });
    const options = { ...restarted.options, state };
    const result = await new AuditStream(options).poll(signal());
    // Listed from the last commit less the overlap: b2 again (its records left out by the record-Id log), b3 new.
    expect(result).toMatchObject({ status: 'ok', records: 3, duplicates: 4 });
    expect(first.backend.received).toEqual([...ids('b1', 5), ...ids('b2', 4), ...ids('b3', 3)]);
    expect(errors).toEqual(['quarantine']);
    expect(await storedValue(memory, `${TENANT}/audit/${TYPE}`)).toMatchObject({
      start: new Date(NOW - 15 * 60_000).toISOString(),
      highWater: new Date(NOW + HOUR).toISOString(),
    });
  });
});
