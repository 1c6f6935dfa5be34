export { parseGraphBaseUrl } from './base-url.js';
export { GraphError, type GraphErrorDetails, RetryableGraphError, withRequestIds } from './errors.js';
export {
  type GraphErrorBody,
  type GraphFailure,
  MAX_ERROR_BODY_BYTES,
  parseGraphError,
  readErrorBody,
  readGraphFailure,
} from './failure.js';
export { type GraphClientOptions, graphRetryOptions } from './options.js';
export { graphRequestHeaders } from './request.js';
export { networkFailure, retriesExhausted } from './retry.js';
