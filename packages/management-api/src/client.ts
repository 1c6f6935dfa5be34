import { randomUUID } from 'node:crypto';
import {
  describeUrl,
  type HttpClient,
  type HttpResponse,
  isRetryableStatus,
  isTransientNetworkError,
  type Logger,
  NOOP_LOGGER,
  parseRetryAfter,
  RateLimiter,
  RetryableError,
  type RetryPolicy,
  type Sleep,
  withRetry,
} from '@m365-otel/http';
import type { EnumDefinition } from './enums.js';
import { RetryableServiceHealthError, ServiceHealthError, type ServiceHealthErrorDetails } from './errors.js';
import {
  type Page,
  type ParseContext,
  parseIssue,
  parseMessage,
  parseOverview,
  parsePage,
  type ServiceHealthIssue,
  type ServiceHealthOverview,
  type ServiceUpdateMessage,
} from './parse.js';

export interface ServiceHealthClientOptions {
  /** e.g. https://graph.microsoft.com (no /v1.0). */
  graphBaseUrl: string;
  http: Pick<HttpClient, 'request'>;
  getAccessToken: (options?: { forceRefresh?: boolean }) => Promise<string>;
  /** Items per page, sent as `Prefer: odata.maxpagesize=N`; 1 to 1000, default 100 (Graph's own default). */
  pageSize?: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  random?: () => number;
  sleep?: Sleep;
  now?: () => number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

type Resource = 'healthOverviews' | 'issues' | 'messages';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
/**
 * Microsoft's limits for anything under /admin/serviceAnnouncement, per app and tenant. Both hold at once: a client
 * within 240 a minute can still exhaust 800 an hour in under four minutes.
 */
const RATE_LIMITS = [
  { limit: 240, windowMs: 60_000 },
  { limit: 800, windowMs: 3_600_000 },
] as const;
/** Error bodies are read for their code and message only; a misbehaving server must not make us buffer a lot. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const PERMISSION: Readonly<Record<Resource, string>> = {
  healthOverviews: 'ServiceHealth.Read.All',
  issues: 'ServiceHealth.Read.All',
  messages: 'ServiceMessage.Read.All',
};

interface Session {
  /** One forced token refresh per call: a token revoked early is worth a new one, a second 401 is not. */
  refreshed: boolean;
}

interface JsonResponse {
  json: unknown;
  details: ServiceHealthErrorDetails;
}

/**
 * Microsoft 365 service health and Message center through Graph's serviceAnnouncement API (v1.0). Every page is
 * validated field by field; lists follow `@odata.nextLink` but only on the Graph origin, so the bearer token is never
 * sent anywhere else. Throttling, 5xx and network failures are retried per request, honouring Retry-After, and a
 * client-side limiter keeps the tenant within Microsoft's 240 requests a minute and 800 an hour.
 */
export class ServiceHealthClient {
  readonly #base: string;
  readonly #origin: string;
  readonly #http: Pick<HttpClient, 'request'>;
  readonly #getAccessToken: (options?: { forceRefresh?: boolean }) => Promise<string>;
  readonly #pageSize: number;
  readonly #retry: Partial<RetryPolicy>;
  readonly #limiters: readonly RateLimiter[];
  readonly #logger: Logger;
  readonly #random: (() => number) | undefined;
  readonly #sleep: Sleep | undefined;
  readonly #now: () => number;
  /** Unknown enum values already warned about, so a long-lived value does not repeat the warning every poll. */
  readonly #reportedEnumValues = new Set<string>();

