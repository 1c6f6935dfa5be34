// Micro-benchmark: turning mapped audit records into OTLP/protobuf request bytes, 512 records a request, the
// collector's way (LogRecordFactory + createProtobufLogsSerializer, buffers released after each request as its
// exporter does) next to a baseline measured in the same run: the OpenTelemetry SDK's way, which the collector used
// before (LoggerProvider emit + ProtobufLogsSerializer). Both produce the same bytes; the script checks that first.
//
//   pnpm --filter @m365-otel/bench run bench:log-serialization
//   pnpm --filter @m365-otel/bench run bench:log-serialization --records 100000 --runs 7
import { parseArgs } from 'node:util';
import {
  createProtobufLogsSerializer,
  DEFAULT_LOG_RECORD_LIMITS,
  LogRecordFactory,
  serviceResource,
  tenantResource,
} from '@m365-otel/collector';
import { type AuditEvent, mapAuditRecord } from '@m365-otel/mappers';
import { type Logger, SeverityNumber } from '@opentelemetry/api';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { LoggerProvider, type LogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { auditRecord } from './audit-records.ts';
import { formatTable, median, scriptArgs } from './support.ts';

const REQUEST_SIZE = 512;
const OBSERVED_MS = Date.parse('2026-11-30T06:00:00Z');

const { values } = parseArgs({
  args: scriptArgs(),
  options: { records: { type: 'string', default: '200000' }, runs: { type: 'string', default: '5' } },
});
const total = Number(values.records);
const runs = Number(values.runs);

const base = serviceResource({}).resource;
if (base === undefined) throw new Error('no service resource');
const resource = tenantResource(base, '41463f53-8812-40f4-890f-865bf6e35190');

// Parsed from JSON as the collector's records are, then mapped: what both ways start from.
const events: AuditEvent[] = Array.from({ length: total }, (_, index) =>
  mapAuditRecord(JSON.parse(JSON.stringify(auditRecord(index))) as Record<string, unknown>, {
    contentType: 'Audit.General',
    contentId: '20261130060000$blob',
  }),
);
const requests = Array.from({ length: Math.ceil(total / REQUEST_SIZE) }, (_, request) =>
  events.slice(request * REQUEST_SIZE, (request + 1) * REQUEST_SIZE),
);

const severity = (event: AuditEvent) =>
  event.severity === 'WARN' ? SeverityNumber.WARN : SeverityNumber.INFO;

/** The SDK's way: each record emitted through a Logger, collected, serialized by ProtobufLogsSerializer. */
function sdkWay(): (batch: readonly AuditEvent[]) => Uint8Array {
  let collected: ReadableLogRecord[] = [];
  const collect: LogRecordProcessor = {
    onEmit: (record) => {
      collected.push(record);
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const provider = new LoggerProvider({
    resource,
    processors: [collect],
    logRecordLimits: DEFAULT_LOG_RECORD_LIMITS,
  });
  const logger: Logger = provider.getLogger('@m365-otel/collector', '0.1.0');
  return (batch) => {
    collected = [];
    for (const event of batch) {
      logger.emit({
        eventName: event.eventName,
        ...(event.timestampMs !== undefined && { timestamp: event.timestampMs }),
        observedTimestamp: OBSERVED_MS,
        severityNumber: severity(event),
        severityText: event.severity,
        body: event.body as Record<string, never>,
        attributes: event.attributes,
      });
    }
    return ProtobufLogsSerializer.serializeRequest(collected) as Uint8Array;
  };
}

/** The collector's way: records built by LogRecordFactory, serialized by its serializer, each buffer given back. */
function collectorWay(): {
  serialize: (batch: readonly AuditEvent[]) => Uint8Array;
  release: (bytes: Uint8Array) => void;
} {
  const factory = new LogRecordFactory(resource, DEFAULT_LOG_RECORD_LIMITS);
  const serializer = createProtobufLogsSerializer();
  return {
    serialize: (batch) =>
      serializer.serializeRequest(
        batch.map((event) =>
          factory.record({
            eventName: event.eventName,
            timestampMs: event.timestampMs,
            observedMs: OBSERVED_MS,
            severityNumber: severity(event),
            severityText: event.severity,
            body: event.body as Record<string, never>,
            attributes: event.attributes,
          }),
        ),
      ) as Uint8Array,
    release: (bytes) => serializer.release(bytes),
  };
}

const sdk = sdkWay();
const ours = collectorWay();
const first = requests[0] ?? [];
const reference = Buffer.from(sdk(first));
const candidate = ours.serialize(first);
if (!reference.equals(Buffer.from(candidate))) throw new Error('the two ways wrote different bytes');
ours.release(candidate);

/** CPU seconds of one pass over every request (this process's, so other load on the machine counts less). */
function measure(pass: () => number): { cpuSeconds: number; bytes: number } {
  const before = process.cpuUsage();
  const bytes = pass();
  const used = process.cpuUsage(before);
  return { cpuSeconds: (used.user + used.system) / 1e6, bytes };
}

const results = { sdk: [] as number[], collector: [] as number[] };
let bytesPerPass = 0;
for (let run = 0; run < runs; run++) {
  // Alternated, so drift on a shared machine hits both alike.
  results.sdk.push(measure(() => requests.reduce((sum, batch) => sum + sdk(batch).length, 0)).cpuSeconds);
  const pass = measure(() =>
    requests.reduce((sum, batch) => {
      const bytes = ours.serialize(batch);
      ours.release(bytes);
      return sum + bytes.length;
    }, 0),
  );
  results.collector.push(pass.cpuSeconds);
  bytesPerPass = pass.bytes;
}

const baseline = median(results.sdk);
const table = [['way', 'records', 'median CPU s', 'records/CPU s', 'MB/CPU s', 'CPU ratio']];
for (const [name, samples] of [
  ['SDK: Logger.emit + ProtobufLogsSerializer (baseline)', results.sdk],
  ['collector: LogRecordFactory + its serializer', results.collector],
] as const) {
  const seconds = median(samples);
  table.push([
    name,
    total.toLocaleString('en-US'),
    seconds.toFixed(3),
    Math.round(total / seconds).toLocaleString('en-US'),
    (bytesPerPass / 1e6 / seconds).toFixed(0),
    (seconds / baseline).toFixed(2),
  ]);
}
console.log(formatTable(table));
console.log(
  `\nNode ${process.version}, ${runs} runs each (median), ${REQUEST_SIZE} records a request, ` +
    `${(bytesPerPass / total).toFixed(0)} bytes a record on the wire; both ways wrote identical bytes.`,
);
