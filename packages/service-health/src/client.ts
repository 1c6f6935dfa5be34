import {
  type ApiClientBase,
  type ApiClientOptions,
  createApiClientBase,
  DriftReporter,
  type JsonAnswer,
  MicrosoftApiError,
  pageSizeOption,
  type RateLimiter,
  readJson,
  readJsonPages,
} from '@m365-otel/request-pipeline';
import { ServiceHealthError, type ServiceHealthErrorDetails, serviceHealthError } from './errors.js';
import {
  ISSUE,
  type ItemKind,
  MESSAGE,
  OVERVIEW,
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

/**
 * Microsoft 365 service health and Message center through Graph's serviceAnnouncement API (v1.0). What is its own:
 * the URLs, paging (`@odata.nextLink`, followed only on the Graph origin) and parsing. Token, retries, request ids,
 * errors and Microsoft's 240-a-minute and 800-an-hour limits are the request pipeline's steps.
 */
export class ServiceHealthClient {
  readonly #api: ApiClientBase;
  readonly #base: string;
  readonly #pageSize: number;
  readonly #limiters: readonly RateLimiter[];
  readonly #drift: DriftReporter<SkippedServiceHealthItem>;

  constructor(options: ServiceHealthClientOptions) {
    const api = createApiClientBase(options, {
      baseUrl: options.graphBaseUrl,
      service: 'Graph',
      api: 'graph.service_health',
    });
    this.#api = api;
    this.#pageSize = pageSizeOption(options.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    this.#base = `${api.baseUrl}/v1.0/admin/serviceAnnouncement`;
    this.#drift = new DriftReporter({
      answeredBy: 'Graph',
      logger: options.logger,
      onSkippedItem: options.onSkippedItem,
    });
    this.#limiters = RATE_LIMITS.map((limit) => api.rateLimiter(limit));
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
    const startedMs = this.#api.now();
    // Keyed by id: $skip paging over a list that changes between two pages can repeat an item on the next page.
    const byId = new Map<string, T>();
    let pages = 0;
    try {
      for await (const page of readJsonPages(this.#api.pipeline, {
        ...this.#request(resource, signal),
        url: new URL(`${this.#base}/${resource}`),
        label: resource,
        origin: this.#api.origin,
        nextLinkProperty: '@odata.nextLink',
        error: serviceHealthError,
      })) {
        pages = page.pageNumber;
        const context = this.#parseContext(resource, page.label, page.details, options);
        for (const item of parsePage(context, page.json, kind)) byId.set(item.id, item);
      }
    } catch (error) {
      throw asServiceHealthError(error);
    }
    this.#api.logger.debug('service health list read', {
      resource,
      items: byId.size,
      pages,
      durationMs: this.#api.now() - startedMs,
    });
    return [...byId.values()];
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
      onUnknownEnum: (definition, value, where) => this.#drift.unknownEnum(definition, value, where),
      onSkippedItem: (item) => this.#drift.skippedItem({ resource, ...item }, options.onSkippedItem),
    };
  }

  async #getJson(
    resource: ServiceHealthResource,
    label: string,
    url: string,
    signal: AbortSignal | undefined,
  ): Promise<JsonAnswer> {
    try {
      return await readJson(
        this.#api.pipeline,
        { ...this.#request(resource, signal), url: new URL(url), label },
        serviceHealthError,
      );
    } catch (error) {
      throw asServiceHealthError(error);
    }
  }

  /** What every call of a resource sends: the page size, the permission a 403 names, Microsoft's limits. */
  #request(resource: ServiceHealthResource, signal: AbortSignal | undefined) {
    return {
      answeredBy: 'Graph',
      headers: { prefer: `odata.maxpagesize=${this.#pageSize}` },
      permission: PERMISSION[resource],
      limiters: this.#limiters,
      ...(signal && { signal }),
    };
  }
}

/** The pipeline's failures, as this client's error type (same message and fields); anything else as it is. */
function asServiceHealthError(error: unknown): unknown {
  if (error instanceof ServiceHealthError || !(error instanceof MicrosoftApiError)) return error;
  return new ServiceHealthError(error.message, error.details);
}