  constructor(options: ServiceHealthClientOptions) {
    let base: URL;
    try {
      base = new URL(options.graphBaseUrl);
    } catch {
      throw new Error(`graphBaseUrl is not a valid URL: ${JSON.stringify(options.graphBaseUrl)}`);
    }
    if (base.protocol !== 'https:') {
      throw new Error(
        `graphBaseUrl must use https (the bearer token must not travel in clear text): ${describeUrl(base)}`,
      );
    }
    if (base.search !== '' || base.hash !== '') {
      throw new Error(`graphBaseUrl must not have a query or fragment: ${describeUrl(base)}`);
    }
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new Error(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
    }
    this.#base = `${base.origin}${base.pathname.replace(/\/+$/, '')}/v1.0/admin/serviceAnnouncement`;
    this.#origin = base.origin;
    this.#http = options.http;
    this.#getAccessToken = options.getAccessToken;
    this.#pageSize = pageSize;
    this.#retry = options.retry ?? {};
    this.#logger = options.logger ?? NOOP_LOGGER;
    this.#random = options.random;
    this.#sleep = options.sleep;
    this.#now = options.now ?? Date.now;
    this.#limiters = RATE_LIMITS.map(
      (limit) => new RateLimiter({ ...limit, now: this.#now, ...(this.#sleep && { sleep: this.#sleep }) }),
    );
  }

  /** Every service's current status. Needs ServiceHealth.Read.All. */
  listHealthOverviews(options: RequestOptions = {}): Promise<ServiceHealthOverview[]> {
    return this.#list('healthOverviews', parseOverview, options.signal);
  }

  /** Every issue the tenant can see, open and resolved, across all pages. Needs ServiceHealth.Read.All. */
  listIssues(options: RequestOptions = {}): Promise<ServiceHealthIssue[]> {
    return this.#list('issues', parseIssue, options.signal);
  }

  /** One issue by id (e.g. EX226792); a ServiceHealthError with status 404 when the tenant has no such issue. */
  async getIssue(id: string, options: RequestOptions = {}): Promise<ServiceHealthIssue> {
    if (id.trim() === '') throw new Error('getIssue: the issue id must not be empty');
    const label = `issue ${id}`;
    const url = `${this.#base}/issues/${encodeURIComponent(id)}`;
    const { json, details } = await this.#getJson('issues', label, url, { refreshed: false }, options.signal);
    const issue = parseIssue(this.#parseContext(label, details), json, '');
    if (issue.id.toLowerCase() !== id.toLowerCase()) {
      throw new ServiceHealthError(
        `${label}: Graph answered with issue ${JSON.stringify(issue.id)} instead`,
        details,
      );
    }
    return issue;
  }

  /** Every Message center post across all pages. Needs ServiceMessage.Read.All. */
  listMessages(options: RequestOptions = {}): Promise<ServiceUpdateMessage[]> {
    return this.#list('messages', parseMessage, options.signal);
  }

  async #list<T extends { id: string }>(
    resource: Resource,
    parseItem: (context: ParseContext, value: unknown, path: string) => T,
    signal: AbortSignal | undefined,
  ): Promise<T[]> {
    const startedMs = this.#now();
    const session: Session = { refreshed: false };
    const visited = new Set<string>();
    // Keyed by id: $skip paging over a list that changes between two pages can repeat an item on the next page.
    const byId = new Map<string, T>();
    let url = `${this.#base}/${resource}`;
    let pageNumber = 1;
    for (;;) {
      visited.add(url);
      const label = `${resource} page ${pageNumber}`;
      const { json, details } = await this.#getJson(resource, label, url, session, signal);
      const page: Page<T> = parsePage(this.#parseContext(label, details), json, parseItem);
      for (const item of page.items) byId.set(item.id, item);
      if (page.nextLink === undefined) break;
      const next = this.#nextUrl(label, url, page.nextLink, details);
      if (visited.has(next)) {
        throw new ServiceHealthError(
          `${label}: @odata.nextLink points back to a page already read (${describeUrl(next)}); stopping instead of looping`,
          details,
        );
      }
      url = next;
      pageNumber++;
    }
    this.#logger.debug('service health list read', {
      resource,
      items: byId.size,
      pages: pageNumber,
      durationMs: this.#now() - startedMs,
    });
    return [...byId.values()];
  }

