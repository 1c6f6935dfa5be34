import { describeUrl } from '@m365-otel/http';
import {
  type ApiClientBase,
  type ApiClientOptions,
  CLOCK_SKEW_TOLERANCE_MS,
  createApiClientBase,
  DriftReporter,
  MicrosoftApiError,
  type MicrosoftApiErrorDetails,
  type PipelineResponse,
  pageSizeOption,
  type RateLimiter,
  readJson,
  readJsonPages,
  ServerClock,
} from '@m365-otel/request-pipeline';
import {
  type CallRecord,
  type CallRecordSummary,
  type ParseContext,
  parseCallRecord,
  parseCallRecordPage,
  parseSessionsPage,
  type SkippedCallRecordItem,
  SUMMARY_FIELDS,
} from './parse.js';
import { startDateTimeFilter } from './time-filter.js';

export interface CallRecordsClientOptions extends ApiClientOptions {
  /** e.g. https://graph.microsoft.com (no /v1.0). */
  graphBaseUrl: string;
  /** Items per page, sent as `Prefer: odata.maxpagesize=N`; 1 to 1000, default 60 (Graph's own for call records). */
  pageSize?: number;
  /**
   * Called for every part of a call record left out because it lacks a required field or has one of the wrong type
   * (the rest is returned), on every call that meets it; e.g. to count it in a self-metric. The log has it once.
   */
  onSkippedItem?: (item: SkippedCallRecordItem) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Called for each part this call leaves out (besides the client's `onSkippedItem`). */
  onSkippedItem?: (item: SkippedCallRecordItem) => void;
}

/** A window of call start times: `from` included, `to` excluded; ISO 8601 date-times with a zone, or Dates. */
export interface CallRecordWindow {
  from: string | Date;
  to: string | Date;
}

/** The one application permission every call of this client needs. */
export const CALL_RECORDS_PERMISSION = 'CallRecords.Read.All';

const DEFAULT_PAGE_SIZE = 60;
const MAX_PAGE_SIZE = 1000;
/** Microsoft's limit for call records per app and tenant. */
const RATE_LIMIT = { limit: 1500, windowMs: 20_000 } as const;

/**
 * Microsoft Teams call records through Graph v1.0 (`communications/callRecords`). What is its own: the URLs, the
 * start-time filter, paging (the list's `@odata.nextLink` and a record's `sessions@odata.nextLink`, followed only on
 * the Graph origin) and parsing. Token, retries, request ids, errors and Microsoft's 1,500 requests per 20 seconds
 * are the request pipeline's. Stateless but for the warnings it has already logged: how many records to read at
 * once, and which, is the caller's decision.
 */
export class CallRecordsClient {
  readonly #api: ApiClientBase;
  readonly #base: string;
  readonly #pageSize: number;
  readonly #limiters: readonly RateLimiter[];
  readonly #clock: ServerClock;
  readonly #drift: DriftReporter<SkippedCallRecordItem>;

