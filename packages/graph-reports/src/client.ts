import { describeOrigin, isTransientNetworkError, type Logger, NOOP_LOGGER } from '@m365-otel/http';
import {
  isReportName,
  REPORT_CATALOG,
  REPORT_ENDPOINTS,
  REPORT_PERIODS,
  type ReportDefinition,
  type ReportName,
  type ReportPeriod,
} from '@m365-otel/report-catalog';
import {
  type ApiClientOptions,
  createMicrosoftApiPipeline,
  MicrosoftApiError,
  type Pipeline,
  type PipelineResponse,
  parseApiBaseUrl,
  type RequestObserver,
  RetryableError,
  type RetryOptions,
  retryReasonOf,
  withRetry,
} from '@m365-otel/request-pipeline';
import { CsvError, CsvParser, normalizeHeaderName } from './csv.js';
import { ReportError, type ReportErrorDetails } from './errors.js';
import { parseReportSettings, type ReportSettings } from './report-settings.js';
import { REPORT_REQUEST_BUDGET, ReportRequestBudget } from './request-budget.js';

/** A report over a period, over one day (per-entity reports whose `parameters` allow it), or without parameters. */
export type ReportQuery =
  | { report: ReportName; period: ReportPeriod }
  | { report: ReportName; date: string }
  | { report: ReportName };

export interface ReportRow {
  /** Physical line in the CSV where the row starts (the header is line 1). */
  readonly line: number;
  /** The cell under a (normalised) header name, trimmed; undefined when empty or when the column is absent. */
  get(column: string): string | undefined;
}

export interface ReportHeader {
  /** Normalised names in file order. */
  columns: string[];
  /** Documented but absent. */
  missing: string[];
  /** Present but undocumented. */
  unknown: string[];
}

export interface RowVisitor<S> {
  start(header: ReportHeader): S;
  row(state: S, row: ReportRow): void;
  /**
   * Called after each chunk of the download has been visited, when the visitor passes its rows on to something that
   * can be slower than the download (an exporter): a promise makes the download wait (no further byte is read)
   * until it settles; undefined, the usual answer, lets it go on without a wait. A rejection fails the read.
   * Visitors that never wait leave it out, so a row costs no await.
   */
  ready?(state: S, signal: AbortSignal): Promise<void> | undefined;
}

export interface ReportsClientOptions extends ApiClientOptions {
  /** e.g. https://graph.microsoft.com (no /v1.0). */
  graphBaseUrl: string;
  /** Requests per sliding window, per report function; default REPORT_REQUEST_BUDGET, Microsoft's CSV limit. */
  rateLimit?: { limit: number; windowMs: number };
  /**
   * Longest time one download may take, headers to last row, in ms; default by the report's shape (see
   * DEFAULT_DOWNLOAD_DEADLINE_MS). A trickling body never trips the body timeout (each chunk resets it); this does.
   */
  downloadDeadlineMs?: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Overrides the client's download deadline for this read. */
  downloadDeadlineMs?: number;
  /**
   * Columns the caller cannot do without (e.g. those its mapping reads): a header lacking any of them fails the
   * read with a ReportError naming them, instead of a success without data.
   */
  requiredColumns?: readonly string[];
  /**
   * The Report Refresh Date of the last file read: when the new file's first row carries the same date, the
   * download stops there and the read resolves `unchanged` (nothing more is downloaded, the visitor never starts).
   */
  knownRefreshDate?: string;
  /** The ETag of the last file read, sent as If-None-Match: Graph's 304 resolves the read `unchanged`. */
  etag?: string;
}

/** A report downloaded and every row visited. */
export interface ReportRead<S> {
  status: 'read';
  state: S;
  header: ReportHeader;
  rows: number;
  /** The file's Report Refresh Date (its first row's); undefined for a file without rows. */
  refreshDate: string | undefined;
  /** Graph's ETag for the file, to send back as `etag` next time. */
  etag: string | undefined;
}

/** The report is the one read last time (by ETag or Report Refresh Date); nothing was visited. */
export interface ReportUnchanged {
  status: 'unchanged';
  refreshDate: string | undefined;
  etag: string | undefined;
}

export type ReportResult<S> = ReportRead<S> | ReportUnchanged;

