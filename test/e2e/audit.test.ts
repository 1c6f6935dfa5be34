import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReceivedLogRecord } from '@m365-otel/otlp-sink';
import { CONTENT_TYPES, type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTR_CONTENT_ID,
  ATTR_CONTENT_TYPE,
  ATTR_RECORD_ID,
  AUDIT_EVENT,
  auditDelivery,
  auditEnv,
  sourceRecords,
  stopSubscription,
  writeAuditConfig,
} from './support/audit.js';
import { type CliRun, runCollector } from './support/collector-cli.js';
import { type OtelCollector, startCollector } from './support/otelcol.js';

const MINUTE_MS = 60_000;
/** The first run's lookback: long enough to hold records published twice (their copies come up to 96 blobs later). */
const LOOKBACK = '4h';
const LOOKBACK_MS = 240 * MINUTE_MS;
/** Every content type publishes one blob at the start of every other minute: 120 blobs each in the lookback. */
const BACKLOG = { recordsPerBlob: 8, slotMinutes: 2 };
const BLOBS_PER_TYPE = LOOKBACK_MS / (BACKLOG.slotMinutes * MINUTE_MS);
/**
 * Slack around the moments a run started and ended: the collector reads Microsoft's time from the `Date` header,
 * which has whole seconds. What was published within it of a run's start or end may arrive or not.
 */
const SLACK_MS = 2_000;
/** How far the second run finds the simulator's clock moved on: two more blobs of every content type. */
const CLOCK_STEP_MS = 2 * BACKLOG.slotMinutes * MINUTE_MS;

let simulator: RunningSimulator;
let otelcol: OtelCollector;
let workDir: string;
/** How far the simulator's clock runs ahead of this host's: every time below is the simulator's. */
let skewMs = 0;
const simulatorNow = () => Date.now() + skewMs;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-audit-'));
  [simulator, otelcol] = await Promise.all([
    startSimulator({
      seed: 31,
      users: 40,
      dataDir: join(workDir, 'simulator'),
      auditBacklog: BACKLOG,
      // Each hour the collector lists holds 30 blobs per content type: five pages of listing, NextPageUri between.
      contentPageSize: 7,
    }),
    startCollector({}),
  ]);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), otelcol?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

/** The audit log of [fromMs, toMs) by the simulator's truth: each Id once, with its blob and content type. */
interface TruthSlice {
  ids: Set<string>;
  /** Id -> its content type and the blobs of the slice that hold it (more than one when re-published). */
  holders: Map<string, { contentType: string; contentIds: Set<string> }>;
  /** Records the slice holds again in a later blob: what de-duplication must drop. */
  republished: number;
}

function truthSlice(
  fromMs: number,
  toMs: number,
  contentTypes: readonly string[] = CONTENT_TYPES,
): TruthSlice {
  const slice: TruthSlice = { ids: new Set(), holders: new Map(), republished: 0 };
  if (toMs <= fromMs) return slice;
  for (const contentType of contentTypes) {
    for (const record of simulator.truth.auditRecordIds(contentType, new Date(fromMs), new Date(toMs))) {
      const holder = slice.holders.get(record.id) ?? { contentType, contentIds: new Set<string>() };
      holder.contentIds.add(record.contentId);
      slice.holders.set(record.id, holder);
      if (record.duplicate) slice.republished += 1;
      else slice.ids.add(record.id);
    }
  }
  return slice;
}

interface TimedRun {
  run: CliRun;
  startedMs: number;
  endedMs: number;
  records: ReceivedLogRecord[];
}

async function runOnce(config: string, expected: number): Promise<TimedRun> {
  const startedMs = simulatorNow();
  const run = await runCollector(['run', '--once', '--config', config], auditEnv(simulator));
  const endedMs = simulatorNow();
  const records = (await otelcol.waitForLogRecords(expected)).filter((r) => r.eventName === AUDIT_EVENT);
  return { run, startedMs, endedMs, records };
}

function failureDetails(run: CliRun): string {
  return `exit ${run.code}; collector log:\n${run.stderr.slice(-4_000)}\nCollector:\n${otelcol.stderr().slice(-2_000)}`;
}

function nanos(ms: number): bigint {
  return BigInt(ms) * 1_000_000n;
}

