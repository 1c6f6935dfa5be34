import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CapturedRequest,
  decodeExportLogsRequest,
  decodeExportMetricsRequest,
  decodeJsonExports,
  decodeJsonLogs,
  type OtlpSink,
  startOtlpSink,
} from '@m365-otel/otlp-sink';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { createTestPki, type TestPki } from '@m365-otel/test-pki';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

// OTLP/gRPC export end to end: `run --once` against the simulated tenant, exporting to the sink's gRPC listener
// (plaintext, and TLS with the test CA). What arrives is compared with what the same run delivers over OTLP/HTTP,
// and the acknowledgement rules are the HTTP ones: a refusal or a partial success exits 1.

let simulator: RunningSimulator;
let sink: OtlpSink;
let pki: TestPki;
let tlsSink: OtlpSink;

beforeAll(async () => {
  simulator = await startSimulator({ seed: 11, users: 20 });
  simulator.serviceHealth.setStep(1);
  sink = await startOtlpSink();
  pki = await createTestPki();
  tlsSink = await startOtlpSink({ grpcTls: { keyPem: pki.serverKeyPem, certPem: pki.serverCertPem } });
});
afterAll(async () => {
  await sink?.close();
  await tlsSink?.close();
  pki?.cleanup();
  await simulator?.close();
});
beforeEach(() => {
  sink.requests.length = 0;
  sink.respondWith(200);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A config in a fresh directory (so a fresh state: every current issue and message is announced). */
function writeConfig(otlp: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'm365-otel-grpc-'));
  const file = join(dir, 'collector.yaml');
  writeFileSync(
    file,
    `tenants:
  - tenantId: ${simulator.tenantId}
    clientId: ${simulator.clientId}
    clientSecret: \${env:M365_CLIENT_SECRET}
    cloud: custom
    endpoints: { authority: "${simulator.authorityUrl}", graph: "${simulator.graphUrl}" }
    tls: { caFile: "${simulator.caFile}" }
serviceHealth: { messages: true }
export:
  otlp: ${otlp}
`,
  );
  return file;
}

