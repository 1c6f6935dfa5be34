import { isTransientNetworkError, RetryableError } from '@m365-otel/http';
import { GraphError, type GraphErrorDetails, RetryableGraphError } from './errors.js';

/**
 * A transient network failure (reset, timeout, body cut short) becomes a RetryableGraphError named `what` and
 * carrying `details`; an abort, a GraphError or any other error passes through unchanged, so withRetry stops.
 */
export function networkFailure<D extends GraphErrorDetails>(
  what: string,
  error: unknown,
  signal: AbortSignal | undefined,
  details: D,
): unknown {
  if (signal?.aborted || error instanceof GraphError || !isTransientNetworkError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new RetryableGraphError<D>(`${what}: ${reason}`, { ...details, cause: error });
}

/**
 * When withRetry gave up on a retryable failure: the message and details for the client's final, transient error —
 * the last attempt's details when it was a RetryableGraphError, else `fallback` with the status withRetry saw. The
 * message starts with `label: ` once. Undefined for any other error, which the client rethrows as it is.
 */
export function retriesExhausted<D extends GraphErrorDetails>(
  label: string,
  error: unknown,
  fallback: D,
): { message: string; details: D } | undefined {
  if (error instanceof GraphError || !(error instanceof RetryableError)) return undefined;
  // Each client only ever wraps its own details type, so the last attempt's details are a D.
  const details: D =
    error.cause instanceof RetryableGraphError
      ? { ...(error.cause.details as D) }
      : { ...fallback, ...(error.status !== undefined && { status: error.status }) };
  details.transient = true;
  details.cause = error.cause ?? error;
  const message = error.message.startsWith(`${label}: `) ? error.message : `${label}: ${error.message}`;
  return { message, details };
}
