import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  decodeJsonExports,
  type OtlpSink,
  type ReceivedLogRecord,
  startOtlpSink,
} from '@m365-otel/otlp-sink';
import { type RunningSimulator, type ServiceHealthTruth, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollectorOnce } from './support/collector-cli.js';
import { simulatorTenantYaml, writeCollectorConfig } from './support/collector-config.js';
import { type MetricBackends, startMetricBackends } from './support/metric-backends.js';
import type { OtelCollector } from './support/otelcol.js';
import type { Prometheus } from './support/prometheus.js';
import { type MetricStore, sampleAttributes, tenantSeriesSince } from './support/promql.js';
import {
  describeEvent,
  type EventView,
  eventKey,
  expectedChanges,
  expectedHealthy,
  expectedIssueCounts,
  expectedStatusSeries,
  issueEventView,
  messageEventView,
  receivedEventView,
} from './support/service-health-expected.js';
import type { VictoriaMetrics } from './support/victoria-metrics.js';

/**
 * The scripted timeline as the contract tells it, step by step: `kind id change`. The events the test expects are
 * computed from the simulator's truth; this table is a second, literal reading that the truth must agree with, so a
 * drift of the simulator's script cannot silently shrink what is checked.
 */
const TIMELINE_EVENTS: readonly (readonly string[])[] = [
  ['message MC100001 published'],
  ['issue EX200001 opened'],
  ['issue EX200001 updated', 'issue SP200002 opened', 'message MC200001 published'],
  ['issue EX200001 updated', 'issue EX200003 opened'],
  ['issue SP200002 resolved', 'message MC200001 updated'],
  ['issue EX200001 resolved', 'issue EX200003 resolved'],
  ['issue EX200001 updated'],
];

interface Tenant {
  simulator: RunningSimulator;
  name: string;
}

let pascalSimulator: RunningSimulator;
let camelSimulator: RunningSimulator;
let backends: MetricBackends;
let vm: VictoriaMetrics;
let prometheus: Prometheus;
let receiver: OtlpSink;
let sink: OtlpSink;
let otelcol: OtelCollector;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-sh-'));
  [camelSimulator, pascalSimulator, backends, receiver, sink] = await Promise.all([
    startSimulator({ seed: 11, dataDir: join(workDir, 'simulator-camel') }),
    // Microsoft's doc examples spell enums in PascalCase; the collector must export the camelCase values anyway.
    startSimulator({ seed: 12, dataDir: join(workDir, 'simulator-pascal'), enumCase: 'pascal' }),
    startMetricBackends(),
    startOtlpSink(),
    startOtlpSink(),
  ]);
  ({ vm, prometheus, otelcol } = backends);
});

afterAll(async () => {
  await Promise.all([
    camelSimulator?.close(),
    pascalSimulator?.close(),
    backends?.stop(),
    receiver?.close(),
    sink?.close(),
  ]);
  await rm(workDir, { recursive: true, force: true });
});

/**
 * How the collector's telemetry reaches the backends: straight to them (VictoriaMetrics or the JSON sink for
 * metrics, the sink for events), or through a real OpenTelemetry Collector (VictoriaMetrics for metrics in either
 * protocol and Prometheus by remote write, its file exporter for events).
 */
type Route = 'direct' | 'collector';

type Protocol = 'http/protobuf' | 'http/json' | 'grpc';

interface RunOptions {
  route: Route;
  /** grpc only through the Collector: VictoriaMetrics takes no OTLP/gRPC. */
  protocol: Protocol;
  messages: boolean;
  /** Shared by every run of one scenario: each run is a restart that must resume from it. */
  stateDir: string;
}

async function collect(tenant: Tenant, options: RunOptions): Promise<CliRun> {
  const { simulator } = tenant;
  const config = await writeCollectorConfig(join(workDir, `${tenant.name}.yaml`), [
    ...simulatorTenantYaml(simulator),
    // Reports are covered by reports.test.ts; leaving them out keeps each of the many runs short.
    'reports: { enabled: false }',
    `serviceHealth: { enabled: true, messages: ${options.messages} }`,
    `state: { directory: ${options.stateDir} }`,
    `export: { otlp: { protocol: ${options.protocol} } }`,
  ]);
  return runCollectorOnce(config, simulator, exportEndpoints(options));
}

