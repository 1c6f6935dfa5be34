import { type Encoding, exportRequestObject } from './generated.js';
import { type CapturedRequest, jsonEncoding } from './request.js';
import {
  anyValue,
  keyValues,
  list,
  object,
  optionalObject,
  optionalString,
  type PlainValue,
  uint64,
  type ValueType,
} from './values.js';

export interface ReceivedLogRecord {
  encoding: Encoding;
  resource: Record<string, PlainValue>;
  scope: { name: string; version: string; attributes: Record<string, PlainValue> };
  /** '' when the record has none (proto3 default). */
  eventName: string;
  /** Decimal strings: nanoseconds do not fit a JS number. '0' when unset. */
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  attributes: Record<string, PlainValue>;
  /** The OTLP value type each attribute was sent as (an int and a double look alike once decoded). */
  attributeTypes: Record<string, ValueType>;
  body: PlainValue;
  bodyType: ValueType;
  /** Lower-case hex as in OTLP/JSON; '' when unset. */
  traceId: string;
  spanId: string;
}

/** Decodes one ExportLogsServiceRequest body into flat records. Throws on anything that is not valid OTLP. */
export function decodeExportLogsRequest(bytes: Uint8Array, encoding: Encoding): ReceivedLogRecord[] {
  const records: ReceivedLogRecord[] = [];
  const root = object(exportRequestObject('logs', bytes, encoding), 'request');
  for (const [r, resourceLogs] of list(root.resourceLogs, 'resourceLogs').entries()) {
    const rPath = `resourceLogs[${r}]`;
    const rl = object(resourceLogs, rPath);
    const resource = optionalObject(rl.resource, `${rPath}.resource`);
    const resourceAttributes = keyValues(resource.attributes, `${rPath}.resource.attributes`).values;
    for (const [s, scopeLogs] of list(rl.scopeLogs, `${rPath}.scopeLogs`).entries()) {
      const sPath = `${rPath}.scopeLogs[${s}]`;
      const sl = object(scopeLogs, sPath);
      const scope = optionalObject(sl.scope, `${sPath}.scope`);
      const scopeInfo = {
        name: optionalString(scope.name, `${sPath}.scope.name`),
        version: optionalString(scope.version, `${sPath}.scope.version`),
        attributes: keyValues(scope.attributes, `${sPath}.scope.attributes`).values,
      };
      for (const [l, logRecord] of list(sl.logRecords, `${sPath}.logRecords`).entries()) {
        const path = `${sPath}.logRecords[${l}]`;
        const record = object(logRecord, path);
        const attributes = keyValues(record.attributes, `${path}.attributes`);
        const body =
          record.body === undefined
            ? { type: 'empty' as const, value: null }
            : anyValue(record.body, `${path}.body`);
        records.push({
          encoding,
          resource: resourceAttributes,
          scope: scopeInfo,
          eventName: optionalString(record.eventName, `${path}.eventName`),
          timeUnixNano: uint64(record.timeUnixNano, `${path}.timeUnixNano`),
          observedTimeUnixNano: uint64(record.observedTimeUnixNano, `${path}.observedTimeUnixNano`),
          severityNumber: severity(record.severityNumber, `${path}.severityNumber`),
          severityText: optionalString(record.severityText, `${path}.severityText`),
          attributes: attributes.values,
          attributeTypes: attributes.types,
          body: body.value,
          bodyType: body.type,
          traceId: id(record.traceId, encoding, `${path}.traceId`),
          spanId: id(record.spanId, encoding, `${path}.spanId`),
        });
      }
    }
  }
  return records;
}

/** A log record as the collector's tests compare it: the scope by name, without the wire details. */
export interface DecodedLogRecord {
  resource: Record<string, PlainValue>;
  scope: string;
  eventName: string;
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  attributes: Record<string, PlainValue>;
  body: PlainValue;
}

/** Strictly decodes the OTLP/JSON log export requests (POSTed to /v1/logs) among `requests`, one row per record. */
export function decodeJsonLogs(requests: readonly CapturedRequest[]): DecodedLogRecord[] {
  return requests
    .filter((request) => request.path === '/v1/logs')
    .flatMap((request) => decodeExportLogsRequest(request.body, jsonEncoding(request)))
    .map((record) => ({
      resource: record.resource,
      scope: record.scope.name,
      eventName: record.eventName,
      timeUnixNano: record.timeUnixNano,
      observedTimeUnixNano: record.observedTimeUnixNano,
      severityNumber: record.severityNumber,
      severityText: record.severityText,
      attributes: record.attributes,
      body: record.body,
    }));
}

function severity(value: unknown, path: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 24)
    throw new Error(`${path}: expected a SeverityNumber (0..24), got ${JSON.stringify(value)}`);
  return value;
}

/** OTLP/JSON sends trace and span ids as hex; protobufjs gives the raw bytes as base64. */
function id(value: unknown, encoding: Encoding, path: string): string {
  if (value === undefined || value === '') return '';
  if (typeof value !== 'string') throw new Error(`${path}: expected a string, got ${JSON.stringify(value)}`);
  if (encoding === 'protobuf') return Buffer.from(value, 'base64').toString('hex');
  if (!/^[0-9a-fA-F]*$/.test(value)) throw new Error(`${path}: expected hex, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}
