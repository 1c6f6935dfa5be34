import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReceivedLogRecord } from '@m365-otel/otlp-sink';
import {
  type CallRecordTruth,
  type CallStreamTruth,
  GOVERNANCE_PERMISSIONS,
  type RunningSimulator,
  startSimulator,
} from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollectorOnce } from './support/collector-cli.js';
import { simulatorTenantYaml, writeCollectorConfig } from './support/collector-config.js';
import { type MetricBackends, startMetricBackends } from './support/metric-backends.js';
import { type MetricStore, sampleAttributes, tenantSeriesSince } from './support/promql.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** What the collector waits after a record's last change before it reads it (CALL_RECORD_SETTLE_MS). */
const SETTLE_MS = HOUR;
/** The first run lists the records started in the day before it (CALL_RECORD_FIRST_LOOKBACK_MS). */
const LOOKBACK_MS = DAY;
/**
 * The first run's look-back starts a day before the collector's own clock (it has no answer from Graph yet to tell
 * Graph's time by), read a moment after the test reads its own: no record may start this close to where that day
 * begins, or whether it is listed would depend on how fast this machine starts the CLI.
 */
const LOCAL_CLOCK_MARGIN_MS = 90_000;
/** Finality is judged on Graph's clock (the answers' Date header, whole seconds): no record changes this close to an edge. */
const GRAPH_CLOCK_MARGIN_MS = 5_000;
/** Graph's list and session pages hold 60. */
const SESSIONS_PER_PAGE = 60;
const PERMISSION = 'CallRecords.Read.All';

/** The catalog's modality of a stream, from its media label (applicationsharing-video is video-based screen sharing). */
const LABEL_MODALITY: Readonly<Record<string, string>> = {
  'main-audio': 'audio',
  'main-video': 'video',
  'applicationsharing-video': 'videoBasedScreenSharing',
};

/** The figure each histogram records, in the truth's units (seconds and a rate). */
const HISTOGRAMS = {
  'm365.call.stream.jitter': 'averageJitterSeconds',
  'm365.call.stream.packet_loss': 'averagePacketLossRate',
  'm365.call.stream.round_trip': 'averageRoundTripTimeSeconds',
} as const satisfies Record<string, keyof CallStreamTruth>;

let simulator: RunningSimulator;
let denied: RunningSimulator;
/** The simulated tenant's clock (Graph's): frozen between the test's own moves, so the truth cannot drift. */
let graphNowMs = 0;
/** Where the first test's look-back began (ISO): the records a fresh state reads start there or later. */
let lookbackFrom = '';
let backends: MetricBackends;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-calls-'));
  [simulator, denied, backends] = await Promise.all([
    // 96 users: 48 calls a day, one every 30 minutes, and a large meeting (more than a page of sessions) every 89.
    startSimulator({
      seed: 31,
      users: 96,
      dataDir: join(workDir, 'simulator'),
      now: () => new Date(graphNowMs),
    }),
    startSimulator({
      seed: 32,
      dataDir: join(workDir, 'simulator-denied'),
      grantedPermissions: GOVERNANCE_PERMISSIONS.filter((permission) => permission !== PERMISSION),
    }),
    startMetricBackends(),
  ]);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), denied?.close(), backends?.stop()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

interface Expected {
  records: Map<string, number>;
  streams: Map<string, number>;
  poor: Map<string, number>;
  histograms: Map<string, { count: number; sum: number }>;
}

