import { createHash } from 'node:crypto';
import { type AnyValue, type Attributes, type Logger, SeverityNumber, TraceFlags } from '@opentelemetry/api';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { emittedBySdk } from './__fixtures__/sdk-logger.js';
import { createProtobufLogsSerializer } from './protobuf-logs-serializer.js';
import type { LogRecordLimits } from './settings.js';

const RESOURCE = resourceFromAttributes({ 'service.name': 'm365-otel', 'm365.tenant.id': 'tenant-1' });

function emitted(emit: (logger: Logger) => void, limits?: LogRecordLimits): ReadableLogRecord[] {
  return emittedBySdk(RESOURCE, limits, emit);
}

/** The SDK's bytes and ours for the same records. */
function bothEncodings(records: ReadableLogRecord[]): { sdk: Buffer; ours: Buffer } {
  return {
    sdk: Buffer.from(ProtobufLogsSerializer.serializeRequest(records) as Uint8Array),
    ours: Buffer.from(createProtobufLogsSerializer().serializeRequest(records) as Uint8Array),
  };
}

/** Deterministic numbers in [0, 1) from the seed (hashes of a counter), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let counter = 0;
  return () => createHash('sha256').update(`${seed}/${counter++}`).digest().readUInt32LE(0) / 2 ** 32;
}

const EDGE_STRINGS = [
  '',
  'a',
  'x'.repeat(42),
  'x'.repeat(43),
  'y'.repeat(127),
  'y'.repeat(128),
  'z'.repeat(16_384),
  'é'.repeat(42),
  'é'.repeat(43),
  '日本語のテキスト'.repeat(6),
  'emoji 🧪 and more 🚀',
  '🚀'.repeat(21),
  'lone \ud800 surrogate',
  '\udc00',
  'ASCII then é'.padStart(40, '-'),
  'C:\\path\\"quoted"\n\t',
];
const EDGE_NUMBERS = [
  0,
  -0,
  1,
  127,
  128,
  -1,
  -128,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  -(2 ** 32),
  2 ** 53 - 1,
  -(2 ** 53),
  2 ** 62,
  2 ** 63,
  -(2 ** 63),
  2 ** 64,
  0.5,
  -1.25,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE,
  1e300,
];

function anyValue(next: () => number, depth: number): AnyValue {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const kind = Math.floor(next() * (depth > 2 ? 6 : 9));
  switch (kind) {
    case 0:
    case 1:
      return pick(EDGE_STRINGS);
    case 2:
      return pick(EDGE_NUMBERS);
    case 3:
      return next() < 0.5;
    case 4:
      return next() < 0.5 ? null : (undefined as unknown as AnyValue);
    case 5:
      return Uint8Array.from({ length: Math.floor(next() * 300) }, (_, index) => index & 255);
    case 6:
      return Array.from({ length: Math.floor(next() * 5) }, () => anyValue(next, depth + 1));
    default: {
      const members: Record<string, AnyValue> = {};
      for (let index = Math.floor(next() * 8); index > 0; index--)
        members[pick(EDGE_STRINGS) || `k${index}`] = anyValue(next, depth + 1);
      return members;
    }
  }
}

describe('createProtobufLogsSerializer', () => {
  it('writes byte for byte what the SDK writes for an audit record emitted through the SDK logger', () => {
    const record = {
      CreationTime: '2026-11-29T10:02:45',
      Id: '7e8f9a0b-1c2d-4e3f-8a4b-000000000001',
      Operation: 'FileAccessed',
      OrganizationId: 'b2c1f2a4-6a2e-4c8f-9f7e-1d2c3b4a5f60',
      RecordType: 6,
      UserType: 0,
      Version: 1,
      Workload: 'SharePoint',
      ClientIP: '203.0.113.24:50123',
      UserId: 'adele.vance@contoso.onmicrosoft.com',
      ObjectId: 'https://contoso.sharepoint.com/sites/Marketing/Shared Documents/Ünïcödé plan 🚀.docx',
      ExtendedProperties: [{ Name: 'UserAgent', Value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' }],
      Nested: { Deep: { Deeper: [1, 2.5, -3, true, null] } },
    };
    const records = emitted((logger) => {
      for (let index = 0; index < 600; index++) {
        logger.emit({
          eventName: 'm365.audit.record',
          timestamp: 1_764_410_565_000 + index,
          observedTimestamp: 1_764_410_600_123,
          severityNumber: index % 7 === 0 ? SeverityNumber.WARN : SeverityNumber.INFO,
          severityText: index % 7 === 0 ? 'WARN' : 'INFO',
          body: { ...record, Id: `7e8f9a0b-1c2d-4e3f-8a4b-${String(index).padStart(12, '0')}` },
          attributes: {
            'log.record.uid': record.Id,
            'm365.audit.operation': record.Operation,
            'm365.audit.record_type': record.RecordType,
            'm365.audit.record_type.name': 'SharePointFileOperation',
            'client.address': '203.0.113.24',
            'client.port': 50123,
            'm365.audit.blob.id':
              '20261129100245123456789$20261129100245123456789$audit_sharepoint$Audit_SharePoint$na0034',
          },
        });
      }
    });
    const { sdk, ours } = bothEncodings(records);
    // Large enough that the request's own lengths need several bytes.
    expect(sdk.length).toBeGreaterThan(1 << 14);
    expect(ours.equals(sdk)).toBe(true);
  });

  it('writes byte for byte what the SDK writes for every kind of value, limits, severities and times', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const records = emitted(
        (logger) => {
          for (let index = Math.floor(next() * 20); index >= 0; index--) {
            const attributes: Attributes = {};
            for (let count = Math.floor(next() * 12); count > 0; count--) {
              const value = anyValue(next, 2);
              attributes[`attr.${count}`] = value as Attributes[string];
            }
            logger.emit({
              ...(next() < 0.8 && { eventName: next() < 0.5 ? 'm365.audit.record' : 'é event' }),
              ...(next() < 0.9 && { timestamp: Math.floor(next() * 4_102_444_800_000) }),
              observedTimestamp: [Math.floor(next() * 4_102_444_800), Math.floor(next() * 1e9)],
              ...(next() < 0.8 && { severityNumber: Math.floor(next() * 25) as SeverityNumber }),
              ...(next() < 0.5 && { severityText: next() < 0.5 ? '' : 'WARN' }),
              ...(next() < 0.9 && { body: anyValue(next, 0) }),
              attributes,
            });
          }
        },
        { attributeCountLimit: 8, attributeValueLengthLimit: 100 },
      );
      const { sdk, ours } = bothEncodings(records);
      expect({ seed, equal: ours.equals(sdk) }).toEqual({ seed, equal: true });
    }
  }, 60_000);

  it('groups by resource and scope and writes span contexts, schema URLs and scope attributes as the SDK does', () => {
    const [first] = emitted((logger) => logger.emit({ body: 'first' }));
    const base = first as ReadableLogRecord;
    const otherResource = resourceFromAttributes({ 'service.name': 'other' });
    const scopeWithAttributes = {
      name: 'scope-b',
      version: '',
      schemaUrl: 'https://opentelemetry.io/schemas/1.37.0',
      attributes: { 'scope.kind': 'test' },
      droppedAttributesCount: 2,
    };
    const plain = (overrides: Partial<ReadableLogRecord>): ReadableLogRecord => ({
      hrTime: base.hrTime,
      hrTimeObserved: base.hrTimeObserved,
      resource: base.resource,
      instrumentationScope: base.instrumentationScope,
      attributes: {},
      droppedAttributesCount: 0,
      ...overrides,
    });
    const records = [
      base,
      plain({ resource: otherResource, body: 'second', droppedAttributesCount: 3 }),
      plain({ instrumentationScope: scopeWithAttributes, body: ['third'] }),
      plain({
        spanContext: {
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId: 'b7ad6b7169203331',
          traceFlags: TraceFlags.SAMPLED,
        },
      }),
      plain({
        resource: otherResource,
        instrumentationScope: scopeWithAttributes,
        body: 'x'.repeat(3_000_000),
      }),
    ];
    const { sdk, ours } = bothEncodings(records);
    expect(sdk.length).toBeGreaterThan(1 << 21);
    expect(ours.equals(sdk)).toBe(true);
  });

  it('leaves lent bytes alone until they are released, then writes the next request over them', () => {
    const serializer = createProtobufLogsSerializer();
    const sdkBytes = (records: ReadableLogRecord[]) =>
      Buffer.from(ProtobufLogsSerializer.serializeRequest(records) as Uint8Array);
    const big = emitted((logger) => logger.emit({ body: 'b'.repeat(2_000_000) }));
    const small = emitted((logger) => logger.emit({ body: 'small' }));
    const first = serializer.serializeRequest(big) as Uint8Array;
    const second = serializer.serializeRequest(small) as Uint8Array;
    expect(Buffer.from(first).equals(sdkBytes(big))).toBe(true);
    expect(Buffer.from(second).equals(sdkBytes(small))).toBe(true);
    serializer.release(first);
    const third = serializer.serializeRequest(small) as Uint8Array;
    expect(third.buffer).toBe(first.buffer);
    expect(Buffer.from(third).equals(sdkBytes(small))).toBe(true);
    expect(Buffer.from(second).equals(sdkBytes(small))).toBe(true);
    // Releasing twice, or bytes it never lent, changes nothing.
    serializer.release(first);
    serializer.release(new Uint8Array(4));
    expect(Buffer.from(serializer.serializeRequest([]) as Uint8Array)).toEqual(Buffer.alloc(0));
  });
});
