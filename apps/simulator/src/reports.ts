import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { epochDay, formatDay, parseDay } from './dates.js';
import { DELETED_ITEM_QUOTA, type EmailCounts, type TenantModel, type UserProfile } from './tenant.js';

export const REPORT_NAMES = [
  'getEmailActivityCounts',
  'getEmailActivityUserCounts',
  'getEmailActivityUserDetail',
  'getMailboxUsageDetail',
  'getMailboxUsageMailboxCounts',
  'getMailboxUsageQuotaStatusMailboxCounts',
  'getMailboxUsageStorage',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export type DailyCountsReportName = Exclude<ReportName, DetailReportName>;
export type DetailReportName = 'getEmailActivityUserDetail' | 'getMailboxUsageDetail';

export const REPORT_PERIODS = ['D7', 'D30', 'D90', 'D180'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export function isReportPeriod(value: unknown): value is ReportPeriod {
  return (REPORT_PERIODS as readonly unknown[]).includes(value);
}

export function periodDays(period: ReportPeriod): number {
  return Number(period.slice(1));
}

/** What a report request asks for: a period ending on the refresh day, or one day (detail reports only). */
export type ReportQuery = { period: ReportPeriod } | { date: string };

/** A parsed query: `day` is the epoch day of a date query. */
export type ResolvedQuery = { kind: 'period'; days: number } | { kind: 'date'; day: number };

/** The report calendar at one instant: data ends on the refresh day, two days behind today (UTC). */
export interface ReportCalendar {
  today: number;
  refreshDay: number;
}

export function reportCalendar(now: Date): ReportCalendar {
  const today = epochDay(now);
  return { today, refreshDay: today - 2 };
}

/**
 * `date=` accepts the 28 days that have data (refresh day - 27 .. refresh day) and the not-yet-processed days up to
 * today, which give a header-only file, as Microsoft answers for days without data.
 */
export function dateWindow(calendar: ReportCalendar): { first: number; last: number } {
  return { first: calendar.refreshDay - 27, last: calendar.today };
}

export type QueryResolution =
  | { ok: true; query: ResolvedQuery }
  | { ok: false; problem: 'unsupported' }
  | { ok: false; problem: 'date-outside-window'; date: string };

/** A query as it arrives from a URL or JSON, before its period is known to be valid. */
export type RawReportQuery = { period: string } | { date: string };

/** Checks a query against what the report supports and the date window. */
export function resolveQuery(
  report: ReportName,
  query: RawReportQuery,
  calendar: ReportCalendar,
): QueryResolution {
  if ('period' in query) {
    return isReportPeriod(query.period)
      ? { ok: true, query: { kind: 'period', days: periodDays(query.period) } }
      : { ok: false, problem: 'unsupported' };
  }
  const day = parseDay(query.date);
  if (!acceptsDate(report) || day === undefined) return { ok: false, problem: 'unsupported' };
  const window = dateWindow(calendar);
  if (day < window.first || day > window.last)
    return { ok: false, problem: 'date-outside-window', date: query.date };
  return { ok: true, query: { kind: 'date', day } };
}

export type Cell = string | number | boolean | null;

const EMAIL_COUNT_COLUMNS = [
  'Report Refresh Date',
  'Send',
  'Receive',
  'Read',
  'Meeting Created',
  'Meeting Interacted',
  'Report Date',
  'Report Period',
] as const;

// Exact documented headers (docs/microsoft-apis.md#report-functions: the service's order where it differs from the docs).
export const REPORT_COLUMNS: Readonly<Record<ReportName, readonly string[]>> = {
  getEmailActivityCounts: EMAIL_COUNT_COLUMNS,
  getEmailActivityUserCounts: EMAIL_COUNT_COLUMNS,
  getEmailActivityUserDetail: [
    'Report Refresh Date',
    'User Principal Name',
    'Display Name',
    'Is Deleted',
    'Deleted Date',
    'Last Activity Date',
    'Send Count',
    'Receive Count',
    'Read Count',
    'Meeting Created Count',
    'Meeting Interacted Count',
    'Assigned Products',
    'Report Period',
  ],
  getMailboxUsageDetail: [
    'Report Refresh Date',
    'User Principal Name',
    'Display Name',
    'Is Deleted',
    'Deleted Date',
    'Created Date',
    'Last Activity Date',
    'Item Count',
    'Storage Used (Byte)',
    'Issue Warning Quota (Byte)',
    'Prohibit Send Quota (Byte)',
    'Prohibit Send/Receive Quota (Byte)',
    'Deleted Item Count',
    'Deleted Item Size (Byte)',
    'Deleted Item Quota (Byte)',
    'Has Archive',
    'Report Period',
  ],
  getMailboxUsageMailboxCounts: ['Report Refresh Date', 'Total', 'Active', 'Report Date', 'Report Period'],
  getMailboxUsageQuotaStatusMailboxCounts: [
    'Report Refresh Date',
    'Under Limit',
    'Warning Issued',
    'Send Prohibited',
    'Send/Receive Prohibited',
    'Indeterminate',
    'Report Date',
    'Report Period',
  ],
  getMailboxUsageStorage: ['Report Refresh Date', 'Storage Used (Byte)', 'Report Date', 'Report Period'],
};

export function isDetailReport(report: ReportName): report is DetailReportName {
  return report === 'getEmailActivityUserDetail' || report === 'getMailboxUsageDetail';
}

/** Only the e-mail activity user detail takes `date=` (mailbox usage detail is period-only, as in v1.0). */
function acceptsDate(report: ReportName): boolean {
  return report === 'getEmailActivityUserDetail';
}

/**
 * Columns left EMPTY on the refresh date's row of the e-mail counts reports, as Microsoft does while a day is still
 * being processed. The model treats those counters as "not yet reported" for that day, so detail rows count 0 there
 * and the counts and detail reports stay consistent.
 */
export const PENDING_ON_REFRESH_DATE: readonly string[] = ['Send', 'Read', 'Meeting Interacted'];
const PENDING_KEYS = ['send', 'read', 'meetingInteracted'] as const;

interface DayAggregate {
  emailSums: EmailCounts;
  emailUsers: EmailCounts;
  mailboxes: number;
  activeMailboxes: number;
  storage: number;
  /** Indexed by QuotaStatus. */
  quota: [number, number, number, number];
}

function emptyCounts(): EmailCounts {
  return { send: 0, receive: 0, read: 0, meetingCreated: 0, meetingInteracted: 0 };
}

function emptyAggregate(): DayAggregate {
  return {
    emailSums: emptyCounts(),
    emailUsers: emptyCounts(),
    mailboxes: 0,
    activeMailboxes: 0,
    storage: 0,
    quota: [0, 0, 0, 0],
  };
}

const COUNT_KEYS = ['send', 'receive', 'read', 'meetingCreated', 'meetingInteracted'] as const;

/** Users per slice of an asynchronous aggregation pass, between which the event loop gets to run. */
const USERS_PER_SLICE = 20_000;

/**
 * Per-day tenant totals, computed in one pass over users for all missing days and cached: a day's totals never
 * change once computed (the model is a pure function of the seed and the day).
 */
export class DailyAggregates {
  readonly #model: TenantModel;
  readonly #cache = new Map<number, DayAggregate>();
  #serial: Promise<void> = Promise.resolve();

  constructor(model: TenantModel) {
    this.#model = model;
  }

  #missing(days: readonly number[]): number[] {
    return days.filter((day) => !this.#cache.has(day));
  }

  #accumulate(user: UserProfile, days: readonly number[], into: DayAggregate[]): void {
    const model = this.#model;
    days.forEach((day, slot) => {
      const agg = into[slot];
      if (agg === undefined || !model.exists(user, day)) return;
      agg.mailboxes += 1;
      const storage = model.storageUsed(user, day);
      agg.storage += storage;
      agg.quota[model.quotaStatus(user, storage)] += 1;
      const counts = model.counts(user, day);
      if (counts === undefined) return;
      agg.activeMailboxes += 1;
      for (const key of COUNT_KEYS) {
        agg.emailSums[key] += counts[key];
        if (counts[key] > 0) agg.emailUsers[key] += 1;
      }
    });
  }

  #commit(days: readonly number[], aggregates: readonly DayAggregate[]): void {
    days.forEach((day, slot) => {
      const agg = aggregates[slot];
      if (agg === undefined) return;
      // Byte sums of a million mailboxes approach 2^53; refuse to publish a silently rounded total.
      if (!Number.isSafeInteger(agg.storage)) {
        throw new Error(`storage total for ${formatDay(day)} exceeds exact integer range`);
      }
      this.#cache.set(day, agg);
    });
  }

  /** Synchronous variant for the in-process ground truth (tests with small tenants). */
  ensureSync(days: readonly number[]): void {
    const missing = this.#missing(days);
    if (missing.length === 0) return;
    const aggregates = missing.map(emptyAggregate);
    for (let index = 0; index < this.#model.users; index += 1) {
      this.#accumulate(this.#model.profile(index), missing, aggregates);
    }
    this.#commit(missing, aggregates);
  }

  /** Yields to the event loop between slices, so a big tenant's pass does not stall other requests. */
  ensure(days: readonly number[]): Promise<void> {
    const run = this.#serial.then(async () => {
      const missing = this.#missing(days);
      if (missing.length === 0) return;
      const aggregates = missing.map(emptyAggregate);
      for (let index = 0; index < this.#model.users; index += 1) {
        if (index > 0 && index % USERS_PER_SLICE === 0) await yieldToEventLoop();
        this.#accumulate(this.#model.profile(index), missing, aggregates);
      }
      this.#commit(missing, aggregates);
    });
    // A failed pass must not poison later ones.
    this.#serial = run.catch(() => undefined);
    return run;
  }

  get(day: number): DayAggregate {
    const agg = this.#cache.get(day);
    if (agg === undefined) throw new Error(`internal: aggregates for ${formatDay(day)} were not computed`);
    return agg;
  }
}