  constructor(options: CallRecordsClientOptions) {
    const api = createApiClientBase(options, {
      baseUrl: options.graphBaseUrl,
      service: 'Graph',
      api: 'graph.call_records',
    });
    this.#api = api;
    this.#pageSize = pageSizeOption(options.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    this.#base = `${api.baseUrl}/v1.0/communications/callRecords`;
    this.#drift = new DriftReporter({
      answeredBy: 'Graph',
      logger: options.logger,
      onSkippedItem: options.onSkippedItem,
    });
    this.#clock = new ServerClock(api.now, (skewMs) =>
      api.logger.warn(
        Math.abs(skewMs) > CLOCK_SKEW_TOLERANCE_MS
          ? "the local clock is more than a minute off Graph's: call records' times are compared in Graph's time"
          : "the local clock agrees with Graph's again",
        { skewMs },
      ),
    );
    this.#limiters = [api.rateLimiter(RATE_LIMIT)];
  }

  /**
   * Now on Graph's clock: local time corrected by the skew the latest answer's `Date` header showed, once that
   * exceeds a minute (before the first answer, local time). A record's times are Graph's: how old its
   * lastModifiedDateTime is belongs on this clock.
   */
  serverNow(): number {
    return this.#clock.now();
  }

  /**
   * Every call record that started in the window (`startDateTime ge from and startDateTime lt to`), across all
   * pages, with the summary fields only. Graph keeps call records for 30 days.
   */
  async listCallRecords(
    window: CallRecordWindow,
    options: RequestOptions = {},
  ): Promise<CallRecordSummary[]> {
    const url = new URL(this.#base);
    url.search = `$filter=${encodeURIComponent(startDateTimeFilter(window))}&$select=${SUMMARY_FIELDS.join(',')}`;
    const startedMs = this.#api.now();
    // Keyed by id: a list that changes between two pages can repeat a record on the next page.
    const byId = new Map<string, CallRecordSummary>();
    let pages = 0;
    for await (const page of readJsonPages(this.#api.pipeline, {
      ...this.#request(options.signal),
      url,
      label: 'callRecords',
      origin: this.#api.origin,
      nextLinkProperty: '@odata.nextLink',
    })) {
      pages = page.pageNumber;
      for (const record of parseCallRecordPage(
        this.#parseContext(page.label, page.details, options),
        page.json,
      ))
        byId.set(record.id, record);
    }
    this.#api.logger.debug('call records listed', {
      records: byId.size,
      pages,
      durationMs: this.#api.now() - startedMs,
    });
    return [...byId.values()];
  }

  /**
   * One call record with its sessions, segments, media and streams (`$expand=sessions($expand=segments)`), the
   * sessions Graph pages (60 at most on a page) followed to the end. A record older than 30 days is a 404.
   */
  async getCallRecord(id: string, options: RequestOptions = {}): Promise<CallRecord> {
    if (id.trim() === '') throw new Error('getCallRecord: the call record id must not be empty');
    const label = `call record ${id}`;
    const url = new URL(`${this.#base}/${encodeURIComponent(id)}`);
    url.search = '$expand=sessions($expand=segments)';
    const { json, details } = await readJson(this.#api.pipeline, {
      ...this.#request(options.signal),
      url,
      label,
    });
    const { record, sessionsNextLink } = parseCallRecord(this.#parseContext(label, details, options), json);
    if (record.id.toLowerCase() !== id.toLowerCase()) {
      throw new MicrosoftApiError(
        `${label}: Graph answered with call record ${JSON.stringify(record.id)}`,
        details,
      );
    }
    if (sessionsNextLink === undefined) return record;
    const sessionsLabel = `${label} sessions`;
    for await (const page of readJsonPages(this.#api.pipeline, {
      ...this.#request(options.signal),
      url: this.#sessionsUrl(sessionsNextLink, url, label, details),
      label: sessionsLabel,
      origin: this.#api.origin,
      nextLinkProperty: '@odata.nextLink',
    })) {
      const context = this.#parseContext(page.label, page.details, options);
      record.sessions.push(...parseSessionsPage(context, page.json));
    }
    return record;
  }

  /** The record's link to its next sessions, held to the rule every next link is: on the Graph origin only. */
  #sessionsUrl(link: string, recordUrl: URL, label: string, details: MicrosoftApiErrorDetails): URL {
    let url: URL;
    try {
      url = new URL(link, recordUrl);
    } catch {
      throw new MicrosoftApiError(`${label}: sessions@odata.nextLink is not a valid URL`, details);
    }
    if (url.origin !== this.#api.origin) {
      throw new MicrosoftApiError(
        `${label}: refusing to follow sessions@odata.nextLink to ${describeUrl(url)}: it is not on the Graph origin ${this.#api.origin}, and the access token is only ever sent to Graph`,
        details,
      );
    }
    return url;
  }

  #parseContext(label: string, details: MicrosoftApiErrorDetails, options: RequestOptions): ParseContext {
    return {
      label,
      details,
      onUnknownEnum: (definition, value, where) => this.#drift.unknownEnum(definition, value, where),
      onSkippedItem: (item) => this.#drift.skippedItem(item, options.onSkippedItem),
    };
  }

  /**
   * What every call sends: the page size and evolvable enums as they are (Graph would otherwise send
   * `unknownFutureValue` for a member added later), the permission a 403 names, Microsoft's limit.
   */
  #request(signal: AbortSignal | undefined) {
    return {
      answeredBy: 'Graph',
      headers: { prefer: `odata.maxpagesize=${this.#pageSize}, include-unknown-enum-members` },
      permission: CALL_RECORDS_PERMISSION,
      limiters: this.#limiters,
      onAnswer: ({ headers }: Pick<PipelineResponse, 'headers'>) =>
        this.#clock.observe(headers.date, this.#api.now()),
      ...(signal && { signal }),
    };
  }
}
