export type { HttpClientOptions, HttpRequest, HttpResponse, HttpResponseBody } from './client.js';
export { HttpClient } from './client.js';
export { type Logger, NOOP_LOGGER } from './logger.js';
export { RateLimiter, type RateLimiterOptions } from './rate-limiter.js';
export {
  DEFAULT_RETRY_POLICY,
  fullJitterDelay,
  isRetryableStatus,
  isTransientNetworkError,
  parseRetryAfter,
  RetryableError,
  type RetryOptions,
  type RetryPolicy,
  type Sleep,
  sleep,
  withRetry,
} from './retry.js';
export { describeOrigin, describeUrl } from './url.js';
