import { SeverityNumber } from '@opentelemetry/api';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { emittedBySdk } from './__fixtures__/sdk-logger.js';
import { LogRecordFactory, type LogRecordFields } from './log-records.js';
import { serviceResource, tenantResource } from './resource.js';
import { DEFAULT_LOG_RECORD_LIMITS, type LogRecordLimits } from './settings.js';

const base = serviceResource({}).resource;
if (!base) throw new Error('no resource');
const resource = tenantResource(base, 'tenant-a');

const bytes = (records: Parameters<typeof ProtobufLogsSerializer.serializeRequest>[0]) =>
  Buffer.from(ProtobufLogsSerializer.serializeRequest(records) as Uint8Array);

const fields = (overrides: Partial<LogRecordFields> = {}): LogRecordFields => ({
  eventName: 'm365.audit.record',
  timestampMs: Date.parse('2026-11-29T10:02:45.123Z'),
  observedMs: Date.parse('2026-11-29T10:20:00.456Z'),
  severityNumber: SeverityNumber.WARN,
  severityText: 'WARN',
  body: { Id: 'a1', Operation: 'FileAccessed', Nested: [1, 'two', { three: true }] },
  attributes: {
    'log.record.uid': 'a1',
    'm365.audit.operation': 'FileAccessed'.repeat(30),
    'm365.audit.record_type': 6,
    'm365.audit.result_failed': true,
    '': 'an empty key is dropped',
    'left.out': undefined,
  },
  ...overrides,
});

/** The factory's record next to what the SDK's Logger makes of the same emit, as bytes on the wire. */
function compare(input: LogRecordFields, limits: LogRecordLimits) {
  const ours = new LogRecordFactory(resource, limits).record(input);
  const [sdk] = emittedBySdk(resource, limits, (logger) =>
    logger.emit({
      eventName: input.eventName,
      ...(input.timestampMs !== undefined && { timestamp: input.timestampMs }),
      observedTimestamp: input.observedMs,
      severityNumber: input.severityNumber,
      severityText: input.severityText,
      body: input.body,
      attributes: input.attributes,
    }),
  );
  if (sdk === undefined) throw new Error('the SDK emitted nothing');
  return { ours, sdk };
}

describe('LogRecordFactory', () => {
  it('makes the record the SDK Logger makes, byte for byte on the wire, with and without limits biting', () => {
    for (const limits of [
      DEFAULT_LOG_RECORD_LIMITS,
      { attributeCountLimit: 2, attributeValueLengthLimit: 10 },
      { attributeCountLimit: 128, attributeValueLengthLimit: Number.POSITIVE_INFINITY },
    ]) {
      const { ours, sdk } = compare(fields(), limits);
      expect(bytes([ours]).equals(bytes([sdk]))).toBe(true);
      expect(ours.droppedAttributesCount).toBe(sdk.droppedAttributesCount);
    }
    const cut = compare(fields(), { attributeCountLimit: 2, attributeValueLengthLimit: 10 });
    expect(cut.ours.droppedAttributesCount).toBe(2);
    expect(cut.ours.attributes['log.record.uid']).toBe('a1');
  });

  it('stamps a record whose time Microsoft left unreadable with when it was observed, never 1970', () => {
    const record = new LogRecordFactory(resource, DEFAULT_LOG_RECORD_LIMITS).record(
      fields({ timestampMs: undefined }),
    );
    expect(record.hrTime).toEqual(record.hrTimeObserved);
    expect(record.hrTime[0]).toBe(Math.floor(Date.parse('2026-11-29T10:20:00.456Z') / 1000));
  });
});