  #nextUrl(label: string, current: string, nextLink: string, details: ServiceHealthErrorDetails): string {
    let next: URL;
    try {
      next = new URL(nextLink, current);
    } catch {
      throw new ServiceHealthError(`${label}: @odata.nextLink is not a valid URL`, details);
    }
    if (next.origin !== this.#origin) {
      throw new ServiceHealthError(
        `${label}: refusing to follow @odata.nextLink to ${describeUrl(next)}: it is not on the Graph origin ${this.#origin}, and the access token is only ever sent to Graph`,
        details,
      );
    }
    return next.href;
  }

  #parseContext(label: string, details: ServiceHealthErrorDetails): ParseContext {
    return {
      label,
      details,
      onUnknownEnum: (definition, value, where) => this.#reportUnknownEnum(definition, value, where),
    };
  }

  #reportUnknownEnum(definition: EnumDefinition, value: string, where: string): void {
    const key = `${definition.name}\u0000${value}`;
    if (this.#reportedEnumValues.has(key)) return;
    this.#reportedEnumValues.add(key);
    this.#logger.warn('Graph sent a value this client does not know; it is kept as sent', {
      enum: definition.name,
      value,
      where,
    });
  }

  async #getJson(
    resource: Resource,
    label: string,
    url: string,
    session: Session,
    signal: AbortSignal | undefined,
  ): Promise<JsonResponse> {
    try {
      return await withRetry(() => this.#attempt(resource, label, url, session, signal), {
        policy: this.#retry,
        now: this.#now,
        ...(signal && { signal }),
        ...(this.#random && { random: this.#random }),
        ...(this.#sleep && { sleep: this.#sleep }),
        onRetry: ({ attempt, delayMs, error }) =>
          this.#logger.warn('service health request failed, retrying', {
            request: label,
            attempt,
            delayMs,
            error: error instanceof Error ? error.message : String(error),
          }),
      });
    } catch (error) {
      throw finalError(label, error);
    }
  }

  async #attempt(
    resource: Resource,
    label: string,
    url: string,
    session: Session,
    signal: AbortSignal | undefined,
  ): Promise<JsonResponse> {
    let sent = await this.#send(label, url, false, signal);
    if (sent.response.status === 401 && !session.refreshed) {
      session.refreshed = true;
      await sent.response.body.dump();
      this.#logger.info('Graph refused the access token; retrying once with a fresh token', {
        request: label,
        clientRequestId: sent.clientRequestId,
      });
      sent = await this.#send(label, url, true, signal);
    }
    const { response, clientRequestId } = sent;
    if (response.status !== 200) {
      throw await graphFailure(label, PERMISSION[resource], response, clientRequestId, this.#now());
    }
    const details = ids({ status: 200 }, response.headers['request-id'], clientRequestId);
    const contentType = response.headers['content-type'] ?? '';
    if (!/\bjson\b/i.test(contentType)) {
      await response.body.dump();
      throw new ServiceHealthError(
        `${label}: expected a JSON answer from Graph, got content-type ${contentType || 'absent'}`,
        details,
      );
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw networkFailure(label, 'the response body broke off', error, signal, details);
    }
    try {
      return { json: JSON.parse(text), details };
    } catch (error) {
      throw new ServiceHealthError(
        `${label}: Graph's answer is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        { ...details, cause: error },
      );
    }
  }

  async #send(
    label: string,
    url: string,
    forceRefresh: boolean,
    signal: AbortSignal | undefined,
  ): Promise<{ response: HttpResponse; clientRequestId: string }> {
    for (const limiter of this.#limiters) await limiter.acquire(signal);
    const token = await this.#getAccessToken(forceRefresh ? { forceRefresh: true } : undefined);
    const clientRequestId = randomUUID();
    this.#logger.debug('requesting service health', {
      request: label,
      url: describeUrl(url),
      clientRequestId,
    });
    try {
      const response = await this.#http.request(url, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          prefer: `odata.maxpagesize=${this.#pageSize}`,
          'client-request-id': clientRequestId,
        },
        ...(signal && { signal }),
      });
      return { response, clientRequestId };
    } catch (error) {
      throw networkFailure(label, `request to ${describeUrl(url)} failed`, error, signal, {
        clientRequestId,
      });
    }
  }
}

