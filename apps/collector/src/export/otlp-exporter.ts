import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { type IOtlpExportDelegate, OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import {
  convertLegacyHttpOptions,
  createOtlpHttpExportDelegate,
} from '@opentelemetry/otlp-exporter-base/node-http';
import {
  convertLegacyOtlpGrpcOptions,
  createEmptyMetadata,
  createOtlpGrpcExportDelegate,
} from '@opentelemetry/otlp-grpc-exporter-base';
import {
  type IExporterMetricsHelper,
  type ISerializer,
  JsonLogsSerializer,
  JsonMetricsSerializer,
  LogsExporterMetricsHelper,
  MetricsExporterMetricsHelper,
  ProtobufMetricsSerializer,
} from '@opentelemetry/otlp-transformer';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { OtlpProtocol } from '../config/types.js';
import { createProtobufLogsSerializer, type ReleasingSerializer } from './protobuf-logs-serializer.js';

/**
 * The backend took the request but rejected some of its items (an OTLP partial success). Those items must not be
 * sent again (the OTLP specification forbids it: the backend refused them for what they are).
 */
export class PartialSuccessError extends Error {
  readonly rejected: number;
  /** What the backend said, as sent (may be empty). */
  readonly backendMessage: string;

  constructor(rejected: number, items: readonly [one: string, many: string], backendMessage: string) {
    super(
      `the OTLP backend rejected ${rejected} ${items[rejected === 1 ? 0 : 1]} of the request (a partial success; they are not sent again)` +
        (backendMessage === '' ? '' : `: ${backendMessage}`),
    );
    this.name = 'PartialSuccessError';
    this.rejected = rejected;
    this.backendMessage = backendMessage;
  }
}

/**
 * No answer within the export's time bound. The SDK's own timeout is a socket idle timeout, so a backend that
 * trickles its answer a byte at a time would hold an export forever without this.
 */
export class ExportTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(
      `the OTLP backend did not answer within ${timeoutMs} ms (OTEL_EXPORTER_OTLP_TIMEOUT, plus a second)`,
    );
    this.name = 'ExportTimeoutError';
  }
}

/**
 * How long past OTEL_EXPORTER_OTLP_TIMEOUT an export may take before it fails with an ExportTimeoutError: the SDK
 * answers a silent backend itself at the timeout (its message is the clearer one); this catches a slow trickle.
 */
export const ANSWER_GRACE_MS = 1_000;

export interface OtlpExporterOptions {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  protocol: OtlpProtocol;
}

interface Signal<Internal> {
  identifier: 'METRICS' | 'LOGS';
  path: string;
  /** opentelemetry-proto's Export service: the gRPC client's name and the method's path. */
  grpcService: { name: string; path: string };
  /** The OTel semantic-convention component types the SDK's own exporters report themselves as. */
  componentType: { http: string; grpc: string };
  helper: IExporterMetricsHelper<Internal>;
  /** A serializer for each exporter (ours lends buffers, which the exporter gives back when a request is done). */
  serializers: Record<OtlpProtocol, () => ISerializer<Internal, unknown> & Partial<ReleasingSerializer>>;
  /** The partialSuccess member counting what was rejected (opentelemetry-proto's Export*PartialSuccess). */
  rejectedField: 'rejectedLogRecords' | 'rejectedDataPoints';
  items: readonly [one: string, many: string];
}

const CONTENT_TYPE: Record<Exclude<OtlpProtocol, 'grpc'>, string> = {
  'http/json': 'application/json',
  'http/protobuf': 'application/x-protobuf',
};

/**
 * The rejected count and message of a response's partial success, or undefined when nothing was rejected. The
 * count is an int64: a number or string in JSON, a number or Long from protobuf; String() reads all of them.
 */
function rejectionOf(
  response: unknown,
  signal: Pick<Signal<unknown>, 'rejectedField' | 'items'>,
): PartialSuccessError | undefined {
  const partial = (response as { partialSuccess?: Record<string, unknown> } | undefined)?.partialSuccess;
  const rejected = Number(String(partial?.[signal.rejectedField] ?? 0));
  if (!(rejected > 0)) return undefined;
  const message = typeof partial?.errorMessage === 'string' ? partial.errorMessage : '';
  return new PartialSuccessError(rejected, signal.items, message);
}

/**
 * The SDK's OTLP exporter of the protocol (the same transport, retries and serializers as `OTLPLogExporter` and
 * `OTLPMetricExporter` of exporter-*-otlp-{http,proto,grpc}, but for log records in protobuf, whose serializer writes
 * the SDK's bytes faster), except that a partial success fails the export with a PartialSuccessError. The SDK answers SUCCESS and only writes a diag warning; the response reaches code only through
 * the serializer, whose `deserializeResponse` the SDK's export delegate (one for both transports) calls right before
 * the result callback of the same request (in one synchronous step), so what it sees belongs to that export. And an
 * export answers within the timeout (plus ANSWER_GRACE_MS) however slowly the backend sends its answer.
 */
interface Seen {
  partial: PartialSuccessError | undefined;
  /** The bytes of the request the last `export` serialized (synchronously, inside the delegate's export). */
  request: Uint8Array | undefined;
}

