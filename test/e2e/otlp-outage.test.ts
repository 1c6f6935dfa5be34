import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DecodedPoint,
  decodeExportMetricsRequest,
  type OtlpSink,
  type ReceivedLogRecord,
  startOtlpSink,
} from '@m365-otel/otlp-sink';
import {
  CONTENT_TYPES,
  type RunningSimulator,
  type ServiceHealthTruth,
  startSimulator,
} from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EVENT, auditDelivery, lookbackBetweenBlobs } from './support/audit.js';
import {
  type CliProcess,
  type CliRun,
  runCollector,
  startCollectorProcess,
} from './support/collector-cli.js';
import { simulatorTenantYaml, writeCollectorConfig } from './support/collector-config.js';
import { type BackendMode, type OtlpFaultRelay, startOtlpFaultRelay } from './support/otlp-fault-relay.js';
import {
  eventKey,
  expectedChanges,
  expectedHealthy,
  expectedIssueCounts,
  issueEventView,
  receivedEventView,
} from './support/service-health-expected.js';

// Names as docs/metrics.md declares them, written here so a rename fails this test instead of following silently.
const EXPORT_REQUESTS = 'm365otel.export.requests';
const EXPORT_DROPPED = 'm365otel.export.dropped';
const EXPORT_BUFFERED = 'm365otel.export.buffered';
const EXPORT_REJECTED = 'm365otel.export.rejected';
/** A report gauge: read once at the start, it must reach the backend once it is back. */
const REPORT_GAUGE = 'm365.email.active_users';

const MINUTE_MS = 60_000;
/** Every content type publishes a blob of this many records every quarter of an hour. */
const BACKLOG = { recordsPerBlob: 100, slotMinutes: 15 };
/** About two hours of backlog: some 4,000 records, several export batches per stream. */
const LOOKBACK_MINUTES = 120;
/** How long each kind of outage lasts; the documented case is an hour, the mechanism is the same. */
const PHASE_MS = 20_000;
/** Generous bounds for what must happen after the backend returns (one poll interval, backoff, delivery). */
const DELIVERY_WAIT_MS = 150_000;

let simulator: RunningSimulator;
let sink: OtlpSink;
let relay: OtlpFaultRelay;
let workDir: string;
/** The simulator's clock, frozen: nothing is published while the test runs, so the audit truth is fixed. */
let nowMs: number;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-outage-'));
  nowMs = Date.now();
  [simulator, sink] = await Promise.all([
    startSimulator({
      seed: 41,
      users: 20,
      dataDir: join(workDir, 'simulator'),
      auditBacklog: BACKLOG,
      now: () => new Date(nowMs),
    }),
    startOtlpSink(),
  ]);
  relay = await startOtlpFaultRelay(sink.url);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), relay?.close(), sink?.close()]);
  await rm(workDir, { recursive: true, force: true });
});

interface Scenario {
  config: string;
  /** Every audit record Id the stream must deliver, exactly once. */
  required: Set<string>;
}

/** A config with reports, service health and every audit content type, exporting through the relay. */
async function scenario(name: string, buffer: string): Promise<Scenario> {
  // The first run's window ends at Microsoft's clock, which the simulator's frozen one is.
  const lookback = lookbackBetweenBlobs(nowMs, LOOKBACK_MINUTES, BACKLOG.slotMinutes);
  const windowStartMs = nowMs - lookback * MINUTE_MS;
  const required = new Set<string>();
  for (const contentType of CONTENT_TYPES)
    for (const record of simulator.truth.auditRecordIds(
      contentType,
      new Date(windowStartMs),
      new Date(nowMs + 1),
    ))
      if (!record.duplicate) required.add(record.id);
  const endpoints = `    endpoints: { authority: ${simulator.authorityUrl}, graph: ${simulator.graphUrl}, management: ${simulator.managementUrl} }`;
  const config = await writeCollectorConfig(join(workDir, `${name}.yaml`), [
    ...simulatorTenantYaml(simulator).map((line) => (line.startsWith('    endpoints:') ? endpoints : line)),
    'reports: { enabled: true, interval: 1h }',
    'serviceHealth: { enabled: true, interval: 30s }',
    `audit: { enabled: true, pollInterval: 30s, startFrom: ${lookback}m }`,
    `state: { directory: ${join(workDir, `state-${name}`)} }`,
    `export: { otlp: { endpoint: ${relay.url}, protocol: http/protobuf }, buffer: ${buffer} }`,
  ]);
  return { config, required };
}

