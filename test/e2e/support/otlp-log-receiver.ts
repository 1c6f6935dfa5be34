import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

/*
 * Protobuf decoding uses code generated from the official opentelemetry-proto definitions rather than a hand-written
 * parser, so a wrong field number or wire type in the collector's exporter cannot be mirrored by the same mistake
 * here. `otlp-proto-generated` is an npm alias of @opentelemetry/otlp-transformer@0.214.0: the last release that
 * still ships protobufjs static code (build/src/generated/root.js, made by `pbjs` from the opentelemetry-proto git
 * submodule) covering logs, and recent enough to carry LogRecord.event_name (field 12, proto v1.5.0). Later releases
 * replaced that code with a hand-written serializer. Only the generated module is loaded, never the package's
 * transformer (its SDK dependencies are an older line than the collector's and are not used). Its root.d.ts only
 * declares a protobufjs Root, hence the small structural type below.
 */
interface GeneratedMessageType {
  decode(bytes: Uint8Array): object;
  encode(message: object): { finish(): Uint8Array };
  toObject(
    message: object,
    options: { longs: StringConstructor; enums: NumberConstructor; bytes: StringConstructor },
  ): unknown;
}
interface GeneratedRoot {
  opentelemetry: {
    proto: { collector: { logs: { v1: { ExportLogsServiceRequest: GeneratedMessageType } } } };
  };
}
const generated = createRequire(import.meta.url)(
  'otlp-proto-generated/build/src/generated/root.js',
) as GeneratedRoot;
const ExportLogsServiceRequest = generated.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

export type Encoding = 'protobuf' | 'json';
export type ValueType = 'string' | 'bool' | 'int' | 'double' | 'bytes' | 'array' | 'kvlist' | 'empty';

/** An AnyValue decoded to plain JS: kvlist -> object, array -> array, int -> number (bigint past 2^53), empty -> null. */
export type PlainValue =
  | string
  | boolean
  | number
  | bigint
  | Uint8Array
  | null
  | PlainValue[]
  | { [key: string]: PlainValue };

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

export interface ReceivedRequest {
  contentType: string;
  status: number;
  records: number;
}

/**
 * A real OTLP/HTTP logs receiver on loopback: POST /v1/logs in `application/x-protobuf` (decoded with the official
 * definitions) or `application/json` (OTLP/JSON mapping: hex trace ids, 64-bit integers as strings or numbers,
 * enums as integers), optionally gzip-compressed. Anything it cannot decode is answered 400 and kept out of
 * `records`, so a malformed export fails the test instead of being half-read.
 */
export class OtlpLogReceiver {
  /** Every record accepted so far, in arrival order. */
  readonly records: ReceivedLogRecord[] = [];
  readonly requests: ReceivedRequest[] = [];
  private readonly failures: Array<{ status: number }> = [];
  private taken = 0;
  private server: Server | undefined;
  private baseUrl: string | undefined;

  /** Starts listening on 127.0.0.1 on a free port; returns the endpoint URL (…/v1/logs). */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
    this.server = server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('log receiver has no port');
    this.baseUrl = `http://127.0.0.1:${address.port}`;
    return this.endpoint;
  }

  get endpoint(): string {
    if (this.baseUrl === undefined) throw new Error('log receiver not started');
    return `${this.baseUrl}/v1/logs`;
  }

  /** Answers the next `count` export requests with `status` (default 500) and drops their records. */
  failNext(count: number, status = 500): void {
    for (let i = 0; i < count; i++) this.failures.push({ status });
  }

  /** The records accepted since the previous call. */
  take(): ReceivedLogRecord[] {
    const fresh = this.records.slice(this.taken);
    this.taken = this.records.length;
    return fresh;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise((done) => server.close(done));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const contentType = (String(request.headers['content-type'] ?? '').split(';')[0] ?? '')
      .trim()
      .toLowerCase();
    const answer = (
      status: number,
      records: number,
      headers: Record<string, string>,
      body: Uint8Array | string,
    ) => {
      this.requests.push({ contentType, status, records });
      response.writeHead(status, headers).end(body);
    };
    if (request.url !== '/v1/logs') return answer(404, 0, {}, `no OTLP logs endpoint at ${request.url}`);
    if (request.method !== 'POST') return answer(405, 0, { allow: 'POST' }, 'POST only');
    const encoding: Encoding | undefined =
      contentType === 'application/x-protobuf'
        ? 'protobuf'
        : contentType === 'application/json'
          ? 'json'
          : undefined;
    if (encoding === undefined) return answer(415, 0, {}, `unsupported content type ${contentType}`);

    const failure = this.failures.shift();
    if (failure) return answer(failure.status, 0, { 'content-type': 'text/plain' }, 'refused by the test');

    let records: ReceivedLogRecord[];
    try {
      let bytes: Buffer = Buffer.concat(chunks);
      const contentEncoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (contentEncoding === 'gzip') bytes = gunzipSync(bytes);
      else if (contentEncoding !== 'identity')
        throw new Error(`unsupported content-encoding ${contentEncoding}`);
      records = decodeExportLogsRequest(bytes, encoding);
    } catch (error) {
      return answer(400, 0, { 'content-type': 'text/plain' }, `cannot decode: ${(error as Error).message}`);
    }
    this.records.push(...records);
    // ExportLogsServiceResponse with no partial_success: zero bytes in protobuf, {} in JSON.
    if (encoding === 'protobuf')
      return answer(200, records.length, { 'content-type': contentType }, new Uint8Array());
    return answer(200, records.length, { 'content-type': 'application/json' }, '{}');
  }
}

