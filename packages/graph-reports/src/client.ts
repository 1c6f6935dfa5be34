import {
  type GraphClientOptions,
  networkFailure as graphNetworkFailure,
  graphRequestHeaders,
  graphRetryOptions,
  parseGraphBaseUrl,
  RetryableGraphError,
  readGraphFailure,
  retriesExhausted,
  withRequestIds,
} from '@m365-otel/graph-client';
import {
  describeOrigin,
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
import {
  isReportName,
  REPORT_CATALOG,
  REPORT_PERIODS,
  type ReportDefinition,
  type ReportName,
  type ReportPeriod,
} from './catalog.js';
import { CsvError, CsvParser, normalizeHeaderName } from './csv.js';
import { ReportError, type ReportErrorDetails } from './errors.js';

export type ReportQuery = { report: ReportName; period: ReportPeriod } | { report: ReportName; date: string };

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
}

export interface ReportsClientOptions extends GraphClientOptions {
  /** Per report function; default 14 per 600_000 ms (Microsoft's CSV limit per app, tenant and report). */
  rateLimit?: { limit: number; windowMs: number };
}

export interface ReadOptions {
  signal?: AbortSignal;
  /**
   * Columns the caller cannot do without (e.g. those its mapping reads): a header lacking any of them fails the
   * read with a ReportError naming them, instead of a success without data.
   */
  requiredColumns?: readonly string[];
}

export interface ReportResult<S> {
  state: S;
  header: ReportHeader;
  rows: number;
}

const DEFAULT_RATE_LIMIT = { limit: 14, windowMs: 600_000 } as const;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads Microsoft Graph usage reports as a stream of rows. Each read is: the report function on the Graph host
 * with the bearer token (expects a 302), then the pre-authenticated https Location without any Authorization,
 * parsed as CSV while it downloads. Throttling, 5xx and broken transfers retry the whole report with a fresh visitor
 * state; client-side rate limiting keeps each report function within Microsoft's 14 requests per 10 minutes.
 */
export class ReportsClient {
  readonly #graphBaseUrl: string;
  readonly #http: Pick<HttpClient, 'request'>;
  readonly #getAccessToken: (options?: { forceRefresh?: boolean }) => Promise<string>;
  readonly #retryOptions: RetryOptions;
  readonly #rateLimit: { limit: number; windowMs: number };
  readonly #limiters = new Map<ReportName, RateLimiter>();
  readonly #logger: Logger;
  readonly #sleep: Sleep | undefined;
  readonly #now: () => number;

