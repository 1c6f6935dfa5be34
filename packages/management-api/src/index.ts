export type { Logger } from '@m365-otel/http';
export { CLOCK_SKEW_TOLERANCE_MS } from '@m365-otel/request-pipeline';
export {
  ActivityClient,
  type ActivityClientOptions,
  type ActivityOperation,
  type BlobRecord,
  type ContentPage,
  DEFAULT_MAX_CONCURRENT_FETCHES,
  DEFAULT_REQUESTS_PER_MINUTE,
  type EnsuredSubscriptions,
  type ListContentOptions,
  type RequestOptions,
  type RetentionLoss,
  type SkippedActivityItem,
  SUBSCRIPTION_START_INTERVAL_MS,
  type ThrottleEvent,
} from './client.js';
export { CONTENT_TYPES, type ContentType, isContentType } from './content-types.js';
export {
  BlobUnavailableError,
  type BlobUnavailableReason,
  ManagementApiError,
  type ManagementApiErrorDetails,
} from './errors.js';
export { activityFailureKind } from './failure-kind.js';
export type {
  AuditRecord,
  ContentBlob,
  SkippedItem,
  Subscription,
} from './parse.js';
export { parseUtcDateTime } from './utc-date-time.js';
export { DEFAULT_MAX_AGE_MS, MAX_WINDOW_MS } from './windows.js';
