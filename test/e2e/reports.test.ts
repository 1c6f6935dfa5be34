import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeJsonExports, startOtlpSink } from '@m365-otel/otlp-sink';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { createTestPki, type TestPki } from '@m365-otel/test-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollector, runCollectorOnce } from './support/collector-cli.js';
import { simulatorTenantYaml, writeCollectorConfig } from './support/collector-config.js';
import { expectedFromTruth, seriesKey } from './support/expected.js';
import { type MetricBackends, startMetricBackends } from './support/metric-backends.js';
import { type OtelCollector, startCollector } from './support/otelcol.js';
import type { Prometheus } from './support/prometheus.js';
import { type MetricStore, type PromSample, sampleAttributes, tenantSeriesSince } from './support/promql.js';
import type { VictoriaMetrics } from './support/victoria-metrics.js';

const REPORT_METRICS = [
  'm365.email.messages',
  'm365.email.active_users',
  'm365.email.meetings',
  'm365.mailbox.count',
  'm365.mailbox.quota.mailboxes',
  'm365.mailbox.storage.usage',
  'm365.mailbox.items',
];
const DATAPOINT_LABELS = new Set([
  'm365.email.action',
  'm365.email.meeting.action',
  'm365.mailbox.state',
  'm365.mailbox.quota.status',
  'm365.mailbox.item.state',
  'm365.report.name',
]);

let simulator: RunningSimulator;
let backends: MetricBackends;
let vm: VictoriaMetrics;
let prometheus: Prometheus;
let otelcol: OtelCollector;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-'));
  [simulator, backends] = await Promise.all([
    startSimulator({ seed: 7, users: 400, dataDir: join(workDir, 'simulator') }),
    startMetricBackends(),
  ]);
  ({ vm, prometheus, otelcol } = backends);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), backends?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

interface ConfigOptions {
  credential: 'secret' | 'certificate';
  endpoint: string;
  protocol: 'http/protobuf' | 'http/json' | 'grpc';
}

function writeConfig(name: string, options: ConfigOptions): Promise<string> {
  const credential =
    options.credential === 'secret'
      ? undefined
      : [
          '    certificate:',
          `      keyFile: ${simulator.certificate.keyFile}`,
          `      certFile: ${simulator.certificate.certFile}`,
        ];
  return writeCollectorConfig(join(workDir, `${name}.yaml`), [
    ...simulatorTenantYaml(simulator, credential),
    'reports: { enabled: true, period: D7, interval: 6h, time: latest }',
    // A state of its own: each config is a deployment reading every report, not one that read them already.
    `state: { directory: ${join(workDir, `${name}-state`)} }`,
    `export: { otlp: { endpoint: ${options.endpoint}, protocol: ${options.protocol} } }`,
  ]);
}

/**
 * Every report series in a metric store for this tenant with a sample at or after `sinceMs` (so one run's export
 * is told apart from an earlier run's), keyed like the expectation.
 */
async function seriesIn(store: MetricStore, sinceMs: number): Promise<Map<string, number>> {
  const expected = expectedFromTruth(simulator).points;
  const found = new Map<string, number>();
  for (const metric of REPORT_METRICS) {
    const count = expected.filter((p) => p.metric === metric).length;
    const query = tenantSeriesSince(store, metric, simulator.tenantId, sinceMs);
    for (const sample of await store.queryUntil(query, (samples) => samples.length >= count)) {
      found.set(seriesKey(metric, sampleAttributes(store, sample, DATAPOINT_LABELS)), sample.value);
    }
  }
  return found;
}

function expectedSeries(): Map<string, number> {
  return new Map(
    expectedFromTruth(simulator).points.map((p) => [seriesKey(p.metric, p.attributes), p.value]),
  );
}

/**
 * What a metric store must hold after one run that started at `startedMs` and ended at `finishedMs`, whichever
 * way the data came: the ground truth, the resource, and report ages that fit the run's time.
 */
async function expectGroundTruthIn(store: MetricStore, startedMs: number, finishedMs: number): Promise<void> {
  expect(await seriesIn(store, startedMs), store.name).toEqual(expectedSeries());

  // The resource carries the tenant and the service; every series of one tenant shares them.
  const [storage] = await store.query(`{__name__="${store.metricName('m365.mailbox.storage.usage')}"}`);
  expect(storage && sampleAttributes(store, storage, ['m365.tenant.id', 'service.name'])).toEqual({
    'm365.tenant.id': simulator.tenantId,
    'service.name': 'm365-otel',
  });

  // Report age: collection time minus 00:00 UTC of the report day the gauges show.
  // Every report enabled by default has an age; those of the e-mail and mailbox reports are checked here.
  const { reportDays } = expectedFromTruth(simulator);
  const reportName = (sample: PromSample) =>
    sampleAttributes(store, sample, ['m365.report.name'])['m365.report.name'];
  const ages = (
    await store.queryUntil(
      tenantSeriesSince(store, 'm365.report.age', simulator.tenantId, startedMs),
      (samples) =>
        samples.filter((sample) => reportDays.has(reportName(sample) ?? '')).length >= reportDays.size,
    )
  ).filter((sample) => reportDays.has(reportName(sample) ?? ''));
  expect(new Set(ages.map(reportName))).toEqual(new Set(reportDays.keys()));
  for (const age of ages) {
    const dayStartMs = Date.parse(`${reportDays.get(reportName(age) ?? '')}T00:00:00Z`);
    expect(age.value).toBeGreaterThanOrEqual((startedMs - dayStartMs) / 1000 - 1);
    expect(age.value).toBeLessThanOrEqual((finishedMs - dayStartMs) / 1000 + 1);
  }
}

