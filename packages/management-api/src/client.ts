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
import { CONTENT_TYPES, type ContentType, isContentType, permissionFor } from './content-types.js';
import { asManagementApiError, ManagementApiError, type ManagementApiErrorDetails } from './errors.js';
import { JsonArrayStreamError, jsonArrayElements } from './json-array-stream.js';
import {
  AUDIT_RECORD,
  type AuditRecord,
  CONTENT_BLOB,
  type ContentBlob,
  parseArray,
  parseUtcDateTime,
  problemsOf,
  type SkippedItem,
  SUBSCRIPTION,
  type Subscription,
} from './parse.js';
import {
  clampToRetention,
  DEFAULT_MAX_AGE_MS,
  floorToSecond,
  formatListingTime,
  splitWindows,
  type TimeWindow,
} from './windows.js';

export interface ActivityClientOptions extends ApiClientOptions {
  /** The Management Activity API's base URL, e.g. https://manage.office.com (a cloud preset's `management`). */
  managementBaseUrl: string;
  /** The tenant whose audit log is read: a GUID, and the `tid` of the access token (else AF20010). */
  tenantId: string;
  /** Sent as `PublisherIdentifier` on every call: Microsoft's quota key. A GUID; default the tenant id. */
  publisherId?: string;
  /** Client-side limit per tenant; default Microsoft's baseline of 2,000 requests a minute. */
  requestsPerMinute?: number;
  /** How far back a listing may start; default 7 days less 5 minutes (Microsoft serves 7 days). */
  maxAgeMs?: number;
  /** A blob's record larger than this is skipped and reported instead of buffered; default 4 MiB. */
  maxRecordBytes?: number;
  /** Called for every list item or record left out because it is malformed (the rest of the list is used). */
  onSkippedItem?: (item: SkippedActivityItem) => void;
  /** Called when part of a requested listing range is older than the retention and can never be listed. */
  onRetentionExceeded?: (loss: RetentionLoss) => void;
}

export interface SkippedActivityItem extends SkippedItem {
  /** `subscriptions` or the content type whose listing had the item. */
  source: string;
}

export interface RetentionLoss {
  contentType: ContentType;
  /** The interval that was asked for but is past Microsoft's retention, ISO 8601 UTC, end exclusive. */
  startTime: string;
  endTime: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ListContentOptions extends RequestOptions {
  /** Inclusive; compared with each blob's contentCreated. Cut to whole seconds. */
  startTime: Date;
  /** Exclusive. Cut to whole seconds. */
  endTime: Date;
}

/** One page of a content listing. */
export interface ContentPage {
  contentType: ContentType;
  /** The ≤ 24 h window this page belongs to, as sent (`YYYY-MM-DDTHH:MM:SS`, UTC). */
  startTime: string;
  endTime: string;
  /** 1-based within the window. */
  pageNumber: number;
  /** In the order Microsoft listed them; may be empty while a next page follows. */
  blobs: ContentBlob[];
}

/** One record of a blob, with its position in the blob's array (skipped records count too), for resuming. */
export interface BlobRecord {
  index: number;
  record: AuditRecord;
}

export interface EnsuredSubscriptions {
  /** Content types this call started (they were missing or disabled). */
  started: ContentType[];
  /** Content types that were enabled already. */
  enabled: ContentType[];
  /** Content types whose start failed; each content type is its own stream, so the others still count. */
  failed: Array<{ contentType: ContentType; error: unknown }>;
}

/** Microsoft's baseline per tenant (the API reference); E5 tenants get more, no tenant gets less. */
export const DEFAULT_REQUESTS_PER_MINUTE = 2_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A repeated start answers 400 with this code; every known collector treats it as success.
const ALREADY_ENABLED = 'AF20024';
const SERVICE = 'the Management Activity API';
const DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
/**
 * Microsoft throttles frequent starts of one subscription on its own ("Too many frequent subscription start
 * requests. Please retry again after 14m 56s"), so one start per content type per this interval, whatever fails.
 */
export const SUBSCRIPTION_START_INTERVAL_MS = 15 * 60_000;

/**
 * The Office 365 Management Activity API for one tenant: subscriptions (started when missing, never stopped) and
 * content listings in ≤ 24 h windows within the retention, following `NextPageUri` only on the management origin.
 * Token, retries (429 and 403 AF429), request ids, errors and the per-tenant request rate are the request
 * pipeline's steps.
 */
export class ActivityClient {
  readonly #feed: string;
  readonly #origin: string;
  readonly #publisherId: string;
  readonly #pipeline: Pipeline;
  readonly #limiters: readonly RateLimiter[];
  readonly #maxAgeMs: number;
  readonly #maxRecordBytes: number;
  /** When each content type's latest start was sent. */
  readonly #startedAt = new Map<ContentType, number>();
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #onSkippedItem: ((item: SkippedActivityItem) => void) | undefined;
  readonly #onRetentionExceeded: ((loss: RetentionLoss) => void) | undefined;

