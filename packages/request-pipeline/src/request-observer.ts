import { isNetworkTimeout } from '@m365-otel/http';

/**
 * The Microsoft APIs the clients call, as an observer is told of them (the collector's `m365otel.api`): Graph per
 * client (the pre-authenticated report download host apart), the Management Activity API, Azure Resource Manager and
 * the Entra token endpoint.
 */
export const API_FAMILIES = [
  'graph.reports',
  'graph.report_download',
  'graph.service_health',
  'graph.directory',
  'graph.call_records',
  'management',
  'arm',
  'entra.token',
] as const;
export type ApiFamily = (typeof API_FAMILIES)[number];

/** Why a request is sent again: a 429 or AF429, a 5xx, a transport failure, or a timeout (408 or network). */
export const RETRY_REASONS = ['throttled', 'server_error', 'network', 'timeout'] as const;
export type RetryReason = (typeof RETRY_REASONS)[number];

/** How a request without an answer failed: a timeout (connect, headers, body) or any other transport failure. */
export type NetworkFailure = 'network' | 'timeout';

/** How one request on the wire ended: the answer's status, or the failure that left it without one. */
export type AttemptOutcome = { status: number } | { failure: NetworkFailure };

/**
 * Told of a pipeline's work, e.g. to count it in self-metrics: every request on the wire (the retried ones and the
 * one a refused token causes again too) and every wait before another attempt. A request the caller aborted is
 * not told. Called synchronously inside the pipeline: it must not throw, and should be cheap.
 */
export interface RequestObserver {
  /** A request on the wire ended: answered with a status, or failed without one. */
  attempted(api: ApiFamily, outcome: AttemptOutcome): void;
  /** The retry policy will wait `delayMs` (the server's Retry-After, or backoff) before the next attempt. */
  retrying(api: ApiFamily, retry: { reason: RetryReason; delayMs: number }): void;
}

/** An observer and the API family its pipeline's requests count under (a request's own `api` comes first). */
export interface ObservedApi {
  observer: RequestObserver;
  api: ApiFamily;
}

/** Why the retry policy retries an answer (throttling, a 408 or a 5xx) or a transport failure. */
export function retryReasonOf(
  retried: { status: number; throttled: boolean } | { error: unknown },
): RetryReason {
  if ('error' in retried) return networkFailureOf(retried.error);
  if (retried.throttled) return 'throttled';
  return retried.status === 408 ? 'timeout' : 'server_error';
}

/** How a request that got no answer failed. */
export function networkFailureOf(error: unknown): NetworkFailure {
  return isNetworkTimeout(error) ? 'timeout' : 'network';
}