/** Without a known refresh date or ETag a report can only be read; with either, it may be unchanged. */
export type ReportResultFor<S, O extends ReadOptions> = [
  Extract<keyof O, 'knownRefreshDate' | 'etag'>,
] extends [never]
  ? ReportRead<S>
  : ReportResult<S>;

/**
 * A daily or summary report is a few rows; a per-entity report has a row per user, mailbox or site (a million users
 * is a few hundred MB of CSV, parsed at well over 10 MB/s). Generous bounds: they exist to end a stalled transfer.
 */
export const DEFAULT_DOWNLOAD_DEADLINE_MS: Readonly<Record<ReportDefinition['shape'], number>> =
  Object.freeze({
    daily: 5 * 60_000,
    summary: 5 * 60_000,
    'per-entity': 30 * 60_000,
  });
const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;
const NOT_MODIFIED = 304;
const SETTINGS_LABEL = 'reportSettings';
/** The least-privileged application permission of `reportSettings()` (`GET /admin/reportSettings`). */
export const REPORT_SETTINGS_PERMISSION = 'ReportSettings.Read.All';
const REFRESH_DATE = 'Report Refresh Date';
/** Answers from the download host that mean "this pre-authenticated URL is no longer good": ask Graph for a new one. */
const EXPIRED_DOWNLOAD_STATUSES: readonly number[] = [401, 403, 404, 410];
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads Microsoft Graph usage reports as a stream of rows. Each read is: the report function on the Graph host
 * (expects a 302), then the pre-authenticated https Location without any Authorization, parsed as CSV while it
 * downloads, within a deadline. Both requests go through the request pipeline (token, retries, request ids, errors,
 * the per-report limit of 14 requests per 10 minutes); what is the client's own: query checks, the 302 hop without
 * the token, the CSV stream, and reading the whole report again with a fresh visitor state when the transfer broke
 * off or the download URL expired.
 */
export class ReportsClient {
  readonly #graphBaseUrl: string;
  readonly #pipeline: Pipeline;
  readonly #retryOptions: RetryOptions;
  readonly #budget: ReportRequestBudget;
  readonly #downloadDeadlineMs: number | undefined;
  readonly #logger: Logger;
  readonly #clock: Pick<ApiClientOptions, 'now' | 'sleep'>;
  readonly #now: () => number;
  readonly #observer: RequestObserver | undefined;

