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

export const REPORT_PERIODS = ['D7', 'D30', 'D90', 'D180'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export interface ReportDefinition {
  name: ReportName;
  /** Whether the function takes `(date=YYYY-MM-DD)` besides `(period='Dn')`. */
  acceptsDate: boolean;
  /** 'daily-counts': one row per day (with Report Date); 'per-entity': one row per user or mailbox. */
  shape: 'daily-counts' | 'per-entity';
  /** The CSV header as Microsoft sends it, exact and in order (docs/microsoft-apis.md#report-functions: the live service wins over the docs). */
  columns: readonly string[];
}

const EMAIL_ACTIVITY_COUNTS = [
  'Report Refresh Date',
  'Send',
  'Receive',
  'Read',
  'Meeting Created',
  'Meeting Interacted',
  'Report Date',
  'Report Period',
] as const;

function define(definition: ReportDefinition): ReportDefinition {
  return Object.freeze({ ...definition, columns: Object.freeze([...definition.columns]) });
}

export const REPORT_CATALOG: Readonly<Record<ReportName, ReportDefinition>> = Object.freeze({
  getEmailActivityCounts: define({
    name: 'getEmailActivityCounts',
    acceptsDate: false,
    shape: 'daily-counts',
    // The v1.0 doc's example omits the two Meeting columns; the real CSV has them.
    columns: EMAIL_ACTIVITY_COUNTS,
  }),
  getEmailActivityUserCounts: define({
    name: 'getEmailActivityUserCounts',
    acceptsDate: false,
    shape: 'daily-counts',
    columns: EMAIL_ACTIVITY_COUNTS,
  }),
  getEmailActivityUserDetail: define({
    name: 'getEmailActivityUserDetail',
    acceptsDate: true,
    shape: 'per-entity',
    columns: [
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
  }),
  getMailboxUsageDetail: define({
    name: 'getMailboxUsageDetail',
    acceptsDate: false,
    shape: 'per-entity',
    // The v1.0 doc's example line omits Deleted Item Quota (Byte) and Has Archive; its column list and real
    // captures include them.
    columns: [
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
  }),
  getMailboxUsageMailboxCounts: define({
    name: 'getMailboxUsageMailboxCounts',
    acceptsDate: false,
    shape: 'daily-counts',
    columns: ['Report Refresh Date', 'Total', 'Active', 'Report Date', 'Report Period'],
  }),
  getMailboxUsageQuotaStatusMailboxCounts: define({
    name: 'getMailboxUsageQuotaStatusMailboxCounts',
    acceptsDate: false,
    shape: 'daily-counts',
    columns: [
      'Report Refresh Date',
      'Under Limit',
      'Warning Issued',
      'Send Prohibited',
      'Send/Receive Prohibited',
      'Indeterminate',
      'Report Date',
      'Report Period',
    ],
  }),
  getMailboxUsageStorage: define({
    name: 'getMailboxUsageStorage',
    acceptsDate: false,
    shape: 'daily-counts',
    columns: ['Report Refresh Date', 'Storage Used (Byte)', 'Report Date', 'Report Period'],
  }),
});

export function isReportName(name: string): name is ReportName {
  return Object.hasOwn(REPORT_CATALOG, name);
}
