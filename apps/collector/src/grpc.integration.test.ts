import {
  type CapturedRequest,
  decodeExportLogsRequest,
  decodeExportMetricsRequest,
  decodeJsonExports,
  decodeJsonLogs,
  type OtlpSink,
  startOtlpSink,
} from '@m365-otel/otlp-sink';
import { createTestPki, type TestPki } from '@m365-otel/test-pki';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulatedRun } from './__fixtures__/simulated-run.js';

// OTLP/gRPC export end to end: `run --once` against the simulated tenant, exporting to the sink's gRPC listener
// (plaintext, and TLS with the test CA). What arrives is compared with what the same run delivers over OTLP/HTTP,
// and the acknowledgement rules are the HTTP ones: a refusal or a partial success exits 1.

const run = simulatedRun({ seed: 11, users: 20 });
let pki: TestPki;
let tlsSink: OtlpSink;

beforeAll(async () => {
  run.simulator.serviceHealth.setStep(1);
  pki = await createTestPki();
  tlsSink = await startOtlpSink({ grpcTls: { keyPem: pki.serverKeyPem, certPem: pki.serverCertPem } });
});
afterAll(async () => {
  await tlsSink?.close();
  pki?.cleanup();
});
beforeEach(() => {
  run.sink.requests.length = 0;
  run.sink.respondWith(200);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A config in a fresh directory (so a fresh state: every current issue and message is announced). */
function writeConfig(otlp: string): string {
  return run.writeConfig('serviceHealth: { messages: true }\n', { otlp }).file;
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
    const overHttp = await run.once(writeConfig(`{ endpoint: "${run.sink.url}", protocol: http/json }`));
    expect(overHttp.code, overHttp.stderr).toBe(0);
    const httpPoints = decodeJsonExports(run.sink.requests);
    const httpEvents = decodeJsonLogs(run.sink.requests);
    run.sink.requests.length = 0;

    const overGrpc = await run.once(writeConfig(`{ endpoint: "${run.sink.grpcUrl}", protocol: grpc }`), {
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=grpc-key',
    });
    expect(overGrpc.code, overGrpc.stderr).toBe(0);
    expect(run.sink.requests.every((request) => request.transport === 'grpc' && request.status === 200)).toBe(
      true,
    );
    expect(run.sink.requests.map((request) => request.headers['x-api-key'])).toEqual(
      run.sink.requests.map(() => 'grpc-key'),
    );
    const points = grpcPoints(run.sink.requests);
    expect(tenantValues(points).length).toBeGreaterThan(0);
    expect(tenantValues(points)).toEqual(tenantValues(httpPoints));
    const events = grpcEvents(run.sink.requests);
    expect(events.map((event) => event.eventName).sort()).toEqual([
      'm365.service.issue',
      'm365.service.message',
    ]);
    expect(eventValues(events.map((event) => ({ ...event, scope: event.scope.name })))).toEqual(
      eventValues(httpEvents),
    );
  });

  it('exits 1 when the backend refuses the export', async () => {
    run.sink.respondWith(503);
    const { code, stderr } = await run.once(
      writeConfig(`{ endpoint: "${run.sink.grpcUrl}", protocol: grpc }`),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('export not acknowledged by the OTLP backend');
    expect(run.sink.requests.every((request) => request.status === 503)).toBe(true);
  });

  it('exits 1 on a partial success, counts the rejected items and never sends them again', async () => {
    const file = writeConfig(`{ endpoint: "${run.sink.grpcUrl}", protocol: grpc }`);
    run.sink.respondWithPartialSuccess('/v1/logs', 1, 'log record too large');
    const partial = await run.once(file);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain(
      'the OTLP backend rejected 1 log record of the request (a partial success; they are not sent again): log record too large',
    );
    // One request for the tenant's events: the exporter did not retry the answer.
    expect(grpcRequests(run.sink.requests, '/v1/logs')).toHaveLength(1);
    const rejected = grpcPoints(run.sink.requests).filter(
      (point) => point.metric === 'm365otel.export.rejected',
    );
    expect(rejected.map(({ attributes, value }) => ({ ...attributes, value }))).toEqual([
      { 'm365otel.signal': 'logs', value: 1 },
    ]);

    // The events accepted in part are committed: the next run announces nothing again.
    run.sink.respondWith(200);
    run.sink.requests.length = 0;
    const next = await run.once(file);
    expect(next.code, next.stderr).toBe(0);
    expect(grpcEvents(run.sink.requests)).toEqual([]);
  });

  it('speaks TLS to an https endpoint, trusting OTEL_EXPORTER_OTLP_CERTIFICATE', async () => {
    const file = writeConfig(`{ endpoint: "${tlsSink.grpcUrl}", protocol: grpc }`);
    expect(tlsSink.grpcUrl).toMatch(/^https:/);
    const untrusted = await run.once(file);
    expect(untrusted.code).toBe(1);
    expect(tlsSink.requests).toEqual([]);

    // The SDK's gRPC exporter reads the TLS variables from the process environment itself.
    vi.stubEnv('OTEL_EXPORTER_OTLP_CERTIFICATE', pki.caFile);
    const trusted = await run.once(writeConfig(`{ endpoint: "${tlsSink.grpcUrl}", protocol: grpc }`));
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(grpcPoints(tlsSink.requests).length).toBeGreaterThan(0);
    expect(grpcEvents(tlsSink.requests).length).toBeGreaterThan(0);
  });
});