/** The call-quality metrics the collector must export for these records, computed from the truth alone. */
function expectedMetrics(records: readonly CallRecordTruth[]): Expected {
  const expected: Expected = {
    records: new Map(),
    streams: new Map(),
    poor: new Map(),
    histograms: new Map(),
  };
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const record of records) {
    add(expected.records, record.type);
    for (const stream of record.streams) {
      const modality = LABEL_MODALITY[stream.label];
      if (modality === undefined) throw new Error(`no modality for the media label ${stream.label}`);
      add(expected.streams, `${modality}|${stream.streamDirection}|${stream.quality}`);
      for (const figure of stream.poorBy) add(expected.poor, `${modality}|${figure}`);
      for (const [histogram, field] of Object.entries(HISTOGRAMS)) {
        const value = stream[field];
        if (value === null) continue;
        const key = `${histogram}|${modality}`;
        const sums = expected.histograms.get(key) ?? { count: 0, sum: 0 };
        expected.histograms.set(key, { count: sums.count + 1, sum: sums.sum + value });
      }
    }
  }
  return expected;
}

/** This run's call-quality series in a store (samples stamped at or after `sinceMs`), in the form of Expected. */
async function exportedMetrics(
  store: MetricStore,
  tenantId: string,
  sinceMs: number,
  expected: Expected,
): Promise<Expected> {
  const read = async (metric: string, count: number, attributes: string[], part?: 'count' | 'sum') => {
    const samples = await store.queryUntil(
      tenantSeriesSince(store, metric, tenantId, sinceMs, part),
      (found) => found.length >= count,
    );
    return samples.map((sample) => ({
      key: attributes.map((attribute) => sampleAttributes(store, sample, [attribute])[attribute]).join('|'),
      value: sample.value,
    }));
  };
  const asMap = (entries: { key: string; value: number }[]) => new Map(entries.map((e) => [e.key, e.value]));
  const histograms = new Map<string, { count: number; sum: number }>();
  for (const histogram of Object.keys(HISTOGRAMS)) {
    const modalities = [...expected.histograms.keys()].filter((key) =>
      key.startsWith(`${histogram}|`),
    ).length;
    const counts = await read(histogram, modalities, ['m365.call.modality'], 'count');
    const sums = asMap(await read(histogram, modalities, ['m365.call.modality'], 'sum'));
    for (const { key, value } of counts)
      histograms.set(`${histogram}|${key}`, { count: value, sum: sums.get(key) ?? Number.NaN });
  }
  return {
    records: asMap(await read('m365.call.records', expected.records.size, ['m365.call.type'])),
    streams: asMap(
      await read('m365.call.streams', expected.streams.size, [
        'm365.call.modality',
        'm365.call.stream.direction',
        'm365.call.stream.quality',
      ]),
    ),
    poor: asMap(
      await read('m365.call.stream.poor', expected.poor.size, [
        'm365.call.modality',
        'm365.call.quality.metric',
      ]),
    ),
    histograms,
  };
}

/** Sums compared to a rounding error: the backends store doubles, the truth adds them in another order. */
function expectSameMetrics(actual: Expected, expected: Expected, where: string): void {
  expect(actual.records, `${where}: m365.call.records`).toEqual(expected.records);
  expect(actual.streams, `${where}: m365.call.streams`).toEqual(expected.streams);
  expect(actual.poor, `${where}: m365.call.stream.poor`).toEqual(expected.poor);
  expect([...actual.histograms.keys()].sort(), `${where}: histograms`).toEqual(
    [...expected.histograms.keys()].sort(),
  );
  for (const [key, { count, sum }] of expected.histograms) {
    const found = actual.histograms.get(key);
    expect(found?.count, `${where}: ${key} count`).toBe(count);
    expect(found?.sum, `${where}: ${key} sum`).toBeCloseTo(sum, 9);
  }
}

/** The records the collector must read when Graph's clock says `nowMs`: started in the window, unchanged for the settle time. */
function finalRecords(records: readonly CallRecordTruth[], nowMs: number): CallRecordTruth[] {
  return records.filter((record) => Date.parse(record.lastModifiedDateTime) <= nowMs - SETTLE_MS);
}

/** Session pages a reader needs beyond each record's first 60 inline sessions. */
function sessionPagesOf(records: readonly CallRecordTruth[]): number {
  return records.reduce(
    (pages, record) => pages + Math.max(0, Math.ceil(record.sessionCount / SESSIONS_PER_PAGE) - 1),
    0,
  );
}

