import { type Logger, NOOP_LOGGER } from '@m365-otel/http';
import { describeRequestUrl, type PipelinePolicy, requestIdOf } from '../pipeline.js';

/**
 * One debug line per attempt on the wire. Redacted by construction: no header is logged (the bearer token is one),
 * no query, and only the origin of a pre-authenticated URL, whose path may be its credential.
 */
export function logPolicy(logger: Logger = NOOP_LOGGER, now: () => number = Date.now): PipelinePolicy {
  return {
    name: 'log',
    async sendRequest(request, next) {
      const startedMs = now();
      const fields = {
        request: request.label,
        method: request.method ?? 'GET',
        url: describeRequestUrl(request),
        attempt: request.trace.attempts,
        clientRequestId: request.trace.clientRequestId,
      };
      try {
        const response = await next(request);
        logger.debug('HTTP answer', {
          ...fields,
          status: response.status,
          requestId: requestIdOf(response.headers),
          durationMs: now() - startedMs,
        });
        return response;
      } catch (error) {
        logger.debug('HTTP request failed', {
          ...fields,
          error: error instanceof Error ? error.message : String(error),
          durationMs: now() - startedMs,
        });
        throw error;
      }
    },
  };
}