/** Decodes one ExportLogsServiceRequest body into flat records. Throws on anything that is not valid OTLP. */
export function decodeExportLogsRequest(bytes: Uint8Array, encoding: Encoding): ReceivedLogRecord[] {
  // Both encodings are brought to the OTLP/JSON object form, then read by one strict walker. protobufjs' toObject
  // gives 64-bit integers as decimal strings, enums as numbers and bytes as base64, and omits unset fields.
  const request =
    encoding === 'protobuf'
      ? ExportLogsServiceRequest.toObject(ExportLogsServiceRequest.decode(bytes), {
          longs: String,
          enums: Number,
          bytes: String,
        })
      : (JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown);
  const records: ReceivedLogRecord[] = [];
  const root = object(request, 'request');
  for (const [r, resourceLogs] of list(root.resourceLogs, 'resourceLogs').entries()) {
    const rPath = `resourceLogs[${r}]`;
    const rl = object(resourceLogs, rPath);
    const resource = rl.resource === undefined ? {} : object(rl.resource, `${rPath}.resource`);
    const resourceAttributes = keyValues(resource.attributes, `${rPath}.resource.attributes`).values;
    for (const [s, scopeLogs] of list(rl.scopeLogs, `${rPath}.scopeLogs`).entries()) {
      const sPath = `${rPath}.scopeLogs[${s}]`;
      const sl = object(scopeLogs, sPath);
      const scope = sl.scope === undefined ? {} : object(sl.scope, `${sPath}.scope`);
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

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${path}: expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/** A repeated field: absent means empty. */
function list(value: unknown, path: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${path}: expected an array, got ${JSON.stringify(value)}`);
  return value;
}

function optionalString(value: unknown, path: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new Error(`${path}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function uint64(value: unknown, path: string): string {
  if (value === undefined) return '0';
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+$/.test(text))
    throw new Error(`${path}: expected an unsigned 64-bit integer, got ${JSON.stringify(value)}`);
  return BigInt(text).toString();
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

function keyValues(
  value: unknown,
  path: string,
): { values: Record<string, PlainValue>; types: Record<string, ValueType> } {
  const values: Record<string, PlainValue> = {};
  const types: Record<string, ValueType> = {};
  for (const [i, entry] of list(value, path).entries()) {
    const kv = object(entry, `${path}[${i}]`);
    if (typeof kv.key !== 'string')
      throw new Error(`${path}[${i}].key: expected a string, got ${JSON.stringify(kv.key)}`);
    if (Object.hasOwn(values, kv.key)) throw new Error(`${path}: duplicate key ${kv.key}`);
    const decoded =
      kv.value === undefined
        ? { type: 'empty' as const, value: null }
        : anyValue(kv.value, `${path}[${i}].value`);
    values[kv.key] = decoded.value;
    types[kv.key] = decoded.type;
  }
  return { values, types };
}

const ANY_VALUE_FIELDS = [
  'stringValue',
  'boolValue',
  'intValue',
  'doubleValue',
  'arrayValue',
  'kvlistValue',
  'bytesValue',
] as const;

function anyValue(value: unknown, path: string): { type: ValueType; value: PlainValue } {
  const any = object(value, path);
  const keys = Object.keys(any);
  const unknown = keys.filter((key) => !(ANY_VALUE_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) throw new Error(`${path}: not an AnyValue field: ${unknown.join(', ')}`);
  if (keys.length > 1) throw new Error(`${path}: more than one value of a oneof: ${keys.join(', ')}`);
  const [key] = keys;
  const field = key === undefined ? undefined : any[key];
  const fail = (expected: string) =>
    new Error(`${path}.${key}: expected ${expected}, got ${JSON.stringify(field, bigintSafe)}`);
  switch (key) {
    case undefined:
      return { type: 'empty', value: null };
    case 'stringValue':
      if (typeof field !== 'string') throw fail('a string');
      return { type: 'string', value: field };
    case 'boolValue':
      if (typeof field !== 'boolean') throw fail('a boolean');
      return { type: 'bool', value: field };
    case 'intValue': {
      const text = typeof field === 'number' && Number.isSafeInteger(field) ? String(field) : field;
      if (typeof text !== 'string' || !/^-?\d+$/.test(text)) throw fail('a 64-bit integer');
      const big = BigInt(text);
      const small = Number(big);
      return { type: 'int', value: Number.isSafeInteger(small) ? small : big };
    }
    case 'doubleValue':
      if (typeof field === 'number') return { type: 'double', value: field };
      // The proto3 JSON mapping spells the non-finite doubles as strings.
      if (field === 'NaN' || field === 'Infinity' || field === '-Infinity')
        return { type: 'double', value: Number(field) };
      throw fail('a number');
    case 'bytesValue':
      if (typeof field !== 'string') throw fail('base64 text');
      return { type: 'bytes', value: new Uint8Array(Buffer.from(field, 'base64')) };
    case 'arrayValue': {
      const values = list(object(field, `${path}.arrayValue`).values, `${path}.arrayValue.values`);
      return {
        type: 'array',
        value: values.map((item, i) => anyValue(item, `${path}.arrayValue.values[${i}]`).value),
      };
    }
    case 'kvlistValue':
      return {
        type: 'kvlist',
        value: keyValues(object(field, `${path}.kvlistValue`).values, `${path}.kvlistValue.values`).values,
      };
    default:
      throw fail('a known AnyValue field');
  }
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
