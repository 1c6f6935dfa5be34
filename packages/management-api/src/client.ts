import { describeUrl, type Logger, NOOP_LOGGER } from '@m365-otel/http';
import {
  type ApiClientOptions,
  CLOCK_SKEW_TOLERANCE_MS,
  createMicrosoftApiPipeline,
  MicrosoftApiError,
  type Pipeline,
  type PipelineResponse,
  parseApiBaseUrl,
  RateLimiter,
  ServerClock,
} from '@m365-otel/request-pipeline';
import { CONTENT_TYPES, type ContentType, isContentType, permissionFor } from './content-types.js';
import {
  asBlobUnavailableError,
  asManagementApiError,
  BlobUnavailableError,
  ManagementApiError,
  type ManagementApiErrorDetails,
} from './errors.js';
import { type ArrayValue, JsonArrayStreamError, jsonArrayValues } from './json-array-stream.js';
import {
  AUDIT_RECORD,
  type AuditRecord,
  CONTENT_BLOB,
  type ContentBlob,
  isAuditRecord,
  parseArray,
  problemsOf,
  type SkippedItem,
  SUBSCRIPTION,
  type Subscription,
} from './parse.js';
import { Semaphore } from './semaphore.js';
import { parseUtcDateTime } from './utc-date-time.js';
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
  /** Blob fetches (`fetchContent` bodies being read) at once for this tenant, all content types together; default 4. */
  maxConcurrentFetches?: number;
  /** Called for every retry after throttling (429, or 403 AF429), with the wait before it. */
  onThrottled?: (event: ThrottleEvent) => void;
  /**
   * Called when the skew in use (server minus local time, from the answers' `Date` header; 0 while within a minute)
   * changes by more than a minute, with the measured skew.
   */
  onClockSkew?: (skewMs: number) => void;
}

/** The calls of the API, as `onThrottled` names them. */
export type ActivityOperation = 'subscriptions list' | 'subscription start' | 'content list' | 'blob fetch';

export interface ThrottleEvent {
  operation: ActivityOperation;
  /** The content type of the call, when it has one. */
  contentType?: string;
  /** How long the client waits before trying again. */
  waitMs: number;
}

export interface SkippedActivityItem extends SkippedItem {
  /** `subscriptions`, or the content type whose listing or blob had the item. */
  source: string;
  /** What was left out: an entry of the subscription list, a blob of a content listing, or a record of a blob. */
  kind: 'subscription' | 'content blob' | 'record';
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
  /**
   * A page's `nextPageUri` saved earlier: the listing goes on from that page (its window, then the windows after it
   * up to `endTime`) instead of from `startTime`. Its window must lie in `[startTime, endTime)`, so pass the range of
   * the listing that yielded it. A link whose start has fallen past the retention is not sent: its window is listed
   * again from the retention.
   */
  resumeFrom?: string;
}

