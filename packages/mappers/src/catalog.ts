/**
 * The metric catalog: the single source of truth for every metric the project emits. The report mappings take
 * their metric and attribute names from here, docs/metrics.md is rendered from it, and catalog.test.ts holds it to
 * the naming rules (the OTel Collector's metadata.yaml habit, in TypeScript).
 */

export interface MetricAttributeDefinition {
  name: string;
  description: string;
  /** The closed enum of values; absent only for free-form values (none of the metric attributes so far). */
  values?: readonly string[];
}

export interface MetricDefinition {
  name: string;
  description: string;
  /** UCUM, as the OTel semantic conventions require: `By`, `s`, or an annotation such as `{message}`. */
  unit: string;
  instrument: 'gauge';
  valueType: 'int' | 'double';
  enabledByDefault: boolean;
  stability: 'development';
  attributes: readonly MetricAttributeDefinition[];
  /** Human text for the docs: the Graph report function and the CSV columns the value comes from. */
  source: { report: string; columns: string };
}

/**
 * The Graph report functions of issue 2. Kept here rather than imported from @m365-otel/graph-reports because
 * mappers depends on no other workspace package; `m365.report.name` needs them as its closed enum.
 */
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

// Attributes are declared once and shared, so two metrics that split by the same dimension cannot drift apart.

export const EMAIL_ACTION = {
  name: 'm365.email.action',
  description: 'What was done with the email: sent, received or read.',
  values: ['sent', 'received', 'read'],
} as const satisfies MetricAttributeDefinition;

export const EMAIL_MEETING_ACTION = {
  name: 'm365.email.meeting.action',
  description:
    'created: meetings created; interacted: meeting requests interacted with (for example accepted or declined).',
  values: ['created', 'interacted'],
} as const satisfies MetricAttributeDefinition;

export const MAILBOX_STATE = {
  name: 'm365.mailbox.state',
  description: 'active: the mailbox sent or read mail in the report period; inactive: every other mailbox.',
  values: ['active', 'inactive'],
} as const satisfies MetricAttributeDefinition;

export const MAILBOX_QUOTA_STATUS = {
  name: 'm365.mailbox.quota.status',
  description: "The mailbox's storage quota status, as Exchange Online reports it.",
  values: ['under_limit', 'warning_issued', 'send_prohibited', 'send_receive_prohibited', 'indeterminate'],
} as const satisfies MetricAttributeDefinition;

export const MAILBOX_ITEM_STATE = {
  name: 'm365.mailbox.item.state',
  description: 'present: items in the mailbox; deleted: deleted items the mailbox still holds.',
  values: ['present', 'deleted'],
} as const satisfies MetricAttributeDefinition;

export const REPORT_NAME = {
  name: 'm365.report.name',
  description: 'The Microsoft Graph report function the data comes from.',
  values: REPORT_NAMES,
} as const satisfies MetricAttributeDefinition;

/** What the metrics have in common so far: development-stage gauges, on by default, integers unless stated. */
const REPORT_GAUGE = {
  instrument: 'gauge',
  valueType: 'int',
  enabledByDefault: true,
  stability: 'development',
} as const;

export const EMAIL_MESSAGES = {
  ...REPORT_GAUGE,
  name: 'm365.email.messages',
  description: 'Email messages sent, received and read in the tenant on the newest report day.',
  unit: '{message}',
  attributes: [EMAIL_ACTION],
  source: { report: 'getEmailActivityCounts', columns: 'Send, Receive, Read' },
} as const satisfies MetricDefinition;

export const EMAIL_ACTIVE_USERS = {
  ...REPORT_GAUGE,
  name: 'm365.email.active_users',
  description:
    'Users who sent, received or read email on the newest report day; a user counts once per action.',
  unit: '{user}',
  attributes: [EMAIL_ACTION],
  source: { report: 'getEmailActivityUserCounts', columns: 'Send, Receive, Read' },
} as const satisfies MetricDefinition;

