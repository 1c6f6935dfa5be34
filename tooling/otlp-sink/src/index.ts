export type { Encoding } from './generated.js';
export type { GrpcTls } from './grpc.js';
export {
  type DecodedLogRecord,
  decodeExportLogsRequest,
  decodeJsonLogs,
  type ReceivedLogRecord,
} from './logs.js';
export { type DecodedPoint, decodeExportMetricsRequest, decodeJsonExports } from './metrics.js';
export type { CapturedRequest } from './request.js';
export { type OtlpSink, type OtlpSinkOptions, startOtlpSink } from './sink.js';
export type { PlainValue, ValueType } from './values.js';