/** Turns an unsuccessful answer into a ServiceHealthError, or a retryable one when a later attempt may succeed. */
async function graphFailure(
  label: string,
  permission: string,
  response: HttpResponse,
  clientRequestId: string,
  nowMs: number,
): Promise<Error> {
  const { status } = response;
  const body = await readErrorBody(response);
  const parsed = parseGraphError(body);
  const requestId = response.headers['request-id'] ?? parsed.requestId;
  const detail = parsed.message ?? (body.trim().slice(0, 200) || 'no error body');
  const shownIds = [requestId && `request-id ${requestId}`, `client-request-id ${clientRequestId}`].filter(
    Boolean,
  );
  let message = `${label}: Graph answered ${status}${parsed.code ? ` ${parsed.code}` : ''}: ${detail} (${shownIds.join(', ')})`;
  if (status === 403) {
    message += `; the app needs the ${permission} application permission with admin consent`;
  } else if (status === 401) {
    message += '; the access token was refused even after a refresh';
  }
  const details = ids({ status }, requestId, clientRequestId);
  if (parsed.code !== undefined) details.code = parsed.code;
  if (isRetryableStatus(status)) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], nowMs);
    return new RetryableServiceHealthError(
      message,
      retryAfterMs === undefined ? details : { ...details, retryAfterMs },
    );
  }
  return new ServiceHealthError(message, details);
}

async function readErrorBody(response: HttpResponse): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= MAX_ERROR_BODY_BYTES) break;
    }
  } catch {
    // The status already says what went wrong; a body cut short only loses detail.
  }
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8');
}

function parseGraphError(body: string): { code?: string; message?: string; requestId?: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  const error = field(json, 'error');
  const inner = field(error, 'innerError') ?? field(error, 'innererror');
  const result: { code?: string; message?: string; requestId?: string } = {};
  const code = field(error, 'code');
  const message = field(error, 'message');
  const requestId = field(inner, 'request-id');
  if (typeof code === 'string') result.code = code;
  if (typeof message === 'string') result.message = message;
  if (typeof requestId === 'string') result.requestId = requestId;
  return result;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function ids(
  details: ServiceHealthErrorDetails,
  requestId: string | undefined,
  clientRequestId: string | undefined,
): ServiceHealthErrorDetails {
  if (requestId !== undefined) details.requestId = requestId;
  if (clientRequestId !== undefined) details.clientRequestId = clientRequestId;
  return details;
}

/** Transient network failures become retryable with the request's context; everything else passes through. */
function networkFailure(
  label: string,
  what: string,
  error: unknown,
  signal: AbortSignal | undefined,
  details: ServiceHealthErrorDetails,
): unknown {
  if (signal?.aborted || !isTransientNetworkError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new RetryableServiceHealthError(`${label}: ${what}: ${reason}`, { ...details, cause: error });
}

/** What the client throws: ServiceHealthErrors as they are; exhausted retries as a transient ServiceHealthError. */
function finalError(label: string, error: unknown): unknown {
  if (error instanceof ServiceHealthError || !(error instanceof RetryableError)) return error;
  const last = error.cause instanceof RetryableServiceHealthError ? error.cause : undefined;
  const details: ServiceHealthErrorDetails = last
    ? { ...last.details }
    : { ...(error.status !== undefined && { status: error.status }) };
  details.transient = true;
  details.cause = error.cause ?? error;
  const message = error.message.startsWith(`${label}: `) ? error.message : `${label}: ${error.message}`;
  return new ServiceHealthError(message, details);
}
