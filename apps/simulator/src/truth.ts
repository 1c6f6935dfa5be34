import { REPORT_CATALOG, REPORT_NAMES, type ReportName } from '@m365-otel/report-catalog';
import {
  type ActivityFeed,
  CONTENT_TYPES,
  type ContentBlob,
  type ContentType,
  isContentType,
  RETENTION_MS,
} from './activity-feed.js';
import type { CallRecordModel } from './call-records.js';
import { type CallRecordsTruth, callRecordsTruth } from './call-records-truth.js';
import { formatDay } from './dates.js';
import type { HeaderDrift } from './header-drift.js';
import type { ReportEngine } from './report-engine.js';
import { fileColumns, fileRows, type ReportRequest } from './report-file.js';
import { type Cell, PENDING_ON_REFRESH_DATE } from './report-views.js';
import {
  dateWindow,
  type ReportCalendar,
  type ReportPeriod,
  type ReportQuery,
  type ResolvedQuery,
  resolveQuery,
} from './reports.js';
import type { ServiceHealthTimeline, ServiceHealthTruth } from './service-health.js';
import type { TenantModel } from './tenant.js';

export interface DailyCountsRow {
  reportDate: string;
  /** Every numeric value column of the report (counts and bytes); null = empty cell. */
  values: Record<string, number | null>;
}

/** One row keyed by CSV column: numbers, booleans, strings, null for an empty cell. */
export type DetailRow = Record<string, Cell>;

/** A report file as typed data: its header (drifted when the simulator drifts headers) and its rows, in file order. */
export interface ReportTruth {
  columns: string[];
  rows: DetailRow[];
}

export interface DetailTotals {
  /** Data rows in the file. */
  rows: number;
  /** Rows with `Is Deleted` = True. */
  deletedRows: number;
  /** Each numeric column (except `Report Period`) summed over the rows that are NOT deleted. */
  sums: Record<string, number>;
  /** Each boolean column other than `Is Deleted`: non-deleted rows where it is True. */
  trueCounts: Record<string, number>;
}

export interface AuditTruth {
  contentType: string;
  /**
   * In the order the API lists them; contentCreated as the API writes it; recordIds as the blob holds them;
   * republishedIds: those of its records an earlier blob (perhaps before the window) already delivered.
   */
  blobs: { contentId: string; contentCreated: string; recordIds: string[]; republishedIds: string[] }[];
  /** Every distinct record Id of those blobs, in first-seen order: what a collector must deliver, once each. */
  recordIds: string[];
}

/** One record of the audit log as a blob of the window holds it. */
export interface AuditRecordRef {
  id: string;
  contentId: string;
  /**
   * An earlier blob of the same window already holds this Id (a re-published record): a collector delivers it once,
   * from the first blob. A record re-published from a blob before the window is not a duplicate in it.
   */
  duplicate: boolean;
}

export interface AuditCount {
  contentType: string;
  blobs: number;
  /** Records in those blobs, duplicates included: what fetching every blob yields. */
  records: number;
  /** Records flagged `duplicate` by auditRecordIds. */
  duplicates: number;
  /** records - duplicates: the distinct Ids, what a collector must deliver, once each. */
  distinctRecords: number;
}

export interface TruthSummary {
  seed: number;
  users: number;
  tenantId: string;
  domain: string;
  concealedNames: boolean;
  reportRefreshDate: string;
  dateWindow: { first: string; last: string };
  /** Columns that are empty on the refresh date's row of getEmailActivityCounts / getEmailActivityUserCounts. */
  pendingOnRefreshDate: string[];
  /** How every report's header drifts (the `headerDrift` option), or null. */
  headerDrift: HeaderDrift | null;
}

/** What the reports depend on besides the model: the tenant's report settings and the header drift option. */
export interface ReportState {
  concealed(): boolean;
  headerDrift(): HeaderDrift | undefined;
}

// The HTTP mirror passes names straight from query strings.
function assertReport(report: string): asserts report is ReportName {
  if (!(REPORT_NAMES as readonly string[]).includes(report)) {
    throw new Error(`unknown report '${report}'; known: ${REPORT_NAMES.join(', ')}`);
  }
}

/**
 * What the simulated tenant's reports contain, computed from the simulator's own model (never from collector
 * code). Everything returned is plain data, so it can be compared directly or served as JSON.
 */
export class GroundTruth {
  readonly #model: TenantModel;
  readonly #reports: ReportEngine;
  readonly #reportState: ReportState;
  readonly #calendar: () => ReportCalendar;
  readonly #serviceHealth: ServiceHealthTimeline;
  readonly #activityFeed: ActivityFeed;
  readonly #now: () => Date;
  readonly #callRecords: CallRecordModel;

  constructor(
    model: TenantModel,
    reports: ReportEngine,
    reportState: ReportState,
    calendar: () => ReportCalendar,
    serviceHealth: ServiceHealthTimeline,
    activityFeed: ActivityFeed,
    now: () => Date,
    callRecords: CallRecordModel,
  ) {
    this.#model = model;
    this.#reports = reports;
    this.#reportState = reportState;
    this.#calendar = calendar;
    this.#serviceHealth = serviceHealth;
    this.#activityFeed = activityFeed;
    this.#now = now;
    this.#callRecords = callRecords;
  }

