import {
  describeOrigin,
  HttpRequestError,
  type HttpResponse,
  isTransientNetworkError,
} from '@m365-otel/http';
import { parseErrorEnvelope, readErrorBody } from '../error-body.js';
import { MicrosoftApiError, type MicrosoftApiErrorDetails } from '../errors.js';
import { describeRequestUrl, type PipelinePolicy, requestIdOf, type TracedRequest } from '../pipeline.js';
import { isRetryableStatus, isThrottlingAnswer } from '../retry.js';

const QUOTED_BODY = 200;

/**
 * The outermost step: an answer the caller did not `expect` (default 200) and a transport failure that survived the
 * retries become one MicrosoftApiError, with Microsoft's code and message, both request ids, the permission to grant
 * on 403, and whether a later attempt may succeed. `service` names who answers, e.g. `Graph`.
 */
export function errorPolicy(service: string): PipelinePolicy {
  return {
    name: 'error',
    async sendRequest(request, next) {
      let response: HttpResponse;
      try {
        response = await next(request);
      } catch (error) {
        throw transportFailure(request, error);
      }
      if ((request.expect ?? [200]).includes(response.status)) return response;
      throw await answerFailure(request, response, request.answeredBy ?? service);
    },
  };
}

function transportFailure(request: TracedRequest, error: unknown): unknown {
  // Aborts, the token provider's own errors and the policies' refusals pass as they are.
  if (request.signal?.aborted || !(error instanceof HttpRequestError)) return error;
  const { trace } = request;
  const details: MicrosoftApiErrorDetails = { transient: isTransientNetworkError(error), cause: error };
  if (trace.clientRequestId !== undefined) details.clientRequestId = trace.clientRequestId;
  return new MicrosoftApiError(
    `${request.label}: request to ${describeRequestUrl(request)} failed: ${error.message}${suffix(trace.gaveUp)}`,
    details,
  );
}

async function answerFailure(
  request: TracedRequest,
  response: HttpResponse,
  who: string,
): Promise<MicrosoftApiError> {
  const { status } = response;
  const { trace } = request;
  const body = await readErrorBody(response);
  const envelope = parseErrorEnvelope(body);
  const requestId = requestIdOf(response.headers) ?? envelope.requestId;
  const detail = isRedirect(status)
    ? redirectDetail(response.headers.location)
    : (envelope.message ?? (body.trim().slice(0, QUOTED_BODY) || 'no error body'));
  const ids = [
    requestId && `request-id ${requestId}`,
    trace.clientRequestId && `client-request-id ${trace.clientRequestId}`,
  ].filter(Boolean);
  let message = `${request.label}: ${who} answered ${status}${envelope.code ? ` ${envelope.code}` : ''}: ${detail}`;
  if (ids.length > 0) message += ` (${ids.join(', ')})`;
  const throttled = isThrottlingAnswer(status, envelope.code);
  const details: MicrosoftApiErrorDetails = { status, transient: isRetryableStatus(status) || throttled };
  if (status === 403 && !throttled && request.permission !== undefined) {
    message += `; ${request.accessHint ?? `the app needs the ${request.permission} application permission with admin consent`}`;
    details.permission = request.permission;
  } else if (status === 401 && trace.tokenRefreshed) {
    message += '; the access token was refused even after a refresh';
  }
  message += suffix(trace.gaveUp);
  if (envelope.code !== undefined) details.code = envelope.code;
  if (requestId !== undefined) details.requestId = requestId;
  if (trace.clientRequestId !== undefined) details.clientRequestId = trace.clientRequestId;
  return new MicrosoftApiError(message, details);
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/**
 * A redirect is never followed: the access token goes only to the configured endpoint. The Location's origin only,
 * since its path may be a credential.
 */
function redirectDetail(location: string | undefined): string {
  const where = location === undefined ? 'no Location' : describeOrigin(location);
  return `a redirect (to ${where}), which is not followed: the access token is only sent to the configured endpoint; a proxy or a wrong endpoint in the config may be answering`;
}

function suffix(gaveUp: string | undefined): string {
  return gaveUp === undefined ? '' : ` (${gaveUp})`;
}