describe('the audit log through the real OpenTelemetry Collector', () => {
  let stateDir: string;
  let config: string;
  let first: TimedRun;

  beforeAll(async () => {
    stateDir = join(workDir, 'state');
    config = await writeAuditConfig(join(workDir, 'audit.yaml'), simulator, {
      stateDir,
      startFrom: LOOKBACK,
      otlpBaseUrl: otelcol.otlpHttpUrl,
    });
  });

  it('delivers every record Id of the lookback exactly once, re-published copies dropped', async () => {
    const startedMs = simulatorNow();
    const expected = truthSlice(startedMs - LOOKBACK_MS + SLACK_MS, startedMs - SLACK_MS);
    first = await runOnce(config, expected.ids.size);
    expect(first.run.code, failureDetails(first.run)).toBe(0);
    // The lookback starts between the run's start and end; content published during the run may come or not.
    const required = truthSlice(first.endedMs - LOOKBACK_MS + SLACK_MS, first.startedMs - SLACK_MS);
    const allowed = truthSlice(first.startedMs - LOOKBACK_MS - SLACK_MS, first.endedMs + SLACK_MS);
    const delivery = auditDelivery(first.records, required.ids, allowed.ids);
    expect(delivery.gaps).toEqual([]);
    expect(delivery.unexpected).toEqual([]);
    expect(delivery.duplicates).toBe(0);
    expect(required.republished, 'records the backlog publishes twice').toBeGreaterThan(0);
    expect(required.ids.size).toBeGreaterThanOrEqual(
      CONTENT_TYPES.length * (BLOBS_PER_TYPE - 1) * BACKLOG.recordsPerBlob,
    );
  });

  it("gives each record the catalog's attributes: its Id, content type, blob, and CreationTime as UTC", async () => {
    const { holders } = truthSlice(first.startedMs - LOOKBACK_MS - SLACK_MS, first.endedMs + SLACK_MS);
    const blobs = new Set([...holders.values()].flatMap((holder) => [...holder.contentIds]));
    const sources = await sourceRecords(simulator, blobs);
    for (const record of first.records) {
      const id = record.attributes[ATTR_RECORD_ID] as string;
      const source = sources.get(id);
      const holder = holders.get(id);
      if (source === undefined || holder === undefined)
        throw new Error(`record ${id} is in no blob of the lookback`);
      expect(record.attributes).toMatchObject({
        [ATTR_RECORD_ID]: source.Id,
        [ATTR_CONTENT_TYPE]: holder.contentType,
      });
      expect(holder.contentIds).toContain(record.attributes[ATTR_CONTENT_ID]);
      // CreationTime has no zone designator: it is UTC.
      expect(record.timeUnixNano).toBe(String(nanos(Date.parse(`${source.CreationTime}Z`))));
      const observed = BigInt(record.observedTimeUnixNano);
      expect(observed >= nanos(first.startedMs) && observed <= nanos(first.endedMs)).toBe(true);
      expect(record.body).toEqual(source);
    }
  });

  it('delivers only what is new on a second run with the same state, on Microsoft’s clock', async () => {
    // Microsoft's clock now runs ahead of this host's, and has published two more blobs of every content type.
    skewMs += CLOCK_STEP_MS;
    simulator.setClockSkew(skewMs);
    const second = await runOnce(config, CONTENT_TYPES.length * BACKLOG.recordsPerBlob);
    expect(second.run.code, failureDetails(second.run)).toBe(0);
    const skewWarnings = second.run.logs.filter((line) => line.level === 'warn' && 'skewMs' in line);
    expect(skewWarnings.map((line) => Math.round(Number(line.skewMs) / 1000))).toContain(
      CLOCK_STEP_MS / 1000,
    );
    // A new blob may carry again a record the first run delivered: that one must not come again.
    const firstIds = new Set(first.records.map((r) => r.attributes[ATTR_RECORD_ID] as string));
    const required = new Set(
      [...truthSlice(first.endedMs + SLACK_MS, second.startedMs - SLACK_MS).ids].filter(
        (id) => !firstIds.has(id),
      ),
    );
    expect(required.size).toBeGreaterThan(0);
    // What the first run may have left at its edges, and what was published during the second.
    const allowed = new Set(
      [
        ...truthSlice(first.startedMs - SLACK_MS, first.endedMs + SLACK_MS).ids,
        ...truthSlice(second.startedMs - SLACK_MS, second.endedMs + SLACK_MS).ids,
      ].filter((id) => !firstIds.has(id)),
    );
    const delivery = auditDelivery(second.records, required, allowed);
    expect(delivery.gaps).toEqual([]);
    expect(delivery.unexpected).toEqual([]);
    expect(delivery.duplicates).toBe(0);
  });

  it('keeps delivering the other content types when one fails, and exits non-zero', async () => {
    const failing = 'DLP.All';
    const others = CONTENT_TYPES.filter((contentType) => contentType !== failing);
    const fresh = await writeAuditConfig(join(workDir, 'audit-one-failing.yaml'), simulator, {
      stateDir: join(workDir, 'state-one-failing'),
      startFrom: LOOKBACK,
      otlpBaseUrl: otelcol.otlpHttpUrl,
    });
    // Its subscription stopped, and every attempt to start it again answered 503: only this stream asks.
    await stopSubscription(simulator, failing);
    simulator.faults.inject({
      kind: '503',
      target: 'management',
      operation: 'StartSubscription',
      retryAfterSeconds: 0,
      times: 20,
    });
    const startedMs = simulatorNow();
    let failed: TimedRun;
    try {
      failed = await runOnce(fresh, truthSlice(startedMs - LOOKBACK_MS, startedMs, others).ids.size);
    } finally {
      simulator.faults.clear();
    }
    expect(failed.run.code, failureDetails(failed.run)).toBe(1);
    const required = truthSlice(failed.endedMs - LOOKBACK_MS + SLACK_MS, failed.startedMs - SLACK_MS, others);
    const allowed = truthSlice(failed.startedMs - LOOKBACK_MS - SLACK_MS, failed.endedMs + SLACK_MS, others);
    const delivery = auditDelivery(failed.records, required.ids, allowed.ids);
    expect(delivery.gaps).toEqual([]);
    expect(delivery.unexpected).toEqual([]);
    expect(delivery.duplicates).toBe(0);

    // The next run starts the subscription and catches up on that content type; the others go on from their
    // checkpoints, repeating nothing.
    const recovered = await runOnce(
      fresh,
      truthSlice(startedMs - LOOKBACK_MS, startedMs, [failing]).ids.size,
    );
    expect(recovered.run.code, failureDetails(recovered.run)).toBe(0);
    const caughtUp = recovered.records.filter((r) => r.attributes[ATTR_CONTENT_TYPE] === failing);
    const late = auditDelivery(
      caughtUp,
      truthSlice(recovered.endedMs - LOOKBACK_MS + SLACK_MS, recovered.startedMs - SLACK_MS, [failing]).ids,
      truthSlice(recovered.startedMs - LOOKBACK_MS - SLACK_MS, recovered.endedMs + SLACK_MS, [failing]).ids,
    );
    expect(late.gaps).toEqual([]);
    expect(late.unexpected).toEqual([]);
    expect(late.duplicates).toBe(0);
    const deliveredBefore = new Set(failed.records.map((r) => r.attributes[ATTR_RECORD_ID]));
    const repeated = recovered.records.filter((r) => deliveredBefore.has(r.attributes[ATTR_RECORD_ID]));
    expect(repeated).toEqual([]);
  });

  it('rides out throttling and a lost subscription, and skips a blob Microsoft no longer serves', async () => {
    const config = await writeAuditConfig(join(workDir, 'audit-faults.yaml'), simulator, {
      stateDir: join(workDir, 'state-faults'),
      startFrom: LOOKBACK,
      otlpBaseUrl: otelcol.otlpHttpUrl,
    });
    const startedMs = simulatorNow();
    const slice = truthSlice(startedMs - LOOKBACK_MS + SLACK_MS, startedMs - SLACK_MS);
    // A blob from the middle of the lookback, expired by the time it is fetched.
    const [expired] = truthSlice(startedMs - LOOKBACK_MS / 2, startedMs - LOOKBACK_MS / 2 + MINUTE_MS * 2, [
      'Audit.Exchange',
    ]).holders.values();
    const expiredId = [...(expired?.contentIds ?? [])][0];
    if (expiredId === undefined) throw new Error('no Audit.Exchange blob in the middle of the lookback');
    const inExpired = [...slice.holders].filter(([, h]) => h.contentIds.has(expiredId));
    // Lost with it: its records that no other blob holds (Microsoft publishes some again later, and those arrive).
    const lostWithIt = new Set(inExpired.filter(([, h]) => h.contentIds.size === 1).map(([id]) => id));
    expect(inExpired.length).toBeGreaterThanOrEqual(BACKLOG.recordsPerBlob);
    expect(lostWithIt.size).toBeGreaterThan(0);
    simulator.faults.inject({
      kind: 'af429',
      target: 'management',
      operation: 'ListContent',
      retryAfterSeconds: 1,
      times: 2,
    });
    simulator.faults.inject({ kind: 'subscription-lost', target: 'management', times: 1 });
    simulator.faults.inject({ kind: 'blob-expired', target: 'management', contentId: expiredId, times: 1 });
    let faulted: TimedRun;
    try {
      faulted = await runOnce(config, slice.ids.size - lostWithIt.size);
      expect(simulator.faults.pending()).toEqual([]);
    } finally {
      simulator.faults.clear();
    }
    expect(faulted.run.code, failureDetails(faulted.run)).toBe(0);
    const required = truthSlice(faulted.endedMs - LOOKBACK_MS + SLACK_MS, faulted.startedMs - SLACK_MS);
    const allowed = truthSlice(faulted.startedMs - LOOKBACK_MS - SLACK_MS, faulted.endedMs + SLACK_MS);
    const delivery = auditDelivery(
      faulted.records,
      new Set([...required.ids].filter((id) => !lostWithIt.has(id))),
      new Set([...allowed.ids].filter((id) => !lostWithIt.has(id))),
    );
    expect(delivery.gaps).toEqual([]);
    expect(delivery.unexpected).toEqual([]);
    expect(delivery.duplicates).toBe(0);
    const skipped = faulted.run.logs.filter((line) => line.msg === 'audit blob skipped');
    expect(skipped.map((line) => line.contentId)).toEqual([expiredId]);
  });
});
