import { SeverityNumber } from '@opentelemetry/api';
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type LogRecordExporter,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeExportMetricsRequest, decodeJsonExports } from './metrics.js';
import type { CapturedRequest } from './request.js';
import { type OtlpSink, startOtlpSink } from './sink.js';

let receiver: OtlpSink;

beforeAll(async () => {
  receiver = await startOtlpSink();
});

afterAll(async () => {
  await receiver.close();
});

const EVENT_TIME_MS = Date.parse('2026-03-02T08:10:00.123Z');

/**
 * Emits through the real SDK and sends the batch with the real OTLP exporter in one request, the way the collector
 * does: returns the exporter's verdict.
 */
async function exportWith(exporter: LogRecordExporter): Promise<{ code: number; error?: Error }> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'receiver-test', 'm365.tenant.id': 'tenant-1' }),
    processors: [new SimpleLogRecordProcessor({ exporter: memory })],
  });
  const logger = provider.getLogger('receiver.test', '1.2.3');
  logger.emit({
    eventName: 'm365.service.issue',
    timestamp: EVENT_TIME_MS,
    observedTimestamp: EVENT_TIME_MS + 5_000,
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    attributes: {
      'm365.service.issue.id': 'EX200001',
      'm365.service.issue.resolved': false,
      'post.count': 2,
      ratio: 0.5,
      tags: ['a', 'b'],
    },
    body: {
      title: 'Mail delayed',
      latestPost: { postType: 'regular', content: '<p>x</p>' },
      empty: null,
      posts: [1, 'two', true],
    },
  });
  logger.emit({ body: 'plain text', severityNumber: SeverityNumber.INFO });
  await provider.forceFlush();
  const records = memory.getFinishedLogRecords();
  const result = await new Promise<{ code: number; error?: Error }>((done) => exporter.export(records, done));
  await exporter.shutdown();
  await provider.shutdown();
  return result;
}

describe.each([
  [
    'http/protobuf',
    'protobuf',
    'application/x-protobuf',
    (sink: OtlpSink) => new ProtobufLogExporter({ url: `${sink.url}/v1/logs` }),
  ],
  [
    'http/json',
    'json',
    'application/json',
    (sink: OtlpSink) => new JsonLogExporter({ url: `${sink.url}/v1/logs` }),
  ],
  ['grpc', 'protobuf', 'application/grpc', (sink: OtlpSink) => new GrpcLogExporter({ url: sink.grpcUrl })],
] as const)(
  'the sink with the SDK log exporter over %s',
  (_protocol, encoding, contentType, makeExporter) => {
    it('decodes every field of the records the real exporter sent', async () => {
      const result = await exportWith(makeExporter(receiver));
      expect(result.code, String(result.error)).toBe(0);
      expect(receiver.requests.at(-1)).toMatchObject({ contentType, status: 200, records: 2 });

      const [event, plain, ...rest] = receiver.take();
      expect(rest).toEqual([]);
      expect(event).toEqual({
        encoding,
        resource: expect.objectContaining({ 'service.name': 'receiver-test', 'm365.tenant.id': 'tenant-1' }),
        scope: { name: 'receiver.test', version: '1.2.3', attributes: {} },
        eventName: 'm365.service.issue',
        timeUnixNano: (BigInt(EVENT_TIME_MS) * 1_000_000n).toString(),
        observedTimeUnixNano: (BigInt(EVENT_TIME_MS + 5_000) * 1_000_000n).toString(),
        severityNumber: 13,
        severityText: 'WARN',
        attributes: {
          'm365.service.issue.id': 'EX200001',
          'm365.service.issue.resolved': false,
          'post.count': 2,
          ratio: 0.5,
          tags: ['a', 'b'],
        },
        attributeTypes: {
          'm365.service.issue.id': 'string',
          'm365.service.issue.resolved': 'bool',
          'post.count': 'int',
          ratio: 'double',
          tags: 'array',
        },
        body: {
          title: 'Mail delayed',
          latestPost: { postType: 'regular', content: '<p>x</p>' },
          empty: null,
          posts: [1, 'two', true],
        },
        bodyType: 'kvlist',
        traceId: '',
        spanId: '',
      });
      expect(plain).toMatchObject({
        eventName: '',
        body: 'plain text',
        bodyType: 'string',
        severityNumber: 9,
      });
      // The SDK stamps an observed time when none is given.
      expect(BigInt(plain?.observedTimeUnixNano ?? 0)).toBeGreaterThan(0n);
    });

    it('answers 500 for the next request when told to, drops it, and accepts the retry', async () => {
      receiver.failNext(1);
      const failed = await exportWith(makeExporter(receiver));
      expect(failed.code).not.toBe(0);
      expect(receiver.requests.at(-1)).toMatchObject({ contentType, status: 500, records: 0 });
      expect(receiver.take()).toEqual([]);

      const retried = await exportWith(makeExporter(receiver));
      expect(retried.code, String(retried.error)).toBe(0);
      expect(receiver.take().map((r) => r.eventName)).toEqual(['m365.service.issue', '']);
    });
  },
);