  constructor(options: ReportsClientOptions) {
    this.#graphBaseUrl = parseGraphBaseUrl(options.graphBaseUrl);
    this.#http = options.http;
    this.#getAccessToken = options.getAccessToken;
    this.#retryOptions = graphRetryOptions(options);
    this.#rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    this.#logger = options.logger ?? NOOP_LOGGER;
    this.#sleep = options.sleep;
    this.#now = options.now ?? Date.now;
    // Fail at construction, not at the first read, when the limit is nonsense.
    new RateLimiter(this.#rateLimit);
  }

  /**
   * Downloads the report and streams its rows into a fresh visitor state. When any step fails transiently the whole
   * report is read again with a NEW state (visitor.start again), so the returned state never holds a row twice.
   */
  async read<S>(
    query: ReportQuery,
    visitor: RowVisitor<S>,
    options: ReadOptions = {},
  ): Promise<ReportResult<S>> {
    const definition = checkQuery(query);
    const report = definition.name;
    const url = this.#reportUrl(query);
    const { signal } = options;
    const startedMs = this.#now();
    const session: ReadSession = { refreshed: false };
    let attempts = 0;
    try {
      const result = await withRetry(
        (attempt) => {
          attempts = attempt;
          return this.#attempt(definition, url, visitor, session, options);
        },
        {
          ...this.#retryOptions,
          ...(signal && { signal }),
          onRetry: ({ attempt, delayMs, error }) =>
            this.#logger.warn('report read failed, retrying the whole report', {
              report,
              attempt,
              delayMs,
              error: error instanceof Error ? error.message : String(error),
            }),
        },
      );
      this.#logger.info('report read', {
        report,
        rows: result.rows,
        attempts,
        durationMs: this.#now() - startedMs,
        missingColumns: result.header.missing,
        unknownColumns: result.header.unknown,
      });
      return result;
    } catch (error) {
      throw finalError(report, error);
    }
  }

  #reportUrl(query: ReportQuery): string {
    const argument = 'date' in query ? `date=${query.date}` : `period='${query.period}'`;
    return `${this.#graphBaseUrl}/v1.0/reports/${query.report}(${argument})`;
  }

  #limiter(report: ReportName): RateLimiter {
    let limiter = this.#limiters.get(report);
    if (limiter === undefined) {
      limiter = new RateLimiter({
        ...this.#rateLimit,
        now: this.#now,
        ...(this.#sleep && { sleep: this.#sleep }),
      });
      this.#limiters.set(report, limiter);
    }
    return limiter;
  }

  async #attempt<S>(
    definition: ReportDefinition,
    url: string,
    visitor: RowVisitor<S>,
    session: ReadSession,
    options: ReadOptions,
  ): Promise<ReportResult<S>> {
    const report = definition.name;
    const { signal } = options;
    let graph = await this.#requestGraph(report, url, false, signal);
    if (graph.response.status === 401 && !session.refreshed) {
      // One refresh per read: a token revoked or rotated early is worth one new token, a second 401 is not.
      session.refreshed = true;
      await graph.response.body.dump();
      this.#logger.info('Graph refused the access token; retrying once with a fresh token', {
        report,
        clientRequestId: graph.clientRequestId,
      });
      graph = await this.#requestGraph(report, url, true, signal);
    }
    const { response, clientRequestId } = graph;
    const requestId = response.headers['request-id'];
    if (!REDIRECT_STATUSES.has(response.status)) {
      if (response.status >= 200 && response.status < 300) {
        await response.body.dump();
        throw new ReportError(
          `${report}: expected Graph to answer 302 with the CSV download location, got ${response.status} (content-type ${response.headers['content-type'] ?? 'absent'})`,
          withRequestIds({ report, status: response.status }, requestId, clientRequestId),
        );
      }
      throw await graphFailure(report, 'Graph', response, clientRequestId, this.#now());
    }
    const location = response.headers.location;
    await response.body.dump();
    const target = downloadTarget(report, url, location, requestId, clientRequestId);
    this.#logger.debug('downloading report', {
      report,
      download: describeOrigin(target),
      clientRequestId,
      requestId,
    });
    return this.#download(definition, target, visitor, options, requestId, clientRequestId);
  }

  async #requestGraph(
    report: ReportName,
    url: string,
    forceRefresh: boolean,
    signal: AbortSignal | undefined,
  ): Promise<{ response: HttpResponse; clientRequestId: string }> {
    await this.#limiter(report).acquire(signal);
    const token = await this.#getAccessToken(forceRefresh ? { forceRefresh: true } : undefined);
    const { headers, clientRequestId } = graphRequestHeaders(token);
    this.#logger.debug('requesting report', { report, url: describeUrl(url), clientRequestId });
    try {
      const response = await this.#http.request(url, { headers, ...(signal && { signal }) });
      return { response, clientRequestId };
    } catch (error) {
      throw networkFailure(report, `request to ${describeUrl(url)} failed`, error, signal, {
        clientRequestId,
      });
    }
  }

  async #download<S>(
    definition: ReportDefinition,
    target: URL,
    visitor: RowVisitor<S>,
    options: ReadOptions,
    requestId: string | undefined,
    clientRequestId: string,
  ): Promise<ReportResult<S>> {
    const report = definition.name;
    const { signal } = options;
    // Never the path: Microsoft's download URLs carry their credential in it.
    const where = describeOrigin(target);
    let response: HttpResponse;
    try {
      // Deliberately no Authorization: the URL is pre-authenticated and may be on another host.
      response = await this.#http.request(target, signal ? { signal } : {});
    } catch (error) {
      throw networkFailure(report, `download from ${where} failed`, error, signal, {
        requestId,
        clientRequestId,
      });
    }
    if (response.status !== 200) {
      throw await graphFailure(
        report,
        `the download host (${where})`,
        response,
        clientRequestId,
        this.#now(),
      );
    }

    const contentType = response.headers['content-type'];
    if (contentType !== undefined && NOT_CSV_CONTENT_TYPE.test(contentType)) {
      await response.body.dump();
      throw new ReportError(
        `${report}: the download from ${where} is not CSV: content-type ${contentType}${IMPOSTOR}`,
        withRequestIds<ReportErrorDetails>({ report, status: 200 }, requestId, clientRequestId),
      );
    }

    let parsed:
      | { header: ReportHeader; state: S; index: ReadonlyMap<string, number>; width: number }
      | undefined;
    let rows = 0;
    const parser = new CsvParser((cells, line) => {
      if (parsed === undefined) {
        checkHeader(report, where, cells, options.requiredColumns ?? [], requestId, clientRequestId);
        const header = describeHeader(definition, cells);
        parsed = {
          header,
          state: visitor.start(header),
          index: columnIndex(header.columns),
          width: cells.length,
        };
        return;
      }
      if (cells.length !== parsed.width) {
        throw new ReportError(
          `${report}: malformed CSV from ${where}: line ${line} has ${cells.length} cells, expected ${parsed.width} like the header`,
          withRequestIds<ReportErrorDetails>({ report }, requestId, clientRequestId),
        );
      }
      rows++;
      visitor.row(parsed.state, new CsvReportRow(cells, line, parsed.index));
    });
    try {
      for await (const chunk of response.body) parser.write(chunk);
      parser.end();
    } catch (error) {
      if (error instanceof CsvError) {
        throw new ReportError(
          `${report}: malformed CSV from ${where}: ${error.message}`,
          withRequestIds({ report, cause: error }, requestId, clientRequestId),
        );
      }
      throw networkFailure(report, `download from ${where} broke off after ${rows} rows`, error, signal, {
        requestId,
        clientRequestId,
      });
    }
    if (parsed === undefined) {
      // A 200 without even a header line is not a report; a later request usually gets the real file.
      throw new RetryableGraphError(
        `${report}: the download from ${where} was empty (no CSV header)`,
        withRequestIds({ report, status: 200 }, requestId, clientRequestId),
      );
    }
    return { state: parsed.state, header: parsed.header, rows };
  }
}

