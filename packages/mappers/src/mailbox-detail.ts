import { describeBadCount, NOT_A_COUNT, parseCount, parseTrueFalse, utcDayStartMs } from './cells.js';
import {
  ATTR_M365_MAILBOX_ITEM_STATE,
  type M365MailboxItemState,
  METRIC_M365_MAILBOX_ITEMS,
} from './generated/catalog.js';
import { ProblemLog } from './problems.js';
import { observation } from './series.js';
import type { ReportAccumulator, ReportMapping, ReportSnapshot, Row } from './types.js';

const REPORT_REFRESH_DATE = 'Report Refresh Date';
const IS_DELETED = 'Is Deleted';
const ITEM_COUNT = 'Item Count';
const DELETED_ITEM_COUNT = 'Deleted Item Count';

/** A running sum over one column that knows whether any row contributed, so "no value anywhere" is not 0. */
interface ColumnSum {
  readonly column: string;
  readonly state: M365MailboxItemState;
  total: number;
  seen: boolean;
}

function columnSum(column: string, state: M365MailboxItemState): ColumnSum {
  return { column, state, total: 0, seen: false };
}

/**
 * getMailboxUsageDetail: one row per mailbox, folded into tenant-wide sums as the rows stream by. Memory is O(1)
 * and the happy path allocates nothing beyond the strings row.get() returns, since a tenant can have a million
 * mailboxes. Deleted mailboxes are left out: their items are no longer the tenant's live data.
 */
export const MAILBOX_DETAIL_MAPPING: ReportMapping = {
  report: 'getMailboxUsageDetail',
  metrics: [METRIC_M365_MAILBOX_ITEMS],
  requiredColumns: [REPORT_REFRESH_DATE, IS_DELETED, ITEM_COUNT, DELETED_ITEM_COUNT],
  createAccumulator: () => new MailboxDetailAccumulator(),
};

class MailboxDetailAccumulator implements ReportAccumulator {
  readonly #problems = new ProblemLog();
  readonly #present = columnSum(ITEM_COUNT, 'present');
  readonly #deleted = columnSum(DELETED_ITEM_COUNT, 'deleted');
  /** The refresh date of the previous valid row: rows repeat one date, so most rows skip re-validating it. */
  #lastRefreshDate: string | undefined;
  #reportDate: string | undefined;

  add(row: Row): void {
    const refreshDate = row.get(REPORT_REFRESH_DATE);
    if (refreshDate === undefined) {
      this.#problems.reject(row.line, REPORT_REFRESH_DATE, refreshDate, 'missing');
      return;
    }
    if (refreshDate !== this.#lastRefreshDate) {
      if (utcDayStartMs(refreshDate) === undefined) {
        this.#problems.reject(row.line, REPORT_REFRESH_DATE, refreshDate, 'not a YYYY-MM-DD day');
        return;
      }
      this.#lastRefreshDate = refreshDate;
      if (this.#reportDate === undefined || refreshDate > this.#reportDate) this.#reportDate = refreshDate;
    }

    const isDeletedText = row.get(IS_DELETED);
    const isDeleted = isDeletedText === undefined ? undefined : parseTrueFalse(isDeletedText);
    if (isDeleted === undefined) {
      const reason = isDeletedText === undefined ? 'missing' : 'expected True or False';
      this.#problems.reject(row.line, IS_DELETED, isDeletedText, reason);
      return;
    }
    if (isDeleted) return;

    this.#addCell(row, this.#present);
    this.#addCell(row, this.#deleted);
  }

  finish(): ReportSnapshot {
    return {
      report: MAILBOX_DETAIL_MAPPING.report,
      reportDate: this.#reportDate,
      observations: [this.#present, this.#deleted]
        .filter((sum) => sum.seen)
        .map((sum) =>
          observation(METRIC_M365_MAILBOX_ITEMS, { [ATTR_M365_MAILBOX_ITEM_STATE]: sum.state }, sum.total),
        ),
      ...this.#problems.summary(),
    };
  }

  #addCell(row: Row, sum: ColumnSum): void {
    const text = row.get(sum.column);
    if (text === undefined) return;
    const value = parseCount(text);
    if (value === NOT_A_COUNT) {
      this.#problems.reject(row.line, sum.column, text, describeBadCount(text));
      return;
    }
    sum.total += value;
    sum.seen = true;
  }
}
