export type { Logger } from '@m365-otel/http';
export {
  CALL_RECORDS_PERMISSION,
  CallRecordsClient,
  type CallRecordsClientOptions,
  type CallRecordWindow,
  type RequestOptions,
} from './client.js';
export { parseDurationSeconds } from './duration.js';
export { CALL_TYPES, MODALITIES, STREAM_DIRECTIONS } from './enums.js';
export type {
  CallMedia,
  CallRecord,
  CallRecordPart,
  CallRecordSummary,
  CallSegment,
  CallSession,
  MediaStream,
  SkippedCallRecordItem,
} from './parse.js';
