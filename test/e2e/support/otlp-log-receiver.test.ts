import { SeverityNumber } from '@opentelemetry/api';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type LogRecordExporter,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpLogReceiver } from './otlp-log-receiver.js';

let receiver: OtlpLogReceiver;

beforeAll(async () => {
  receiver = new OtlpLogReceiver();
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
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
  ['protobuf', 'application/x-protobuf', (url: string) => new ProtobufLogExporter({ url })],
  ['json', 'application/json', (url: string) => new JsonLogExporter({ url })],
] as const)('OtlpLogReceiver with the SDK exporter over %s', (encoding, contentType, makeExporter) => {
  it('decodes every field of the records the real exporter sent', async () => {
    const result = await exportWith(makeExporter(receiver.endpoint));
    expect(result.code, String(result.error)).toBe(0);
    expect(receiver.requests.at(-1)).toEqual({ contentType, status: 200, records: 2 });

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
    expect(plain).toMatchObject({ eventName: '', body: 'plain text', bodyType: 'string', severityNumber: 9 });
    // The SDK stamps an observed time when none is given.
    expect(BigInt(plain?.observedTimeUnixNano ?? 0)).toBeGreaterThan(0n);
  });

  it('answers 500 for the next request when told to, drops it, and accepts the retry', async () => {
    receiver.failNext(1);
    const failed = await exportWith(makeExporter(receiver.endpoint));
    expect(failed.code).not.toBe(0);
    expect(receiver.requests.at(-1)).toEqual({ contentType, status: 500, records: 0 });
    expect(receiver.take()).toEqual([]);

    const retried = await exportWith(makeExporter(receiver.endpoint));
    expect(retried.code, String(retried.error)).toBe(0);
    expect(receiver.take().map((r) => r.eventName)).toEqual(['m365.service.issue', '']);
  });
});

describe('OtlpLogReceiver refuses what is not OTLP logs', () => {
  it('answers 400 to a body that does not decode, 415 to another content type, 404 elsewhere', async () => {
    const post = (path: string, type: string, body: Uint8Array | string) =>
      fetch(`${receiver.endpoint.replace('/v1/logs', '')}${path}`, {
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
    expect((await post('/v1/metrics', 'application/json', '{}')).status).toBe(404);
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
    const response = await fetch(receiver.endpoint, {
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