async function runOnce(file: string, env: Record<string, string> = {}) {
  let stderr = '';
  const code = await main(['run', '--once', '--config', file], {
    env: { M365_CLIENT_SECRET: simulator.clientSecret, ...env },
    stdout: () => undefined,
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stderr };
}

const grpcRequests = (requests: readonly CapturedRequest[], path: string) =>
  requests.filter((request) => request.transport === 'grpc' && request.path === path);
const grpcPoints = (requests: readonly CapturedRequest[]) =>
  grpcRequests(requests, '/v1/metrics').flatMap((request) =>
    decodeExportMetricsRequest(request.body, 'protobuf'),
  );
const grpcEvents = (requests: readonly CapturedRequest[]) =>
  grpcRequests(requests, '/v1/logs').flatMap((request) => decodeExportLogsRequest(request.body, 'protobuf'));

/**
 * What the tenant reported, without the collection times, m365.report.age and the m365otel.source.* gauges, which
 * depend on the instant of the run (main.integration.test.ts checks the age against its own clock,
 * health.integration.test.ts the source gauges).
 */
const tenantValues = (points: ReturnType<typeof decodeJsonExports>) =>
  points
    .filter(
      (point) =>
        point.resource['m365.tenant.id'] !== undefined &&
        point.metric !== 'm365.report.age' &&
        !point.metric.startsWith('m365otel.source.'),
    )
    .map(({ resource, metric, unit, kind, attributes, value }) => ({
      resource,
      metric,
      unit,
      kind,
      attributes,
      value,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const eventValues = (events: ReturnType<typeof decodeJsonLogs>) =>
  events
    .map(({ resource, eventName, timeUnixNano, severityNumber, severityText, attributes, body }) => ({
      resource,
      eventName,
      timeUnixNano,
      severityNumber,
      severityText,
      attributes,
      body,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('run --once with export.otlp.protocol: grpc', () => {
  it('delivers the metrics and events OTLP/HTTP delivers, with the headers as metadata, and exits 0', async () => {
    const overHttp = await runOnce(writeConfig(`{ endpoint: "${sink.url}", protocol: http/json }`));
    expect(overHttp.code, overHttp.stderr).toBe(0);
    const httpPoints = decodeJsonExports(sink.requests);
    const httpEvents = decodeJsonLogs(sink.requests);
    sink.requests.length = 0;

    const overGrpc = await runOnce(writeConfig(`{ endpoint: "${sink.grpcUrl}", protocol: grpc }`), {
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=grpc-key',
    });
    expect(overGrpc.code, overGrpc.stderr).toBe(0);
    expect(sink.requests.every((request) => request.transport === 'grpc' && request.status === 200)).toBe(
      true,
    );
    expect(sink.requests.map((request) => request.headers['x-api-key'])).toEqual(
      sink.requests.map(() => 'grpc-key'),
    );
    const points = grpcPoints(sink.requests);
    expect(tenantValues(points).length).toBeGreaterThan(0);
    expect(tenantValues(points)).toEqual(tenantValues(httpPoints));
    const events = grpcEvents(sink.requests);
    expect(events.map((event) => event.eventName).sort()).toEqual([
      'm365.service.issue',
      'm365.service.message',
    ]);
    expect(eventValues(events.map((event) => ({ ...event, scope: event.scope.name })))).toEqual(
      eventValues(httpEvents),
    );
  });

  it('exits 1 when the backend refuses the export', async () => {
    sink.respondWith(503);
    const { code, stderr } = await runOnce(writeConfig(`{ endpoint: "${sink.grpcUrl}", protocol: grpc }`));
    expect(code).toBe(1);
    expect(stderr).toContain('export not acknowledged by the OTLP backend');
    expect(sink.requests.every((request) => request.status === 503)).toBe(true);
  });

  it('exits 1 on a partial success, counts the rejected items and never sends them again', async () => {
    const file = writeConfig(`{ endpoint: "${sink.grpcUrl}", protocol: grpc }`);
    sink.respondWithPartialSuccess('/v1/logs', 1, 'log record too large');
    const partial = await runOnce(file);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain(
      'the OTLP backend rejected 1 log record of the request (a partial success; they are not sent again): log record too large',
    );
    // One request for the tenant's events: the exporter did not retry the answer.
    expect(grpcRequests(sink.requests, '/v1/logs')).toHaveLength(1);
    const rejected = grpcPoints(sink.requests).filter((point) => point.metric === 'm365otel.export.rejected');
    expect(rejected.map(({ attributes, value }) => ({ ...attributes, value }))).toEqual([
      { 'm365otel.signal': 'logs', value: 1 },
    ]);

    // The events accepted in part are committed: the next run announces nothing again.
    sink.respondWith(200);
    sink.requests.length = 0;
    const next = await runOnce(file);
    expect(next.code, next.stderr).toBe(0);
    expect(grpcEvents(sink.requests)).toEqual([]);
  });

  it('speaks TLS to an https endpoint, trusting OTEL_EXPORTER_OTLP_CERTIFICATE', async () => {
    const file = writeConfig(`{ endpoint: "${tlsSink.grpcUrl}", protocol: grpc }`);
    expect(tlsSink.grpcUrl).toMatch(/^https:/);
    const untrusted = await runOnce(file);
    expect(untrusted.code).toBe(1);
    expect(tlsSink.requests).toEqual([]);

    // The SDK's gRPC exporter reads the TLS variables from the process environment itself.
    vi.stubEnv('OTEL_EXPORTER_OTLP_CERTIFICATE', pki.caFile);
    const trusted = await runOnce(writeConfig(`{ endpoint: "${tlsSink.grpcUrl}", protocol: grpc }`));
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(grpcPoints(tlsSink.requests).length).toBeGreaterThan(0);
    expect(grpcEvents(tlsSink.requests).length).toBeGreaterThan(0);
  });
});
