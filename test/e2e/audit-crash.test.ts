import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_TYPES, type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ATTR_RECORD_ID, AUDIT_EVENT, auditDelivery, auditEnv, writeAuditConfig } from './support/audit.js';
import { type CliRun, runCollector, startCollectorProcess } from './support/collector-cli.js';
import { type OtelCollector, startCollector } from './support/otelcol.js';
import { type OtlpRelay, startOtlpRelay } from './support/otlp-relay.js';

const MINUTE_MS = 60_000;
/**
 * Every content type publishes a blob of this many records every quarter of an hour: more than the collector's
 * export batch, so a batch in flight holds records of two blobs at most.
 */
const BACKLOG = { recordsPerBlob: 600, slotMinutes: 15 };
const SLOT_MS = BACKLOG.slotMinutes * MINUTE_MS;
/** Five hours of backlog: some 60,000 records in 100 blobs, listed in five one-hour slices. */
const LOOKBACK_MINUTES = 300;
/** Records per OTLP export and per checkpoint commit, as docs/audit.md states. */
const EXPORT_BATCH = 512;
/** Blobs one export batch can hold records of. */
const BLOBS_PER_BATCH = 1 + Math.ceil((EXPORT_BATCH - 1) / BACKLOG.recordsPerBlob);
const KILLS = 24;
/** The graceful stop comes once this many export batches were acknowledged: well inside the backlog. */
const GRACEFUL_STOP_AFTER_BATCHES = 20;
/** The seed of the kill points: the same points on every run of the test. */
const SEED = 0x8a11;

/**
 * Where a kill lands, by the moment that triggers it: an answer to a content listing or to a blob fetch (the
 * collector's debug log), a batch of records reaching the OTLP receiver before its answer, or the receiver's
 * answer handed back (the collector is committing its checkpoint). Each kill waits for the n-th such moment, n
 * drawn up to `nth`, then a drawn delay up to `delayMs`.
 */
const PHASES = {
  listing: { nth: 3, delayMs: 20 },
  fetching: { nth: 8, delayMs: 50 },
  exporting: { nth: 4, delayMs: 10 },
  committing: { nth: 4, delayMs: 10 },
} as const;
type Phase = keyof typeof PHASES;

let simulator: RunningSimulator;
let otelcol: OtelCollector;
let relay: OtlpRelay;
let workDir: string;
/** The simulator's clock, frozen: nothing is published while the test runs, so the truth is fixed. */
let nowMs: number;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-audit-crash-'));
  nowMs = Date.now();
  [simulator, otelcol] = await Promise.all([
    startSimulator({
      seed: 32,
      users: 40,
      dataDir: join(workDir, 'simulator'),
      auditBacklog: BACKLOG,
      // Two pages for each hour's four blobs: kills land between pages too.
      contentPageSize: 3,
      now: () => new Date(nowMs),
    }),
    startCollector({}),
  ]);
  relay = await startOtlpRelay(otelcol.otlpHttpUrl);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), relay?.close(), otelcol?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The first run's lookback in whole minutes, about LOOKBACK_MINUTES: the runs compute its start from their own
 * clock, up to a few minutes apart if early ones die before their first commit, so the start is put where no blob
 * is published for the next few minutes and every run agrees on which blobs it covers.
 */
function lookbackMinutes(startMs: number): number {
  for (let extra = 0; extra < BACKLOG.slotMinutes; extra += 1) {
    const offset = (startMs - (LOOKBACK_MINUTES + extra) * MINUTE_MS) % SLOT_MS;
    if (offset > 10_000 && offset < SLOT_MS - 5 * MINUTE_MS) return LOOKBACK_MINUTES + extra;
  }
  throw new Error('no lookback keeps the first blob away from the start');
}

/** Kills one run of `args` at the drawn moment of `phase`; fails when the run ends first. */
async function killDuring(
  phase: Phase,
  random: () => number,
  args: string[],
  env: Record<string, string>,
): Promise<void> {
  const nth = 1 + Math.floor(random() * PHASES[phase].nth);
  const delayMs = random() * PHASES[phase].delayMs;
  let seen = 0;
  let kill = (): void => {};
  const moment = (): void => {
    seen += 1;
    if (seen === nth) setTimeout(() => kill(), delayMs);
  };
  const answered = (line: Record<string, unknown>, what: RegExp): boolean =>
    line.msg === 'HTTP answer' && what.test(String(line.request));
  const collector = startCollectorProcess(args, env, (line) => {
    if (phase === 'listing' && answered(line, / content \d/)) moment();
    if (phase === 'fetching' && answered(line, / blob /)) moment();
  });
  kill = () => {
    collector.kill('SIGKILL');
  };
  relay.onLogExport((step) => {
    if ((phase === 'exporting' && step === 'received') || (phase === 'committing' && step === 'acknowledged'))
      moment();
  });
  const run = await collector.exited;
  relay.onLogExport(undefined);
  if (run.signal !== 'SIGKILL') {
    throw new Error(
      `a run ended before its kill, having seen ${seen} of the ${nth} moments of ${phase} it waited for (a backlog ` +
        `too small, or the collector's debug log no longer names its HTTP answers): ${explain(run)}`,
    );
  }
}

/**
 * Per stream, the Ids that arrived twice as runs of consecutive records in the order the stream delivers them
 * (listing order, then blob order; copies a stream drops are skipped): a batch re-sent after a kill is one run.
 */
