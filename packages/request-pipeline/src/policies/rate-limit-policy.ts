import type { PipelinePolicy } from '../pipeline.js';

/**
 * Takes a grant from each of the request's limiters before every attempt (retries and the 401 resend count too:
 * Microsoft counts what reaches it). Which limits apply is the client's knowledge, so the request carries them.
 */
export function rateLimitPolicy(): PipelinePolicy {
  return {
    name: 'rate-limit',
    async sendRequest(request, next) {
      for (const limiter of request.limiters ?? []) await limiter.acquire(request.signal);
      return next(request);
    },
  };
}
