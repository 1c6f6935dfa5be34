import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeExportMetricsRequest, type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ATTR_RECORD_ID, AUDIT_EVENT } from './support/audit.js';
import {
  type CliProcess,
  type CliRun,
  runCollector,
  startCollectorProcess,
} from './support/collector-cli.js';
import { simulatorEverySourceTenantYaml, writeCollectorConfig } from './support/collector-config.js';

// Crashes and shutdowns of every source but the audit log's SIGKILL (audit-crash.test.ts kills that one at seeded
// points): the simulator's tenant -> the built collector CLI -> a strict OTLP receiver that keeps every request.
// A kill lands where the test can see it (the receiver accepting the n-th export of a signal), never after a
// guessed delay; what the backend received over all runs is compared with a run that was never interrupted.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** The first run's look-back of call records and risk detections (both a day, on the collector's own clock). */
const FIRST_LOOKBACK_MS = 24 * HOUR_MS;
/**
 * Runs start at different moments, so their look-backs begin at different moments too: items this close to the
 * latest run's look-back start are left out of the comparison (the runs of one test start minutes apart at most).
 */
const EDGE_MARGIN_MS = 15 * MINUTE_MS;
/** Call records read, exported and committed together (CALL_RECORDS_PER_BATCH). */
const CALL_RECORD_BATCH = 32;
/** Audit records per export and checkpoint commit. */
const AUDIT_BATCH = 512;
/** A small audit backlog: several export batches per content type. */
const BACKLOG = { recordsPerBlob: 300, slotMinutes: 30 };
/** Where each kill lands: the receiver accepting the n-th export of logs, or of metrics, of that run. */
const KILLS: ReadonlyArray<{ path: '/v1/logs' | '/v1/metrics'; nth: number }> = [
  { path: '/v1/logs', nth: 1 },
  { path: '/v1/metrics', nth: 1 },
  { path: '/v1/logs', nth: 2 },
  { path: '/v1/metrics', nth: 2 },
];

let simulator: RunningSimulator;
let sink: OtlpSink;
let workDir: string;
/** The simulator's clock, frozen: nothing changes in the tenant while the test runs, so every run sees the same. */
let nowMs: number;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-crash-'));
  nowMs = Date.now();
  [simulator, sink] = await Promise.all([
    startSimulator({
      seed: 41,
      users: 96,
      dataDir: join(workDir, 'simulator'),
      auditBacklog: BACKLOG,
      serviceHealthStep: 1,
      now: () => new Date(nowMs),
    }),
    startOtlpSink(),
  ]);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), sink?.close()]);
  await rm(workDir, { recursive: true, force: true });
});

/** A config with every source on (audit only where asked), its state in `name`'s own directory. */
async function config(name: string, options: { audit: boolean }): Promise<string> {
  return writeCollectorConfig(join(workDir, `${name}.yaml`), [
    ...simulatorEverySourceTenantYaml(simulator),
    'reports: { enabled: true, period: D7, interval: 6h, time: report-date, refetchDays: 3 }',
    'serviceHealth: { enabled: true, interval: 1h, messages: true }',
    'governance: { enabled: true, interval: 1h, licences: false, appCredentials: false, tenantSettings: false, directorySync: false, connectHealth: false, riskyUsers: true }',
    'callQuality: { enabled: true, interval: 1h, records: true }',
    ...(options.audit
      ? ['audit: { enabled: true, startFrom: 3h, contentTypes: [Audit.Exchange, Audit.SharePoint] }']
      : []),
    `state: { directory: ${join(workDir, `state-${name}`)} }`,
    `export: { otlp: { endpoint: ${sink.url}, protocol: http/protobuf } }`,
  ]);
}

const ENV = (): Record<string, string> => ({ M365_CLIENT_SECRET: simulator.clientSecret });

/** What one run delivered: the receiver's requests from `from` on (refused ones left out). */
interface Delivered {
  /** Keys of the log records, by kind, in arrival order (a key twice = delivered twice). */
  logs: Map<string, Array<{ key: string; timeMs: number }>>;
  /** Report-date points (stamped at 00:00 UTC of their day): metric, attributes and day. */
  points: string[];
  /** The newest cumulative value of each counter series of m365.call.records, by process start time. */
  callCounts: Map<string, number>;
}

