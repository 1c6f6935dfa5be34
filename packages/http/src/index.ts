export { untilAborted } from './abort.js';
export type { HttpClientOptions, HttpRequest, HttpResponse, HttpResponseBody } from './client.js';
export { HttpClient, HttpRequestError } from './client.js';
export { type Logger, NOOP_LOGGER } from './logger.js';
export { isNetworkTimeout, isTransientNetworkError } from './transient.js';
export { describeOrigin, describeUrl } from './url.js';
