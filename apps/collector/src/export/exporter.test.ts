import { decodeJsonExports, type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetricExporter, exportResourceMetrics } from './exporter.js';
import { buildReportMetrics } from './report-metrics.js';
import { serviceResource, tenantResource } from './resource.js';
import { SelfMetrics } from './self-metrics.js';
import { resolveExportSettings } from './settings.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const resource = serviceResource({}).resource;
if (!resource) throw new Error('no resource');
const tenantBatch = buildReportMetrics({
  resource: tenantResource(resource, 'tenant-a'),
  snapshots: [
    {
      report: 'getMailboxUsageStorage',
      reportDate: '2026-03-08',
      observations: [{ metric: 'm365.mailbox.storage.usage', attributes: {}, value: 42 }],
      refreshDate: '2026-03-08',
      days: [],
      concealedNames: undefined,
      rejectedRows: 0,
      problems: [],
    },
  ],
  enabledMetrics: new Set(['m365.mailbox.storage.usage']),
  nowMs: NOW,
});

let sink: OtlpSink;
beforeEach(async () => {
  sink = await startOtlpSink();
});
afterEach(async () => {
  await sink.close();
});

function exporterFor(env: Record<string, string>) {
  const endpoint = env.OTEL_EXPORTER_OTLP_PROTOCOL === 'grpc' ? sink.grpcUrl : sink.url;
  const { settings } = resolveExportSettings({ endpoint }, env);
  if (!settings) throw new Error('bad settings');
  return createMetricExporter(settings);
}

describe('OTLP export', () => {
  it('sends http/json to {endpoint}/v1/metrics with the OTEL_EXPORTER_OTLP_HEADERS and reports success', async () => {
    const exporter = exporterFor({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc',
    });
    const outcome = await exportResourceMetrics(exporter, [tenantBatch]);
    await exporter.shutdown();
    expect(outcome).toEqual({ ok: true, delivered: true, errors: [], rejected: 0 });
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]?.path).toBe('/v1/metrics');
    expect(sink.requests[0]?.headers['content-type']).toBe('application/json');
    expect(sink.requests[0]?.headers['x-api-key']).toBe('abc');
    expect(decodeJsonExports(sink.requests)).toEqual([
      {
        resource: expect.objectContaining({ 'm365.tenant.id': 'tenant-a', 'service.name': 'm365-otel' }),
        metric: 'm365.mailbox.storage.usage',
        unit: 'By',
        kind: 'gauge',
        attributes: {},
        value: 42,
        timeUnixNano: String(BigInt(NOW) * 1_000_000n),
        startTimeUnixNano: String(BigInt(NOW) * 1_000_000n),
      },
    ]);
  });

  it('sends protobuf by default', async () => {
    const exporter = exporterFor({});
    expect((await exportResourceMetrics(exporter, [tenantBatch])).ok).toBe(true);
    await exporter.shutdown();
    expect(sink.requests[0]?.headers['content-type']).toBe('application/x-protobuf');
    expect(sink.requests[0]?.body.length).toBeGreaterThan(0);
  });

  it.each(['http/json', 'grpc'])(
    'reports a rejected export (%s; forceFlush would hide it)',
    async (protocol) => {
      sink.respondWith(400);
      const exporter = exporterFor({ OTEL_EXPORTER_OTLP_PROTOCOL: protocol });
      const outcome = await exportResourceMetrics(exporter, [tenantBatch]);
      await exporter.shutdown();
      expect(outcome.ok).toBe(false);
      expect(outcome.errors).toHaveLength(1);
    },
  );

  it('reports an unreachable backend', async () => {
    const { settings } = resolveExportSettings(
      { endpoint: 'http://127.0.0.1:9' },
      { OTEL_EXPORTER_OTLP_TIMEOUT: '1000' },
    );
    if (!settings) throw new Error('bad settings');
    const exporter = createMetricExporter(settings);
    const outcome = await exportResourceMetrics(exporter, [tenantBatch]);
    await exporter.shutdown();
    expect(outcome.ok).toBe(false);
  });

  it('sends self-metrics on the service resource, without a tenant id', async () => {
    const self = new SelfMetrics(resource);
    self.recordFetch('getEmailActivityCounts', 'success');
    self.recordRows('getEmailActivityCounts', 7, 1);
    const exporter = exporterFor({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    expect((await exportResourceMetrics(exporter, [await self.collect()])).ok).toBe(true);
    await exporter.shutdown();
    await self.shutdown();
    const points = decodeJsonExports(sink.requests);
    expect(points.every((point) => !('m365.tenant.id' in point.resource))).toBe(true);
    expect(
      points.map(({ metric, unit, kind, attributes, value }) => ({ metric, unit, kind, attributes, value })),
    ).toEqual([
      {
        metric: 'm365otel.report.fetches',
        unit: '{fetch}',
        kind: 'sum',
        attributes: { 'm365.report.name': 'getEmailActivityCounts', 'm365otel.outcome': 'success' },
        value: 1,
      },
      {
        metric: 'm365otel.report.rows',
        unit: '{row}',
        kind: 'sum',
        attributes: { 'm365.report.name': 'getEmailActivityCounts', 'm365otel.outcome': 'accepted' },
        value: 7,
      },
      {
        metric: 'm365otel.report.rows',
        unit: '{row}',
        kind: 'sum',
        attributes: { 'm365.report.name': 'getEmailActivityCounts', 'm365otel.outcome': 'rejected' },
        value: 1,
      },
    ]);
  });

  it.each(['http/json', 'http/protobuf', 'grpc'])(
    'fails a partial success (%s), naming what the backend rejected and why, and counts nothing as resendable',
    async (protocol) => {
      sink.respondWithPartialSuccess('/v1/metrics', 3, 'metric name too long');
      const exporter = exporterFor({ OTEL_EXPORTER_OTLP_PROTOCOL: protocol });
      const outcome = await exportResourceMetrics(exporter, [tenantBatch]);
      await exporter.shutdown();
      expect(outcome).toEqual({
        ok: false,
        delivered: true,
        rejected: 3,
        errors: [
          'the OTLP backend rejected 3 data points of the request (a partial success; they are not sent again): metric name too long',
        ],
      });
      // The exporter did not retry: a partial success is an answer, not a failure to deliver.
      expect(sink.requests).toHaveLength(1);
    },
  );
});