interface ReadSession {
  refreshed: boolean;
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
  requestId: string | undefined,
  clientRequestId: string,
): void {
  const details = withRequestIds<ReportErrorDetails>({ report, status: 200 }, requestId, clientRequestId);
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
  const documented = new Set(definition.columns);
  return {
    columns,
    missing: definition.columns.filter((column) => !present.has(column)),
    unknown: columns.filter((column) => !documented.has(column)),
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
  const hasPeriod = 'period' in query;
  const hasDate = 'date' in query;
  if (hasPeriod === hasDate) {
    throw new ReportError(`${name}: set exactly one of period or date`, { report: name });
  }
  if (hasPeriod) {
    const period: string = query.period;
    if (!(REPORT_PERIODS as readonly string[]).includes(period)) {
      throw new ReportError(
        `${name}: period must be one of ${REPORT_PERIODS.join(', ')}, got ${JSON.stringify(period)}`,
        {
          report: name,
        },
      );
    }
    return definition;
  }
  if (!definition.acceptsDate) {
    throw new ReportError(`${name} does not take a date, only a period (${REPORT_PERIODS.join(', ')})`, {
      report: name,
    });
  }
  if (!isCalendarDate(query.date)) {
    throw new ReportError(
      `${name}: date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(query.date)}`,
      {
        report: name,
      },
    );
  }
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
  requestId: string | undefined,
  clientRequestId: string,
): URL {
  const ids = withRequestIds({ report, status: 302 }, requestId, clientRequestId);
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

/** Turns an unsuccessful response into a ReportError, or a retryable failure when a retry may succeed. */
async function graphFailure(
  report: ReportName,
  who: string,
  response: HttpResponse,
  clientRequestId: string,
  nowMs: number,
): Promise<Error> {
  const failure = await readGraphFailure(response, { who, clientRequestId, nowMs });
  const { status } = response;
  const fromDownloadHost = who !== 'Graph';
  let message = `${report}: ${failure.description}`;
  if (status === 403 && !fromDownloadHost) {
    message += '; the app needs the Reports.Read.All application permission with admin consent';
  } else if (status === 401 && !fromDownloadHost) {
    message += '; the access token was refused even after a refresh';
  }
  const details: ReportErrorDetails = { report, ...failure.details };
  // A pre-authenticated URL that expired or was refused is worth a fresh 302 from Graph.
  const expiredDownload = fromDownloadHost && [401, 403, 404, 410].includes(status);
  if (failure.retryable || expiredDownload) {
    return new RetryableGraphError(message, { ...details, retryAfterMs: failure.retryAfterMs });
  }
  return new ReportError(message, details);
}

/** Transient network failures become retryable with the report's context; everything else passes through. */
function networkFailure(
  report: ReportName,
  what: string,
  error: unknown,
  signal: AbortSignal | undefined,
  ids: { requestId?: string | undefined; clientRequestId?: string | undefined },
): unknown {
  return graphNetworkFailure(
    `${report}: ${what}`,
    error,
    signal,
    withRequestIds<ReportErrorDetails>({ report }, ids.requestId, ids.clientRequestId),
  );
}

/** What read() throws: ReportErrors as they are; exhausted retries as a transient ReportError. */
function finalError(report: ReportName, error: unknown): unknown {
  const exhausted = retriesExhausted<ReportErrorDetails>(report, error, { report });
  return exhausted === undefined ? error : new ReportError(exhausted.message, exhausted.details);
}
