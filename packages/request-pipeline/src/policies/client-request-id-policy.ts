import { randomUUID } from 'node:crypto';
import type { PipelinePolicy } from '../pipeline.js';

/**
 * A fresh `client-request-id` (UUID v4) on every attempt. Microsoft logs it beside its own request-id, so one failing
 * attempt can be found on both sides; the trace keeps it for the caller's logs and errors.
 */
export function clientRequestIdPolicy(): PipelinePolicy {
  return {
    name: 'client-request-id',
    sendRequest(request, next) {
      const clientRequestId = randomUUID();
      request.trace.clientRequestId = clientRequestId;
      return next({ ...request, headers: { ...request.headers, 'client-request-id': clientRequestId } });
    },
  };
}
