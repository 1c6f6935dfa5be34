// The example Collector pipelines of docs/backends.md, run as shipped: the real Collector started on the file in
// docs/examples (only its listening addresses and backend URLs overridden with `--set`, its `${env:...}` from the
// environment), fed what one `m365-otel run --once` exported, into the real Prometheus and VictoriaMetrics where the
// backend installs here and into an OTLP receiver standing in for the others (Loki, Elastic, a vendor), which shows
// what leaves the Collector. One m365-otel run for all: its requests are recorded once and replayed to each example.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { listening, otelcolBinary } from '@m365-otel/otelcol';
import {
  type CapturedRequest,
  decodeExportLogsRequest,
  decodeExportMetricsRequest,
  type OtlpSink,
  type ReceivedLogRecord,
  startOtlpSink,
} from '@m365-otel/otlp-sink';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollectorOnce } from './support/collector-cli.js';
import { simulatorTenantEntry, writeCollectorConfig } from './support/collector-config.js';
import { type Daemon, onFreePorts, startDaemon } from './support/daemon.js';
import { repoRoot } from './support/examples.js';
import { type Prometheus, startPrometheus } from './support/prometheus.js';
import { startVictoriaMetrics, type VictoriaMetrics } from './support/victoria-metrics.js';

// Names as docs/metrics.md declares them, written here so that a renamed event or attribute fails this test.
const AUDIT_EVENT = 'm365.audit.record';
const CONTENT_TYPE = 'm365.audit.content_type';
const TENANT = 'm365.tenant.id';
const HEALTHY = 'm365.service.healthy';
/** The examples' batch processor flushes after 200 ms; what has not arrived a while after that is not coming. */
const SETTLE_MS = 1_000;