const KIND_OF_EVENT: Readonly<Record<string, { kind: string; key: (a: Record<string, unknown>) => string }>> =
  {
    'm365.service.issue': {
      kind: 'service health',
      key: (a) => `${a['m365.service.issue.id']} ${a['m365.service.issue.change']}`,
    },
    'm365.service.message': {
      kind: 'service health',
      key: (a) => `${a['m365.service.message.id']} ${a['m365.service.message.change']}`,
    },
    'm365.risk.detection': { kind: 'risk detections', key: (a) => String(a['m365.risk.detection.id']) },
    'm365.call.record': { kind: 'call records', key: (a) => String(a['m365.call.id']) },
    [AUDIT_EVENT]: { kind: 'audit', key: (a) => String(a[ATTR_RECORD_ID]) },
  };

function delivered(from: number): Delivered {
  const result: Delivered = { logs: new Map(), points: [], callCounts: new Map() };
  for (const request of sink.requests.slice(from)) {
    if (request.status !== 200 || request.encoding === undefined) continue;
    if (request.path === '/v1/metrics') {
      for (const point of decodeExportMetricsRequest(request.body, request.encoding)) {
        const timeMs = Number(BigInt(point.timeUnixNano) / 1_000_000n);
        if (point.metric === 'm365.call.records')
          result.callCounts.set(
            `${point.startTimeUnixNano} ${JSON.stringify(point.attributes)}`,
            point.value,
          );
        else if (point.kind === 'gauge' && point.metric.startsWith('m365.') && timeMs % (24 * HOUR_MS) === 0)
          result.points.push(
            `${point.metric}${JSON.stringify(point.attributes)} ${new Date(timeMs).toISOString()}`,
          );
      }
    }
  }
  const logsFrom = sink.requests
    .slice(0, from)
    .reduce(
      (sum, request) => sum + (request.status === 200 && request.path === '/v1/logs' ? request.records : 0),
      0,
    );
  for (const record of sink.logRecords.slice(logsFrom)) {
    const event = KIND_OF_EVENT[record.eventName];
    if (event === undefined) continue;
    const list = result.logs.get(event.kind) ?? [];
    list.push({
      key: event.key(record.attributes),
      timeMs: Number(BigInt(record.timeUnixNano) / 1_000_000n),
    });
    result.logs.set(event.kind, list);
  }
  return result;
}

/**
 * Runs `args` and SIGKILLs the process once the receiver accepted the n-th request to `path` of this run; a run that
 * has less than that left to send (its state moved on) ends on its own, and says so.
 */
async function killAt(args: string[], kill: { path: string; nth: number }): Promise<CliRun> {
  const from = sink.requests.length;
  const collector = startCollectorProcess(args, ENV());
  const watch = setInterval(() => {
    const seen = sink.requests.slice(from).filter((r) => r.path === kill.path && r.status === 200).length;
    if (seen >= kill.nth) collector.kill('SIGKILL');
  }, 2);
  const run = await collector.exited.finally(() => clearInterval(watch));
  if (run.signal !== 'SIGKILL') expect(run.code, explain(run)).toBe(0);
  return run;
}

function explain(run: CliRun): string {
  return `exit ${run.code ?? run.signal}; collector log:\n${run.stderr.slice(-4_000)}`;
}

/** Deliveries beyond the first of each key. */
function duplicates(keys: readonly string[]): number {
  return keys.length - new Set(keys).size;
}

/** The most points one report exported in a run (a report is the unit a cycle commits). */
function largestReport(run: CliRun): number {
  return Math.max(
    0,
    ...run.logs
      .filter((line) => line.msg === 'report mapped')
      .map((line) => (typeof line.exportedPoints === 'number' ? line.exportedPoints : 0)),
  );
}