describe('run --once: simulated tenant -> collector CLI -> real OTLP backends', () => {
  it('exports exactly the ground truth to VictoriaMetrics over OTLP/HTTP protobuf, with a client secret', async () => {
    const before = simulator.stats();
    const startedMs = Date.now();
    const config = await writeConfig('secret-protobuf', {
      credential: 'secret',
      endpoint: vm.otlpBaseUrl,
      protocol: 'http/protobuf',
    });
    const run = await runCollectorOnce(config, simulator);
    const finishedMs = Date.now();
    expect(run.code, run.stderr).toBe(0);

    await expectGroundTruthIn(vm, startedMs, finishedMs);

    // The bearer token never reached the pre-authenticated download host, and the secret is in no log line.
    // One download per report the run said it reads.
    const reads = run.logs.find((line) => line.msg === 'starting')?.reports as string[] | undefined;
    const after = simulator.stats();
    expect(after.downloads - before.downloads).toBe(reads?.length);
    expect(after.downloadsWithAuthorization).toBe(0);
    expect(run.stderr).not.toContain(simulator.clientSecret);
  });

  it('exports the same truth over OTLP/HTTP JSON with a certificate credential', async () => {
    const sink = await startOtlpSink();
    const endpoint = sink.url;
    try {
      const config = await writeConfig('certificate-json', {
        credential: 'certificate',
        endpoint,
        protocol: 'http/json',
      });
      const run = await runCollector(['run', '--once', '--config', config]);
      expect(run.code, run.stderr).toBe(0);
      expect(new Set(sink.requests.map((r) => r.headers['content-type']))).toEqual(
        new Set(['application/json']),
      );

      const tenantPoints = decodeJsonExports(sink.requests).filter(
        (p) => p.resource['m365.tenant.id'] === simulator.tenantId && REPORT_METRICS.includes(p.metric),
      );
      expect(new Map(tenantPoints.map((p) => [seriesKey(p.metric, p.attributes), p.value]))).toEqual(
        expectedSeries(),
      );
    } finally {
      await sink.close();
    }
  });

  it.each(['http/protobuf', 'http/json', 'grpc'] as const)(
    'exports the same truth over %s through a real OpenTelemetry Collector to VictoriaMetrics and Prometheus',
    async (protocol) => {
      // Each run in a later second than the previous one ended: the series filter compares whole seconds.
      await sleep(1000 - (Date.now() % 1000) + 5);
      const startedMs = Date.now();
      const config = await writeConfig(`collector-${protocol.replace('/', '-')}`, {
        credential: 'secret',
        // A gRPC endpoint is used as is (no /v1/metrics); the Collector's otlp receiver listens for both.
        endpoint: protocol === 'grpc' ? `http://${otelcol.otlpGrpcEndpoint}` : otelcol.otlpHttpUrl,
        protocol,
      });
      const run = await runCollectorOnce(config, simulator);
      const finishedMs = Date.now();
      expect(run.code, run.stderr).toBe(0);

      // The Collector fans out: the same values reach VictoriaMetrics over OTLP and Prometheus by remote write.
      await expectGroundTruthIn(vm, startedMs, finishedMs);
      await expectGroundTruthIn(prometheus, startedMs, finishedMs);
      // Prometheus 2.53 stores the translated names only: the dotted PromQL of VictoriaMetrics finds nothing there.
      expect(await prometheus.query('{__name__="m365.email.messages"}')).toEqual([]);
    },
  );

  it('rides out throttling, server errors, resets, truncated bodies and an expired token, and still succeeds', async () => {
    const faults = [
      { kind: '429', report: 'getEmailActivityCounts', retryAfterSeconds: 1 },
      { kind: '429-http-date', report: 'getMailboxUsageStorage', retryAfterSeconds: 1 },
      { kind: '429-no-retry-after', report: 'getEmailActivityUserCounts' },
      { kind: '503', report: 'getMailboxUsageMailboxCounts', times: 2 },
      { kind: 'reset', target: 'download', report: 'getMailboxUsageDetail' },
      { kind: 'truncated', target: 'download', report: 'getMailboxUsageQuotaStatusMailboxCounts' },
      { kind: 'expired-token' },
    ] as const;
    for (const fault of faults) simulator.faults.inject(fault);
    const before = simulator.stats();
    const startedMs = Date.now();

    const config = await writeConfig('throttled', {
      credential: 'secret',
      endpoint: vm.otlpBaseUrl,
      protocol: 'http/protobuf',
    });
    const run = await runCollectorOnce(config, simulator);
    expect(run.code, run.stderr).toBe(0);
    const served = simulator.stats().faultsServed - before.faultsServed;
    expect(served).toBe(faults.reduce((n, f) => n + ('times' in f ? f.times : 1), 0));
    expect(await seriesIn(vm, startedMs)).toEqual(expectedSeries());
  });

  it('fails with exit code 1 and names the AADSTS code when the secret is wrong, without logging it', async () => {
    const config = await writeConfig('bad-secret', {
      credential: 'secret',
      endpoint: vm.otlpBaseUrl,
      protocol: 'http/protobuf',
    });
    const wrongSecret = 'not-the-secret~0123456789abcdef';
    const run = await runCollectorOnce(config, { clientSecret: wrongSecret });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('AADSTS7000215');
    expect(run.stderr).not.toContain(wrongSecret);
  });
});