/** One page of a content listing. */
export interface ContentPage {
  contentType: ContentType;
  /** The ≤ 24 h window this page belongs to, as sent (`YYYY-MM-DDTHH:MM:SS`, UTC). */
  startTime: string;
  endTime: string;
  /** 1-based within the window, counted from where this listing began it (a resumed window from its link). */
  pageNumber: number;
  /** In the order Microsoft listed them; may be empty while a next page follows. */
  blobs: ContentBlob[];
  /**
   * The next page of the window, checked to be on the management origin; absent on the window's last page. A
   * checkpoint that saves it once this page's blobs are done resumes with `listContent(..., { resumeFrom })`.
   */
  nextPageUri?: string;
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
export const DEFAULT_MAX_CONCURRENT_FETCHES = 4;
// The subscription of the listed content type is missing (AF20022) or disabled (AF20023): started again, once.
// The window is invalid: too long, or (what a skewed clock causes) a start older than Microsoft's 7 days.
const WINDOW_REFUSED = 'AF20055';
const SUBSCRIPTION_NOT_ENABLED: ReadonlySet<string | undefined> = new Set(['AF20022', 'AF20023']);
/**
 * Microsoft throttles frequent starts of one subscription on its own ("Too many frequent subscription start
 * requests. Please retry again after 14m 56s"), so one start per content type per this interval, whatever fails.
 */
export const SUBSCRIPTION_START_INTERVAL_MS = 15 * 60_000;

/**
 * The Office 365 Management Activity API for one tenant: subscriptions (started when missing, never stopped) and
 * content listings in ≤ 24 h windows within the retention, following `NextPageUri` only on the management origin,
 * and blob fetches, a bounded number at once. Time limits (retention, blob expiry) are checked in server time, which
 * the answers' `Date` header tells. Token, retries (429 and 403 AF429), request ids, errors and the per-tenant
 * request rate are the request pipeline's steps.
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
  readonly #onThrottled: ((event: ThrottleEvent) => void) | undefined;
  readonly #fetchSlots: Semaphore;
  readonly #clock: ServerClock;

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
    const maxConcurrentFetches = options.maxConcurrentFetches ?? DEFAULT_MAX_CONCURRENT_FETCHES;
    if (!Number.isInteger(maxConcurrentFetches) || maxConcurrentFetches < 1) {
      throw new Error(`maxConcurrentFetches must be a positive integer, got ${maxConcurrentFetches}`);
    }
    const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    if (!(maxAgeMs > 0 && maxAgeMs <= 7 * 24 * 3_600_000)) {
      throw new Error(`maxAgeMs must be more than 0 and at most 7 days, got ${maxAgeMs}`);
    }
    this.#feed = `${base}/api/v1.0/${options.tenantId}/activity/feed`;
    this.#origin = new URL(base).origin;
    this.#publisherId = publisherId;
    this.#pipeline = createMicrosoftApiPipeline({
      ...options,
      baseUrl: base,
      service: SERVICE,
      api: 'management',
    });
    this.#maxAgeMs = maxAgeMs;
    this.#maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.#logger = options.logger ?? NOOP_LOGGER;
    this.#now = options.now ?? Date.now;
    this.#onSkippedItem = options.onSkippedItem;
    this.#onRetentionExceeded = options.onRetentionExceeded;
    this.#onThrottled = options.onThrottled;
    this.#fetchSlots = new Semaphore(maxConcurrentFetches);
    const onClockSkew = options.onClockSkew;
    this.#clock = new ServerClock(this.#now, (skewMs) => {
      if (Math.abs(skewMs) > CLOCK_SKEW_TOLERANCE_MS) {
        this.#logger.warn(
          "the local clock is more than a minute off the Management Activity API's: its time limits are checked in server time",
          { skewMs },
        );
      } else {
        this.#logger.warn("the local clock agrees with the Management Activity API's again", { skewMs });
      }
      onClockSkew?.(skewMs);
    });
    const clock = { now: this.#now, ...(options.sleep && { sleep: options.sleep }) };
    this.#limiters = [new RateLimiter({ limit: requestsPerMinute, windowMs: 60_000, ...clock })];
  }

  /**
   * Now on Microsoft's clock: local time corrected by the skew the latest answer's `Date` header showed, once that
   * exceeds a minute (before the first answer, local time). The collector's listing bounds belong on this clock.
   */
  serverNow(): number {
    return this.#clock.now();
  }