class PartialSuccessAwareExporter<Internal> extends OTLPExporterBase<Internal> {
  readonly #seen: Seen;
  readonly #release: ((bytes: Uint8Array) => void) | undefined;
  readonly #timeoutMs: number;

  constructor(signal: Signal<Internal>, options: OtlpExporterOptions) {
    const seen: Seen = { partial: undefined, request: undefined };
    const serializer = signal.serializers[options.protocol]();
    const observing: ISerializer<Internal, unknown> = {
      serializeRequest: (request) => {
        const bytes = serializer.serializeRequest(request);
        seen.request = bytes;
        return bytes;
      },
      deserializeResponse: (data) => {
        const response = serializer.deserializeResponse(data);
        seen.partial = rejectionOf(response, signal);
        return response;
      },
    };
    super(createDelegate(signal, options, observing));
    this.#seen = seen;
    this.#release = serializer.release?.bind(serializer);
    this.#timeoutMs = options.timeoutMs;
  }

  override export(items: Internal, resultCallback: (result: ExportResult) => void): void {
    let sent: Uint8Array | undefined;
    let answered = false;
    const answer = (result: ExportResult) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      resultCallback(result);
    };
    const timer = setTimeout(
      () => answer({ code: ExportResultCode.FAILED, error: new ExportTimeoutError(this.#timeoutMs) }),
      this.#timeoutMs + ANSWER_GRACE_MS,
    );
    this.#seen.request = undefined;
    super.export(items, (result) => {
      const partial = this.#seen.partial;
      this.#seen.partial = undefined;
      // The transport (its retries included) is finished with the bytes: their buffer may serve the next request.
      if (sent !== undefined) this.#release?.(sent);
      answer(
        partial && result.code === ExportResultCode.SUCCESS
          ? { code: ExportResultCode.FAILED, error: partial }
          : result,
      );
    });
    // The delegate serializes synchronously and answers later, always; bytes never given back are only collected.
    sent = this.#seen.request;
  }
}

/** Exactly how the SDK's exporters (0.301) build their delegate, our serializer aside. */
function createDelegate<Internal>(
  signal: Signal<Internal>,
  options: OtlpExporterOptions,
  serializer: ISerializer<Internal, unknown>,
): IOtlpExportDelegate<Internal> {
  const { url, headers, timeoutMs, protocol } = options;
  if (protocol === 'grpc') {
    // Headers travel as gRPC metadata. The SDK picks the channel credentials from the URL's scheme (http:
    // plaintext, https: TLS trusting OTEL_EXPORTER_OTLP_[<SIGNAL>_]CERTIFICATE, else the system roots).
    const metadata = createEmptyMetadata();
    for (const [name, value] of Object.entries(headers)) metadata.set(name, value);
    return createOtlpGrpcExportDelegate(
      convertLegacyOtlpGrpcOptions({ url, metadata, timeoutMillis: timeoutMs }, signal.identifier),
      serializer,
      signal.componentType.grpc,
      signal.helper,
      undefined,
      signal.grpcService.name,
      signal.grpcService.path,
    );
  }
  return createOtlpHttpExportDelegate(
    convertLegacyHttpOptions({ url, headers, timeoutMillis: timeoutMs }, signal.identifier, signal.path, {
      'Content-Type': CONTENT_TYPE[protocol],
    }),
    serializer,
    signal.componentType.http,
    signal.helper,
    undefined,
  );
}

const LOGS: Signal<ReadableLogRecord[]> = {
  identifier: 'LOGS',
  path: 'v1/logs',
  grpcService: {
    name: 'LogsExportService',
    path: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
  },
  componentType: { http: 'otlp_http_log_exporter', grpc: 'otlp_grpc_log_exporter' },
  helper: LogsExporterMetricsHelper,
  serializers: {
    'http/json': () => JsonLogsSerializer,
    'http/protobuf': createProtobufLogsSerializer,
    grpc: createProtobufLogsSerializer,
  },
  rejectedField: 'rejectedLogRecords',
  items: ['log record', 'log records'],
};

const METRICS: Signal<ResourceMetrics> = {
  identifier: 'METRICS',
  path: 'v1/metrics',
  grpcService: {
    name: 'MetricsExportService',
    path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
  },
  componentType: { http: 'otlp_http_metric_exporter', grpc: 'otlp_grpc_metric_exporter' },
  helper: MetricsExporterMetricsHelper,
  serializers: {
    'http/json': () => JsonMetricsSerializer,
    'http/protobuf': () => ProtobufMetricsSerializer,
    grpc: () => ProtobufMetricsSerializer,
  },
  rejectedField: 'rejectedDataPoints',
  items: ['data point', 'data points'],
};

export function createOtlpLogExporter(options: OtlpExporterOptions): LogRecordExporter {
  return new PartialSuccessAwareExporter(LOGS, options);
}

export function createOtlpMetricExporter(options: OtlpExporterOptions): PushMetricExporter {
  return new PartialSuccessAwareExporter(METRICS, options);
}