  /**
   * The call records existing now whose startDateTime is in [from, to) (ISO 8601 instants), each in its final version
   * with every stream's figures and its rating by the Call Quality Dashboard's thresholds.
   */
  callRecords(from: string, to: string): CallRecordsTruth {
    return callRecordsTruth(this.#callRecords, this.#now().getTime(), from, to);
  }

  /**
   * The audit log of one content type: every blob published (contentCreated <= now, not expired) with contentCreated
   * in [start, end), and the Id of every record in it. Any span within the 7-day retention, unlike the API's 24 hours.
   */
  auditRecords(contentType: string, start: Date, end: Date): AuditTruth {
    const window = this.#auditWindow(contentType, start, end);
    const blobs = [...this.#auditBlobs(window)].map((blob) => {
      const republished = this.#activityFeed.republishedId(blob);
      return {
        contentId: blob.contentId,
        contentCreated: new Date(blob.contentCreatedMs).toISOString(),
        recordIds: [...this.#activityFeed.recordIds(blob)],
        republishedIds: republished === undefined ? [] : [republished],
      };
    });
    return { contentType, blobs, recordIds: [...new Set(blobs.flatMap((blob) => blob.recordIds))] };
  }

  /**
   * The same audit log as auditRecords, one record at a time in listing and blob order, so a backlog of millions
   * is enumerated in flat memory. Throws on a bad content type or window at the first step.
   */
  *auditRecordIds(contentType: string, start: Date, end: Date): Generator<AuditRecordRef> {
    const window = this.#auditWindow(contentType, start, end);
    for (const blob of this.#auditBlobs(window)) {
      let index = 0;
      for (const id of this.#activityFeed.recordIds(blob)) {
        // Own records come first; only the one after them is re-published.
        const duplicate = index >= blob.recordCount && this.#republishedInWindow(blob, window.fromMs);
        yield { id, contentId: blob.contentId, duplicate };
        index += 1;
      }
    }
  }

  /** What auditRecordIds would enumerate, counted from the blobs alone (no record is generated). */
  auditCount(contentType: string, start: Date, end: Date): AuditCount {
    const window = this.#auditWindow(contentType, start, end);
    const count: AuditCount = { contentType, blobs: 0, records: 0, duplicates: 0, distinctRecords: 0 };
    for (const blob of this.#auditBlobs(window)) {
      count.blobs += 1;
      count.records += blob.recordCount;
      if (blob.republishesSlot === undefined) continue;
      count.records += 1;
      if (this.#republishedInWindow(blob, window.fromMs)) count.duplicates += 1;
    }
    count.distinctRecords = count.records - count.duplicates;
    return count;
  }

  /** The published, unexpired part of [start, end) by the simulator's clock. */
  #auditWindow(
    contentType: string,
    start: Date,
    end: Date,
  ): { contentType: ContentType; fromMs: number; toMs: number } {
    if (!isContentType(contentType)) {
      throw new Error(`unknown content type '${contentType}'; known: ${CONTENT_TYPES.join(', ')}`);
    }
    const startMs = start.getTime();
    const endMs = end.getTime();
    if (Number.isNaN(startMs) || Number.isNaN(endMs) || startMs > endMs) {
      throw new Error('audit truth needs a valid start no later than end');
    }
    const nowMs = this.#now().getTime();
    const fromMs = Math.max(startMs, nowMs - RETENTION_MS + 1);
    return { contentType, fromMs, toMs: Math.max(fromMs, Math.min(endMs, nowMs + 1)) };
  }

  #auditBlobs(window: { contentType: ContentType; fromMs: number; toMs: number }): Generator<ContentBlob> {
    return this.#activityFeed.blobs(window.contentType, window.fromMs, window.toMs);
  }

  /**
   * Whether the record `blob` re-publishes was already in an earlier blob of the window starting at `fromMs`: its
   * original blob, or (when that is before the window) another blob re-publishing the same one. Both lie at most
   * REPUBLISH_REACH_SLOTS back, so this looks at a bounded number of blobs.
   */
  #republishedInWindow(blob: ContentBlob, fromMs: number): boolean {
    const originalSlot = blob.republishesSlot;
    if (originalSlot === undefined) return false;
    if (this.#activityFeed.blob(blob.contentType, originalSlot).contentCreatedMs >= fromMs) return true;
    for (const earlier of this.#activityFeed.blobs(blob.contentType, fromMs, blob.contentCreatedMs)) {
      if (earlier.republishesSlot === originalSlot) return true;
    }
    return false;
  }

  /**
   * The service-health timeline at its current step: overviews, issues and messages exactly as Graph would send
   * them, in canonical camelCase whatever `enumCase` the simulator answers in. A deep copy.
   */
  serviceHealth(): ServiceHealthTruth {
    return this.#serviceHealth.truth();
  }