  constructor(options: ReportsClientOptions) {
    this.#graphBaseUrl = parseApiBaseUrl(options.graphBaseUrl);
    this.#pipeline = createMicrosoftApiPipeline({
      ...options,
      baseUrl: this.#graphBaseUrl,
      service: 'Graph',
      api: 'graph.reports',
    });
    this.#downloadDeadlineMs =
      options.downloadDeadlineMs === undefined ? undefined : checkDeadline(options.downloadDeadlineMs);
    this.#logger = options.logger ?? NOOP_LOGGER;
    this.#observer = options.observer;
    this.#now = options.now ?? Date.now;
    this.#clock = { now: this.#now, ...(options.sleep && { sleep: options.sleep }) };
    this.#retryOptions = {
      ...(options.retry && { policy: options.retry }),
      ...(options.random && { random: options.random }),
      ...this.#clock,
    };
    this.#budget = new ReportRequestBudget({
      ...(options.rateLimit ?? REPORT_REQUEST_BUDGET),
      ...this.#clock,
    });
  }

  /**
   * Downloads the report and streams its rows into a fresh visitor state. When the transfer breaks off or the
   * download URL has expired, the whole report is read again with a NEW state (visitor.start again), so the
   * returned state never holds a row twice.
   */
  async read<S, O extends ReadOptions = Record<never, never>>(
    query: ReportQuery,
    visitor: RowVisitor<S>,
    options?: O,
  ): Promise<ReportResultFor<S, O>> {
    return (await this.#read(query, visitor, options ?? {})) as ReportResultFor<S, O>;
  }

  /**
   * The tenant's report settings: whether reports conceal user, group and site names. Needs the application
   * permission ReportSettings.Read.All; without it Graph answers 403, thrown as a ReportError that names it.
   */
  async reportSettings(signal?: AbortSignal): Promise<ReportSettings> {
    let response: PipelineResponse;
    try {
      response = await this.#pipeline.send({
        url: new URL(`${this.#graphBaseUrl}/v1.0/admin/reportSettings`),
        label: SETTINGS_LABEL,
        headers: { accept: 'application/json' },
        permission: REPORT_SETTINGS_PERMISSION,
        bufferBody: true,
        ...(signal && { signal }),
      });
    } catch (error) {
      throw asReportError(undefined, error);
    }
    const details = withRequestIds<ReportErrorDetails>(
      { status: response.status },
      response.requestId,
      response.clientRequestId,
    );
    const text = await response.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ReportError(
        `${SETTINGS_LABEL}: Graph's answer is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        { ...details, cause: error },
      );
    }
    const settings = parseReportSettings(json);
    if (typeof settings === 'string') throw new ReportError(`${SETTINGS_LABEL}: ${settings}`, details);
    return settings;
  }

  async #read<S>(query: ReportQuery, visitor: RowVisitor<S>, options: ReadOptions): Promise<ReportResult<S>> {
    const definition = checkQuery(query);
    const report = definition.name;
    const url = reportUrl(this.#graphBaseUrl, definition, query);
    const { signal } = options;
    const startedMs = this.#now();
    let attempts = 0;
    try {
      const result = await withRetry(
        (attempt) => {
          attempts = attempt;
          return this.#attempt(definition, url, visitor, options);
        },
        {
          ...this.#retryOptions,
          ...(signal && { signal }),
          onRetry: ({ attempt, delayMs, error }) => {
            this.#logger.warn('report read failed, retrying the whole report', {
              report,
              attempt,
              delayMs,
              error: error instanceof Error ? error.message : String(error),
            });
            // The pipeline counted the download's answer; the transfer that broke off after it is retried here.
            if (error instanceof BrokenTransfer)
              this.#observer?.retrying('graph.report_download', {
                reason: retryReasonOf({ error: error.cause }),
                delayMs,
              });
          },
        },
      );
      const durationMs = this.#now() - startedMs;
      if (result.status === 'unchanged')
        this.#logger.info('report unchanged', {
          report,
          refreshDate: result.refreshDate,
          attempts,
          durationMs,
        });
      else
        this.#logger.info('report read', {
          report,
          rows: result.rows,
          refreshDate: result.refreshDate,
          attempts,
          durationMs,
          missingColumns: result.header.missing,
          unknownColumns: result.header.unknown,
        });
      return result;
    } catch (error) {
      throw asReportError(report, error);
    }
  }

  async #attempt<S>(
    definition: ReportDefinition,
    url: string,
    visitor: RowVisitor<S>,
    options: ReadOptions,
  ): Promise<ReportResult<S>> {
    const report = definition.name;
    const { signal } = options;
    const graph = await this.#pipeline.send({
      url: new URL(url),
      label: report,
      expect: [...REDIRECT_STATUSES, NOT_MODIFIED, 200],
      permission: 'Reports.Read.All',
      limiters: [this.#budget.windowOf(report)],
      ...(options.etag !== undefined && { headers: { 'If-None-Match': options.etag } }),
      ...(signal && { signal }),
    });
    const { requestId, clientRequestId } = graph;
    const ids = withRequestIds<ReportErrorDetails>(
      { report, status: graph.status },
      requestId,
      clientRequestId,
    );
    await graph.body.dump();
    const etag = headerValue(graph.headers.etag) ?? options.etag;
    if (graph.status === NOT_MODIFIED) {
      return { status: 'unchanged', refreshDate: options.knownRefreshDate, etag };
    }
    if (graph.status === 200) {
      throw new ReportError(
        `${report}: expected Graph to answer 302 with the CSV download location, got 200 (content-type ${graph.headers['content-type'] ?? 'absent'})`,
        ids,
      );
    }
    const target = downloadTarget(report, url, graph.headers.location, ids);
    this.#logger.debug('downloading report', {
      report,
      download: describeOrigin(target),
      clientRequestId,
      requestId,
    });
    const deadlineMs = checkDeadline(
      options.downloadDeadlineMs ??
        this.#downloadDeadlineMs ??
        DEFAULT_DOWNLOAD_DEADLINE_MS[definition.shape],
    );
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DownloadDeadline(deadlineMs)), deadlineMs);
    try {
      const downloadSignal = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
      return await this.#download(definition, target, visitor, { ...options, signal: downloadSignal }, etag);
    } catch (error) {
      if (signal?.aborted || !deadline.signal.aborted) throw error;
      throw new ReportError(
        `${report}: the download from ${describeOrigin(target)} did not finish within its deadline of ${formatDuration(deadlineMs)}`,
        { ...ids, status: 200, transient: true, cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async #download<S>(
    definition: ReportDefinition,
    target: URL,
    visitor: RowVisitor<S>,
    options: ReadOptions & { signal: AbortSignal },
    etag: string | undefined,
  ): Promise<ReportResult<S>> {
    const report = definition.name;
    const { signal } = options;
    // Never the path: Microsoft's download URLs carry their credential in it.
    const where = describeOrigin(target);
    let response: PipelineResponse;
    try {
      // Deliberately no Authorization: the URL is pre-authenticated and may be on another host.
      response = await this.#pipeline.send({
        url: target,
        label: report,
        authenticate: false,
        preAuthenticated: true,
        answeredBy: `the download host (${where})`,
        api: 'graph.report_download',
        signal,
      });
    } catch (error) {
      // A pre-authenticated URL that expired or was refused is worth a fresh 302 from Graph.
      if (error instanceof MicrosoftApiError && EXPIRED_DOWNLOAD_STATUSES.includes(error.status ?? 0)) {
        throw new RetryableError(error.message, { cause: error });
      }
      throw error;
    }
    const { requestId, clientRequestId } = response;
    const details = () =>
      withRequestIds<ReportErrorDetails>({ report, status: 200 }, requestId, clientRequestId);
    const contentType = response.headers['content-type'];
    if (contentType !== undefined && NOT_CSV_CONTENT_TYPE.test(contentType)) {
      await response.body.dump();
      throw new ReportError(
        `${report}: the download from ${where} is not CSV: content-type ${contentType}${IMPOSTOR}`,
        details(),
      );
    }

    let parsed: { header: ReportHeader; index: ReadonlyMap<string, number>; width: number } | undefined;
    // The visitor starts at the first row, once the file is known to be new (or at the end of a file without rows).
    let visiting: { state: S; refreshDate: string | undefined } | undefined;
    let rows = 0;
    const parser = new CsvParser((cells, line) => {
      if (parsed === undefined) {
        checkHeader(report, where, cells, options.requiredColumns ?? [], details());
        const header = describeHeader(definition, cells);
        parsed = { header, index: columnIndex(header.columns), width: cells.length };
        return;
      }
      if (cells.length !== parsed.width) {
        throw new ReportError(
          `${report}: malformed CSV from ${where}: line ${line} has ${cells.length} cells, expected ${parsed.width} like the header`,
          details(),
        );
      }
      const row = new CsvReportRow(cells, line, parsed.index);
      if (visiting === undefined) {
        const refreshDate = row.get(REFRESH_DATE);
        if (refreshDate !== undefined && refreshDate === options.knownRefreshDate)
          throw new UnchangedFile(refreshDate);
        visiting = { state: visitor.start(parsed.header), refreshDate };
      }
      rows++;
      visitor.row(visiting.state, row);
    });
    try {
      // Leaving this loop early (UnchangedFile, any error) destroys the body: no further byte is read.
      for await (const chunk of response.body) {
        parser.write(chunk);
        const wait = visiting && visitor.ready?.(visiting.state, signal);
        if (wait !== undefined) await wait;
      }
      parser.end();
    } catch (error) {
      if (error instanceof UnchangedFile)
        return { status: 'unchanged', refreshDate: error.refreshDate, etag };
      if (error instanceof CsvError) {
        throw new ReportError(`${report}: malformed CSV from ${where}: ${error.message}`, {
          ...details(),
          cause: error,
        });
      }
      if (error instanceof ReportError || signal.aborted || !isTransientNetworkError(error)) throw error;
      throw new BrokenTransfer(
        `${report}: download from ${where} broke off after ${rows} rows: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    if (parsed === undefined) {
      // A 200 without even a header line is not a report; a later request usually gets the real file.
      throw new RetryableError(`${report}: the download from ${where} was empty (no CSV header)`, {
        status: 200,
      });
    }
    visiting ??= { state: visitor.start(parsed.header), refreshDate: undefined };
    return {
      status: 'read',
      state: visiting.state,
      header: parsed.header,
      rows,
      refreshDate: visiting.refreshDate,
      etag,
    };
  }
}