/** The report days of a period, newest first. */
export function periodReportDays(refreshDay: number, days: number): number[] {
  return Array.from({ length: days }, (_, offset) => refreshDay - offset);
}

/** Value cells (between the refresh date and the report date) of one daily-counts row; null = empty cell. */
export function dailyValues(
  report: DailyCountsReportName,
  agg: DayAggregate,
  isRefreshDay: boolean,
): Record<string, number | null> {
  const pending = (value: number, column: string): number | null =>
    isRefreshDay && PENDING_ON_REFRESH_DATE.includes(column) ? null : value;
  switch (report) {
    case 'getEmailActivityCounts':
    case 'getEmailActivityUserCounts': {
      const source = report === 'getEmailActivityCounts' ? agg.emailSums : agg.emailUsers;
      return {
        Send: pending(source.send, 'Send'),
        Receive: pending(source.receive, 'Receive'),
        Read: pending(source.read, 'Read'),
        'Meeting Created': pending(source.meetingCreated, 'Meeting Created'),
        'Meeting Interacted': pending(source.meetingInteracted, 'Meeting Interacted'),
      };
    }
    case 'getMailboxUsageMailboxCounts':
      return { Total: agg.mailboxes, Active: agg.activeMailboxes };
    case 'getMailboxUsageQuotaStatusMailboxCounts':
      return {
        'Under Limit': agg.quota[0],
        'Warning Issued': agg.quota[1],
        'Send Prohibited': agg.quota[2],
        'Send/Receive Prohibited': agg.quota[3],
        // Every simulated mailbox has statistics, so none is indeterminate.
        Indeterminate: 0,
      };
    case 'getMailboxUsageStorage':
      return { 'Storage Used (Byte)': agg.storage };
  }
}

