import {
  type GraphClientOptions,
  graphRequestHeaders,
  graphRetryOptions,
  networkFailure,
  parseGraphBaseUrl,
  RetryableGraphError,
  readGraphFailure,
  retriesExhausted,
  withRequestIds,
} from '@m365-otel/graph-client';
import {
  describeUrl,
  type HttpClient,
  type HttpResponse,
  type Logger,
  NOOP_LOGGER,
  RateLimiter,
  type RetryOptions,
  type Sleep,
  withRetry,
} from '@m365-otel/http';
import type { EnumDefinition } from './enums.js';
import { ServiceHealthError, type ServiceHealthErrorDetails } from './errors.js';
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

export interface ServiceHealthClientOptions extends GraphClientOptions {
  /** Items per page, sent as `Prefer: odata.maxpagesize=N`; 1 to 1000, default 100 (Graph's own default). */
  pageSize?: number;
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
  readonly #retryOptions: RetryOptions;
  readonly #limiters: readonly RateLimiter[];
  readonly #logger: Logger;
  readonly #sleep: Sleep | undefined;
  readonly #now: () => number;
  /** Unknown enum values already warned about, so a long-lived value does not repeat the warning every poll. */
  readonly #reportedEnumValues = new Set<string>();

  constructor(options: ServiceHealthClientOptions) {
    const base = parseGraphBaseUrl(options.graphBaseUrl);
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new Error(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
    }
    this.#base = `${base}/v1.0/admin/serviceAnnouncement`;
    this.#origin = new URL(base).origin;
    this.#http = options.http;
    this.#getAccessToken = options.getAccessToken;
    this.#pageSize = pageSize;
    this.#retryOptions = graphRetryOptions(options);
    this.#logger = options.logger ?? NOOP_LOGGER;
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
        ...this.#retryOptions,
        ...(signal && { signal }),
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
    const details = withRequestIds({ status: 200 }, response.headers['request-id'], clientRequestId);
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
      throw networkFailure(`${label}: the response body broke off`, error, signal, details);
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
    const { headers, clientRequestId } = graphRequestHeaders(token, {
      accept: 'application/json',
      prefer: `odata.maxpagesize=${this.#pageSize}`,
    });
    this.#logger.debug('requesting service health', {
      request: label,
      url: describeUrl(url),
      clientRequestId,
    });
    try {
      const response = await this.#http.request(url, { headers, ...(signal && { signal }) });
      return { response, clientRequestId };
    } catch (error) {
      throw networkFailure(`${label}: request to ${describeUrl(url)} failed`, error, signal, {
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
  const failure = await readGraphFailure(response, { clientRequestId, nowMs });
  let message = `${label}: ${failure.description}`;
  if (response.status === 403) {
    message += `; the app needs the ${permission} application permission with admin consent`;
  } else if (response.status === 401) {
    message += '; the access token was refused even after a refresh';
  }
  if (failure.retryable) {
    return new RetryableGraphError(message, { ...failure.details, retryAfterMs: failure.retryAfterMs });
  }
  return new ServiceHealthError(message, failure.details);
}

/** What the client throws: ServiceHealthErrors as they are; exhausted retries as a transient ServiceHealthError. */
function finalError(label: string, error: unknown): unknown {
  const exhausted = retriesExhausted<ServiceHealthErrorDetails>(label, error, {});
  return exhausted === undefined ? error : new ServiceHealthError(exhausted.message, exhausted.details);
}
