export {
  type AnswerSource,
  dateTimeOffset,
  invalidAnswer,
  jsonArray,
  jsonObject,
  nonEmptyString,
  optionalField,
  type ParsedItem,
  type ParseItemsOptions,
  pageItems,
  parseItems,
  placeIn,
  problemsOf,
} from './answer-schemas.js';
export { type ApiClientBase, createApiClientBase, pageSizeOption } from './api-client.js';
export { parseApiBaseUrl } from './base-url.js';
export { BodyTooLargeError, MAX_BUFFERED_BODY_BYTES, readBoundedText } from './bounded-body.js';
export { DATE_TIME_EXAMPLE, isDateTimeOffset } from './date-time.js';
export {
  DriftReporter,
  type DriftReporterOptions,
  defineEnum,
  type EnumDefinition,
  type EnumValue,
  enumValueOf,
  type SkippedItem,
} from './drift.js';
export { type ErrorEnvelope, MAX_ERROR_BODY_BYTES, parseErrorEnvelope, readErrorBody } from './error-body.js';
export { MicrosoftApiError, type MicrosoftApiErrorDetails } from './errors.js';
export {
  type ApiErrorFactory,
  type JsonAnswer,
  type JsonPage,
  type JsonPagesRequest,
  type JsonRequest,
  readJson,
  readJsonPages,
} from './json-pages.js';
export {
  type ApiClientOptions,
  createMicrosoftApiPipeline,
  type MicrosoftApiPipelineOptions,
} from './microsoft-api-pipeline.js';
export {
  type CallTrace,
  createPipeline,
  describeRequestUrl,
  type Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
  type RetryEvent,
  requestIdOf,
  type SendRequest,
  type TracedRequest,
} from './pipeline.js';
export { bearerTokenPolicy, type GetAccessToken } from './policies/bearer-token-policy.js';
export { clientRequestIdPolicy } from './policies/client-request-id-policy.js';
export { errorPolicy } from './policies/error-policy.js';
export { logPolicy } from './policies/log-policy.js';
export { observerPolicy } from './policies/observer-policy.js';
export { rateLimitPolicy } from './policies/rate-limit-policy.js';
export { type RetryPolicyOptions, retryPolicy } from './policies/retry-policy.js';
export { RateLimiter, type RateLimiterOptions } from './rate-limiter.js';
export { describeReceivedValue, expectedValue, formatFieldPath } from './received-value.js';
export {
  API_FAMILIES,
  type ApiFamily,
  type AttemptOutcome,
  type NetworkFailure,
  type ObservedApi,
  RETRY_REASONS,
  type RequestObserver,
  type RetryReason,
  retryReasonOf,
} from './request-observer.js';
export {
  DEFAULT_RETRY_POLICY,
  fullJitterDelay,
  isRetryableStatus,
  isThrottlingAnswer,
  parseRetryAfter,
  parseRetryAfterMessage,
  RetryableError,
  type RetryOptions,
  type RetryPolicy,
  type Sleep,
  sleep,
  THROTTLED_ERROR_CODE,
  withRetry,
} from './retry.js';
export { CLOCK_SKEW_TOLERANCE_MS, ServerClock } from './server-clock.js';
