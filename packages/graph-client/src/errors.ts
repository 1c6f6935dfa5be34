import { RetryableError } from '@m365-otel/http';

export interface GraphErrorDetails {
  status?: number;
  code?: string;
  requestId?: string;
  clientRequestId?: string;
  /** True when retries ran out on a transient failure (throttling, 5xx, network): worth trying next cycle. */
  transient?: boolean;
  cause?: unknown;
}

/**
 * A Graph call failed. Each client throws its own subclass, whose message names what was being read; the message
 * never contains a token or a URL's query.
 */
export class GraphError extends Error {
  readonly status?: number;
  /** Graph's error code, e.g. InvalidArgument, Forbidden, itemNotFound, TooManyRequests. */
  readonly code?: string;
  /** Graph's request-id, for support cases. */
  readonly requestId?: string;
  /** The client-request-id this client sent with the failing request. */
  readonly clientRequestId?: string;
  readonly transient: boolean;

  constructor(message: string, details: GraphErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'GraphError';
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.clientRequestId !== undefined) this.clientRequestId = details.clientRequestId;
    this.transient = details.transient ?? false;
  }
}

/**
 * A failed attempt that withRetry should repeat. It carries the details of the client's own error (D), so that
 * when retries run out the client can still say which status, code and request ids the last attempt saw.
 */
export class RetryableGraphError<D extends GraphErrorDetails = GraphErrorDetails> extends RetryableError {
  readonly details: D;

  constructor(message: string, details: D & { retryAfterMs?: number | undefined }) {
    const { retryAfterMs, ...rest } = details;
    const options: { cause?: unknown; retryAfterMs?: number; status?: number } = {};
    if (details.cause !== undefined) options.cause = details.cause;
    if (retryAfterMs !== undefined) options.retryAfterMs = retryAfterMs;
    if (details.status !== undefined) options.status = details.status;
    super(message, options);
    this.name = 'RetryableGraphError';
    this.details = rest as D;
  }
}

/** Sets the request ids that are known on `details` (and leaves the others absent rather than undefined). */
export function withRequestIds<D extends GraphErrorDetails>(
  details: D,
  requestId: string | undefined,
  clientRequestId: string | undefined,
): D {
  if (requestId !== undefined) details.requestId = requestId;
  if (clientRequestId !== undefined) details.clientRequestId = clientRequestId;
  return details;
}