describe('run --once through a Collector that serves TLS and requires a bearer token, as a gateway does', () => {
  const PROTOCOLS = ['grpc', 'http/protobuf'] as const;
  type Protocol = (typeof PROTOCOLS)[number];
  const token = randomBytes(24).toString('base64url');
  let pki: TestPki;
  let gateway: OtelCollector;

  beforeAll(async () => {
    pki = await createTestPki();
    gateway = await startCollector({
      metricsOtlpBaseUrl: vm.otlpBaseUrl,
      guard: { serverCertPem: pki.serverCertPem, serverKeyPem: pki.serverKeyPem, bearerToken: token },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    pki?.cleanup();
  });

  /** What the OTLP spec gives an exporter for a gateway: its CA and its headers, URL-encoded, in the environment. */
  async function runThroughGateway(protocol: Protocol, exporterEnv: Record<string, string>) {
    const config = await writeConfig(`gateway-${protocol.replace('/', '-')}`, {
      credential: 'secret',
      endpoint: protocol === 'grpc' ? `https://${gateway.otlpGrpcEndpoint}` : gateway.otlpHttpUrl,
      protocol,
    });
    return runCollectorOnce(config, simulator, exporterEnv);
  }

  /** The reasons the collector logged for exports the backend did not acknowledge. */
  function exportErrors(run: CliRun): string {
    return run.logs
      .filter((line) => line.msg === 'export not acknowledged by the OTLP backend')
      .flatMap((line) => line.errors as string[])
      .join('\n');
  }

  it.each(PROTOCOLS)(
    'exports the ground truth over %s with https, the CA in OTEL_EXPORTER_OTLP_CERTIFICATE and the token in OTEL_EXPORTER_OTLP_HEADERS',
    async (protocol) => {
      await sleep(1000 - (Date.now() % 1000) + 5);
      const startedMs = Date.now();
      const run = await runThroughGateway(protocol, {
        OTEL_EXPORTER_OTLP_CERTIFICATE: pki.caFile,
        OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer%20${token}`,
      });
      const finishedMs = Date.now();
      expect(run.code, run.stderr).toBe(0);
      await expectGroundTruthIn(vm, startedMs, finishedMs);
      expect(run.stderr).not.toContain(token);
    },
  );

  it.each(PROTOCOLS)(
    'exits 1 over %s when the Collector refuses a missing or wrong token, without logging the token',
    async (protocol) => {
      const missing = await runThroughGateway(protocol, { OTEL_EXPORTER_OTLP_CERTIFICATE: pki.caFile });
      expect(missing.code, missing.stderr).toBe(1);
      expect(exportErrors(missing)).toMatch(
        protocol === 'grpc' ? /UNAUTHENTICATED: missing or empty authorization header/ : /Unauthorized/,
      );

      const wrongToken = randomBytes(24).toString('base64url');
      const wrong = await runThroughGateway(protocol, {
        OTEL_EXPORTER_OTLP_CERTIFICATE: pki.caFile,
        OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer%20${wrongToken}`,
      });
      expect(wrong.code, wrong.stderr).toBe(1);
      expect(exportErrors(wrong)).toMatch(protocol === 'grpc' ? /UNAUTHENTICATED/ : /Unauthorized/);
      expect(wrong.stderr).not.toContain(wrongToken);
      expect(wrong.stderr).not.toContain(token);
    },
  );

  it.each(PROTOCOLS)("exits 1 over %s when the Collector's certificate is not trusted", async (protocol) => {
    const run = await runThroughGateway(protocol, {
      OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer%20${token}`,
    });
    expect(run.code, run.stderr).toBe(1);
    expect(exportErrors(run)).toMatch(/unable to verify the first certificate/);
    expect(run.stderr).not.toContain(token);
  });
});
