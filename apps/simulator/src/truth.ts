import {
  type ActivityFeed,
  CONTENT_TYPES,
  type ContentBlob,
  type ContentType,
  isContentType,
  RETENTION_MS,
} from './activity-feed.js';
import { formatDay } from './dates.js';
import {
  type DailyAggregates,
  type DailyCountsReportName,
  type DetailReportName,
  dailyValues,
  dateWindow,
  detailRows,
  isDetailReport,
  PENDING_ON_REFRESH_DATE,
  periodDays,
  periodReportDays,
  REPORT_COLUMNS,
  REPORT_NAMES,
  type ReportCalendar,
  type ReportName,
  type ReportPeriod,
  type ReportQuery,
  type ResolvedQuery,
  resolveQuery,
} from './reports.js';
import type { ServiceHealthTimeline, ServiceHealthTruth } from './service-health.js';
import type { TenantModel } from './tenant.js';

export interface DailyCountsRow {
  reportDate: string;
  /** Every value column of the report (not the refresh date, report date or period); null = empty cell. */
  values: Record<string, number | null>;
}

/** One detail row keyed by CSV column: numbers, booleans, strings, null for an empty cell. */
export type DetailRow = Record<string, string | number | boolean | null>;

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
  readonly #aggregates: DailyAggregates;
  readonly #calendar: () => ReportCalendar;
  readonly #serviceHealth: ServiceHealthTimeline;
  readonly #activityFeed: ActivityFeed;
  readonly #now: () => Date;

  constructor(
    model: TenantModel,
    aggregates: DailyAggregates,
    calendar: () => ReportCalendar,
    serviceHealth: ServiceHealthTimeline,
    activityFeed: ActivityFeed,
    now: () => Date,
  ) {
    this.#model = model;
    this.#aggregates = aggregates;
    this.#calendar = calendar;
    this.#serviceHealth = serviceHealth;
    this.#activityFeed = activityFeed;
    this.#now = now;
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
      concealedNames: this.#model.concealedNames,
      reportRefreshDate: this.reportRefreshDate,
      dateWindow: this.dateWindow,
      pendingOnRefreshDate: [...PENDING_ON_REFRESH_DATE],
    };
  }

  /** The rows of a daily-counts report, newest first (the refresh date first). */
  dailyCounts(report: DailyCountsReportName, period: ReportPeriod): DailyCountsRow[] {
    assertReport(report);
    if (isDetailReport(report))
      throw new Error(`${report} is a detail report: use detailRows or detailTotals`);
    const { refreshDay } = this.#resolve(report, { period });
    const days = periodReportDays(refreshDay, periodDays(period));
    this.#aggregates.ensureSync(days);
    return days.map((day) => ({
      reportDate: formatDay(day),
      values: dailyValues(report, this.#aggregates.get(day), day === refreshDay),
    }));
  }

  /** The rows of a detail report in file order, generated lazily (a million users cost no memory). */
  *detailRows(report: DetailReportName, query: ReportQuery): Generator<DetailRow> {
    assertReport(report);
    if (!isDetailReport(report)) throw new Error(`${report} is not a detail report: use dailyCounts`);
    const { refreshDay, resolved } = this.#resolve(report, query);
    const columns = REPORT_COLUMNS[report];
    for (const cells of detailRows(this.#model, report, resolved, refreshDay)) {
      const row: DetailRow = {};
      columns.forEach((column, i) => {
        row[column] = cells[i] ?? null;
      });
      yield row;
    }
  }

  detailTotals(report: DetailReportName, query: ReportQuery): DetailTotals {
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