/** Thrown out of the CSV stream at the first row of a file already read, to stop the download there. */
class UnchangedFile extends Error {
  readonly refreshDate: string;

  constructor(refreshDate: string) {
    super(`the file's Report Refresh Date is still ${refreshDate}`);
    this.name = 'UnchangedFile';
    this.refreshDate = refreshDate;
  }
}

/** A download that broke off mid-body (its cause is the network's error): the whole report is read again. */
class BrokenTransfer extends RetryableError {}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The function's URL on its endpoint: `(period='D7')`, `(date=2024-05-01)` or no parentheses, and `$format=text/csv`
 * where the endpoint answers JSON unless asked (the Copilot reports).
 */
function reportUrl(graphBaseUrl: string, definition: ReportDefinition, query: ReportQuery): string {
  const endpoint = REPORT_ENDPOINTS[definition.endpoint];
  const argument =
    'date' in query ? `(date=${query.date})` : 'period' in query ? `(period='${query.period}')` : '';
  const format = endpoint.defaultFormat === 'csv' ? '' : '?$format=text/csv';
  return `${graphBaseUrl}${endpoint.path}/${definition.name}${argument}${format}`;
}

/** The longest delay a Node timer holds; a longer one would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

function checkDeadline(ms: number): number {
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_TIMER_MS) {
    throw new RangeError(`downloadDeadlineMs must be an integer from 1 to ${MAX_TIMER_MS}, got ${ms}`);
  }
  return ms;
}

/** The deadline's abort reason, told apart from the caller's own abort. */
class DownloadDeadline extends Error {
  constructor(ms: number) {
    super(`download deadline of ${formatDuration(ms)} passed`);
    this.name = 'DownloadDeadline';
  }
}