/** One detail row as cells in the report's column order. */
export function* detailRows(
  model: TenantModel,
  report: DetailReportName,
  query: ResolvedQuery,
  refreshDay: number,
): Generator<Cell[]> {
  const refresh = formatDay(refreshDay);
  if (report === 'getMailboxUsageDetail' && query.kind !== 'period') {
    throw new Error('internal: getMailboxUsageDetail takes no date');
  }
  // Days after the refresh day are not processed yet: the file has its header and nothing else.
  if (query.kind === 'date' && query.day > refreshDay) return;
  for (let index = 0; index < model.users; index += 1) {
    const user = model.profile(index);
    if (user.createdDay > refreshDay) continue;
    const row =
      query.kind === 'period' && report === 'getMailboxUsageDetail'
        ? mailboxDetailRow(model, user, query.days, refreshDay, refresh)
        : emailDetailRow(model, user, query, refreshDay, refresh);
    if (row !== undefined) yield row;
  }
}

function reportedCounts(model: TenantModel, user: UserProfile, day: number, refreshDay: number): EmailCounts {
  const counts = model.counts(user, day) ?? emptyCounts();
  if (day === refreshDay) for (const key of PENDING_KEYS) counts[key] = 0;
  return counts;
}

function emailDetailRow(
  model: TenantModel,
  user: UserProfile,
  query: ResolvedQuery,
  refreshDay: number,
  refresh: string,
): Cell[] | undefined {
  const deleted = user.deletedDay <= refreshDay;
  const identity: Cell[] = [
    refresh,
    model.userPrincipalName(user.index),
    model.displayName(user.index),
    deleted,
    deleted ? formatDay(user.deletedDay) : null,
  ];
  let sums: EmailCounts;
  let lastActivity: number | undefined;
  let period: number;
  if (query.kind === 'date') {
    // A one-day file lists only the users active that day.
    if (!model.isActive(user, query.day)) return undefined;
    sums = reportedCounts(model, user, query.day, refreshDay);
    lastActivity = query.day;
    period = 1;
  } else {
    sums = emptyCounts();
    for (let day = refreshDay - query.days + 1; day <= refreshDay; day += 1) {
      if (!model.isActive(user, day)) continue;
      const counts = reportedCounts(model, user, day, refreshDay);
      for (const key of COUNT_KEYS) sums[key] += counts[key];
    }
    lastActivity = model.lastActivity(user, refreshDay);
    period = query.days;
  }
  return [
    ...identity,
    lastActivity === undefined ? null : formatDay(lastActivity),
    sums.send,
    sums.receive,
    sums.read,
    sums.meetingCreated,
    sums.meetingInteracted,
    user.assignedProducts,
    period,
  ];
}