let workDir: string;
let simulator: RunningSimulator;
let prometheus: Prometheus;
let vm: VictoriaMetrics;
/** What m365-otel exported (and the recorder acknowledged), in order. */
let exported: CapturedRequest[];
let exportedLogs: ReceivedLogRecord[];
let exportedPoints: number;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-pipelines-'));
  let recorder: OtlpSink;
  [simulator, recorder, prometheus, vm] = await Promise.all([
    startSimulator({ seed: 41, dataDir: join(workDir, 'simulator') }),
    startOtlpSink(),
    startPrometheus(),
    startVictoriaMetrics(),
  ]);
  try {
    // Metrics (service health and the collector's own), events of two names and audit records of two content
    // types: enough for the Loki example's streams to differ. The audit log needs the Management Activity API's
    // host beside the others.
    const tenant = simulatorTenantEntry(simulator).map((line) =>
      line.startsWith('    endpoints:')
        ? `    endpoints: { authority: ${simulator.authorityUrl}, graph: ${simulator.graphUrl}, management: ${simulator.managementUrl} }`
        : line,
    );
    const config = await writeCollectorConfig(join(workDir, 'm365-otel.yaml'), [
      'tenants:',
      ...tenant,
      'reports: { enabled: false }',
      'serviceHealth: { enabled: true, messages: true }',
      'audit: { enabled: true, startFrom: 2h, contentTypes: [Audit.Exchange, Audit.SharePoint] }',
      `state: { directory: ${join(workDir, 'state')} }`,
      `export: { otlp: { endpoint: ${recorder.url}, protocol: http/protobuf } }`,
    ]);
    const run = await runCollectorOnce(config, simulator);
    expect(run.code, run.stderr.slice(-3_000)).toBe(0);
    exported = recorder.requests.filter((request) => request.status === 200);
    exportedLogs = recorder.logRecords;
    exportedPoints = exported
      .filter((request) => request.path === '/v1/metrics')
      .reduce((sum, request) => sum + request.records, 0);
  } finally {
    await recorder.close();
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([simulator?.close(), prometheus?.stop(), vm?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

interface RunningExample {
  /** The OTLP/HTTP receiver's base URL. */
  url: string;
  healthPort: number;
  daemon: Daemon;
}

interface ExampleSetup {
  /** `--set` overrides: the backend's address, a directory. */
  set?: Record<string, string>;
  /** The variables the example reads. */
  env?: Record<string, string>;
  /** The example has the health_check extension: move it to a free port too. */
  healthCheck?: boolean;
}

/**
 * Starts the Collector on `docs/examples/<name>` with its receivers (and health check) on free loopback ports, no
 * self-monitoring endpoint (its fixed port is shared by parallel test files), and the setup's overrides.
 */
async function startExample(name: string, setup: ExampleSetup): Promise<RunningExample> {
  return onFreePorts(3, async ([httpPort = 0, grpcPort = 0, healthPort = 0]) => {
    const overrides: Record<string, string> = {
      'receivers::otlp::protocols::http::endpoint': `127.0.0.1:${httpPort}`,
      'receivers::otlp::protocols::grpc::endpoint': `127.0.0.1:${grpcPort}`,
      'service::telemetry::metrics::level': 'none',
      ...(setup.healthCheck && { 'extensions::health_check::endpoint': `127.0.0.1:${healthPort}` }),
      ...setup.set,
    };
    const args = [
      `--config=${join(repoRoot, 'docs/examples', name)}`,
      ...Object.entries(overrides).map(([key, value]) => `--set=${key}=${value}`),
    ];
    const daemon = await startDaemon(
      `the Collector on ${name}`,
      otelcolBinary(),
      args,
      async () => listening(httpPort),
      setup.env,
    );
    return { url: `http://127.0.0.1:${httpPort}`, healthPort, daemon };
  });
}

/** Sends what m365-otel exported to the example, as m365-otel sent it; resolves with the status of each request. */
async function replay(example: RunningExample, path?: '/v1/logs' | '/v1/metrics'): Promise<number[]> {
  const statuses: number[] = [];
  for (const request of exported.filter((candidate) => path === undefined || candidate.path === path)) {
    const headers: Record<string, string> = { 'content-type': request.contentType };
    const encoding = request.headers['content-encoding'];
    if (typeof encoding === 'string') headers['content-encoding'] = encoding;
    const response = await fetch(`${example.url}${request.path}`, {
      method: 'POST',
      headers,
      body: new Uint8Array(request.body),
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

interface Delivery {
  points: number;
  logs: number;
}

/** The data points and log records the sink accepted, once at least `expected` have arrived (15 s at most). */
async function delivered(sink: OtlpSink, expected: Delivery): Promise<Delivery> {
  const count = (): Delivery => ({
    points: sink.requests
      .filter((request) => request.path === '/v1/metrics' && request.status === 200)
      .reduce((sum, request) => sum + request.records, 0),
    logs: sink.logRecords.length,
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const now = count();
    if (now.logs >= expected.logs && now.points >= expected.points) break;
    await sleep(100);
  }
  // Anything beyond the expected count (a duplicate) would come within a batch interval.
  await sleep(SETTLE_MS);
  return count();
}

/** The decoded data points of the requests the sink accepted. */
function sinkPoints(sink: OtlpSink) {
  return sink.requests
    .filter((request) => request.path === '/v1/metrics' && request.status === 200)
    .flatMap((request) => decodeExportMetricsRequest(unzipped(request), request.encoding ?? 'protobuf'));
}

/** A request's body uncompressed (the sink keeps it as sent). */
function unzipped(request: CapturedRequest): Uint8Array {
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
}

describe('the example pipelines of docs/backends.md, run by the real Collector', () => {
  it('m365-otel exported metrics, events and audit records of two content types to replay', () => {
    expect(exportedPoints).toBeGreaterThan(0);
    const names = new Set(exportedLogs.map((record) => record.eventName));
    expect([...names]).toContain(AUDIT_EVENT);
    expect(names.size).toBeGreaterThan(1);
    const contentTypes = new Set(
      exportedLogs.filter((r) => r.eventName === AUDIT_EVENT).map((r) => r.attributes[CONTENT_TYPE]),
    );
    expect(contentTypes.size).toBe(2);
    // The replay decodes as m365-otel sent it.
    const logRequests = exported.filter((request) => request.path === '/v1/logs');
    expect(
      logRequests.flatMap((request) => decodeExportLogsRequest(unzipped(request), 'protobuf')).length,
    ).toBe(exportedLogs.length);
  });

  it('otelcol-prometheus.yaml writes every tenant series, with m365_tenant_id, into the real Prometheus, and takes the log records', async () => {
    const example = await startExample('otelcol-prometheus.yaml', {
      set: { 'exporters::prometheus_remote_write::endpoint': prometheus.remoteWriteUrl },
    });
    try {
      expect(new Set(await replay(example, '/v1/metrics'))).toEqual(new Set([200]));
      // Without its logs pipeline the Collector answers 404 and m365-otel's events and audit records fail.
      expect(new Set(await replay(example, '/v1/logs'))).toEqual(new Set([200]));
      const query = `${prometheus.metricName(HEALTHY)}{${prometheus.labelName(TENANT)}="${simulator.tenantId}"}`;
      const samples = await prometheus.queryUntil(query, (found) => found.length > 0);
      expect(samples.length, `${query}\n${example.daemon.stderr().slice(-2_000)}`).toBeGreaterThan(0);
    } finally {
      await example.daemon.stop();
    }
  });

  it('otelcol-victoriametrics.yaml writes them, names and attributes as sent, into the real VictoriaMetrics', async () => {
    const example = await startExample('otelcol-victoriametrics.yaml', {
      set: { 'exporters::otlp_http/victoriametrics::endpoint': vm.otlpBaseUrl },
    });
    try {
      expect(new Set(await replay(example, '/v1/metrics'))).toEqual(new Set([200]));
      const query = `{__name__="${HEALTHY}","${TENANT}"="${simulator.tenantId}"}`;
      const samples = await vm.queryUntil(query, (found) => found.length > 0);
      expect(samples.length, `${query}\n${example.daemon.stderr().slice(-2_000)}`).toBeGreaterThan(0);
    } finally {
      await example.daemon.stop();
    }
  });

  it("otelcol-sidecar.yaml answers with the backend's outcome and keeps nothing it was refused", async () => {
    await throughExample(
      'otelcol-sidecar.yaml',
      (backend) => ({ env: { OTLP_BACKEND_ENDPOINT: backend.url }, healthCheck: true }),
      async (example, backend) => {
        // The kubelet's probes.
        expect((await fetch(`http://127.0.0.1:${example.healthPort}/`)).status).toBe(200);
        // The backend is down (503): m365-otel must hear a retryable failure, not a success it would commit on.
        backend.respondWith(503);
        const refused = await replay(example, '/v1/logs');
        expect(refused.length).toBeGreaterThan(0);
        expect(
          refused.every((status) => status === 503),
          `statuses ${refused}`,
        ).toBe(true);
        // Back up: everything is taken, and nothing of the refused round arrives besides (no queue kept it).
        backend.respondWith(200);
        await expectAllForwarded(example, backend);
        expectEveryForwardedRequest(backend, { 'content-encoding': 'gzip' });
      },
    );
  });

  it('otelcol-vendor-otlp.yaml sends both signals, gzipped, with the credential from the environment', async () => {
    const authorization = 'Basic dGVzdDpzZWNyZXQ=';
    await throughExample(
      'otelcol-vendor-otlp.yaml',
      (backend) => ({
        env: { OTLP_VENDOR_ENDPOINT: backend.url, OTLP_VENDOR_AUTHORIZATION: authorization },
      }),
      async (example, backend) => {
        await expectAllForwarded(example, backend);
        expectEveryForwardedRequest(backend, { authorization, 'content-encoding': 'gzip' });
      },
    );
  });

  it('otelcol-loki.yaml gives each tenant, event name and audit content type a resource (a Loki stream) of its own', async () => {
    await throughExample(
      'otelcol-loki.yaml',
      (backend) => ({ set: { 'exporters::otlp_http/loki::endpoint': backend.url } }),
      async (example, backend) => {
        await expectAllForwarded(example, backend, '/v1/logs');
        const streams = new Set<string>();
        for (const record of backend.logRecords) {
          expect(record.resource[TENANT]).toBe(simulator.tenantId);
          expect(record.resource['event.name']).toBe(record.eventName);
          expect(record.attributes).not.toHaveProperty('event.name');
          if (record.eventName === AUDIT_EVENT) {
            expect(record.resource[CONTENT_TYPE]).toMatch(/^Audit\./);
            expect(record.attributes).not.toHaveProperty(CONTENT_TYPE);
          }
          streams.add(
            JSON.stringify([record.resource[TENANT], record.eventName, record.resource[CONTENT_TYPE]]),
          );
        }
        // Both audit content types and at least one other event.
        expect(streams.size).toBeGreaterThanOrEqual(3);
      },
    );
  });

  it('otelcol-elastic.yaml sends both signals with the API key, to the m365 data stream, through its disk queue', async () => {
    const queue = join(workDir, 'elastic-queue');
    await throughExample(
      'otelcol-elastic.yaml',
      (backend) => ({
        set: { 'extensions::file_storage/queue::directory': queue },
        env: { ELASTIC_OTLP_ENDPOINT: backend.url, ELASTIC_API_KEY: 'test-key' },
      }),
      async (example, backend) => {
        await expectAllForwarded(example, backend);
        expectEveryForwardedRequest(backend, {
          authorization: 'ApiKey test-key',
          'content-encoding': 'gzip',
        });
        const datasets = [
          ...backend.logRecords.map((record) => record.resource['data_stream.dataset']),
          ...sinkPoints(backend).map((point) => point.resource['data_stream.dataset']),
        ];
        expect(new Set(datasets)).toEqual(new Set(['m365']));
        // The queue lives on disk, where the volume is.
        expect((await readdir(queue)).length).toBeGreaterThan(0);
      },
    );
  });

  it('otelcol-gateway.yaml forwards both signals', async () => {
    await throughExample(
      'otelcol-gateway.yaml',
      (backend) => ({ set: { 'exporters::otlp_http::endpoint': backend.url } }),
      (example, backend) => expectAllForwarded(example, backend),
    );
  });
});

/**
 * Runs the example with an OTLP receiver standing in for its backend (`setup` points the example at it), and `check`
 * on both; stops both however `check` ends.
 */
async function throughExample(
  name: string,
  setup: (backend: OtlpSink) => ExampleSetup,
  check: (example: RunningExample, backend: OtlpSink) => Promise<void>,
): Promise<void> {
  const backend = await startOtlpSink();
  try {
    const example = await startExample(name, setup(backend));
    try {
      await check(example, backend);
    } finally {
      await example.daemon.stop();
    }
  } finally {
    await backend.close();
  }
}

/** Replays m365-otel's export (one signal, or both), every request accepted, and all of it reaches the backend. */
async function expectAllForwarded(
  example: RunningExample,
  backend: OtlpSink,
  path?: '/v1/logs' | '/v1/metrics',
): Promise<void> {
  expect(new Set(await replay(example, path))).toEqual(new Set([200]));
  const expected = {
    points: path === '/v1/logs' ? 0 : exportedPoints,
    logs: path === '/v1/metrics' ? 0 : exportedLogs.length,
  };
  expect(await delivered(backend, expected)).toEqual(expected);
}

/** Every request the backend accepted carried these headers. */
function expectEveryForwardedRequest(backend: OtlpSink, headers: Record<string, string>): void {
  const forwarded = backend.requests.filter((request) => request.status === 200);
  expect(forwarded.length).toBeGreaterThan(0);
  for (const request of forwarded) expect(request.headers).toMatchObject(headers);
}