function formatDuration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Number((ms / 1000).toFixed(3))} s`;
}

class CsvReportRow implements ReportRow {
  readonly line: number;
  readonly #cells: readonly string[];
  readonly #index: ReadonlyMap<string, number>;

  constructor(cells: readonly string[], line: number, index: ReadonlyMap<string, number>) {
    this.#cells = cells;
    this.line = line;
    this.#index = index;
  }

  get(column: string): string | undefined {
    const at = this.#index.get(column);
    if (at === undefined) return undefined;
    const value = (this.#cells[at] as string).trim();
    return value === '' ? undefined : value;
  }
}

// Microsoft serves report CSVs as application/octet-stream; these are what a proxy or portal answers instead.
const NOT_CSV_CONTENT_TYPE = /\b(?:html|xhtml|json|xml)\b/i;
const IMPOSTOR = " (a proxy or captive portal answering in Microsoft's place?)";
const QUOTED_START = 40;

/** The header must be a CSV header (not a page) and hold every column the caller requires. */
function checkHeader(
  report: ReportName,
  where: string,
  cells: readonly string[],
  requiredColumns: readonly string[],
  details: ReportErrorDetails,
): void {
  const first = cells.join(',').trimStart();
  if (first.startsWith('<')) {
    const start = first.length > QUOTED_START ? `${first.slice(0, QUOTED_START)}…` : first;
    throw new ReportError(
      `${report}: the download from ${where} is not CSV: it starts with ${JSON.stringify(start)}${IMPOSTOR}`,
      details,
    );
  }
  const present = new Set(cells.map(normalizeHeaderName));
  const missing = requiredColumns.filter((column) => !present.has(column));
  if (missing.length > 0) {
    const quote = (names: readonly string[]) => names.map((name) => JSON.stringify(name)).join(', ');
    throw new ReportError(
      `${report}: the CSV from ${where} lacks the required columns ${quote(missing)} (its header: ${quote([...present])})`,
      details,
    );
  }
}

function describeHeader(definition: ReportDefinition, cells: readonly string[]): ReportHeader {
  const columns = cells.map(normalizeHeaderName);
  const present = new Set(columns);
  // The catalog keeps the service's own spacing (`Used  Chrome OS`); the file's names are compared normalised.
  const expected = definition.columns.map(normalizeHeaderName);
  const known = new Set(expected);
  return {
    columns,
    missing: expected.filter((column) => !present.has(column)),
    unknown: columns.filter((column) => !known.has(column)),
  };
}

function columnIndex(columns: readonly string[]): ReadonlyMap<string, number> {
  const index = new Map<string, number>();
  // The first occurrence wins should a header ever repeat a name.
  columns.forEach((column, at) => {
    if (!index.has(column)) index.set(column, at);
  });
  return index;
}

function checkQuery(query: ReportQuery): ReportDefinition {
  const name: string = query.report;
  if (!isReportName(name)) {
    throw new Error(
      `unknown report function ${JSON.stringify(name)}; known: ${Object.keys(REPORT_CATALOG).join(', ')}`,
    );
  }
  const definition = REPORT_CATALOG[name];
  const fail = (reason: string) => new ReportError(`${name}${reason}`, { report: name });
  const hasPeriod = 'period' in query;
  const hasDate = 'date' in query;
  if (definition.parameters === 'none') {
    if (hasPeriod || hasDate) throw fail(' takes neither a period nor a date');
    return definition;
  }
  if (hasPeriod === hasDate) throw fail(': set exactly one of period or date');
  if ('period' in query) {
    const period: string = query.period;
    if (!(REPORT_PERIODS as readonly string[]).includes(period))
      throw fail(`: period must be one of ${REPORT_PERIODS.join(', ')}, got ${JSON.stringify(period)}`);
    return definition;
  }
  // Exactly one of the two is set, and it is not the period.
  const { date } = query as { date: string };
  if (!definition.acceptsDate)
    throw fail(` does not take a date, only a period (${REPORT_PERIODS.join(', ')})`);
  if (!isCalendarDate(date))
    throw fail(`: date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return definition;
}

