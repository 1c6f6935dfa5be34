export type { Logger } from '@m365-otel/http';
export {
  ActivityClient,
  type ActivityClientOptions,
  type BlobRecord,
  type ContentPage,
  DEFAULT_REQUESTS_PER_MINUTE,
  type EnsuredSubscriptions,
  type ListContentOptions,
  type RequestOptions,
  type RetentionLoss,
  type SkippedActivityItem,
  SUBSCRIPTION_START_INTERVAL_MS,
} from './client.js';
export { CONTENT_TYPES, type ContentType, isContentType } from './content-types.js';
export { ManagementApiError, type ManagementApiErrorDetails } from './errors.js';
export { activityFailureKind } from './failure-kind.js';
export {
  type AuditRecord,
  type ContentBlob,
  parseUtcDateTime,
  type SkippedItem,
  type Subscription,
} from './parse.js';
export { DEFAULT_MAX_AGE_MS, MAX_WINDOW_MS } from './windows.js';