function mailboxDetailRow(
  model: TenantModel,
  user: UserProfile,
  period: number,
  refreshDay: number,
  refresh: string,
): Cell[] {
  const deleted = user.deletedDay <= refreshDay;
  // A deleted mailbox keeps the statistics of its last day.
  const asOf = deleted ? user.deletedDay - 1 : refreshDay;
  const lastActivity = model.lastActivity(user, asOf);
  return [
    refresh,
    model.userPrincipalName(user.index),
    model.displayName(user.index),
    deleted,
    deleted ? formatDay(user.deletedDay) : null,
    formatDay(user.createdDay),
    lastActivity === undefined ? null : formatDay(lastActivity),
    model.itemCount(user, asOf),
    model.storageUsed(user, asOf),
    user.plan.issueWarningQuota,
    user.plan.prohibitSendQuota,
    user.plan.prohibitSendReceiveQuota,
    user.deletedItemCount,
    user.deletedItemBytes,
    DELETED_ITEM_QUOTA,
    user.hasArchive,
    period,
  ];
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'True' : 'False';
  if (typeof cell === 'number') return String(cell);
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const BOM = '\uFEFF';
const CHUNK_BYTES = 64 * 1024;

/**
 * The CSV file as it is downloaded: UTF-8 BOM, the exact header, CRLF rows. Produced lazily in ~64 KiB chunks, so
 * the consumer's pace (Readable.from pulls only when the socket drains) bounds memory, whatever the tenant size.
 * Rows are encoded straight into the chunk buffer: each row string dies young instead of growing a long-lived
 * concatenation, which keeps the heap (and so RSS) flat while millions of rows go by.
 */
export async function* reportCsv(
  model: TenantModel,
  aggregates: DailyAggregates,
  report: ReportName,
  query: ResolvedQuery,
  refreshDay: number,
): AsyncGenerator<Buffer> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const append = (line: string): Buffer | undefined => {
    const size = Buffer.byteLength(line, 'utf8');
    let full: Buffer | undefined;
    if (used + size > chunk.length) {
      full = chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, size));
      used = 0;
    }
    used += chunk.write(line, used, 'utf8');
    return full;
  };
  append(`${BOM}${REPORT_COLUMNS[report].join(',')}\r\n`);
  if (isDetailReport(report)) {
    for (const row of detailRows(model, report, query, refreshDay)) {
      const full = append(csvLine(row));
      if (full !== undefined) yield full;
    }
  } else {
    if (query.kind !== 'period') throw new Error(`internal: ${report} takes no date`);
    const days = periodReportDays(refreshDay, query.days);
    await aggregates.ensure(days);
    const refresh = formatDay(refreshDay);
    for (const day of days) {
      const values = dailyValues(report, aggregates.get(day), day === refreshDay);
      const cells = REPORT_COLUMNS[report].map((column): Cell => {
        if (column === 'Report Refresh Date') return refresh;
        if (column === 'Report Date') return formatDay(day);
        if (column === 'Report Period') return query.days;
        return values[column] ?? null;
      });
      const full = append(csvLine(cells));
      if (full !== undefined) yield full;
    }
  }
  yield chunk.subarray(0, used);
}