function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function downloadTarget(
  report: ReportName,
  graphUrl: string,
  location: string | undefined,
  ids: ReportErrorDetails,
): URL {
  if (location === undefined || location === '') {
    throw new ReportError(`${report}: Graph answered 302 without a Location header`, ids);
  }
  let target: URL;
  try {
    target = new URL(location, graphUrl);
  } catch {
    // The Location itself is not quoted: it may carry the download's credential.
    throw new ReportError(`${report}: Graph's 302 Location is not a valid URL`, ids);
  }
  if (target.protocol !== 'https:') {
    throw new ReportError(
      `${report}: refusing to download from ${describeOrigin(target)}: the pre-authenticated download URL in Graph's 302 Location must use https`,
      ids,
    );
  }
  return target;
}

function withRequestIds<D extends ReportErrorDetails>(
  details: D,
  requestId: string | undefined,
  clientRequestId: string | undefined,
): D {
  if (requestId !== undefined) details.requestId = requestId;
  if (clientRequestId !== undefined) details.clientRequestId = clientRequestId;
  return details;
}

/**
 * What read() throws: ReportErrors as they are; the pipeline's errors and exhausted whole-report retries as a
 * ReportError with the same message and fields; anything else (an abort, the token provider's error) as it is.
 */
function asReportError(report: ReportName | undefined, error: unknown): unknown {
  if (error instanceof ReportError) return error;
  if (error instanceof MicrosoftApiError)
    return new ReportError(error.message, { ...error.details, ...(report && { report }) });
  if (error instanceof RetryableError) {
    // withRetry's final error wraps the last attempt's, which may wrap the pipeline's (an expired download URL).
    const last = error.cause instanceof RetryableError ? error.cause : error;
    const apiError = last.cause instanceof MicrosoftApiError ? last.cause : undefined;
    const details: ReportErrorDetails = {
      ...apiError?.details,
      ...(report && { report }),
      transient: true,
      cause: last.cause ?? last,
    };
    const status = last.status ?? apiError?.status;
    if (status !== undefined) details.status = status;
    return new ReportError(error.message, details);
  }
  return error;
}
