import { describeUrl } from '@m365-otel/http';
import { MicrosoftApiError, type MicrosoftApiErrorDetails } from './errors.js';
import type { Pipeline, PipelineRequest, PipelineResponse } from './pipeline.js';

/** Builds a client's own error type (a MicrosoftApiError subclass) for an answer that is not what was promised. */
export type ApiErrorFactory = (message: string, details: MicrosoftApiErrorDetails) => MicrosoftApiError;

/** One JSON answer, parsed, with what identifies it in an error or a log line. */
export interface JsonAnswer {
  json: unknown;
  /** Status 200 and the request ids of the answer, for the caller's errors about its content. */
  details: MicrosoftApiErrorDetails;
}

/** One page of a JSON collection; the caller parses its items. */
export interface JsonPage extends JsonAnswer {
  /** 1-based. */
  pageNumber: number;
  /** `<label> page <n>`: names the page in errors and logs. */
  label: string;
}

/** The GET of one JSON resource: the request's fields the caller decides (the method is GET, the body buffered). */
export interface JsonRequest extends Omit<PipelineRequest, 'method' | 'body' | 'bufferBody' | 'answeredBy'> {
  /** Who answers, in error messages, e.g. `Graph` or `Azure Resource Manager`. */
  answeredBy: string;
}

export interface JsonPagesRequest extends Omit<JsonRequest, 'url'> {
  /** The first page. */
  url: URL;
  /**
   * Where a next link may lead: the bearer token is only ever sent to this origin, so a link elsewhere fails the
   * list instead of being followed.
   */
  origin: string;
  /** Graph (OData) writes `@odata.nextLink`; Azure Resource Manager writes `nextLink`. */
  nextLinkProperty: '@odata.nextLink' | 'nextLink';
  /** The client's error type for malformed answers; MicrosoftApiError when absent. */
  error?: ApiErrorFactory;
}

const defaultError: ApiErrorFactory = (message, details) => new MicrosoftApiError(message, details);

/**
 * GETs one JSON resource through the pipeline: a body that is not JSON (a proxy's HTML page, a truncated answer)
 * becomes an error naming the call, never a crash in the caller's parsing.
 */
export async function readJson(
  pipeline: Pipeline,
  request: JsonRequest,
  error: ApiErrorFactory = defaultError,
): Promise<JsonAnswer> {
  const response: PipelineResponse = await pipeline.send({
    ...request,
    headers: { accept: 'application/json', ...request.headers },
    bufferBody: true,
  });
  const details: MicrosoftApiErrorDetails = { status: response.status };
  if (response.requestId !== undefined) details.requestId = response.requestId;
  if (response.clientRequestId !== undefined) details.clientRequestId = response.clientRequestId;
  const contentType = response.headers['content-type'] ?? '';
  if (!/\bjson\b/i.test(contentType)) {
    throw error(
      `${request.label}: expected a JSON answer from ${request.answeredBy}, got content-type ${contentType || 'absent'}`,
      details,
    );
  }
  const text = await response.body.text();
  try {
    return { json: JSON.parse(text), details };
  } catch (cause) {
    throw error(
      `${request.label}: ${request.answeredBy}'s answer is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      { ...details, cause },
    );
  }
}

/**
 * Every page of a JSON collection, in order, lazily: the next page is asked for when the caller wants it. Next
 * links are followed only on `origin`, and a link back to a page already read fails the list rather than loop
 * (a service that pages by `$skip` over a changing list can repeat items, which the caller de-duplicates; it must
 * never repeat a page). A next link that is present but not a string fails the list: the pages after it would be
 * silently lost otherwise.
 */
export async function* readJsonPages(
  pipeline: Pipeline,
  request: JsonPagesRequest,
): AsyncGenerator<JsonPage> {
  const { origin, nextLinkProperty, error = defaultError, label, ...rest } = request;
  const visited = new Set<string>();
  let url: URL | undefined = request.url;
  for (let pageNumber = 1; url !== undefined; pageNumber++) {
    visited.add(url.href);
    const pageLabel = `${label} page ${pageNumber}`;
    const answer = await readJson(pipeline, { ...rest, url, label: pageLabel }, error);
    const next = nextLink(answer, nextLinkProperty, pageLabel, error);
    yield { ...answer, pageNumber, label: pageLabel };
    if (next === undefined) return;
    url = resolveNext(next, url, {
      origin,
      visited,
      label: pageLabel,
      property: nextLinkProperty,
      service: rest.answeredBy,
      details: answer.details,
      error,
    });
  }
}

function nextLink(
  answer: JsonAnswer,
  property: JsonPagesRequest['nextLinkProperty'],
  label: string,
  error: ApiErrorFactory,
): string | undefined {
  const { json } = answer;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const link = (json as Record<string, unknown>)[property];
  if (link === undefined || link === null) return undefined;
  if (typeof link !== 'string' || link.trim() === '') {
    throw error(`${label}: ${property} is not a URL string`, answer.details);
  }
  return link;
}

function resolveNext(
  link: string,
  current: URL,
  context: {
    origin: string;
    visited: ReadonlySet<string>;
    label: string;
    property: JsonPagesRequest['nextLinkProperty'];
    service: string;
    details: MicrosoftApiErrorDetails;
    error: ApiErrorFactory;
  },
): URL {
  const { label, property, service, details, error } = context;
  let next: URL;
  try {
    next = new URL(link, current);
  } catch {
    throw error(`${label}: ${property} is not a valid URL`, details);
  }
  if (next.origin !== context.origin) {
    throw error(
      `${label}: refusing to follow ${property} to ${describeUrl(next)}: it is not on the ${service} origin ${context.origin}, and the access token is only ever sent to ${service}`,
      details,
    );
  }
  if (context.visited.has(next.href)) {
    throw error(
      `${label}: ${property} points back to a page already read (${describeUrl(next)}); stopping instead of looping`,
      details,
    );
  }
  return next;
}