  constructor(options: ActivityClientOptions) {
    const base = parseApiBaseUrl(options.managementBaseUrl);
    const publisherId = options.publisherId ?? options.tenantId;
    if (!GUID.test(options.tenantId)) {
      throw new Error(
        `tenantId must be the tenant's GUID (the Management Activity API refuses a domain name), got ${JSON.stringify(options.tenantId)}`,
      );
    }
    if (!GUID.test(publisherId)) {
      throw new Error(`publisherId must be a GUID (a tenant id), got ${JSON.stringify(publisherId)}`);
    }
    const requestsPerMinute = options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE;
    if (!Number.isInteger(requestsPerMinute) || requestsPerMinute < 1) {
      throw new Error(`requestsPerMinute must be a positive integer, got ${requestsPerMinute}`);
    }
    const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    if (!(maxAgeMs > 0 && maxAgeMs <= 7 * 24 * 3_600_000)) {
      throw new Error(`maxAgeMs must be more than 0 and at most 7 days, got ${maxAgeMs}`);
    }
    this.#feed = `${base}/api/v1.0/${options.tenantId}/activity/feed`;
    this.#origin = new URL(base).origin;
    this.#publisherId = publisherId;
    this.#pipeline = createMicrosoftApiPipeline({ ...options, baseUrl: base, service: SERVICE });
    this.#maxAgeMs = maxAgeMs;
    this.#maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.#logger = options.logger ?? NOOP_LOGGER;
    this.#now = options.now ?? Date.now;
    this.#onSkippedItem = options.onSkippedItem;
    this.#onRetentionExceeded = options.onRetentionExceeded;
    const clock = { now: this.#now, ...(options.sleep && { sleep: options.sleep }) };
    this.#limiters = [new RateLimiter({ limit: requestsPerMinute, windowMs: 60_000, ...clock })];
  }

  /** The tenant's subscriptions, enabled and disabled. */
  async listSubscriptions(options: RequestOptions = {}): Promise<Subscription[]> {
    const label = 'subscriptions list';
    const { json, details } = await this.#send(label, this.#url('subscriptions/list'), options.signal);
    return parseArray(json, SUBSCRIPTION, label, details, this.#skipped('subscriptions'), 'contentType');
  }

  /**
   * Starts (or re-enables) one subscription; one already enabled (400 AF20024) counts as started. At most one start
   * per content type is sent per 15 minutes: an earlier call fails at once, as transient, without a request.
   */
  async startSubscription(contentType: ContentType, options: RequestOptions = {}): Promise<Subscription> {
    checkContentType(contentType);
    const label = `${contentType} subscription start`;
    const nowMs = this.#now();
    const previousMs = this.#startedAt.get(contentType);
    if (previousMs !== undefined && nowMs - previousMs < SUBSCRIPTION_START_INTERVAL_MS) {
      throw new ManagementApiError(
        `${label}: a start was sent at ${new Date(previousMs).toISOString()}; Microsoft throttles frequent starts, so the next is sent from ${new Date(previousMs + SUBSCRIPTION_START_INTERVAL_MS).toISOString()}`,
        { transient: true },
      );
    }
    this.#startedAt.set(contentType, nowMs);
    const url = this.#url('subscriptions/start', { contentType });
    let answer: { json: unknown; details: ManagementApiErrorDetails };
    try {
      answer = await this.#send(label, url, options.signal, 'POST', permissionFor(contentType));
    } catch (error) {
      if (error instanceof MicrosoftApiError && error.code === ALREADY_ENABLED) {
        return { contentType, status: 'enabled' };
      }
      throw error;
    }
    const subscription = SUBSCRIPTION.safeParse(answer.json);
    if (subscription.success) return subscription.data;
    const problems = subscription.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ManagementApiError(`${label}: malformed answer: ${problems.join('; ')}`, answer.details);
  }

  /**
   * Lists the subscriptions once and starts each of `contentTypes` that is missing or disabled. Never stops one:
   * content published while a subscription is stopped can never be retrieved. A start that fails is reported in
   * `failed` (and logged) without keeping the other content types from starting; a failed listing throws.
   */
  async ensureSubscriptions(
    contentTypes: readonly ContentType[],
    options: RequestOptions = {},
  ): Promise<EnsuredSubscriptions> {
    for (const contentType of contentTypes) checkContentType(contentType);
    const enabledNow = new Set(
      (await this.listSubscriptions(options))
        .filter((subscription) => subscription.status.toLowerCase() === 'enabled')
        .map((subscription) => subscription.contentType.toLowerCase()),
    );
    const result: EnsuredSubscriptions = { started: [], enabled: [], failed: [] };
    for (const contentType of new Set(contentTypes)) {
      if (enabledNow.has(contentType.toLowerCase())) {
        result.enabled.push(contentType);
        continue;
      }
      try {
        await this.startSubscription(contentType, options);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        this.#logger.warn('audit subscription start failed', {
          contentType,
          error: error instanceof Error ? error.message : String(error),
        });
        result.failed.push({ contentType, error });
        continue;
      }
      this.#logger.info('audit subscription started', { contentType });
      result.started.push(contentType);
    }
    return result;
  }

