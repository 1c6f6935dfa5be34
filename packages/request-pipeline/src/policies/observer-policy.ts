import type { PipelinePolicy } from '../pipeline.js';
import { networkFailureOf, type ObservedApi } from '../request-observer.js';

/**
 * The innermost step: tells the observer how each request on the wire ended. A body the pipeline reads whole
 * (`bufferBody`) and that breaks off is a failed request, whatever status came before it.
 */
export function observerPolicy({ observer, api }: ObservedApi): PipelinePolicy {
  return {
    name: 'observer',
    async sendRequest(request, next) {
      const family = request.api ?? api;
      try {
        const response = await next(request);
        observer.attempted(family, { status: response.status });
        return response;
      } catch (error) {
        if (!request.signal?.aborted) observer.attempted(family, { failure: networkFailureOf(error) });
        throw error;
      }
    },
  };
}
