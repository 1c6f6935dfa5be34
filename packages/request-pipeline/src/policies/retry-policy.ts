import { type HttpResponse, isTransientNetworkError, type Logger, NOOP_LOGGER } from '@m365-otel/http';
import { parseErrorEnvelope, readErrorBody } from '../error-body.js';
import { bufferedBody, type PipelinePolicy } from '../pipeline.js';
import { type ObservedApi, type RetryReason, retryReasonOf } from '../request-observer.js';
import {
  DEFAULT_RETRY_POLICY,
  fullJitterDelay,
  isRetryableStatus,
  isThrottlingAnswer,
  parseRetryAfter,
  parseRetryAfterMessage,
  type RetryPolicy,
  sleep as realSleep,
  type Sleep,
} from '../retry.js';

export interface RetryPolicyOptions {
  retry?: Partial<RetryPolicy> | undefined;
  logger?: Logger | undefined;
  random?: (() => number) | undefined;
  sleep?: Sleep | undefined;
  now?: (() => number) | undefined;
  /** Told of each wait before another attempt, and why. */
  observed?: ObservedApi | undefined;
}

/**
 * Sends the request again after throttling and server errors (429, 408, 5xx), waiting what `Retry-After` asks
 * (delta-seconds or an HTTP date) or full-jitter backoff when it says nothing, and after transient network
 * failures (resets, timeouts) with full-jitter backoff. One attempt budget covers both. The last answer is returned
 * as it is (for the error policy to describe); a Retry-After beyond `maxRetryAfterMs` ends the loop at once.
 * A 403 with `AF429` in its body is the Management Activity API's throttling and is retried like a 429; without a
 * Retry-After, a wait the throttling message names ("retry again after 14m 56s") is honoured the same way.
 * The request's `onRetry` hears of each wait, and whether it was throttling; the observer, of each wait and why.
 */
export function retryPolicy(options: RetryPolicyOptions = {}): PipelinePolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry policy maxAttempts must be an integer >= 1, got ${policy.maxAttempts}`);
  }
  const logger = options.logger ?? NOOP_LOGGER;
  const random = options.random ?? Math.random;
  const pause = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  return {
    name: 'retry',
    async sendRequest(request, next) {
      const { trace, signal } = request;
      for (let attempt = 1; ; attempt++) {
        signal?.throwIfAborted();
        trace.attempts = attempt;
        let delayMs: number;
        let why: { status: number } | { error: string };
        let throttled = false;
        let reason: RetryReason;
        try {
          const response = await readForbiddenBody(await next(request));
          const envelope = response.status === 403 ? parseErrorEnvelope(await response.body.text()) : {};
          if (!isRetryableStatus(response.status) && !isThrottlingAnswer(response.status, envelope.code)) {
            return response;
          }
          const retryAfterMs =
            parseRetryAfter(response.headers['retry-after'], now()) ??
            parseRetryAfterMessage(envelope.message);
          if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
            trace.gaveUp = `the server asked to retry after ${seconds(retryAfterMs)}, longer than the ${seconds(policy.maxRetryAfterMs)} this client waits`;
            return response;
          }
          if (attempt >= policy.maxAttempts) {
            trace.gaveUp = gaveUpAfter(attempt);
            return response;
          }
          await response.body.dump();
          delayMs = retryAfterMs ?? fullJitterDelay(attempt, policy, random);
          why = { status: response.status };
          throttled = response.status === 429 || isThrottlingAnswer(response.status, envelope.code);
          reason = retryReasonOf({ status: response.status, throttled });
        } catch (error) {
          if (signal?.aborted || !isTransientNetworkError(error)) throw error;
          if (attempt >= policy.maxAttempts) {
            trace.gaveUp = gaveUpAfter(attempt);
            throw error;
          }
          delayMs = fullJitterDelay(attempt, policy, random);
          why = { error: error instanceof Error ? error.message : String(error) };
          reason = retryReasonOf({ error });
        }
        logger.warn('request failed, retrying', { request: request.label, attempt, delayMs, ...why });
        request.onRetry?.({ attempt, delayMs, ...('status' in why && { status: why.status }), throttled });
        const { observed } = options;
        observed?.observer.retrying(request.api ?? observed.api, { reason, delayMs });
        await pause(delayMs, signal);
      }
    },
  };
}

// A 403's body (an error envelope, read up to the error-body bound) tells throttling from a refusal, and may say
// how long to wait when no Retry-After does; it is kept readable for the error policy.
async function readForbiddenBody(response: HttpResponse): Promise<HttpResponse> {
  if (response.status !== 403) return response;
  return { ...response, body: bufferedBody(await readErrorBody(response)) };
}

function gaveUpAfter(attempts: number): string {
  return `gave up after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
