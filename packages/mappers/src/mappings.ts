import { type CountCells, dailyCountsMapping } from './daily-counts.js';
import {
  ATTR_M365_EMAIL_ACTION,
  ATTR_M365_EMAIL_MEETING_ACTION,
  ATTR_M365_MAILBOX_QUOTA_STATUS,
  ATTR_M365_MAILBOX_STATE,
  M365_EMAIL_ACTION_VALUES,
  M365_EMAIL_MEETING_ACTION_VALUES,
  M365_MAILBOX_QUOTA_STATUS_VALUES,
  METRIC_M365_EMAIL_ACTIVE_USERS,
  METRIC_M365_EMAIL_MEETINGS,
  METRIC_M365_EMAIL_MESSAGES,
  METRIC_M365_MAILBOX_COUNT,
  METRIC_M365_MAILBOX_QUOTA_MAILBOXES,
  METRIC_M365_MAILBOX_STORAGE_USAGE,
} from './generated/catalog.js';
import { MAILBOX_DETAIL_MAPPING } from './mailbox-detail.js';
import { columnSeries, computedSeries, seriesPerValue } from './series.js';
import type { ReportMapping } from './types.js';

/** getEmailActivityCounts and getEmailActivityUserCounts share this header (messages vs. distinct users). */
const EMAIL_ACTION_COLUMNS = { sent: 'Send', received: 'Receive', read: 'Read' } as const;

const emailActivityCounts = dailyCountsMapping({
  report: 'getEmailActivityCounts',
  series: [
    ...seriesPerValue(
      METRIC_M365_EMAIL_MESSAGES,
      ATTR_M365_EMAIL_ACTION,
      M365_EMAIL_ACTION_VALUES,
      EMAIL_ACTION_COLUMNS,
    ),
    ...seriesPerValue(
      METRIC_M365_EMAIL_MEETINGS,
      ATTR_M365_EMAIL_MEETING_ACTION,
      M365_EMAIL_MEETING_ACTION_VALUES,
      {
        created: 'Meeting Created',
        interacted: 'Meeting Interacted',
      },
    ),
  ],
});

const emailActivityUserCounts = dailyCountsMapping({
  report: 'getEmailActivityUserCounts',
  series: seriesPerValue(
    METRIC_M365_EMAIL_ACTIVE_USERS,
    ATTR_M365_EMAIL_ACTION,
    M365_EMAIL_ACTION_VALUES,
    EMAIL_ACTION_COLUMNS,
  ),
});

/** Total and Active of a getMailboxUsageMailboxCounts row, or undefined when either cell is missing. */
function totalAndActive(cells: CountCells): { total: number; active: number } | undefined {
  const total = cells.get('Total');
  const active = cells.get('Active');
  return total === undefined || active === undefined ? undefined : { total, active };
}

const mailboxCounts = dailyCountsMapping({
  report: 'getMailboxUsageMailboxCounts',
  series: [
    columnSeries(METRIC_M365_MAILBOX_COUNT, { [ATTR_M365_MAILBOX_STATE]: 'active' }, 'Active'),
    computedSeries(
      METRIC_M365_MAILBOX_COUNT,
      { [ATTR_M365_MAILBOX_STATE]: 'inactive' },
      ['Total', 'Active'],
      (cells) => {
        const counts = totalAndActive(cells);
        return counts === undefined ? undefined : counts.total - counts.active;
      },
    ),
  ],
  // More active mailboxes than mailboxes means one of the two cells is wrong, and nothing says which.
  check: (cells) => {
    const counts = totalAndActive(cells);
    return counts !== undefined && counts.active > counts.total
      ? { column: 'Active', reason: `exceeds Total (${counts.total})` }
      : undefined;
  },
});

const quotaStatusCounts = dailyCountsMapping({
  report: 'getMailboxUsageQuotaStatusMailboxCounts',
  series: seriesPerValue(
    METRIC_M365_MAILBOX_QUOTA_MAILBOXES,
    ATTR_M365_MAILBOX_QUOTA_STATUS,
    M365_MAILBOX_QUOTA_STATUS_VALUES,
    {
      under_limit: 'Under Limit',
      warning_issued: 'Warning Issued',
      send_prohibited: 'Send Prohibited',
      send_receive_prohibited: 'Send/Receive Prohibited',
      indeterminate: 'Indeterminate',
    },
  ),
});

const mailboxStorage = dailyCountsMapping({
  report: 'getMailboxUsageStorage',
  series: [columnSeries(METRIC_M365_MAILBOX_STORAGE_USAGE, {}, 'Storage Used (Byte)')],
});

/**
 * One mapping per report that feeds metrics. getEmailActivityUserDetail feeds none yet: it is read later for
 * the per-user log twins.
 */
export const REPORT_MAPPINGS: readonly ReportMapping[] = [
  emailActivityCounts,
  emailActivityUserCounts,
  MAILBOX_DETAIL_MAPPING,
  mailboxCounts,
  quotaStatusCounts,
  mailboxStorage,
];

/** The mappings whose reports produce at least one of the enabled metrics: the reports worth downloading. */
export function reportsFor(enabledMetrics: ReadonlySet<string>): ReportMapping[] {
  return REPORT_MAPPINGS.filter((mapping) => mapping.metrics.some((metric) => enabledMetrics.has(metric)));
}