  /**
   * The content blobs made available in `[startTime, endTime)`, one page at a time: the range is cut into ≤ 24 h
   * windows, oldest first, and each window's `NextPageUri` pages are followed until the header is absent. The part
   * of the range older than the retention is reported (`onRetentionExceeded`, a warning) and not asked for; the
   * retention is evaluated as each window is sent.
   */
  async *listContent(contentType: ContentType, options: ListContentOptions): AsyncGenerator<ContentPage> {
    checkContentType(contentType);
    const startMs = floorToSecond(options.startTime.getTime());
    const endMs = floorToSecond(options.endTime.getTime());
    if (!(startMs < endMs)) {
      throw new RangeError(
        `listContent: startTime must be before endTime (in whole seconds), got ${describeTime(options.startTime)} and ${describeTime(options.endTime)}`,
      );
    }
    for (const requested of splitWindows(startMs, endMs)) {
      let pending: TimeWindow | undefined = requested;
      while (pending !== undefined) {
        const { window, lost } = clampToRetention(pending, this.#now(), this.#maxAgeMs);
        if (lost !== undefined) this.#reportLoss(contentType, lost);
        if (window === undefined) break;
        pending = yield* this.#listWindow(contentType, window, options.signal);
      }
    }
  }

  /** Whether a NextPageUri's start (`startTime`, or `starttime` as Microsoft also writes it) is past the retention. */
  #startsPastRetention(url: URL): boolean {
    for (const [name, value] of url.searchParams) {
      if (name.toLowerCase() !== 'starttime') continue;
      return parseUtcDateTime(value) < this.#now() - this.#maxAgeMs;
    }
    return false;
  }

