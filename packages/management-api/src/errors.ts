import { RetryableError } from '@m365-otel/http';

export interface ServiceHealthErrorDetails {
  status?: number;
  code?: string;
  requestId?: string;
  clientRequestId?: string;
  /** True when retries ran out on a transient failure (throttling, 5xx, network): worth trying next cycle. */
  transient?: boolean;
  cause?: unknown;
}

/**
 * A service health request failed or Graph's answer was not what the documentation promises. The message says which
 * resource and page (and, for a malformed answer, which field); it never contains a token or a URL's query.
 */
export class ServiceHealthError extends Error {
  readonly status?: number;
  /** Graph's error code, e.g. Forbidden, itemNotFound, TooManyRequests. */
  readonly code?: string;
  /** Graph's request-id, for support cases. */
  readonly requestId?: string;
  /** The client-request-id this client sent with the failing request. */
  readonly clientRequestId?: string;
  readonly transient: boolean;

  constructor(message: string, details: ServiceHealthErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ServiceHealthError';
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.clientRequestId !== undefined) this.clientRequestId = details.clientRequestId;
    this.transient = details.transient ?? false;
  }
}

/** A failed attempt that withRetry should repeat; it carries what a ServiceHealthError needs if retries run out. */
export class RetryableServiceHealthError extends RetryableError {
  readonly details: ServiceHealthErrorDetails;

  constructor(message: string, details: ServiceHealthErrorDetails & { retryAfterMs?: number }) {
    const options: { cause?: unknown; retryAfterMs?: number; status?: number } = {};
    if (details.cause !== undefined) options.cause = details.cause;
    if (details.retryAfterMs !== undefined) options.retryAfterMs = details.retryAfterMs;
    if (details.status !== undefined) options.status = details.status;
    super(message, options);
    this.name = 'RetryableServiceHealthError';
    const { retryAfterMs: _ignored, ...rest } = details;
    this.details = rest;
  }
}