/**
 * Graph's clock for the first run: behind this host's by a few hours (the collector must judge finality on
 * Graph's clock, told by the answers' Date header), at an instant where no record starts near the look-back's
 * edge or changes near the settle edges of either run, and where a record still settles at the first run.
 * Whether the look-back holds a meeting large enough to page its sessions depends on the day (the simulator places
 * one every 89th slot); the session pages are compared with what the records need either way, and the simulator's
 * and the client's tests page sessions on every run.
 */
function chooseGraphNow(localMs: number): number {
  const lookbackFrom = localMs - LOOKBACK_MS;
  for (let behind = 2 * HOUR; behind < 20 * HOUR; behind += 7 * MINUTE) {
    const candidate = Math.floor((localMs - behind) / 1000) * 1000;
    graphNowMs = candidate + HOUR;
    const later = simulator.truth.callRecords(
      new Date(lookbackFrom - HOUR).toISOString(),
      new Date(graphNowMs).toISOString(),
    );
    graphNowMs = candidate;
    const near = (ms: number, edge: number, margin: number) => Math.abs(ms - edge) <= margin;
    const clear = later.records.every(
      (record) =>
        !near(Date.parse(record.startDateTime), lookbackFrom, LOCAL_CLOCK_MARGIN_MS) &&
        !near(Date.parse(record.lastModifiedDateTime), candidate - SETTLE_MS, GRAPH_CLOCK_MARGIN_MS) &&
        !near(Date.parse(record.lastModifiedDateTime), candidate, GRAPH_CLOCK_MARGIN_MS),
    );
    // A record still settling at the first run, final at the second: the second run has something new to read.
    const settling = later.records.some((record) => {
      const modifiedMs = Date.parse(record.lastModifiedDateTime);
      return (
        Date.parse(record.startDateTime) >= lookbackFrom &&
        modifiedMs > candidate - SETTLE_MS &&
        modifiedMs <= candidate
      );
    });
    if (clear && settling) return candidate;
  }
  throw new Error('no instant within 20 hours clears the edges and holds a record still settling');
}