  /**
   * One window's pages. Returns the window when its next page can no longer be asked for (its start fell past the
   * retention while paging, which Microsoft refuses): the caller lists it again from the retention, so pages already
   * yielded may come again (their contentIds tell).
   */
  async *#listWindow(
    contentType: ContentType,
    window: TimeWindow,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ContentPage, TimeWindow | undefined> {
    const startTime = formatListingTime(window.startMs);
    const endTime = formatListingTime(window.endMs);
    const visited = new Set<string>();
    let url = this.#url('subscriptions/content', { contentType, startTime, endTime });
    for (let pageNumber = 1; ; pageNumber++) {
      visited.add(url.href);
      const label = `${contentType} content ${startTime}..${endTime} page ${pageNumber}`;
      const { json, details, nextPageUri } = await this.#send(
        label,
        url,
        signal,
        'GET',
        permissionFor(contentType),
      );
      const blobs = parseArray(json, CONTENT_BLOB, label, details, this.#skipped(contentType), 'contentId');
      yield { contentType, startTime, endTime, pageNumber, blobs };
      if (nextPageUri === undefined) return undefined;
      const next = this.#onManagementOrigin(label, 'NextPageUri', nextPageUri, details);
      if (this.#startsPastRetention(next)) {
        this.#logger.warn(
          'a NextPageUri starts before the retention now; its window is listed again from there',
          {
            contentType,
            startTime,
            endTime,
          },
        );
        return window;
      }
      if (visited.has(next.href)) {
        throw new ManagementApiError(
          `${label}: NextPageUri points back to a page already read (${describeUrl(next)}); stopping instead of looping`,
          details,
        );
      }
      url = next;
    }
  }

  /**
   * The records of one content blob, parsed as they arrive (memory bounded by the largest record, not the blob). A
   * record that is not valid JSON, lacks its `Id` or exceeds `maxRecordBytes` is skipped and reported; the others
   * are yielded as Microsoft wrote them. A `contentUri` off the management origin is refused before any request.
   */
  async *fetchContent(
    blob: Pick<ContentBlob, 'contentType' | 'contentId' | 'contentUri'>,
    options: RequestOptions = {},
  ): AsyncGenerator<BlobRecord> {
    const label = `${blob.contentType} blob ${blob.contentId}`;
    const url = this.#onManagementOrigin(label, 'contentUri', blob.contentUri, {});
    if (!url.searchParams.has('PublisherIdentifier'))
      url.searchParams.set('PublisherIdentifier', this.#publisherId);
    let response: PipelineResponse;
    try {
      response = await this.#pipeline.send({
        url,
        label,
        headers: { accept: 'application/json' },
        permission: isContentType(blob.contentType) ? permissionFor(blob.contentType) : 'ActivityFeed.Read',
        limiters: this.#limiters,
        ...(options.signal && { signal: options.signal }),
      });
    } catch (error) {
      throw asManagementApiError(error);
    }
    const details: ManagementApiErrorDetails = { status: response.status };
    if (response.requestId !== undefined) details.requestId = response.requestId;
    if (response.clientRequestId !== undefined) details.clientRequestId = response.clientRequestId;
    const skip = this.#skipped(blob.contentType);
    let read = 0;
    try {
      for await (const element of jsonArrayElements(response.body, this.#maxRecordBytes)) {
        read = element.index + 1;
        const where = `${label}, [${element.index}]`;
        if (element.text === undefined) {
          skip({
            where,
            id: undefined,
            problems: [
              `the record is ${element.tooLargeBytes} bytes, more than the ${this.#maxRecordBytes} this client reads`,
            ],
          });
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(element.text);
        } catch (error) {
          skip({ where, id: undefined, problems: [`not valid JSON: ${(error as Error).message}`] });
          continue;
        }
        const problems = problemsOf(AUDIT_RECORD, value);
        if (problems.length > 0) {
          const id = (value as { Id?: unknown } | null)?.Id;
          skip({ where, id: typeof id === 'string' ? id : undefined, problems });
          continue;
        }
        yield { index: element.index, record: value as AuditRecord };
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (error instanceof JsonArrayStreamError) {
        throw new ManagementApiError(`${label}: ${error.message}`, details);
      }
      if (error instanceof ManagementApiError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ManagementApiError(`${label}: the blob broke off after ${read} records: ${reason}`, {
        ...details,
        transient: true,
        cause: error,
      });
    }
  }

  #reportLoss(contentType: ContentType, lost: TimeWindow): void {
    const loss: RetentionLoss = {
      contentType,
      startTime: new Date(lost.startMs).toISOString(),
      endTime: new Date(lost.endMs).toISOString(),
    };
    this.#logger.warn(
      'audit content older than the retention can no longer be listed: this interval is lost',
      { ...loss },
    );
    this.#onRetentionExceeded?.(loss);
  }

