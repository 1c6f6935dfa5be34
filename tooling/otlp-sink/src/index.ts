import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface OtlpSink {
  /** Base URL (http://127.0.0.1:PORT), as a user would configure it. */
  url: string;
  requests: CapturedRequest[];
  /** The status the next requests are answered with (default 200); with a path, only requests to that path. */
  respondWith(status: number, path?: string): void;
  /**
   * Answers the next requests to `path` with 200 and an OTLP partial success rejecting `rejected` items with
   * `message`, in the request's encoding (JSON or protobuf); `respondWith(200, path)` turns it off.
   */
  respondWithPartialSuccess(path: PartialSuccessPath, rejected: number, message: string): void;
  close(): Promise<void>;
}

/** The field naming what a partial success rejected, per signal (opentelemetry-proto's Export*PartialSuccess). */
const REJECTED_FIELD = { '/v1/logs': 'rejectedLogRecords', '/v1/metrics': 'rejectedDataPoints' } as const;
export type PartialSuccessPath = keyof typeof REJECTED_FIELD;

/** Export*ServiceResponse{partial_success = 1 {rejected = 1 (int64), error_message = 2}} on the wire. */
function partialSuccessProtobuf(rejected: number, message: string): Buffer {
  const varint = (value: number) => {
    const bytes: number[] = [];
    let rest = value;
    while (rest > 0x7f) {
      bytes.push((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    bytes.push(rest);
    return Buffer.from(bytes);
  };
  const text = Buffer.from(message, 'utf8');
  const inner = Buffer.concat([
    Buffer.from([0x08]),
    varint(rejected),
    Buffer.from([0x12]),
    varint(text.length),
    text,
  ]);
  return Buffer.concat([Buffer.from([0x0a]), varint(inner.length), inner]);
}

/** A local OTLP/HTTP receiver that records every request, for tests. */
export async function startOtlpSink(): Promise<OtlpSink> {
  const requests: CapturedRequest[] = [];
  let defaultStatus = 200;
  const statusByPath = new Map<string, number>();
  const partialByPath = new Map<string, { rejected: number; message: string }>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      requests.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      const partial = partialByPath.get(path);
      if (partial) {
        const field = REJECTED_FIELD[path as PartialSuccessPath];
        const protobuf = request.headers['content-type'] === 'application/x-protobuf';
        response
          .writeHead(200, { 'content-type': protobuf ? 'application/x-protobuf' : 'application/json' })
          .end(
            protobuf
              ? partialSuccessProtobuf(partial.rejected, partial.message)
              : JSON.stringify({
                  partialSuccess: { [field]: String(partial.rejected), errorMessage: partial.message },
                }),
          );
        return;
      }
      const status = statusByPath.get(path) ?? defaultStatus;
      response
        .writeHead(status, { 'content-type': 'application/json' })
        .end(status === 200 ? '{}' : '{"message":"rejected"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (next, path) => {
      if (path === undefined) {
        defaultStatus = next;
        statusByPath.clear();
        partialByPath.clear();
      } else {
        statusByPath.set(path, next);
        partialByPath.delete(path);
      }
    },
    respondWithPartialSuccess: (path, rejected, message) => {
      partialByPath.set(path, { rejected, message });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface DecodedPoint {
  resource: Record<string, string>;
  metric: string;
  unit: string;
  kind: 'gauge' | 'sum';
  attributes: Record<string, string>;
  value: number;
  timeUnixNano: string;
  startTimeUnixNano: string;
}

interface JsonAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}
interface JsonPoint {
  attributes?: JsonAttribute[];
  asInt?: string | number;
  asDouble?: number;
  timeUnixNano: string;
  startTimeUnixNano: string;
}
interface JsonMetric {
  name: string;
  unit?: string;
  gauge?: { dataPoints: JsonPoint[] };
  sum?: { dataPoints: JsonPoint[] };
}
interface JsonExport {
  resourceMetrics: { resource: { attributes: JsonAttribute[] }; scopeMetrics: { metrics: JsonMetric[] }[] }[];
}

/** Flattens OTLP/JSON metric export bodies (the http/json protocol) into one row per data point. */
export function decodeJsonExports(requests: readonly CapturedRequest[]): DecodedPoint[] {
  const points: DecodedPoint[] = [];
  for (const request of requests) {
    if (request.path !== '/v1/metrics') continue;
    const body = JSON.parse(request.body.toString('utf8')) as JsonExport;
    for (const resourceMetrics of body.resourceMetrics) {
      const resource = attributesOf(resourceMetrics.resource.attributes);
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          const kind = metric.gauge ? 'gauge' : 'sum';
          for (const point of (metric.gauge ?? metric.sum)?.dataPoints ?? []) {
            points.push({
              resource,
              metric: metric.name,
              unit: metric.unit ?? '',
              kind,
              attributes: attributesOf(point.attributes ?? []),
              value: point.asInt !== undefined ? Number(point.asInt) : (point.asDouble ?? Number.NaN),
              timeUnixNano: point.timeUnixNano,
              startTimeUnixNano: point.startTimeUnixNano,
            });
          }
        }
      }
    }
  }
  return points;
}

export interface DecodedLogRecord {
  resource: Record<string, string>;
  scope: string;
  eventName: string | undefined;
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number | undefined;
  severityText: string | undefined;
  /** Typed as sent: strings, numbers (intValue as a number), booleans. */
  attributes: Record<string, string | number | boolean>;
  /** The AnyValue body as plain JSON. */
  body: unknown;
}

interface JsonAnyValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
  kvlistValue?: { values?: { key: string; value: JsonAnyValue }[] };
}
interface JsonLogRecord {
  eventName?: string;
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber?: number;
  severityText?: string;
  body?: JsonAnyValue;
  attributes?: { key: string; value: JsonAnyValue }[];
}
interface JsonLogsExport {
  resourceLogs: {
    resource: { attributes: JsonAttribute[] };
    scopeLogs: { scope: { name: string }; logRecords: JsonLogRecord[] }[];
  }[];
}

/** Flattens OTLP/JSON log export bodies (POSTed to /v1/logs) into one row per log record. */
export function decodeJsonLogs(requests: readonly CapturedRequest[]): DecodedLogRecord[] {
  const records: DecodedLogRecord[] = [];
  for (const request of requests) {
    if (request.path !== '/v1/logs') continue;
    const body = JSON.parse(request.body.toString('utf8')) as JsonLogsExport;
    for (const resourceLogs of body.resourceLogs) {
      const resource = attributesOf(resourceLogs.resource.attributes);
      for (const scopeLogs of resourceLogs.scopeLogs) {
        for (const record of scopeLogs.logRecords) {
          records.push({
            resource,
            scope: scopeLogs.scope.name,
            eventName: record.eventName,
            timeUnixNano: record.timeUnixNano,
            observedTimeUnixNano: record.observedTimeUnixNano,
            severityNumber: record.severityNumber,
            severityText: record.severityText,
            attributes: Object.fromEntries(
              (record.attributes ?? []).map(({ key, value }) => [
                key,
                plain(value) as string | number | boolean,
              ]),
            ),
            body: record.body === undefined ? undefined : plain(record.body),
          });
        }
      }
    }
  }
  return records;
}

function plain(value: JsonAnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  if (value.kvlistValue)
    return Object.fromEntries(
      (value.kvlistValue.values ?? []).map(({ key, value: member }) => [key, plain(member)]),
    );
  // An empty AnyValue is how OTLP/JSON carries null.
  return null;
}

function attributesOf(attributes: readonly JsonAttribute[]): Record<string, string> {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      String(value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue),
    ]),
  );
}
