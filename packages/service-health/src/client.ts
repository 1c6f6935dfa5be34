import { describeUrl, type Logger, NOOP_LOGGER } from '@m365-otel/http';
import {
  type ApiClientOptions,
  createMicrosoftApiPipeline,
  MicrosoftApiError,
  type Pipeline,
  type PipelineResponse,
  parseApiBaseUrl,
  RateLimiter,
} from '@m365-otel/request-pipeline';
import type { EnumDefinition } from './enums.js';
import { ServiceHealthError, type ServiceHealthErrorDetails } from './errors.js';
import {
  ISSUE,
  type ItemKind,
  MESSAGE,
  OVERVIEW,
  type Page,
  type ParseContext,
  parseEntity,
  parsePage,
  type ServiceHealthIssue,
  type ServiceHealthOverview,
  type ServiceUpdateMessage,
  type SkippedItem,
} from './parse.js';

export interface ServiceHealthClientOptions extends ApiClientOptions {
  /** e.g. https://graph.microsoft.com (no /v1.0). */
  graphBaseUrl: string;
  /** Items per page, sent as `Prefer: odata.maxpagesize=N`; 1 to 1000, default 100 (Graph's own default). */
  pageSize?: number;
  /**
   * Called for every list item left out because it lacks a required field or has one of the wrong type (the other
   * items are returned), on every call that meets it; e.g. to count it in a self-metric. The log has it once.
   */
  onSkippedItem?: (item: SkippedServiceHealthItem) => void;
}

export interface SkippedServiceHealthItem extends SkippedItem {
  resource: ServiceHealthResource;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * Called for each item this call leaves out (besides the client's `onSkippedItem`), e.g. so a caller that keeps
   * state per item knows this list is incomplete and keeps what it knew of the missing ones.
   */
  onSkippedItem?: (item: SkippedServiceHealthItem) => void;
}

/** The serviceAnnouncement collections this client reads (their Graph names). */
export const SERVICE_HEALTH_RESOURCES = ['healthOverviews', 'issues', 'messages'] as const;
export type ServiceHealthResource = (typeof SERVICE_HEALTH_RESOURCES)[number];

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

const PERMISSION: Readonly<Record<ServiceHealthResource, string>> = {
  healthOverviews: 'ServiceHealth.Read.All',
  issues: 'ServiceHealth.Read.All',
  messages: 'ServiceMessage.Read.All',
};

interface JsonResponse {
  json: unknown;
  details: ServiceHealthErrorDetails;
}

/**
 * Microsoft 365 service health and Message center through Graph's serviceAnnouncement API (v1.0). What is its own:
 * the URLs, paging (`@odata.nextLink`, followed only on the Graph origin) and parsing. Token, retries, request ids,
 * errors and Microsoft's 240-a-minute and 800-an-hour limits are the request pipeline's steps.
 */
export class ServiceHealthClient {
  readonly #base: string;
  readonly #origin: string;
  readonly #pipeline: Pipeline;
  readonly #pageSize: number;
  readonly #limiters: readonly RateLimiter[];
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #onSkippedItem: ((item: SkippedServiceHealthItem) => void) | undefined;
  /** Unknown enum values and skipped items already warned about, so they do not repeat the warning every poll. */
  readonly #warned = new Set<string>();