const ENV = (): Record<string, string> => ({
  M365_CLIENT_SECRET: simulator.clientSecret,
  OTEL_METRIC_EXPORT_INTERVAL: '2000',
  // A hanging backend is given up on after 2 s (and a second of grace), then retried.
  OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
});

function explain(run: CliRun): string {
  return `exit ${run.code} (${run.signal}); last log lines:\n${run.stderr.split('\n').slice(-15).join('\n')}`;
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs = DELIVERY_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** The metric points the sink accepted in requests from index `from` on. */
function pointsSince(from: number): DecodedPoint[] {
  return sink.requests
    .slice(from)
    .filter((request) => request.path === '/v1/metrics' && request.status === 200 && request.encoding)
    .flatMap((request) => decodeExportMetricsRequest(request.body, request.encoding ?? 'protobuf'));
}

/** The newest point of `metric` with these attributes among those accepted from `from` on. */
function latest(from: number, metric: string, attributes: Record<string, string> = {}): number | undefined {
  const points = pointsSince(from).filter(
    (point) =>
      point.metric === metric &&
      Object.entries(attributes).every(([name, value]) => point.attributes[name] === value),
  );
  return points.at(-1)?.value;
}

function serviceHealthEvents(records: readonly ReceivedLogRecord[]): string[] {
  return records
    .filter((record) => record.eventName.startsWith('m365.service.'))
    .map((record) => eventKey(receivedEventView(record)))
    .sort();
}

/** Waits until `records()` holds every required audit record and as many service-health events as expected. */
function everyRecordArrived(
  what: string,
  records: () => readonly ReceivedLogRecord[],
  required: ReadonlySet<string>,
  expectedEvents: readonly string[],
): Promise<true> {
  return waitFor(what, () =>
    records().filter((record) => record.eventName === AUDIT_EVENT).length >= required.size &&
    serviceHealthEvents(records()).length >= expectedEvents.length
      ? true
      : undefined,
  );
}

function expectedServiceHealthEvents(
  before: ServiceHealthTruth | undefined,
  after: ServiceHealthTruth,
): string[] {
  return expectedChanges(before, after, false)
    .issues.map(({ issue, change }) => eventKey(issueEventView(issue, change)))
    .sort();
}

const BUFFERED_LINE = 'OTLP backend unavailable: batch buffered, retrying with backoff';

/** Waits until the collector's log shows `count` batches held in the buffer (the sources are then waiting). */
async function bufferedBatches(collector: CliProcess, count: number): Promise<void> {
  await waitFor(`${count} buffered batches`, () =>
    collector
      .logs()
      .filter((line) => line.msg === 'OTLP backend unavailable: batch buffered, retrying with backoff')
      .length >= count
      ? true
      : undefined,
  );
}

async function outage(phases: readonly BackendMode[]): Promise<void> {
  for (const mode of phases) {
    await relay.setMode(mode);
    await sleep(PHASE_MS);
  }
}

describe('the OTLP backend goes away and comes back', () => {
  it('holds every batch through refused connections, 503s and a hang, then delivers all exactly once with the latest metrics', async () => {
    const { config, required } = await scenario('outage', '{ maxSize: 64MiB, maxBackoff: 2s }');
    simulator.serviceHealth.setStep(1);
    const before = simulator.truth.serviceHealth();
    await relay.setMode({ kind: 'refusing' });
    const collector = startCollectorProcess(['run', '--config', config], ENV());
    // Service health and the five audit streams each hold their first batch.
    await bufferedBatches(collector, 1 + CONTENT_TYPES.length);
    // Microsoft moves on during the outage: the next poll after delivery must see it.
    simulator.serviceHealth.setStep(4);
    const after = simulator.truth.serviceHealth();
    await outage([{ kind: 'refusing' }, { kind: 'failing', status: 503 }, { kind: 'hanging' }]);
    expect(sink.logRecords, 'nothing reached the backend during the outage').toEqual([]);
    const returnedAt = sink.requests.length;
    await relay.setMode({ kind: 'up' });

    const expectedEvents = [
      ...expectedServiceHealthEvents(undefined, before),
      ...expectedServiceHealthEvents(before, after),
    ].sort();
    await everyRecordArrived(
      'every audit record and service-health event',
      () => sink.logRecords,
      required,
      expectedEvents,
    );
    // The gauges carry the newest poll's values, and the report gauge read before the outage arrives.
    const healthy = expectedHealthy(after);
    const issues = expectedIssueCounts(after);
    const gauge = (key: string) => {
      const [service, classification] = key.split('|') as [string, string];
      return latest(returnedAt, 'm365.service.issues', {
        'm365.service.name': service,
        'm365.service.issue.classification': classification,
      });
    };
    const stale = () => [
      ...[...healthy]
        .filter(
          ([service, value]) =>
            latest(returnedAt, 'm365.service.healthy', { 'm365.service.name': service }) !== value,
        )
        .map(([service]) => `healthy ${service}`),
      ...[...issues].filter(([key, value]) => gauge(key) !== value).map(([key]) => `issues ${key}`),
    ];
    await waitFor('the latest service-health gauges', () => (stale().length === 0 ? true : undefined)).catch(
      (error: Error) => {
        throw new Error(`${error.message}; still stale: ${stale().join(', ')}`);
      },
    );
    expect(latest(returnedAt, REPORT_GAUGE)).toBeDefined();
    await waitFor('the retries counted', () =>
      (latest(returnedAt, EXPORT_REQUESTS, { 'm365otel.signal': 'logs', 'm365otel.outcome': 'retryable' }) ??
        0) > 0 && latest(returnedAt, EXPORT_BUFFERED, { 'm365otel.signal': 'logs' }) === 0
        ? true
        : undefined,
    );

    const stopped = await collector.kill('SIGTERM');
    expect(stopped.code, explain(stopped)).toBe(0);
    const delivery = auditDelivery(sink.logRecords, required);
    expect(delivery.gaps).toEqual([]);
    expect(delivery.unexpected).toEqual([]);
    expect(delivery.duplicates).toBe(0);
    expect(serviceHealthEvents(sink.logRecords)).toEqual(expectedEvents);

    // Every checkpoint moved only after its delivery: a restart sends none of it again.
    const delivered = sink.logRecords.length;
    const restart = await runCollector(['run', '--once', '--config', config], ENV());
    expect(restart.code, explain(restart)).toBe(0);
    expect(sink.logRecords.length, 'log records sent again after the restart').toBe(delivered);
  });

  it('with a tiny buffer drops and counts the failed batches, and their sources read them again once it is back', async () => {
    const { config, required } = await scenario('tiny', '{ maxSize: 1KiB, maxBackoff: 2s }');
    simulator.serviceHealth.setStep(0);
    const truth = simulator.truth.serviceHealth();
    const start = sink.requests.length;
    const firstRecord = sink.logRecords.length;
    await relay.setMode({ kind: 'refusing' });
    const collector = startCollectorProcess(['run', '--config', config], ENV());
    await waitFor('dropped batches', () =>
      collector
        .logs()
        .filter((line) => line.msg === 'export buffer full: batch dropped, its source reads it again later')
        .length >= CONTENT_TYPES.length
        ? true
        : undefined,
    );
    await outage([{ kind: 'failing', status: 503 }]);
    await relay.setMode({ kind: 'up' });

    const expectedEvents = expectedServiceHealthEvents(undefined, truth);
    const records = () => sink.logRecords.slice(firstRecord);
    await everyRecordArrived(
      'every audit record and service-health event, read again',
      records,
      required,
      expectedEvents,
    );
    await waitFor('the dropped batches counted', () =>
      (latest(start, EXPORT_DROPPED, { 'm365otel.signal': 'logs' }) ?? 0) > 0 ? true : undefined,
    );
    const stopped = await collector.kill('SIGTERM');
    expect(stopped.code, explain(stopped)).toBe(0);
    const delivery = auditDelivery(records(), required);
    expect(delivery.gaps).toEqual([]);
    expect(delivery.unexpected).toEqual([]);
    expect(delivery.duplicates).toBe(0);
    expect(serviceHealthEvents(records())).toEqual(expectedEvents);
  });

  it('never retries a refusal (401) or a partial success, and waits for a slow answer within the timeout', async () => {
    const { config, required } = await scenario('refusals', '{ maxSize: 64MiB, maxBackoff: 2s }');
    simulator.serviceHealth.setStep(2);
    const truth = simulator.truth.serviceHealth();
    const start = sink.requests.length;
    const firstRecord = sink.logRecords.length;
    await relay.setMode({ kind: 'failing', status: 401 });
    const refusedAt = relay.requests('/v1/logs');
    const collector = startCollectorProcess(['run', '--config', config], ENV());
    // Each source's first export is refused; it fails its poll without a retry and reads the data again next poll.
    await waitFor('every source refused', () =>
      relay.requests('/v1/logs') - refusedAt >= 1 + CONTENT_TYPES.length ? true : undefined,
    );
    await sleep(PHASE_MS);
    expect(relay.requests('/v1/logs') - refusedAt, 'log exports while refused').toBeLessThanOrEqual(
      2 * (1 + CONTENT_TYPES.length),
    );
    // Then a backend that answers each request a second late, rejecting one record of each in a partial success.
    sink.respondWithPartialSuccess('/v1/logs', 1, 'one record refused by the test');
    await relay.setMode({ kind: 'slow', delayMs: 1_000 });
    const records = () => sink.logRecords.slice(firstRecord);
    const expectedEvents = expectedServiceHealthEvents(undefined, truth);
    await everyRecordArrived(
      'every audit record and service-health event',
      records,
      required,
      expectedEvents,
    );
    sink.respondWith(200, '/v1/logs');
    await relay.setMode({ kind: 'up' });
    const counted = (metric: string, attributes: Record<string, string>) =>
      latest(start, metric, attributes) ?? 0;
    await waitFor('the refusals and partial successes counted', () =>
      counted(EXPORT_REQUESTS, { 'm365otel.signal': 'logs', 'm365otel.outcome': 'refused' }) > 0 &&
      counted(EXPORT_REQUESTS, { 'm365otel.signal': 'logs', 'm365otel.outcome': 'partial' }) > 0 &&
      counted(EXPORT_REJECTED, { 'm365otel.signal': 'logs' }) > 0
        ? true
        : undefined,
    );
    const stopped = await collector.kill('SIGTERM');
    expect(stopped.code, explain(stopped)).toBe(0);
    expect(stopped.logs.filter((line) => line.msg === BUFFERED_LINE)).toEqual([]);
    const delivery = auditDelivery(records(), required);
    expect(delivery.gaps).toEqual([]);
    expect(delivery.duplicates).toBe(0);
    expect(serviceHealthEvents(records())).toEqual(expectedEvents);
  });

  it('stops within its bounds on SIGTERM while the backend hangs, having committed nothing undelivered', async () => {
    const { config, required } = await scenario('shutdown', '{ maxSize: 64MiB, maxBackoff: 2s }');
    simulator.serviceHealth.setStep(2);
    const truth = simulator.truth.serviceHealth();
    const firstRecord = sink.logRecords.length;
    await relay.setMode({ kind: 'hanging' });
    const collector = startCollectorProcess(['run', '--config', config], ENV());
    await bufferedBatches(collector, 1 + CONTENT_TYPES.length);
    const stopped = await collector.kill('SIGTERM');
    expect(stopped.code, explain(stopped)).toBe(0);
    expect(stopped.logs.some((line) => line.msg === 'stopped')).toBe(true);
    expect(sink.logRecords.length).toBe(firstRecord);

    await relay.setMode({ kind: 'up' });
    const restart = await runCollector(['run', '--once', '--config', config], ENV());
    expect(restart.code, explain(restart)).toBe(0);
    const records = sink.logRecords.slice(firstRecord);
    const delivery = auditDelivery(records, required);
    expect(delivery.gaps).toEqual([]);
    expect(delivery.duplicates).toBe(0);
    expect(serviceHealthEvents(records)).toEqual(expectedServiceHealthEvents(undefined, truth));
  });
});