it('loses nothing and repeats only the units in flight when every source is killed mid-run, again and again', {
  timeout: 900_000,
}, async () => {
  const crashConfig = await config('crash', { audit: false });
  const args = ['run', '--once', '--config', crashConfig];
  const from = sink.requests.length;
  const startsMs: number[] = [];
  let killed = 0;
  for (const kill of KILLS) {
    startsMs.push(Date.now());
    if ((await killAt(args, kill)).signal === 'SIGKILL') killed += 1;
  }
  expect(killed, 'runs killed mid-run').toBeGreaterThanOrEqual(KILLS.length - 1);
  startsMs.push(Date.now());
  const final = await runCollector(args, ENV());
  expect(final.code, explain(final)).toBe(0);
  const crashed = delivered(from);

  // The same tenant read once without interruption, from a fresh state: what every run together must have delivered.
  const referenceFrom = sink.requests.length;
  const referenceStartMs = Date.now();
  const reference = await runCollector(
    ['run', '--once', '--config', await config('reference', { audit: false })],
    ENV(),
  );
  expect(reference.code, explain(reference)).toBe(0);
  const expected = delivered(referenceFrom);

  // Items near where a look-back begins may be in one run's window and not another's: compared only well inside.
  const inside = Math.max(referenceStartMs, ...startsMs) - FIRST_LOOKBACK_MS + EDGE_MARGIN_MS;
  const inFlightUnit: Record<string, number> = {
    // A poll's events go out in one export and are committed together.
    'service health': expected.logs.get('service health')?.length ?? 0,
    'risk detections': expected.logs.get('risk detections')?.length ?? 0,
    'call records': CALL_RECORD_BATCH,
  };
  const figures: Record<string, unknown> = {};
  for (const [kind, unit] of Object.entries(inFlightUnit)) {
    const want = (expected.logs.get(kind) ?? []).filter(
      (item) => kind === 'service health' || item.timeMs >= inside,
    );
    const got = crashed.logs.get(kind) ?? [];
    expect(want.length, `${kind}: the reference run delivered some`).toBeGreaterThan(0);
    const gotKeys = new Set(got.map((item) => item.key));
    expect(
      want.filter((item) => !gotKeys.has(item.key)).map((item) => item.key),
      `${kind} lost`,
    ).toEqual([]);
    const repeated = duplicates(got.map((item) => item.key));
    figures[kind] = { expected: want.length, delivered: got.length, repeated };
    expect(repeated, `${kind} repeated`).toBeLessThanOrEqual(KILLS.length * unit);
  }
  // Report-date points: every (series, day) at least once; repeats only of the report in flight at each kill.
  expect(expected.points.length, 'the reference run exported report points').toBeGreaterThan(0);
  const pointsDelivered = new Set(crashed.points);
  expect(
    [...new Set(expected.points)].filter((point) => !pointsDelivered.has(point)),
    'report points lost',
  ).toEqual([]);
  expect(duplicates(crashed.points), 'report points repeated').toBeLessThanOrEqual(
    KILLS.length * largestReport(reference),
  );
  // Call-quality counters: a record is counted by the process that committed it, so the totals over every process
  // never exceed the records delivered (a kill may lose the counts of records committed since its last export).
  const counted = [...crashed.callCounts.values()].reduce((sum, value) => sum + value, 0);
  const callRecords = new Set((crashed.logs.get('call records') ?? []).map((item) => item.key)).size;
  figures.counted = { killed, counted, callRecords, points: crashed.points.length };
  console.log(`crash test: ${JSON.stringify(figures)}`);
  expect(counted).toBeLessThanOrEqual(callRecords);
});