  /** UTC day of the simulator clock minus two days, YYYY-MM-DD. */
  get reportRefreshDate(): string {
    return formatDay(this.#calendar().refreshDay);
  }

  /** The dates `date=` accepts (inclusive). */
  get dateWindow(): { first: string; last: string } {
    const window = dateWindow(this.#calendar());
    return { first: formatDay(window.first), last: formatDay(window.last) };
  }

  summary(): TruthSummary {
    return {
      seed: this.#model.seed,
      users: this.#model.users,
      tenantId: this.#model.tenantId,
      domain: this.#model.domain,
      concealedNames: this.#reportState.concealed(),
      reportRefreshDate: this.reportRefreshDate,
      dateWindow: this.dateWindow,
      pendingOnRefreshDate: [...PENDING_ON_REFRESH_DATE],
      headerDrift: this.#reportState.headerDrift() ?? null,
    };
  }

  /**
   * Any report as its file carries it now (names as /admin/reportSettings says, header drifted as the simulator
   * drifts every header): columns and typed rows. Rows are generated lazily for `reportRows`.
   */
  report(report: string, query: ReportQuery): ReportTruth {
    const request = this.#request(report, query);
    this.#reports.prepareSync(request.report, request.query, request.refreshDay);
    return {
      columns: fileColumns(request).map((column) => column.name),
      rows: [...fileRows(this.#reports, request)],
    };
  }

  /** The rows of `report`, one at a time (a million rows cost no memory); daily and summary reports computed first. */
  *reportRows(report: string, query: ReportQuery): Generator<DetailRow> {
    const request = this.#request(report, query);
    this.#reports.prepareSync(request.report, request.query, request.refreshDay);
    yield* fileRows(this.#reports, request);
  }

  /** Computes a report's aggregates without blocking the event loop (the HTTP mirror, big tenants). */
  prepare(report: string, query: ReportQuery): Promise<void> {
    const request = this.#request(report, query);
    return this.#reports.prepare(request.report, request.query, request.refreshDay);
  }

  /** The rows of a daily report, newest first (the refresh date first), with its numeric columns. */
  dailyCounts(report: string, period: ReportPeriod): DailyCountsRow[] {
    assertReport(report);
    const definition = REPORT_CATALOG[report];
    if (definition.shape !== 'daily') {
      const shape = definition.shape === 'per-entity' ? 'detail' : definition.shape;
      throw new Error(`${report} is a ${shape} report, not a daily one: use report() or detailRows()`);
    }
    const numeric = definition.columns.filter(
      (column) =>
        column !== 'Report Period' && ['count', 'bytes'].includes(definition.columnTypes[column] ?? ''),
    );
    // The catalog's own columns, whatever the header drift: these are the numbers of the model.
    const request = { ...this.#request(report, { period }), drift: undefined };
    this.#reports.prepareSync(request.report, request.query, request.refreshDay);
    return [...fileRows(this.#reports, request)].map((row) => ({
      reportDate: String(row['Report Date']),
      values: Object.fromEntries(numeric.map((column) => [column, row[column] as number | null])),
    }));
  }

  /** The rows of a per-entity report in file order, catalog columns, generated lazily. */
  *detailRows(report: string, query: ReportQuery): Generator<DetailRow> {
    assertReport(report);
    if (REPORT_CATALOG[report].shape !== 'per-entity')
      throw new Error(`${report} is not a per-entity report`);
    yield* fileRows(this.#reports, { ...this.#request(report, query), drift: undefined });
  }

  detailTotals(report: string, query: ReportQuery): DetailTotals {
    const totals: DetailTotals = { rows: 0, deletedRows: 0, sums: {}, trueCounts: {} };
    for (const row of this.detailRows(report, query)) {
      totals.rows += 1;
      if (row['Is Deleted'] === true) {
        totals.deletedRows += 1;
        continue;
      }
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'number' && column !== 'Report Period') {
          totals.sums[column] = (totals.sums[column] ?? 0) + value;
        } else if (typeof value === 'boolean' && column !== 'Is Deleted') {
          totals.trueCounts[column] = (totals.trueCounts[column] ?? 0) + (value ? 1 : 0);
        }
      }
    }
    return totals;
  }

  #request(report: string, query: ReportQuery): ReportRequest {
    assertReport(report);
    const { refreshDay, resolved } = this.#resolve(report, query);
    return {
      report,
      query: resolved,
      refreshDay,
      concealed: this.#reportState.concealed(),
      drift: this.#reportState.headerDrift(),
    };
  }

  #resolve(report: ReportName, query: ReportQuery): { refreshDay: number; resolved: ResolvedQuery } {
    const calendar = this.#calendar();
    const resolution = resolveQuery(report, query, calendar);
    if (!resolution.ok) {
      throw new Error(
        resolution.problem === 'date-outside-window'
          ? `date ${resolution.date} is outside the window ${this.dateWindow.first}..${this.dateWindow.last}`
          : `${report} does not support ${JSON.stringify(query)}`,
      );
    }
    return { refreshDay: calendar.refreshDay, resolved: resolution.query };
  }
}