/** OTLP/HTTP takes one URL per signal; a gRPC endpoint serves both and is used as is. */
function exportEndpoints(options: Pick<RunOptions, 'route' | 'protocol'>): Record<string, string> {
  if (options.protocol === 'grpc') {
    if (options.route !== 'collector') throw new Error('grpc runs only through the Collector');
    return { OTEL_EXPORTER_OTLP_ENDPOINT: `http://${otelcol.otlpGrpcEndpoint}` };
  }
  return {
    OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `${metricsBaseUrl(options)}/v1/metrics`,
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${options.route === 'collector' ? otelcol.otlpHttpUrl : receiver.url}/v1/logs`,
  };
}

/** VictoriaMetrics ingests OTLP as protobuf only: directly, the JSON scenario's metrics go to the JSON sink. */
function metricsBaseUrl({ route, protocol }: Pick<RunOptions, 'route' | 'protocol'>): string {
  if (route === 'collector') return otelcol.otlpHttpUrl;
  return protocol === 'http/protobuf' ? vm.otlpBaseUrl : sink.url;
}

/**
 * The events one run delivered, waiting for `expected` of them where the route stores them after acknowledging:
 * the Collector answers on receipt and writes its file a batch later.
 */
async function deliveredEvents(route: Route, expected: number): Promise<ReceivedLogRecord[]> {
  return route === 'collector' ? otelcol.waitForLogRecords(expected) : receiver.take();
}

/**
 * Waits for the next whole second: the VictoriaMetrics filter compares sample times at one-second resolution, so
 * starting each run in a later second than the previous run ended keeps that run's samples out.
 */
async function nextSecond(): Promise<number> {
  await sleep(1000 - (Date.now() % 1000) + 5);
  return Date.now();
}

interface MetricState {
  status: Map<string, number>;
  healthy: Map<string, number>;
  issues: Map<string, number>;
}

/** This run's service-health series in a metric store: samples stamped at or after `sinceMs` only. */
async function metricsIn(store: MetricStore, tenantId: string, sinceMs: number, truth: ServiceHealthTruth) {
  const series = async (metric: string, count: number, key: (labels: Record<string, string>) => string) => {
    const query = tenantSeriesSince(store, metric, tenantId, sinceMs);
    const samples = await store.queryUntil(query, (found) => found.length >= count);
    const attributes = ['m365.service.name', 'm365.service.status', 'm365.service.issue.classification'];
    return new Map(samples.map((s) => [key(sampleAttributes(store, s, attributes)), s.value] as const));
  };
  const services = truth.overviews.length;
  const state: MetricState = {
    status: await series(
      'm365.service.status',
      services * 18,
      (l) => `${l['m365.service.name']}|${l['m365.service.status']}`,
    ),
    healthy: await series('m365.service.healthy', services, (l) => `${l['m365.service.name']}`),
    issues: await series(
      'm365.service.issues',
      services * 2,
      (l) => `${l['m365.service.name']}|${l['m365.service.issue.classification']}`,
    ),
  };
  return state;
}

/** This run's service-health points as the JSON sink decoded them (the newest point of each series). */
function metricsInSink(tenantId: string, fromIndex: number): MetricState {
  const points = decodeJsonExports(sink.requests.slice(fromIndex)).filter(
    (p) => p.resource['m365.tenant.id'] === tenantId,
  );
  const series = (metric: string, key: (a: Record<string, string>) => string) =>
    new Map(points.filter((p) => p.metric === metric).map((p) => [key(p.attributes), p.value] as const));
  return {
    status: series('m365.service.status', (a) => `${a['m365.service.name']}|${a['m365.service.status']}`),
    healthy: series('m365.service.healthy', (a) => `${a['m365.service.name']}`),
    issues: series(
      'm365.service.issues',
      (a) => `${a['m365.service.name']}|${a['m365.service.issue.classification']}`,
    ),
  };
}

function expectedMetrics(truth: ServiceHealthTruth): MetricState {
  return {
    status: expectedStatusSeries(truth),
    healthy: expectedHealthy(truth),
    issues: expectedIssueCounts(truth),
  };
}

function expectedEvents(
  before: ServiceHealthTruth | undefined,
  after: ServiceHealthTruth,
  messages: boolean,
) {
  const changes = expectedChanges(before, after, messages);
  return [
    ...changes.issues.map(({ issue, change }) => issueEventView(issue, change)),
    ...changes.messages.map(({ message, change }) => messageEventView(message, change)),
  ].sort(byKey);
}

function byKey(a: EventView, b: EventView): number {
  return eventKey(a).localeCompare(eventKey(b));
}

/** Checks what every record of one run has in common, then returns the records in the compared form. */
function eventsOfRun(
  records: ReceivedLogRecord[],
  tenant: Tenant,
  encoding: 'protobuf' | 'json',
  window: { startMs: number; endMs: number },
): EventView[] {
  for (const record of records) {
    expect(record.encoding).toBe(encoding);
    expect(record.resource).toMatchObject({
      'm365.tenant.id': tenant.simulator.tenantId,
      'service.name': 'm365-otel',
    });
    const observedMs = Number(BigInt(record.observedTimeUnixNano) / 1_000_000n);
    expect(observedMs).toBeGreaterThanOrEqual(window.startMs);
    expect(observedMs).toBeLessThanOrEqual(window.endMs);
    const types = record.attributeTypes;
    if (record.eventName === 'm365.service.issue') expect(types['m365.service.issue.resolved']).toBe('bool');
    if (record.eventName === 'm365.service.message')
      expect(types['m365.service.message.is_major_change']).toBe('bool');
    expect(record.bodyType).toBe('kvlist');
  }
  return records.map(receivedEventView).sort(byKey);
}

function notOperational(truth: ServiceHealthTruth): string {
  const list = truth.overviews
    .filter((o) => o.status !== 'serviceOperational')
    .map((o) => `${o.service}=${o.status}`);
  return list.length === 0 ? 'none' : list.join(', ');
}

interface Scenario {
  route: Route;
  tenant: Tenant;
  protocol: Protocol;
  messages: boolean;
}

/** Steps the timeline 0..6 with a collector run (a fresh process: a restart) after each step. */
async function walkTimeline({ route, tenant, protocol, messages }: Scenario): Promise<void> {
  const { simulator } = tenant;
  // The Collector's file exporter writes OTLP/JSON whatever it received.
  const encoding = protocol === 'http/protobuf' && route === 'direct' ? 'protobuf' : 'json';
  const stateDir = join(workDir, `state-${tenant.name}`);
  await mkdir(stateDir, { recursive: true });
  simulator.serviceHealth.setStep(0);
  receiver.take();
  await otelcol.takeLogRecords();
  const seen = new Set<string>();
  let before: ServiceHealthTruth | undefined;
  const summary: string[] = [];

  for (let step = 0; step <= simulator.serviceHealth.lastStep; step++) {
    if (step > 0) expect(simulator.serviceHealth.advance()).toBe(step);
    const truth = simulator.truth.serviceHealth();
    expect(truth.step).toBe(step);

    const expected = expectedEvents(before, truth, messages);
    const literal = (TIMELINE_EVENTS[step] ?? []).filter((e) => messages || !e.startsWith('message'));
    expect(expected.map((e) => describeEvent(e).replace(/ \(.*\)$/, '')).sort()).toEqual([...literal].sort());

    const sinkMark = sink.requests.length;
    const requestMark = receiver.requests.length;
    const startMs = await nextSecond();
    const run = await collect(tenant, { route, protocol, messages, stateDir });
    const endMs = Date.now();
    expect(run.code, run.stderr).toBe(0);

    const delivered = await deliveredEvents(route, expected.length);
    const received = eventsOfRun(delivered, tenant, encoding, { startMs, endMs });
    expect(received, `events after step ${step}`).toEqual(expected);
    for (const event of received) {
      expect(seen.has(eventKey(event)), `${eventKey(event)} sent twice`).toBe(false);
      seen.add(eventKey(event));
    }
    const contentType = encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json';
    for (const request of receiver.requests.slice(requestMark)) {
      expect(request).toMatchObject({ contentType, status: 200 });
    }

    const metrics =
      metricsBaseUrl({ route, protocol }) === sink.url
        ? metricsInSink(simulator.tenantId, sinkMark)
        : await metricsIn(vm, simulator.tenantId, startMs, truth);
    expect(metrics, `metrics after step ${step}`).toEqual(expectedMetrics(truth));
    if (route === 'collector') {
      // The Collector also writes the state metrics to Prometheus, where they must read the same.
      const inPrometheus = await metricsIn(prometheus, simulator.tenantId, startMs, truth);
      expect(inPrometheus, `metrics in Prometheus after step ${step}`).toEqual(expectedMetrics(truth));
    }

    summary.push(
      `  step ${step}: not operational: ${notOperational(truth)} | events: ${received.map(describeEvent).join('; ') || 'none'}`,
    );
    before = truth;
  }

  // One more restart with nothing new: nothing is announced again.
  await nextSecond();
  const quiet = await collect(tenant, { route, protocol, messages, stateDir });
  expect(quiet.code, quiet.stderr).toBe(0);
  expect(await deliveredEvents(route, 0)).toEqual([]);
  summary.push('  step 6 again: events: none');

  console.log(
    `service-health timeline over ${protocol}${route === 'collector' ? ' through the OpenTelemetry Collector' : ''} (messages ${messages ? 'on' : 'off'}):\n${summary.join('\n')}`,
  );
}

describe('service health: simulator timeline -> collector CLI (restarted every step) -> real OTLP backends', () => {
  it('exports status metrics to VictoriaMetrics and issue/message events over OTLP/HTTP protobuf', async () => {
    await walkTimeline({
      route: 'direct',
      tenant: { simulator: camelSimulator, name: 'protobuf' },
      protocol: 'http/protobuf',
      messages: true,
    });
  });

  it('exports the same over OTLP/HTTP JSON from a tenant that spells enums in PascalCase', async () => {
    await walkTimeline({
      route: 'direct',
      tenant: { simulator: pascalSimulator, name: 'json' },
      protocol: 'http/json',
      messages: false,
    });
    expect(new Set(sink.requests.map((r) => r.headers['content-type']))).toEqual(
      new Set(['application/json']),
    );
  });

  it('exports the same over OTLP/HTTP protobuf through a real OpenTelemetry Collector: metrics to VictoriaMetrics and Prometheus, events to its file exporter', async () => {
    await walkTimeline({
      route: 'collector',
      tenant: { simulator: camelSimulator, name: 'collector-protobuf' },
      protocol: 'http/protobuf',
      messages: true,
    });
  });

  it('exports the same over OTLP/HTTP JSON through the Collector, from the PascalCase tenant', async () => {
    await walkTimeline({
      route: 'collector',
      tenant: { simulator: pascalSimulator, name: 'collector-json' },
      protocol: 'http/json',
      messages: true,
    });
  });

  it('exports the same over OTLP/gRPC through the Collector', async () => {
    await walkTimeline({
      route: 'collector',
      tenant: { simulator: camelSimulator, name: 'collector-grpc' },
      protocol: 'grpc',
      messages: true,
    });
  });

  it('fails the run when the log backend refuses the events, and delivers exactly those events next time', async () => {
    const tenant: Tenant = { simulator: camelSimulator, name: 'refused' };
    const stateDir = join(workDir, 'state-refused');
    await mkdir(stateDir, { recursive: true });
    const options: RunOptions = { route: 'direct', protocol: 'http/protobuf', messages: true, stateDir };
    camelSimulator.serviceHealth.setStep(0);
    receiver.take();

    const first = await collect(tenant, options);
    expect(first.code, first.stderr).toBe(0);
    const baseline = camelSimulator.truth.serviceHealth();
    expect(receiver.take().map(receivedEventView)).toEqual(expectedEvents(undefined, baseline, true));

    // A jump of two steps: the incident is new to the collector and already degraded.
    camelSimulator.serviceHealth.setStep(2);
    const truth = camelSimulator.truth.serviceHealth();
    const missed = expectedEvents(baseline, truth, true);
    expect(missed.map(describeEvent)).toEqual([
      'issue EX200001 opened (serviceDegradation)',
      'issue SP200002 opened (serviceDegradation)',
      'message MC200001 published',
    ]);

    receiver.failNext(1);
    const refusedAt = receiver.requests.length;
    const refused = await collect(tenant, options);
    expect(refused.code, refused.stderr).toBe(1);
    // The operator sees why: an error line, not only an exit code.
    expect(refused.logs.some((line) => line.level === 'error')).toBe(true);
    expect(receiver.requests.slice(refusedAt).map((r) => r.status)).toEqual([500]);
    expect(receiver.take()).toEqual([]);

    const startMs = Date.now();
    const retried = await collect(tenant, options);
    expect(retried.code, retried.stderr).toBe(0);
    const delivered = eventsOfRun(receiver.take(), tenant, 'protobuf', { startMs, endMs: Date.now() });
    expect(delivered).toEqual(missed);

    const again = await collect(tenant, options);
    expect(again.code, again.stderr).toBe(0);
    expect(receiver.take()).toEqual([]);
    console.log(
      `refused export: run exit ${refused.code}, next run delivered ${delivered.map(describeEvent).join('; ')}, the one after: none`,
    );
  });
});
