import { describeOrigin, type HttpClient, HttpRequestError, type HttpResponse } from '@m365-otel/http';
import { BodyTooLargeError, readBoundedText } from './bounded-body.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ApiFamily } from './request-observer.js';

/** One call to a Microsoft API, as the client describes it; the policies add headers and handle the answer. */
export interface PipelineRequest {
  url: URL;
  method?: 'GET' | 'POST';
  headers?: Readonly<Record<string, string>>;
  body?: string;
  signal?: AbortSignal;
  /** Names the call in errors and logs, e.g. `issues page 2` or a report function. */
  label: string;
  /** Statuses the caller handles itself; any other answer becomes a MicrosoftApiError. Default: 200. */
  expect?: readonly number[];
  /** False for pre-authenticated URLs: no bearer token is sent. Default true. */
  authenticate?: boolean;
  /** The URL is itself a credential (a report download): logs and errors show its origin only. */
  preAuthenticated?: boolean;
  /** Named in the error of a 403: the application permission the app needs. */
  permission?: string;
  /**
   * What a 403 says the app needs, in full, where it is not an application permission with admin consent (e.g. an
   * Azure role on the resource); `permission` still names what to grant.
   */
  accessHint?: string;
  /** Who answers, in error messages; default the pipeline's service name (e.g. `Graph`). */
  answeredBy?: string;
  /** Client-side limits this call counts against (Microsoft's per-app limits); each attempt takes one grant. */
  limiters?: readonly RateLimiter[];
  /**
   * Read the whole body inside the pipeline (small JSON answers), so a body cut short is retried like any other
   * transient failure. Streamed bodies (report CSVs) leave it off and retry at their own level.
   */
  bufferBody?: boolean;
  /** The API family the pipeline's observer counts this call under, where it is not the pipeline's own. */
  api?: ApiFamily;
  /** Told before each wait of the retry policy, e.g. to count throttling per operation. */
  onRetry?: (retry: RetryEvent) => void;
  /** Told of every attempt's answer as it arrives, refused and retried ones too (e.g. to read its `Date`). */
  onAnswer?: (answer: { status: number; headers: HttpResponse['headers'] }) => void;
}

/** A retry the retry policy is about to wait for. */
export interface RetryEvent {
  /** The attempt that failed, 1-based. */
  attempt: number;
  delayMs: number;
  /** The failed answer's status; absent for a network failure. */
  status?: number;
  /** The answer was throttling: a 429, or a 403 with AF429. */
  throttled: boolean;
}

/** What the policies of one call share: filled in as the call goes through them. */
export interface CallTrace {
  attempts: number;
  /** The client-request-id of the latest attempt. */
  clientRequestId?: string;
  /** The bearer token was refreshed once already after a 401. */
  tokenRefreshed: boolean;
  /** Why the retry policy stopped early, for the error message (e.g. a Retry-After beyond the bound). */
  gaveUp?: string;
}

export interface TracedRequest extends PipelineRequest {
  readonly trace: CallTrace;
}

export type SendRequest = (request: TracedRequest) => Promise<HttpResponse>;

/**
 * One cross-cutting step, in the shape of Azure core-rest-pipeline's PipelinePolicy: it may change the request,
 * call `next` (zero, one or several times) and look at or replace the answer.
 */
export interface PipelinePolicy {
  readonly name: string;
  sendRequest(request: TracedRequest, next: SendRequest): Promise<HttpResponse>;
}

export interface PipelineResponse extends HttpResponse {
  /** The client-request-id of the attempt that produced this answer, for the caller's logs and errors. */
  clientRequestId: string | undefined;
  /** The service's request-id header, when it sent one. */
  requestId: string | undefined;
}

export interface Pipeline {
  send(request: PipelineRequest): Promise<PipelineResponse>;
}

/** Composes `policies` (first = outermost) over the transport. */
export function createPipeline(
  transport: Pick<HttpClient, 'request'>,
  policies: readonly PipelinePolicy[],
): Pipeline {
  const last: SendRequest = async (request) => {
    const method = request.method ?? 'GET';
    const response = await transport.request(request.url, {
      method,
      headers: { ...request.headers },
      ...(request.body !== undefined && { body: request.body }),
      ...(request.signal && { signal: request.signal }),
    });
    request.onAnswer?.({ status: response.status, headers: response.headers });
    if (!request.bufferBody) return response;
    let text: string;
    try {
      text = await readBoundedText(response);
    } catch (error) {
      if (request.signal?.aborted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const what = error instanceof BodyTooLargeError ? 'refused the body' : 'broke off in the body';
      throw new HttpRequestError(`${method} ${describeOrigin(request.url)} ${what}: ${reason}`, error);
    }
    return { ...response, body: bufferedBody(text) };
  };
  const chain = policies.reduceRight<SendRequest>(
    (next, policy) => (request) => policy.sendRequest(request, next),
    last,
  );
  return {
    async send(request) {
      const trace: CallTrace = { attempts: 0, tokenRefreshed: false };
      const response = await chain({ ...request, trace });
      return {
        ...response,
        clientRequestId: trace.clientRequestId,
        requestId: requestIdOf(response.headers),
      };
    },
  };
}

/** The service's id for an answer: Graph and the Management API send `request-id`, Azure Resource Manager `x-ms-request-id`. */
export function requestIdOf(headers: HttpResponse['headers']): string | undefined {
  return headers['request-id'] ?? headers['x-ms-request-id'];
}

/** A body already read, readable again (by a later policy or the caller). */
export function bufferedBody(text: string): HttpResponse['body'] {
  return {
    async *[Symbol.asyncIterator]() {
      yield new TextEncoder().encode(text);
    },
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
    dump: async () => {},
  };
}

/** A URL fit for this request's logs and errors: origin only for pre-authenticated URLs, never a query. */
export function describeRequestUrl(request: PipelineRequest): string {
  return request.preAuthenticated ? request.url.origin : `${request.url.origin}${request.url.pathname}`;
}