async function collect(
  sim: RunningSimulator,
  name: string,
  stateDir: string,
  extra: string[],
): Promise<CliRun> {
  const config = await writeCollectorConfig(join(workDir, `${name}.yaml`), [
    ...simulatorTenantYaml(sim),
    'reports: { enabled: false }',
    'callQuality: { enabled: true, records: true }',
    ...extra,
    `state: { directory: ${stateDir} }`,
  ]);
  const { otelcol } = backends;
  return runCollectorOnce(config, sim, {
    OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `${otelcol.otlpHttpUrl}/v1/metrics`,
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${otelcol.otlpHttpUrl}/v1/logs`,
  });
}

/**
 * The local time to start the first run at: the next whole second at which no record starts within
 * LOCAL_CLOCK_MARGIN_MS of where the look-back begins, a day earlier (waiting, at most twice the margin, for the
 * edge to pass a record that starts too close to it).
 */
async function clearOfLookbackEdge(): Promise<number> {
  for (;;) {
    const startMs = await nextSecond();
    const edge = startMs - LOOKBACK_MS;
    graphNowMs = startMs;
    const near = simulator.truth.callRecords(
      new Date(edge - LOCAL_CLOCK_MARGIN_MS).toISOString(),
      new Date(edge + LOCAL_CLOCK_MARGIN_MS).toISOString(),
    ).records;
    if (near.length === 0) return startMs;
    const latestStart = Math.max(...near.map((record) => Date.parse(record.startDateTime)));
    await sleep(latestStart + LOCAL_CLOCK_MARGIN_MS - edge);
  }
}

/** Waits for the next whole second, so this run's samples are told apart from the previous run's. */
async function nextSecond(): Promise<number> {
  await sleep(1000 - (Date.now() % 1000) + 5);
  return Date.now();
}

/** The delivered m365.call.record log records, as id → what the test compares. */
function callRecordEvents(records: readonly ReceivedLogRecord[], tenantId: string) {
  return new Map(
    records.map((record) => {
      expect(record.eventName).toBe('m365.call.record');
      expect(record.resource['m365.tenant.id']).toBe(tenantId);
      const body = record.body as { streams: unknown[] };
      return [
        String(record.attributes['m365.call.id']),
        {
          type: record.attributes['m365.call.type'],
          poorStreams: record.attributes['m365.call.poor_streams'],
          streams: body.streams.length,
        },
      ] as const;
    }),
  );
}

function expectedEvents(records: readonly CallRecordTruth[]) {
  return new Map(
    records.map((record) => [
      record.id,
      {
        type: record.type,
        poorStreams: record.streams.filter((stream) => stream.quality === 'poor').length,
        streams: record.streams.length,
      },
    ]),
  );
}

describe('Teams call quality: simulator -> collector CLI run --once -> OpenTelemetry Collector -> VictoriaMetrics, Prometheus and a log file', () => {
  it('reads each final record of the look-back once, then only the newly final ones, and exports exactly the truth', async () => {
    const { vm, prometheus, otelcol } = backends;
    const stateDir = join(workDir, 'state');
    await mkdir(stateDir, { recursive: true });
    await otelcol.takeLogRecords();
    const tenantId = simulator.tenantId;

    // First run: the day before it, read once each final record.
    const startMs = await clearOfLookbackEdge();
    const firstNow = chooseGraphNow(startMs);
    lookbackFrom = new Date(startMs - LOOKBACK_MS).toISOString();
    const firstTruth = simulator.truth.callRecords(lookbackFrom, new Date(startMs).toISOString());
    const firstRecords = finalRecords(firstTruth.records, firstNow);
    expect(firstRecords.length).toBeGreaterThan(10);
    expect(firstRecords.length).toBeLessThan(firstTruth.records.length);
    const statsBefore = structuredClone(simulator.stats());
    const first = await collect(simulator, 'first', stateDir, []);
    expect(first.code, first.stderr).toBe(0);
    expect(Date.now() - startMs).toBeLessThan(LOCAL_CLOCK_MARGIN_MS);

    const stats = simulator.stats();
    expect(stats.callRecordListPages - statsBefore.callRecordListPages).toBe(
      Math.max(1, Math.ceil(firstTruth.records.length / SESSIONS_PER_PAGE)),
    );
    expect(stats.callRecordGets - statsBefore.callRecordGets).toBe(firstRecords.length);
    expect(stats.callRecordSessionPages - statsBefore.callRecordSessionPages).toBe(
      sessionPagesOf(firstRecords),
    );

    const firstExpected = expectedMetrics(firstRecords);
    for (const store of [vm, prometheus])
      expectSameMetrics(
        await exportedMetrics(store, tenantId, startMs, firstExpected),
        firstExpected,
        `first run, ${store.name}`,
      );
    const firstEvents = callRecordEvents(await otelcol.waitForLogRecords(firstRecords.length), tenantId);
    expect(firstEvents).toEqual(expectedEvents(firstRecords));

    // Second run, state kept: Graph's clock an hour on. Only the records that became final meanwhile are read.
    graphNowMs = firstNow + HOUR;
    const secondStartMs = await nextSecond();
    const secondTruth = simulator.truth.callRecords(lookbackFrom, new Date(graphNowMs).toISOString());
    const firstIds = new Set(firstRecords.map((record) => record.id));
    const newRecords = finalRecords(secondTruth.records, graphNowMs).filter(
      (record) => !firstIds.has(record.id),
    );
    expect(newRecords.length).toBeGreaterThan(0);
    const second = await collect(simulator, 'second', stateDir, []);
    expect(second.code, second.stderr).toBe(0);
    const afterSecond = simulator.stats();
    expect(afterSecond.callRecordGets - stats.callRecordGets).toBe(newRecords.length);
    expect(new Set(Object.values(afterSecond.callRecordGetsById))).toEqual(new Set([1]));
    expect(Object.keys(afterSecond.callRecordGetsById).sort()).toEqual(
      [...firstRecords, ...newRecords].map((record) => record.id).sort(),
    );
    // A new process counts from zero (a counter reset the backends' increase() takes as such): what this run
    // exports is exactly the new records, so the two runs together add up to every final record once.
    const secondExpected = expectedMetrics(newRecords);
    for (const store of [vm, prometheus])
      expectSameMetrics(
        await exportedMetrics(store, tenantId, secondStartMs, secondExpected),
        secondExpected,
        `second run, ${store.name}`,
      );
    expect(callRecordEvents(await otelcol.waitForLogRecords(newRecords.length), tenantId)).toEqual(
      expectedEvents(newRecords),
    );
    console.log(
      `call quality: first run read ${firstRecords.length} of ${firstTruth.records.length} records listed (${sessionPagesOf(firstRecords)} session pages), the second ${newRecords.length} newly final`,
    );
  });

  it(`fails run --once naming call-quality and ${PERMISSION} when the permission is missing, while service health still exports`, async () => {
    const stateDir = join(workDir, 'state-denied');
    await mkdir(stateDir, { recursive: true });
    const startMs = await nextSecond();
    const run = await collect(denied, 'denied', stateDir, ['serviceHealth: { enabled: true }']);
    expect(run.code, run.stderr).toBe(1);
    const failure = run.logs.find((line) => line.msg === 'call quality failed');
    expect(JSON.stringify(failure)).toContain(PERMISSION);
    expect(JSON.stringify(run.logs.find((line) => 'failedSources' in line)?.failedSources)).toContain(
      'call-quality',
    );
    const healthy = await backends.vm.queryUntil(
      tenantSeriesSince(backends.vm, 'm365.service.healthy', denied.tenantId, startMs),
      (found) => found.length > 0,
    );
    expect(healthy.length).toBeGreaterThan(0);
    expect(denied.stats().callRecordGets).toBe(0);
  });

  it('leaves out and counts a stream Graph sent malformed, reading and counting the rest, and the run succeeds', async () => {
    const { vm } = backends;
    const stateDir = join(workDir, 'state-drift');
    await mkdir(stateDir, { recursive: true });
    // Three records each lose their first stream's direction (depth first), as Microsoft's drift would.
    const malformed = 3;
    simulator.faults.inject({
      kind: 'drop-field',
      target: 'call-records',
      field: 'streamDirection',
      times: malformed,
    });
    const startMs = await nextSecond();
    const records = finalRecords(
      simulator.truth.callRecords(lookbackFrom, new Date(graphNowMs).toISOString()).records,
      graphNowMs,
    );
    const run = await collect(simulator, 'drift', stateDir, []);
    expect(run.code, run.stderr).toBe(0);
    expect(simulator.faults.pending()).toEqual([]);
    const total = async (metric: string, tenantId?: string) => {
      const selector = tenantId
        ? tenantSeriesSince(vm, metric, tenantId, startMs)
        : `${metric} and timestamp(${metric}) >= ${Math.floor(startMs / 1000)}`;
      const samples = await vm.queryUntil(selector, (found) => found.length > 0);
      return samples.reduce((sum, sample) => sum + sample.value, 0);
    };
    expect(await total('m365otel.call_quality.parts_skipped')).toBe(malformed);
    expect(await total('m365.call.records', simulator.tenantId)).toBe(records.length);
    const streams = records.reduce((sum, record) => sum + record.streams.length, 0);
    expect(await total('m365.call.streams', simulator.tenantId)).toBe(streams - malformed);
  });
});