export const EMAIL_MEETINGS = {
  ...REPORT_GAUGE,
  name: 'm365.email.meetings',
  description: 'Meetings created, and meeting requests interacted with, in Outlook on the newest report day.',
  unit: '{meeting}',
  attributes: [EMAIL_MEETING_ACTION],
  source: { report: 'getEmailActivityCounts', columns: 'Meeting Created, Meeting Interacted' },
} as const satisfies MetricDefinition;

export const MAILBOX_COUNT = {
  ...REPORT_GAUGE,
  name: 'm365.mailbox.count',
  description:
    'Mailboxes in the tenant on the newest report day, by activity. No inactive point when Total or Active is ' +
    'empty; a row whose Active exceeds Total is rejected.',
  unit: '{mailbox}',
  attributes: [MAILBOX_STATE],
  source: { report: 'getMailboxUsageMailboxCounts', columns: 'Active (active), Total - Active (inactive)' },
} as const satisfies MetricDefinition;

export const MAILBOX_QUOTA_MAILBOXES = {
  ...REPORT_GAUGE,
  name: 'm365.mailbox.quota.mailboxes',
  description: 'Mailboxes by storage quota status on the newest report day.',
  unit: '{mailbox}',
  attributes: [MAILBOX_QUOTA_STATUS],
  source: {
    report: 'getMailboxUsageQuotaStatusMailboxCounts',
    columns: 'Under Limit, Warning Issued, Send Prohibited, Send/Receive Prohibited, Indeterminate',
  },
} as const satisfies MetricDefinition;

export const MAILBOX_STORAGE_USAGE = {
  ...REPORT_GAUGE,
  name: 'm365.mailbox.storage.usage',
  description: 'Storage used by all mailboxes of the tenant on the newest report day.',
  unit: 'By',
  attributes: [],
  source: { report: 'getMailboxUsageStorage', columns: 'Storage Used (Byte)' },
} as const satisfies MetricDefinition;

export const MAILBOX_ITEMS = {
  ...REPORT_GAUGE,
  name: 'm365.mailbox.items',
  description:
    "Items in the tenant's mailboxes, deleted mailboxes left out, summed as of the report refresh date. " +
    'Empty cells add nothing; a state that no mailbox reports has no point.',
  unit: '{item}',
  attributes: [MAILBOX_ITEM_STATE],
  source: {
    report: 'getMailboxUsageDetail',
    columns:
      'sum of Item Count (present) and Deleted Item Count (deleted) over the rows whose Is Deleted is False',
  },
} as const satisfies MetricDefinition;

export const REPORT_AGE = {
  name: 'm365.report.age',
  description:
    'How far behind a report is: collection time minus 00:00 UTC of the report day its gauges show. Computed by the ' +
    'collector for every report it reads.',
  unit: 's',
  ...REPORT_GAUGE,
  // Durations in seconds are floating point throughout the OTel semantic conventions, and the collector's clock
  // has millisecond resolution: truncating to whole seconds would throw precision away for no gain.
  valueType: 'double',
  attributes: [REPORT_NAME],
  source: {
    report: 'each report read',
    columns: 'newest complete Report Date (daily-count reports) or Report Refresh Date (per-entity reports)',
  },
} as const satisfies MetricDefinition;

/** Computed by the collector at collection time (reportAgeSeconds), not produced by any report mapping. */
export const REPORT_AGE_METRIC = REPORT_AGE.name;

export const METRIC_CATALOG: readonly MetricDefinition[] = [
  EMAIL_MESSAGES,
  EMAIL_ACTIVE_USERS,
  EMAIL_MEETINGS,
  MAILBOX_COUNT,
  MAILBOX_QUOTA_MAILBOXES,
  MAILBOX_STORAGE_USAGE,
  MAILBOX_ITEMS,
  REPORT_AGE,
];

/** Resource attributes every signal carries (one Resource per tenant); documented beside the metrics. */
export const RESOURCE_ATTRIBUTES: readonly MetricAttributeDefinition[] = [
  { name: 'm365.tenant.id', description: 'The Microsoft Entra tenant (directory) ID the data belongs to.' },
];