describe('the sink refuses what is not OTLP', () => {
  it('answers 400 to a body that does not decode, 415 to another content type, 404 elsewhere', async () => {
    const post = (path: string, type: string, body: Uint8Array | string) =>
      fetch(`${receiver.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    // Field 1 (resource_logs) declared length-delimited with a length past the end of the body.
    expect(
      (await post('/v1/logs', 'application/x-protobuf', new Uint8Array([0x0a, 0x05, 0x01]))).status,
    ).toBe(400);
    const badAnyValue = {
      resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'a', intValue: '1' } }] }] }],
    };
    const refused = await post('/v1/logs', 'application/json', JSON.stringify(badAnyValue));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('resourceLogs[0].scopeLogs[0].logRecords[0].body');
    expect((await post('/v1/logs', 'text/plain', 'hello')).status).toBe(415);
    expect((await post('/v1/traces', 'application/json', '{}')).status).toBe(404);
    expect(receiver.take()).toEqual([]);
  });

  it('keeps 64-bit integers exact and reads JSON ids as hex', async () => {
    const body = {
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: '1772438400123456789',
                  traceId: '5B8EFFF798038103D269B633813FC60C',
                  spanId: 'EEE19B7EC3C1B174',
                  attributes: [{ key: 'big', value: { intValue: '9007199254740993' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const response = await fetch(`${receiver.url}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const [record] = receiver.take();
    expect(record).toMatchObject({
      timeUnixNano: '1772438400123456789',
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      attributes: { big: 9007199254740993n },
      body: null,
      bodyType: 'empty',
    });
  });
});

describe.each([
  [
    'http/protobuf',
    'protobuf',
    'application/x-protobuf',
    (sink: OtlpSink) => new ProtobufMetricExporter({ url: `${sink.url}/v1/metrics` }),
  ],
  [
    'http/json',
    'json',
    'application/json',
    (sink: OtlpSink) => new JsonMetricExporter({ url: `${sink.url}/v1/metrics` }),
  ],
  ['grpc', 'protobuf', 'application/grpc', (sink: OtlpSink) => new GrpcMetricExporter({ url: sink.grpcUrl })],
] as const)(
  'the sink with the SDK metric exporter over %s',
  (_protocol, encoding, contentType, makeExporter) => {
    it('decodes gauge, sum and histogram points with their resource and typed attributes', async () => {
      const reader = new PeriodicExportingMetricReader({
        exporter: makeExporter(receiver),
        exportIntervalMillis: 3_600_000,
      });
      const provider = new MeterProvider({
        resource: resourceFromAttributes({ 'service.name': 'sink-test' }),
        readers: [reader],
      });
      const meter = provider.getMeter('sink.test');
      meter
        .createObservableGauge('m365.mailbox.count', { unit: '{mailbox}' })
        .addCallback((result) => result.observe(7, { 'm365.report.period': 'D7' }));
      meter.createCounter('sink.test.requests', { unit: '{request}' }).add(3, { outcome: 'ok' });
      const lag = meter.createHistogram('sink.test.lag', {
        unit: 's',
        advice: { explicitBucketBoundaries: [1, 10] },
      });
      for (const value of [0.5, 5, 50]) lag.record(value, { kind: 'x' });
      await provider.forceFlush();
      await provider.shutdown();

      const request = receiver.requests.at(-1);
      expect(request).toMatchObject({ path: '/v1/metrics', contentType, status: 200, records: 3 });
      const points = decodeExportMetricsRequest(request?.body ?? Buffer.alloc(0), encoding);
      expect(
        points.map(({ metric, unit, kind, attributes, value }) => ({
          metric,
          unit,
          kind,
          attributes,
          value,
        })),
      ).toEqual([
        {
          metric: 'm365.mailbox.count',
          unit: '{mailbox}',
          kind: 'gauge',
          attributes: { 'm365.report.period': 'D7' },
          value: 7,
        },
        {
          metric: 'sink.test.requests',
          unit: '{request}',
          kind: 'sum',
          attributes: { outcome: 'ok' },
          value: 3,
        },
        { metric: 'sink.test.lag', unit: 's', kind: 'histogram', attributes: { kind: 'x' }, value: 3 },
      ]);
      expect(points[2]?.histogram).toEqual({ sum: 55.5, explicitBounds: [1, 10], bucketCounts: [1, 1, 1] });
      expect(points[0]?.resource).toMatchObject({ 'service.name': 'sink-test' });
      expect(BigInt(points[0]?.timeUnixNano ?? 0)).toBeGreaterThan(0n);
      if (encoding === 'json') expect(decodeJsonExports([request as CapturedRequest])).toEqual(points);
      else
        expect(() => decodeJsonExports([request as CapturedRequest])).toThrow(
          /expected an OTLP\/JSON request/,
        );
    });
  },
);

describe('the sink refuses metrics it cannot read', () => {
  it.each([
    [{ asInt: '1', asDouble: 1 }, 'more than one value of a oneof: asInt, asDouble'],
    [{}, 'a data point without a value'],
  ])('answers 400 to the point %j', async (point, reason) => {
    const body = {
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'x', gauge: { dataPoints: [point] } }] }] }],
    };
    const response = await fetch(`${receiver.url}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(
      `resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0]: ${reason}`,
    );
  });

  it('answers 400 to a metric type the collector does not export', async () => {
    const body = {
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'x', summary: { dataPoints: [] } }] }] }],
    };
    const response = await fetch(`${receiver.url}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('summary points are not read by this sink');
  });
});