  /** The tenant's subscriptions, enabled and disabled. */
  async listSubscriptions(options: RequestOptions = {}): Promise<Subscription[]> {
    const label = 'subscriptions list';
    const { json, details } = await this.#send({
      label,
      operation: 'subscriptions list',
      url: this.#url('subscriptions/list'),
      signal: options.signal,
    });
    return parseArray(
      json,
      SUBSCRIPTION,
      label,
      details,
      this.#skipped('subscriptions', 'subscription'),
      'contentType',
    );
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
      answer = await this.#send({
        label,
        operation: 'subscription start',
        contentType,
        url,
        signal: options.signal,
        method: 'POST',
        permission: permissionFor(contentType),
      });
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
   * retention is evaluated, in server time, as each window is sent. A missing or disabled subscription (AF20022,
   * AF20023) is started again and the page asked for once more. `resumeFrom` continues from a saved `nextPageUri`.
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
    const resume =
      options.resumeFrom === undefined
        ? undefined
        : this.#resumePoint(contentType, options.resumeFrom, { startMs, endMs });
    const windows =
      resume === undefined
        ? splitWindows(startMs, endMs)
        : [resume.window, ...splitWindows(resume.window.endMs, endMs)];
    for (const requested of windows) {
      let pending: TimeWindow | undefined = requested;
      let link = requested === resume?.window ? resume.url : undefined;
      while (pending !== undefined) {
        const { window, lost } = clampToRetention(pending, this.serverNow(), this.#maxAgeMs);
        if (lost !== undefined) this.#reportLoss(contentType, lost);
        if (window === undefined) break;
        // A saved link whose window start is past the retention is refused by Microsoft: listed afresh instead.
        const first = lost === undefined ? link : undefined;
        link = undefined;
        pending = yield* this.#listWindow(contentType, window, options.signal, first);
      }
    }
  }

  /** The window a saved NextPageUri belongs to (its `startTime` and `endTime`), checked against the listing. */
  #resumePoint(contentType: ContentType, link: string, range: TimeWindow): { window: TimeWindow; url: URL } {
    const url = this.#onManagementOrigin(`${contentType} content`, 'resumeFrom', link, {});
    const parameter = (name: string) => queryParameter(url, name) ?? '';
    const linkType = parameter('contenttype');
    if (linkType !== '' && linkType.toLowerCase() !== contentType.toLowerCase()) {
      throw new RangeError(`listContent: resumeFrom lists ${linkType}, not ${contentType}`);
    }
    const window = {
      startMs: floorToSecond(parseUtcDateTime(parameter('starttime'))),
      endMs: floorToSecond(parseUtcDateTime(parameter('endtime'))),
    };
    if (!(window.startMs < window.endMs)) {
      throw new RangeError('listContent: resumeFrom has no startTime and endTime that tell its window');
    }
    if (window.startMs < range.startMs || window.endMs > range.endMs) {
      throw new RangeError(
        `listContent: resumeFrom's window ${formatListingTime(window.startMs)}..${formatListingTime(window.endMs)} is not inside ${formatListingTime(range.startMs)}..${formatListingTime(range.endMs)}`,
      );
    }
    return { window, url };
  }

  /** Whether a NextPageUri's start (`startTime`, or `starttime` as Microsoft also writes it) is past the retention. */
  #startsPastRetention(url: URL): boolean {
    const start = queryParameter(url, 'starttime');
    return start !== undefined && this.#pastRetention(parseUtcDateTime(start));
  }

  #pastRetention(ms: number): boolean {
    return ms < this.serverNow() - this.#maxAgeMs;
  }

  /**
   * One window's pages, from `firstUrl` (a saved link) or its start. Returns the window when its next page can no
   * longer be asked for (its start fell past the retention while paging, which Microsoft refuses): the caller lists
   * it again from the retention, so pages already yielded may come again (their contentIds tell).
   */
  async *#listWindow(
    contentType: ContentType,
    window: TimeWindow,
    signal: AbortSignal | undefined,
    firstUrl: URL | undefined,
  ): AsyncGenerator<ContentPage, TimeWindow | undefined> {
    const startTime = formatListingTime(window.startMs);
    const endTime = formatListingTime(window.endMs);
    const visited = new Set<string>();
    let url = firstUrl ?? this.#url('subscriptions/content', { contentType, startTime, endTime });
    for (let pageNumber = 1; ; pageNumber++) {
      visited.add(url.href);
      const label = `${contentType} content ${startTime}..${endTime} page ${pageNumber}`;
      let page: ListedPage;
      try {
        page = await this.#listPage(contentType, label, url, signal);
      } catch (error) {
        // The refusal's own Date showed the local clock behind: in server time the start is past the retention.
        if (!(error instanceof ManagementApiError && error.code === WINDOW_REFUSED)) throw error;
        if (!this.#pastRetention(window.startMs)) throw error;
        this.#logger.warn(
          'a listing start was past the retention in server time; its window is listed again from there',
          {
            contentType,
            startTime,
            endTime,
          },
        );
        return window;
      }
      const { blobs, details, nextPageUri } = page;
      let next: URL | undefined;
      let refusal: unknown;
      try {
        next =
          nextPageUri === undefined
            ? undefined
            : this.#onManagementOrigin(label, 'NextPageUri', nextPageUri, details);
      } catch (error) {
        refusal = error;
      }
      yield { contentType, startTime, endTime, pageNumber, blobs, ...(next && { nextPageUri: next.href }) };
      if (refusal !== undefined) throw refusal;
      if (next === undefined) return undefined;
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
   * One listing page. When the subscription turns out missing or disabled, it is started again (within the start
   * guard) and the page asked for once more; when that start is refused, the listing's error says what to do.
   */
  async #listPage(
    contentType: ContentType,
    label: string,
    url: URL,
    signal: AbortSignal | undefined,
  ): Promise<ListedPage> {
    const listOnce = async () => {
      const { json, details, nextPageUri } = await this.#send({
        label,
        operation: 'content list',
        contentType,
        url,
        signal,
        permission: permissionFor(contentType),
      });
      const blobs = parseArray(
        json,
        CONTENT_BLOB,
        label,
        details,
        this.#skipped(contentType, 'content blob'),
        'contentId',
      );
      return { blobs, details, nextPageUri };
    };
    try {
      return await listOnce();
    } catch (error) {
      if (!(error instanceof ManagementApiError) || !SUBSCRIPTION_NOT_ENABLED.has(error.code)) throw error;
      try {
        await this.startSubscription(contentType, signal === undefined ? {} : { signal });
      } catch (startError) {
        if (signal?.aborted) throw startError;
        const why = startError instanceof Error ? startError.message : String(startError);
        throw new ManagementApiError(
          `${error.message}; starting the subscription again did not work (${why}). The next cycle tries again; if this lasts, check that unified audit logging is on for the tenant and the app has the ${permissionFor(contentType)} application permission with admin consent`,
          { ...error.details, cause: startError },
        );
      }
      this.#logger.warn(
        'an audit subscription was missing or disabled during a listing; it was started again',
        {
          contentType,
          code: error.code,
        },
      );
      return await listOnce();
    }
  }

  /**
   * The records of one content blob, in order, a batch at a time: a body no longer than `maxRecordBytes` is parsed
   * whole, a longer one record by record as its chunks arrive (memory bounded by that size, not the blob's). A
   * record that is not valid JSON, lacks its `Id` or exceeds `maxRecordBytes` is skipped and reported; the others
   * are yielded as Microsoft wrote them. A `contentUri` off the management origin is refused before any request.
   * A blob past its `contentExpiration` (server time) is not asked for; it and one Microsoft says is expired or
   * unknown (AF20051; AF20050, AF20052, 404) fail with a BlobUnavailableError. At most `maxConcurrentFetches`
   * blobs are read at once: a fetch holds its slot from its request until its body is read or the iteration ends.
   */
  async *fetchContent(
    blob: Pick<ContentBlob, 'contentType' | 'contentId' | 'contentUri' | 'contentExpiration'>,
    options: RequestOptions = {},
  ): AsyncGenerator<BlobRecord[]> {
    const label = `${blob.contentType} blob ${blob.contentId}`;
    const url = this.#onManagementOrigin(label, 'contentUri', blob.contentUri, {});
    if (parseUtcDateTime(blob.contentExpiration) <= this.serverNow()) {
      throw new BlobUnavailableError(
        `${label}: expired at ${blob.contentExpiration}, so Microsoft no longer serves it; not asked for`,
        'expired',
      );
    }
    if (!url.searchParams.has('PublisherIdentifier'))
      url.searchParams.set('PublisherIdentifier', this.#publisherId);
    const release = await this.#fetchSlots.acquire(options.signal);
    try {
      yield* this.#readBlob(blob.contentType, label, url, options.signal);
    } finally {
      release();
    }
  }

  async *#readBlob(
    contentType: string,
    label: string,
    url: URL,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<BlobRecord[]> {
    let answer: { response: PipelineResponse; details: ManagementApiErrorDetails };
    try {
      answer = await this.#request({
        label,
        operation: 'blob fetch',
        contentType,
        url,
        signal,
        permission: isContentType(contentType) ? permissionFor(contentType) : 'ActivityFeed.Read',
      });
    } catch (error) {
      throw asBlobUnavailableError(error);
    }
    const { response, details } = answer;
    const skip = this.#skipped(contentType, 'record');
    const where = (index: number) => `${label}, [${index}]`;
    let read = 0;
    try {
      for await (const values of jsonArrayValues(response.body, this.#maxRecordBytes)) {
        const records: BlobRecord[] = [];
        for (const element of values) {
          read = element.index + 1;
          const record = this.#recordOf(element, skip, where);
          if (record !== undefined) records.push({ index: element.index, record });
        }
        if (records.length > 0) yield records;
      }
    } catch (error) {
      if (signal?.aborted) throw error;
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

  /** An element's record, or undefined when it is skipped (too large, not JSON, not a record), reported as such. */
  #recordOf(
    element: ArrayValue,
    skip: (item: SkippedItem) => void,
    where: (index: number) => string,
  ): AuditRecord | undefined {
    if (!('value' in element)) {
      skip({
        where: where(element.index),
        id: undefined,
        problems: [
          'tooLargeBytes' in element
            ? `the record is ${element.tooLargeBytes} bytes, more than the ${this.#maxRecordBytes} this client reads`
            : `not valid JSON: ${element.invalidJson}`,
        ],
      });
      return undefined;
    }
    const { value } = element;
    if (!isAuditRecord(value)) {
      const id = (value as { Id?: unknown } | null)?.Id;
      skip({
        where: where(element.index),
        id: typeof id === 'string' ? id : undefined,
        problems: problemsOf(AUDIT_RECORD, value),
      });
      return undefined;
    }
    return value;
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

  #skipped(source: string, kind: SkippedActivityItem['kind']): (item: SkippedItem) => void {
    return (item) => {
      const skipped: SkippedActivityItem = { source, kind, ...item };
      this.#logger.warn('the Management Activity API sent an item this client cannot use; it is left out', {
        ...skipped,
      });
      this.#onSkippedItem?.(skipped);
    };
  }

  /**
   * One call through the pipeline: the tenant's rate limit, throttling told to `onThrottled`, each answer's `Date`
   * taken for the server clock. A small JSON answer (`bufferBody`) is read inside the pipeline, so a body cut short
   * is retried there.
   */
  async #request(
    call: ActivityCall,
    bufferBody = false,
  ): Promise<{ response: PipelineResponse; details: ManagementApiErrorDetails }> {
    const { label, operation, contentType, url, signal, method = 'GET' } = call;
    let response: PipelineResponse;
    try {
      response = await this.#pipeline.send({
        url,
        method,
        label,
        headers: { accept: 'application/json' },
        permission: call.permission ?? 'ActivityFeed.Read',
        limiters: this.#limiters,
        // Every answer tells the server's time, the refused ones too (an AF20055 may be the first thing heard).
        onAnswer: ({ headers }) => this.#clock.observe(headers.date, this.#now()),
        onRetry: (retry) => {
          if (!retry.throttled) return;
          this.#onThrottled?.({ operation, ...(contentType && { contentType }), waitMs: retry.delayMs });
        },
        ...(bufferBody && { bufferBody }),
        ...(method === 'POST' && { body: '' }),
        ...(signal && { signal }),
      });
    } catch (error) {
      throw asManagementApiError(error);
    }
    const details: ManagementApiErrorDetails = { status: response.status };
    if (response.requestId !== undefined) details.requestId = response.requestId;
    if (response.clientRequestId !== undefined) details.clientRequestId = response.clientRequestId;
    return { response, details };
  }

  async #send(
    call: ActivityCall,
  ): Promise<{ json: unknown; details: ManagementApiErrorDetails; nextPageUri: string | undefined }> {
    const { response, details } = await this.#request(call, true);
    const { label } = call;
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

interface ListedPage {
  blobs: ContentBlob[];
  details: ManagementApiErrorDetails;
  nextPageUri: string | undefined;
}

interface ActivityCall {
  label: string;
  operation: ActivityOperation;
  contentType?: string;
  url: URL;
  signal: AbortSignal | undefined;
  method?: 'GET' | 'POST';
  /** Named in the error of a 403; default ActivityFeed.Read. */
  permission?: string;
}

/** A query parameter of a NextPageUri, whose names Microsoft writes in either case (`startTime`, `starttime`). */
function queryParameter(url: URL, lowerCaseName: string): string | undefined {
  for (const [name, value] of url.searchParams) if (name.toLowerCase() === lowerCaseName) return value;
  return undefined;
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