  constructor(options: ServiceHealthClientOptions) {
    const base = parseApiBaseUrl(options.graphBaseUrl);
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new Error(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
    }
    this.#base = `${base}/v1.0/admin/serviceAnnouncement`;
    this.#origin = new URL(base).origin;
    this.#pipeline = createMicrosoftApiPipeline({ ...options, baseUrl: base, service: 'Graph' });
    this.#pageSize = pageSize;
    this.#logger = options.logger ?? NOOP_LOGGER;
    this.#now = options.now ?? Date.now;
    this.#onSkippedItem = options.onSkippedItem;
    const clock = { now: this.#now, ...(options.sleep && { sleep: options.sleep }) };
    this.#limiters = RATE_LIMITS.map((limit) => new RateLimiter({ ...limit, ...clock }));
  }

  /** Every service's current status. Needs ServiceHealth.Read.All. */
  listHealthOverviews(options: RequestOptions = {}): Promise<ServiceHealthOverview[]> {
    return this.#list('healthOverviews', OVERVIEW, options);
  }

  /** Every issue the tenant can see, open and resolved, across all pages. Needs ServiceHealth.Read.All. */
  listIssues(options: RequestOptions = {}): Promise<ServiceHealthIssue[]> {
    return this.#list('issues', ISSUE, options);
  }

  /** One issue by id (e.g. EX226792); a ServiceHealthError with status 404 when the tenant has no such issue. */
  async getIssue(id: string, options: RequestOptions = {}): Promise<ServiceHealthIssue> {
    if (id.trim() === '') throw new Error('getIssue: the issue id must not be empty');
    const label = `issue ${id}`;
    const url = `${this.#base}/issues/${encodeURIComponent(id)}`;
    const { json, details } = await this.#getJson('issues', label, url, options.signal);
    const issue = parseEntity(this.#parseContext('issues', label, details, options), json, ISSUE);
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
    return this.#list('messages', MESSAGE, options);
  }

  async #list<T extends { id: string }>(
    resource: ServiceHealthResource,
    kind: ItemKind<T>,
    options: RequestOptions,
  ): Promise<T[]> {
    const { signal } = options;
    const startedMs = this.#now();
    const visited = new Set<string>();
    // Keyed by id: $skip paging over a list that changes between two pages can repeat an item on the next page.
    const byId = new Map<string, T>();
    let url = `${this.#base}/${resource}`;
    let pageNumber = 1;
    for (;;) {
      visited.add(url);
      const label = `${resource} page ${pageNumber}`;
      const { json, details } = await this.#getJson(resource, label, url, signal);
      const page: Page<T> = parsePage(this.#parseContext(resource, label, details, options), json, kind);
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

  #parseContext(
    resource: ServiceHealthResource,
    label: string,
    details: ServiceHealthErrorDetails,
    options: RequestOptions,
  ): ParseContext {
    return {
      label,
      details,
      onUnknownEnum: (definition, value, where) => this.#reportUnknownEnum(definition, value, where),
      onSkippedItem: (item) => {
        const skipped = { resource, ...item };
        options.onSkippedItem?.(skipped);
        this.#reportSkippedItem(skipped);
      },
    };
  }

  #reportUnknownEnum(definition: EnumDefinition, value: string, where: string): void {
    if (!this.#firstTime(`enum\u0000${definition.name}\u0000${value}`)) return;
    this.#logger.warn('Graph sent a value this client does not know; it is kept as sent', {
      enum: definition.name,
      value,
      where,
    });
  }

  #reportSkippedItem(item: SkippedServiceHealthItem): void {
    this.#onSkippedItem?.(item);
    if (
      !this.#firstTime(`skipped\u0000${item.resource}\u0000${item.id}\u0000${item.problems.join('\u0000')}`)
    )
      return;
    this.#logger.warn('Graph sent an item without a field this client needs; the item is left out', {
      resource: item.resource,
      where: item.where,
      ...(item.id !== undefined && { id: item.id }),
      problems: item.problems,
    });
  }

  #firstTime(key: string): boolean {
    if (this.#warned.has(key)) return false;
    this.#warned.add(key);
    return true;
  }

  async #getJson(
    resource: ServiceHealthResource,
    label: string,
    url: string,
    signal: AbortSignal | undefined,
  ): Promise<JsonResponse> {
    let response: PipelineResponse;
    try {
      response = await this.#pipeline.send({
        url: new URL(url),
        label,
        headers: { accept: 'application/json', prefer: `odata.maxpagesize=${this.#pageSize}` },
        permission: PERMISSION[resource],
        limiters: this.#limiters,
        bufferBody: true,
        ...(signal && { signal }),
      });
    } catch (error) {
      throw asServiceHealthError(error);
    }
    const details: ServiceHealthErrorDetails = { status: 200 };
    if (response.requestId !== undefined) details.requestId = response.requestId;
    if (response.clientRequestId !== undefined) details.clientRequestId = response.clientRequestId;
    const contentType = response.headers['content-type'] ?? '';
    if (!/\bjson\b/i.test(contentType)) {
      await response.body.dump();
      throw new ServiceHealthError(
        `${label}: expected a JSON answer from Graph, got content-type ${contentType || 'absent'}`,
        details,
      );
    }
    const text = await response.body.text();
    try {
      return { json: JSON.parse(text), details };
    } catch (error) {
      throw new ServiceHealthError(
        `${label}: Graph's answer is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        { ...details, cause: error },
      );
    }
  }
}

/** The pipeline's failures, as this client's error type (same message and fields); anything else as it is. */
function asServiceHealthError(error: unknown): unknown {
  if (error instanceof ServiceHealthError || !(error instanceof MicrosoftApiError)) return error;
  return new ServiceHealthError(error.message, error.details);
}
