import type { HttpClient, Logger } from '@m365-otel/http';
import { parseApiBaseUrl } from './base-url.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import { bearerTokenPolicy, type GetAccessToken } from './policies/bearer-token-policy.js';
import { clientRequestIdPolicy } from './policies/client-request-id-policy.js';
import { errorPolicy } from './policies/error-policy.js';
import { logPolicy } from './policies/log-policy.js';
import { observerPolicy } from './policies/observer-policy.js';
import { rateLimitPolicy } from './policies/rate-limit-policy.js';
import { retryPolicy } from './policies/retry-policy.js';
import type { ApiFamily, RequestObserver } from './request-observer.js';
import type { RetryPolicy, Sleep } from './retry.js';

/** What every Microsoft API client is built from; each client adds its own options (e.g. its base URL). */
export interface ApiClientOptions {
  http: Pick<HttpClient, 'request'>;
  /** An access token for the API's scope; `forceRefresh` when the API refused the previous one. */
  getAccessToken: GetAccessToken;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  random?: () => number;
  sleep?: Sleep;
  now?: () => number;
  /** Told of every request on the wire and every retry, e.g. to count them in self-metrics. */
  observer?: RequestObserver;
}

export interface MicrosoftApiPipelineOptions extends ApiClientOptions {
  /** The API's https base URL; the bearer token is only ever sent to its origin. */
  baseUrl: string;
  /** Who answers, in error messages: `Graph`, `the Management Activity API`. */
  service: string;
  /** What the observer counts the pipeline's requests under (a request may name its own). */
  api: ApiFamily;
}

/**
 * The one place the steps are put in order, outermost first: errors (what finally failed, described once),
 * retries (each retry goes through everything below it), the bearer token (fresh from the provider's cache per
 * attempt, one refresh on 401), a client-request-id per attempt, the client-side rate limits, the log line of
 * each attempt on the wire, and the observer's count of it.
 */
export function createMicrosoftApiPipeline(options: MicrosoftApiPipelineOptions): Pipeline {
  const origin = new URL(parseApiBaseUrl(options.baseUrl)).origin;
  const observed = options.observer && { observer: options.observer, api: options.api };
  return createPipeline(options.http, [
    errorPolicy(options.service),
    retryPolicy({ ...options, observed }),
    bearerTokenPolicy(options.getAccessToken, origin, options.logger),
    clientRequestIdPolicy(),
    rateLimitPolicy(),
    logPolicy(options.logger, options.now),
    ...(observed ? [observerPolicy(observed)] : []),
  ]);
}
