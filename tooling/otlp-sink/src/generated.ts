import { createRequire } from 'node:module';

/*
 * Protobuf decoding uses code generated from the official opentelemetry-proto definitions rather than a hand-written
 * parser, so a wrong field number or wire type in the collector's exporter cannot be mirrored by the same mistake
 * here. `otlp-proto-generated` is an npm alias of @opentelemetry/otlp-transformer@0.214.0: the last release that
 * still ships protobufjs static code (build/src/generated/root.js, made by `pbjs` from the opentelemetry-proto git
 * submodule) covering logs and metrics, and recent enough to carry LogRecord.event_name (field 12, proto v1.5.0).
 * Later releases replaced that code with a hand-written serializer. Only the generated module is loaded, never the
 * package's transformer (its SDK dependencies are an older line than the collector's and are not used). Its
 * root.d.ts only declares a protobufjs Root, hence the small structural type below.
 */
interface GeneratedMessageType {
  decode(bytes: Uint8Array): object;
  toObject(
    message: object,
    options: { longs: StringConstructor; enums: NumberConstructor; bytes: StringConstructor },
  ): unknown;
}
interface GeneratedResponseType {
  fromObject(object: object): object;
  encode(message: object): { finish(): Uint8Array };
}
interface GeneratedRoot {
  opentelemetry: {
    proto: {
      collector: {
        logs: {
          v1: {
            ExportLogsServiceRequest: GeneratedMessageType;
            ExportLogsServiceResponse: GeneratedResponseType;
          };
        };
        metrics: {
          v1: {
            ExportMetricsServiceRequest: GeneratedMessageType;
            ExportMetricsServiceResponse: GeneratedResponseType;
          };
        };
      };
    };
  };
}
const generated = createRequire(import.meta.url)(
  'otlp-proto-generated/build/src/generated/root.js',
) as GeneratedRoot;
const { logs, metrics } = generated.opentelemetry.proto.collector;

export type Encoding = 'protobuf' | 'json';
export type Signal = 'logs' | 'metrics';

const REQUEST_TYPES: Readonly<Record<Signal, GeneratedMessageType>> = {
  logs: logs.v1.ExportLogsServiceRequest,
  metrics: metrics.v1.ExportMetricsServiceRequest,
};

/**
 * An export request body in the OTLP/JSON object form. protobufjs' toObject gives 64-bit integers as decimal
 * strings, enums as numbers and bytes as base64, and omits unset fields, so one strict walker reads both encodings.
 * Throws on a body that is not valid protobuf or JSON.
 */
export function exportRequestObject(signal: Signal, bytes: Uint8Array, encoding: Encoding): unknown {
  if (encoding === 'json') return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  const type = REQUEST_TYPES[signal];
  return type.toObject(type.decode(bytes), { longs: String, enums: Number, bytes: String });
}

const RESPONSES: Readonly<Record<Signal, { type: GeneratedResponseType; rejectedField: string }>> = {
  logs: { type: logs.v1.ExportLogsServiceResponse, rejectedField: 'rejectedLogRecords' },
  metrics: { type: metrics.v1.ExportMetricsServiceResponse, rejectedField: 'rejectedDataPoints' },
};

/** An Export*ServiceResponse carrying a partial success, in the request's encoding (int64 as a string in JSON). */
export function partialSuccessResponse(
  signal: Signal,
  rejected: number,
  message: string,
  encoding: Encoding,
): Uint8Array | string {
  const { type, rejectedField } = RESPONSES[signal];
  const response = { partialSuccess: { [rejectedField]: String(rejected), errorMessage: message } };
  return encoding === 'json' ? JSON.stringify(response) : type.encode(type.fromObject(response)).finish();
}