it('on SIGTERM mid-run finishes or abandons its work, flushes, commits and exits 0; the next run repeats only the unit in flight', {
  timeout: 600_000,
}, async () => {
  const termConfig = await config('sigterm', { audit: true });
  const from = sink.requests.length;
  const service: CliProcess = startCollectorProcess(['run', '--config', termConfig], ENV());
  let termSentAt: number | undefined;
  const watch = setInterval(() => {
    const logs = sink.requests.slice(from).filter((r) => r.path === '/v1/logs' && r.status === 200).length;
    if (logs >= 3 && termSentAt === undefined) {
      termSentAt = sink.requests.length;
      void service.kill('SIGTERM');
    }
  }, 2);
  // Bounded: the grace for in-flight work, the abort's settling and the last export take seconds, far below this.
  const stopped = await Promise.race([
    service.exited,
    new Promise<undefined>((done) => setTimeout(() => done(undefined), 120_000)),
  ]).finally(() => clearInterval(watch));
  if (stopped === undefined) {
    await service.kill('SIGKILL');
    throw new Error('run did not exit within two minutes of SIGTERM');
  }
  expect(termSentAt, explain(stopped)).toBeDefined();
  expect(stopped.code, explain(stopped)).toBe(0);
  // Flushed: a metrics export reached the backend after the signal (the last export of the current values).
  expect(sink.requests.slice(termSentAt).some((r) => r.path === '/v1/metrics' && r.status === 200)).toBe(
    true,
  );
  const first = delivered(from);

  const restartFrom = sink.requests.length;
  const next = await runCollector(['run', '--once', '--config', termConfig], ENV());
  expect(next.code, explain(next)).toBe(0);
  const second = delivered(restartFrom);
  const unit: Record<string, number> = {
    'service health': first.logs.get('service health')?.length ?? 0,
    'risk detections': first.logs.get('risk detections')?.length ?? 0,
    'call records': CALL_RECORD_BATCH,
    audit: 2 * AUDIT_BATCH,
  };
  for (const [kind, bound] of Object.entries(unit)) {
    const before = new Set((first.logs.get(kind) ?? []).map((item) => item.key));
    const again = (second.logs.get(kind) ?? []).filter((item) => before.has(item.key)).length;
    expect(again, `${kind} sent again after the restart`).toBeLessThanOrEqual(bound);
  }
  const sentBefore = new Set(first.points);
  expect(second.points.filter((point) => sentBefore.has(point)).length).toBeLessThanOrEqual(
    largestReport(stopped),
  );
  // The counters the stopped process held were flushed with its last export: over both processes every call record
  // delivered is counted exactly once (a batch abandoned before its commit is counted by the next run alone).
  const total = (run: Delivered) => [...run.callCounts.values()].reduce((sum, value) => sum + value, 0);
  const records = new Set(
    [...(first.logs.get('call records') ?? []), ...(second.logs.get('call records') ?? [])].map(
      (item) => item.key,
    ),
  );
  expect(total(first) + total(second)).toBe(records.size);
});

/** Every file under `directory`, recursively. */
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

it('rebuilds every corrupted or truncated state file without sending history again', {
  timeout: 600_000,
}, async () => {
  const corruptConfig = await config('corrupt', { audit: true });
  const args = ['run', '--once', '--config', corruptConfig];
  const first = await runCollector(args, ENV());
  expect(first.code, explain(first)).toBe(0);

  // Damaged three ways: truncated mid-file, zeroed by a disk, JSON of another shape; garbage inside the record-Id logs.
  const stateFiles = (await filesUnder(join(workDir, 'state-corrupt'))).filter((file) =>
    file.endsWith('.json'),
  );
  const idLogs = (await filesUnder(join(workDir, 'state-corrupt'))).filter((file) => file.endsWith('.ids'));
  expect(stateFiles.length, 'state files of every source').toBeGreaterThanOrEqual(5);
  expect(idLogs.length).toBe(2);
  for (const [index, file] of stateFiles.entries()) {
    const text = await readFile(file);
    const damaged = [
      text.subarray(0, Math.floor(text.length / 2)),
      Buffer.alloc(text.length),
      Buffer.from('{}'),
    ];
    await writeFile(file, damaged[index % damaged.length] as Buffer);
  }
  for (const file of idLogs) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, [...lines.slice(0, 10), '\0'.repeat(64), ...lines.slice(10)].join('\n'));
  }

  const from = sink.requests.length;
  const rebuilt = await runCollector(args, ENV());
  expect(rebuilt.code, explain(rebuilt)).toBe(0);
  const quarantined = rebuilt.logs.filter((line) => String(line.msg).startsWith('state file quarantined'));
  expect(quarantined.map((line) => line.file).sort()).toEqual([...stateFiles, ...idLogs].sort());
  const after = delivered(from);
  expect(Object.fromEntries([...after.logs].map(([kind, items]) => [kind, items.length]))).toEqual({});
  expect(after.points).toEqual([]);
  const aside = (await filesUnder(join(workDir, 'state-corrupt'))).filter((file) =>
    file.includes('.corrupt-'),
  );
  expect(aside).toHaveLength(stateFiles.length + idLogs.length);

  // Rebuilt for good: the next run reads every file as usual.
  const next = await runCollector(args, ENV());
  expect(next.code, explain(next)).toBe(0);
  expect(next.logs.filter((line) => String(line.msg).startsWith('state file quarantined'))).toEqual([]);
});
