import { type Logger, NOOP_LOGGER } from '@m365-otel/http';
import { parseApiBaseUrl } from './base-url.js';
import { type ApiClientOptions, createMicrosoftApiPipeline } from './microsoft-api-pipeline.js';
import type { Pipeline } from './pipeline.js';
import { RateLimiter } from './rate-limiter.js';
import type { ApiFamily } from './request-observer.js';

/** What a client of one API builds from its options, the same way for every API. */
export interface ApiClientBase {
  /** The API's https base URL, without a trailing slash. */
  baseUrl: string;
  /** Its origin: the only one the token is sent to and a next link may lead to. */
  origin: string;
  pipeline: Pipeline;
  logger: Logger;
  now: () => number;
  /** A sliding-window limiter on the client's clock (its `now` and `sleep`), for one of Microsoft's limits. */
  rateLimiter(limit: { limit: number; windowMs: number }): RateLimiter;
}

/** The base URL checked, the pipeline to it, the logger and the clock of a client of `api`. */
export function createApiClientBase(
  options: ApiClientOptions,
  api: { baseUrl: string; service: string; api: ApiFamily },
): ApiClientBase {
  const baseUrl = parseApiBaseUrl(api.baseUrl);
  const now = options.now ?? Date.now;
  const clock = { now, ...(options.sleep && { sleep: options.sleep }) };
  return {
    baseUrl,
    origin: new URL(baseUrl).origin,
    pipeline: createMicrosoftApiPipeline({ ...options, baseUrl, service: api.service, api: api.api }),
    logger: options.logger ?? NOOP_LOGGER,
    now,
    rateLimiter: (limit) => new RateLimiter({ ...limit, ...clock }),
  };
}

/** A client's `pageSize` option: `fallback` when absent, else an integer from 1 to `max` (an Error otherwise). */
export function pageSizeOption(pageSize: number | undefined, fallback: number, max: number): number {
  const size = pageSize ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new Error(`pageSize must be an integer from 1 to ${max}, got ${size}`);
  }
  return size;
}