function duplicateRuns(duplicated: ReadonlySet<string>, windowStartMs: number): Map<string, number[]> {
  const runs = new Map<string, number[]>();
  for (const contentType of CONTENT_TYPES) {
    const lengths: number[] = [];
    let current = 0;
    for (const record of simulator.truth.auditRecordIds(
      contentType,
      new Date(windowStartMs),
      new Date(nowMs + 1),
    )) {
      if (record.duplicate) continue;
      if (duplicated.has(record.id)) current += 1;
      else if (current > 0) {
        lengths.push(current);
        current = 0;
      }
    }
    if (current > 0) lengths.push(current);
    runs.set(contentType, lengths);
  }
  return runs;
}

/** A fresh stream of the whole backlog: its config, and every Id it must deliver. */
async function backlogRun(
  name: string,
): Promise<{ config: string; required: Set<string>; windowStartMs: number }> {
  const lookback = lookbackMinutes(Date.now());
  const windowStartMs = Date.now() - lookback * MINUTE_MS;
  const required = new Set<string>();
  for (const contentType of CONTENT_TYPES) {
    for (const record of simulator.truth.auditRecordIds(
      contentType,
      new Date(windowStartMs),
      new Date(nowMs + 1),
    ))
      if (!record.duplicate) required.add(record.id);
  }
  const config = await writeAuditConfig(join(workDir, `${name}.yaml`), simulator, {
    stateDir: join(workDir, `state-${name}`),
    startFrom: `${lookback}m`,
    otlpBaseUrl: relay.url,
  });
  return { config, required, windowStartMs };
}

it('loses no record and repeats only batches in flight when the collector is killed at random points', async () => {
  const { config, required, windowStartMs } = await backlogRun('crash');
  const args = ['run', '--once', '--config', config];
  const env = { ...auditEnv(simulator), M365_OTEL_LOG_LEVEL: 'debug' };

  const random = seededRandom(SEED);
  const phases = Object.keys(PHASES) as Phase[];
  const kills: Record<Phase, number> = { listing: 0, fetching: 0, exporting: 0, committing: 0 };
  for (let kill = 0; kill < KILLS; kill += 1) {
    const phase = phases[kill % phases.length] as Phase;
    await killDuring(phase, random, args, env);
    kills[phase] += 1;
  }
  const final = await runCollector(args, env);
  expect(final.code, explain(final)).toBe(0);

  const records = (await otelcol.waitForLogRecords(required.size)).filter((r) => r.eventName === AUDIT_EVENT);
  const delivery = auditDelivery(records, required);
  const arrivals = new Map<string, number>();
  for (const record of records) {
    const id = record.attributes[ATTR_RECORD_ID] as string;
    arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
  }
  const duplicated = new Set([...arrivals].filter(([, count]) => count > 1).map(([id]) => id));
  const runs = duplicateRuns(duplicated, windowStartMs);
  const streams = CONTENT_TYPES.length;
  const figures = {
    records: required.size,
    kills: KILLS,
    killsBy: kills,
    streams,
    delivered: delivery.delivered,
    gaps: delivery.gaps.length,
    duplicates: delivery.duplicates,
    recordsRepeated: duplicated.size,
    blobsWithDuplicates: delivery.blobsWithDuplicates.size,
    duplicateRunsByStream: Object.fromEntries(runs),
  };
  console.log(`audit crash test: ${JSON.stringify(figures)}`);
  expect(delivery.gaps).toEqual([]);
  expect(delivery.unexpected).toEqual([]);
  expect(delivery.duplicates).toBeLessThanOrEqual(KILLS * streams * EXPORT_BATCH);
  expect(delivery.blobsWithDuplicates.size).toBeLessThanOrEqual(KILLS * streams * BLOBS_PER_BATCH);
  for (const [contentType, lengths] of runs) {
    expect(lengths.length, `${contentType}: runs of repeated records`).toBeLessThanOrEqual(KILLS);
    expect(
      lengths.reduce((sum, n) => sum + n, 0),
      contentType,
    ).toBeLessThanOrEqual(KILLS * EXPORT_BATCH);
  }
});

it('stops gracefully on SIGTERM in the middle of the backlog and resumes with no gap and no repeat', async () => {
  const { config, required } = await backlogRun('graceful');
  const env = auditEnv(simulator);
  const service = startCollectorProcess(['run', '--config', config], env);
  let acknowledged = 0;
  relay.onLogExport((step) => {
    if (step === 'acknowledged' && ++acknowledged === GRACEFUL_STOP_AFTER_BATCHES) service.kill('SIGTERM');
  });
  const stopped = await service.exited;
  relay.onLogExport(undefined);
  expect(stopped.code, explain(stopped)).toBe(0);
  const stoppedStreams = stopped.logs.filter((line) => line.msg === 'audit stream stopped for shutdown');
  expect(stoppedStreams.length, 'streams that stopped in the middle of the backlog').toBeGreaterThan(0);
  const final = await runCollector(['run', '--once', '--config', config], env);
  expect(final.code, explain(final)).toBe(0);

  const records = (await otelcol.waitForLogRecords(required.size)).filter((r) => r.eventName === AUDIT_EVENT);
  const delivery = auditDelivery(records, required);
  expect(delivery.gaps).toEqual([]);
  expect(delivery.unexpected).toEqual([]);
  expect(delivery.duplicates).toBe(0);
});

function explain(run: CliRun): string {
  return `exit ${run.code ?? run.signal}; collector log:\n${run.stderr.slice(-4_000)}`;
}