  /**
   * A URL the API handed us, refused unless it is on the management origin: the bearer token and the publisher id
   * go with every request and must never reach another host.
   */
  #onManagementOrigin(label: string, what: string, uri: string, details: ManagementApiErrorDetails): URL {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new ManagementApiError(`${label}: ${what} is not an absolute URL`, details);
    }
    if (url.origin !== this.#origin) {
      throw new ManagementApiError(
        `${label}: refusing to follow ${what} to ${describeUrl(url)}: it is not on the management origin ${this.#origin}, and the access token is only ever sent there`,
        details,
      );
    }
    return url;
  }

  #url(operation: string, query: Record<string, string> = {}): URL {
    const url = new URL(`${this.#feed}/${operation}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    url.searchParams.set('PublisherIdentifier', this.#publisherId);
    return url;
  }

  #skipped(source: string): (item: SkippedItem) => void {
    return (item) => {
      const skipped = { source, ...item };
      this.#logger.warn('the Management Activity API sent an item this client cannot use; it is left out', {
        ...skipped,
      });
      this.#onSkippedItem?.(skipped);
    };
  }

  async #send(
    label: string,
    url: URL,
    signal: AbortSignal | undefined,
    method: 'GET' | 'POST' = 'GET',
    permission = 'ActivityFeed.Read',
  ): Promise<{ json: unknown; details: ManagementApiErrorDetails; nextPageUri: string | undefined }> {
    let response: PipelineResponse;
    try {
      response = await this.#pipeline.send({
        url,
        method,
        label,
        headers: { accept: 'application/json' },
        permission,
        limiters: this.#limiters,
        bufferBody: true,
        ...(method === 'POST' && { body: '' }),
        ...(signal && { signal }),
      });
    } catch (error) {
      throw asManagementApiError(error);
    }
    const details: ManagementApiErrorDetails = { status: response.status };
    if (response.requestId !== undefined) details.requestId = response.requestId;
    if (response.clientRequestId !== undefined) details.clientRequestId = response.clientRequestId;
    const text = await response.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ManagementApiError(
        `${label}: the answer is not JSON (${text.trim().slice(0, 80) || 'an empty body'})`,
        { ...details, cause: error },
      );
    }
    // Header names arrive in lower case; Microsoft spells it NextPageUri.
    const nextPageUri = response.headers.nextpageuri;
    return { json, details, nextPageUri: nextPageUri === '' ? undefined : nextPageUri };
  }
}

function checkContentType(contentType: string): void {
  if (!isContentType(contentType)) {
    throw new Error(
      `unknown content type ${JSON.stringify(contentType)}; the Management Activity API has ${CONTENT_TYPES.join(', ')}`,
    );
  }
}

function describeTime(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'an invalid date' : date.toISOString();
}
