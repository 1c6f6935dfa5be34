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
  /**
   * Set on a state metric (the OTel pattern of k8s.pod.status.phase): the enum attribute that takes one series per
   * value, 1 for the current value and 0 for every other. Such an attribute may bear the metric's own name.
   */
  stateAttribute?: string;
  source: MetricSource;
}

/** Human text for the docs: where a metric's value comes from. */
export type MetricSource = ReportSource | ApiSource;

/** A Graph report function and the CSV columns the value is computed from. */
export interface ReportSource {
  report: string;
  columns: string;
}

/** Graph API resources (paths under /v1.0) and the JSON fields the value is computed from. */
export interface ApiSource {
  api: readonly string[];
  fields: string;
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
  description: 'Email messages sent, received and read in the tenant on the reported day.',
  unit: '{message}',
  attributes: [EMAIL_ACTION],
  source: { report: 'getEmailActivityCounts', columns: 'Send, Receive, Read' },
} as const satisfies MetricDefinition;

export const EMAIL_ACTIVE_USERS = {
  ...REPORT_GAUGE,
  name: 'm365.email.active_users',
  description: 'Users who sent, received or read email on the reported day; a user counts once per action.',
  unit: '{user}',
  attributes: [EMAIL_ACTION],
  source: { report: 'getEmailActivityUserCounts', columns: 'Send, Receive, Read' },
} as const satisfies MetricDefinition;

export const EMAIL_MEETINGS = {
  ...REPORT_GAUGE,
  name: 'm365.email.meetings',
  description: 'Meetings created, and meeting requests interacted with, in Outlook on the reported day.',
  unit: '{meeting}',
  attributes: [EMAIL_MEETING_ACTION],
  source: { report: 'getEmailActivityCounts', columns: 'Meeting Created, Meeting Interacted' },
} as const satisfies MetricDefinition;

export const MAILBOX_COUNT = {
  ...REPORT_GAUGE,
  name: 'm365.mailbox.count',
  description:
    'Mailboxes in the tenant on the reported day, by activity. No inactive point when Total or Active is ' +
    'empty; a row whose Active exceeds Total is rejected.',
  unit: '{mailbox}',
  attributes: [MAILBOX_STATE],
  source: { report: 'getMailboxUsageMailboxCounts', columns: 'Active (active), Total - Active (inactive)' },
} as const satisfies MetricDefinition;

export const MAILBOX_QUOTA_MAILBOXES = {
  ...REPORT_GAUGE,
  name: 'm365.mailbox.quota.mailboxes',
  description: 'Mailboxes by storage quota status on the reported day.',
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
  description: 'Storage used by all mailboxes of the tenant on the reported day.',
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

/**
 * Graph v1.0 serviceHealthStatus, in the documentation's order and camelCase spelling. Declared here as well as in
 * @m365-otel/service-health because mappers depends on no workspace package.
 */
export const SERVICE_HEALTH_STATUSES = [
  'serviceOperational',
  'investigating',
  'restoringService',
  'verifyingService',
  'serviceRestored',
  'postIncidentReviewPublished',
  'serviceDegradation',
  'serviceInterruption',
  'extendedRecovery',
  'falsePositive',
  'investigationSuspended',
  'resolved',
  'mitigatedExternal',
  'mitigated',
  'resolvedExternal',
  'confirmed',
  'reported',
  'unknownFutureValue',
] as const;
export type ServiceHealthStatus = (typeof SERVICE_HEALTH_STATUSES)[number];

/** The statuses m365.service.healthy counts as healthy unless configured otherwise (the issue's list). */
export const DEFAULT_HEALTHY_STATUSES: readonly ServiceHealthStatus[] = [
  'serviceOperational',
  'serviceRestored',
  'postIncidentReviewPublished',
  'resolved',
  'resolvedExternal',
  'mitigated',
  'mitigatedExternal',
  'falsePositive',
];

/** The classifications m365.service.issues always reports, 0 included, so its series set stays stable. */
export const ISSUE_CLASSIFICATIONS = ['incident', 'advisory'] as const;

const ISSUE_ORIGINS = ['microsoft', 'thirdParty', 'customer', 'unknownFutureValue'] as const;
const MESSAGE_CATEGORIES = [
  'preventOrFixIssue',
  'planForChange',
  'stayInformed',
  'unknownFutureValue',
] as const;
const MESSAGE_SEVERITIES = ['normal', 'high', 'critical', 'unknownFutureValue'] as const;
export const ISSUE_CHANGES = ['opened', 'updated', 'resolved'] as const;
export type IssueChange = (typeof ISSUE_CHANGES)[number];
export const MESSAGE_CHANGES = ['published', 'updated'] as const;
export type MessageChange = (typeof MESSAGE_CHANGES)[number];

const HEALTH_OVERVIEWS = 'admin/serviceAnnouncement/healthOverviews';
const ISSUES = 'admin/serviceAnnouncement/issues';
const MESSAGES = 'admin/serviceAnnouncement/messages';

/** Microsoft adds enum members over time; the mappings keep such a value visible instead of dropping it. */
const UNKNOWN_VALUE_NOTE = 'A value outside the list (one Microsoft added later) appears as sent.';

export const SERVICE_NAME = {
  name: 'm365.service.name',
  description: "The service's display name as Microsoft sends it, such as `Exchange Online`.",
} as const satisfies MetricAttributeDefinition;

export const SERVICE_ID = {
  name: 'm365.service.id',
  description: "The service's identifier in Microsoft Graph, such as `Exchange`.",
} as const satisfies MetricAttributeDefinition;

export const SERVICE_STATUS = {
  name: 'm365.service.status',
  description: `A serviceHealthStatus value, in the Graph v1.0 camelCase spelling whatever case Microsoft sends. ${UNKNOWN_VALUE_NOTE}`,
  values: SERVICE_HEALTH_STATUSES,
} as const satisfies MetricAttributeDefinition;

export const FEATURE_NAME = {
  name: 'm365.service.feature.name',
  description:
    'The feature an issue affects, as Microsoft names it, such as `Mailflow - delayed delivery from Internet`.',
} as const satisfies MetricAttributeDefinition;

export const FEATURE_GROUP = {
  name: 'm365.service.feature.group',
  description: "The feature's group, such as `E-Mail timely delivery`; absent when the issue names none.",
} as const satisfies MetricAttributeDefinition;

export const ISSUE_CLASSIFICATION = {
  name: 'm365.service.issue.classification',
  description: `incident: a critical service problem, usually with noticeable user impact; advisory: a limited problem. ${UNKNOWN_VALUE_NOTE}`,
  values: ISSUE_CLASSIFICATIONS,
} as const satisfies MetricAttributeDefinition;

/** Shared by the service-health gauges: development-stage integer gauges. */
const SERVICE_HEALTH_GAUGE = {
  instrument: 'gauge',
  valueType: 'int',
  stability: 'development',
} as const;

export const SERVICE_STATUS_METRIC = {
  ...SERVICE_HEALTH_GAUGE,
  name: 'm365.service.status',
  description:
    'The current health status of each Microsoft 365 service: one series per status value, 1 for the current ' +
    'status and 0 for every other.',
  unit: '1',
  enabledByDefault: true,
  attributes: [SERVICE_NAME, SERVICE_ID, SERVICE_STATUS],
  stateAttribute: SERVICE_STATUS.name,
  source: { api: [HEALTH_OVERVIEWS], fields: 'id, service, status' },
} as const satisfies MetricDefinition;

export const SERVICE_HEALTHY = {
  ...SERVICE_HEALTH_GAUGE,
  name: 'm365.service.healthy',
  description:
    "1 when the service's current status is one of the healthy statuses (configurable), else 0; a status " +
    'outside the enum is unhealthy.',
  unit: '1',
  enabledByDefault: true,
  attributes: [SERVICE_NAME, SERVICE_ID],
  source: { api: [HEALTH_OVERVIEWS], fields: 'id, service, status' },
} as const satisfies MetricDefinition;

export const SERVICE_ISSUES = {
  ...SERVICE_HEALTH_GAUGE,
  name: 'm365.service.issues',
  description:
    'Open (unresolved) service health issues per service and classification. incident and advisory are ' +
    'reported for every service, 0 included; a service with open issues but no health overview is reported ' +
    'too.',
  unit: '{issue}',
  enabledByDefault: true,
  attributes: [SERVICE_NAME, ISSUE_CLASSIFICATION],
  source: {
    api: [HEALTH_OVERVIEWS, ISSUES],
    fields: 'overviews: service; issues: service, classification, isResolved',
  },
} as const satisfies MetricDefinition;

export const SERVICE_FEATURE_STATUS = {
  ...SERVICE_HEALTH_GAUGE,
  name: 'm365.service.feature.status',
  description:
    'The status of each feature named by an open issue: one series per status value, 1 for the status of the ' +
    'most recently modified open issue on the feature and 0 for every other. A feature without open issues has ' +
    'no series.',
  unit: '1',
  enabledByDefault: false,
  attributes: [SERVICE_NAME, FEATURE_GROUP, FEATURE_NAME, SERVICE_STATUS],
  stateAttribute: SERVICE_STATUS.name,
  source: {
    api: [ISSUES],
    fields: 'service, featureGroup, feature, status, isResolved, lastModifiedDateTime',
  },
} as const satisfies MetricDefinition;

/** The metrics mapServiceHealth produces. */
export const SERVICE_HEALTH_METRICS: readonly string[] = [
  SERVICE_STATUS_METRIC.name,
  SERVICE_HEALTHY.name,
  SERVICE_ISSUES.name,
  SERVICE_FEATURE_STATUS.name,
];

export const METRIC_CATALOG: readonly MetricDefinition[] = [
  EMAIL_MESSAGES,
  EMAIL_ACTIVE_USERS,
  EMAIL_MEETINGS,
  MAILBOX_COUNT,
  MAILBOX_QUOTA_MAILBOXES,
  MAILBOX_STORAGE_USAGE,
  MAILBOX_ITEMS,
  REPORT_AGE,
  SERVICE_STATUS_METRIC,
  SERVICE_HEALTHY,
  SERVICE_ISSUES,
  SERVICE_FEATURE_STATUS,
];

/** An attribute of an event (log record). Unlike metric attributes, event attributes may be booleans. */
export interface EventAttributeDefinition extends MetricAttributeDefinition {
  type: 'string' | 'boolean';
  /** 'when set': left out when Microsoft sends no value (null, or an empty list). */
  presence: 'always' | 'when set';
}

/** A field of an event's structured body (a map). */
export interface EventFieldDefinition {
  name: string;
  description: string;
}

/** An event: a log record with an event name, key fields as attributes, the detail as a structured body. */
export interface EventDefinition {
  name: string;
  description: string;
  /** When a record is emitted. */
  emitted: string;
  /** Human text for the docs: what the record's timestamp is. */
  timestamp: string;
  attributes: readonly EventAttributeDefinition[];
  body: readonly EventFieldDefinition[];
  source: ApiSource;
}

const always = <A extends MetricAttributeDefinition>(attribute: A) =>
  ({ ...attribute, type: 'string', presence: 'always' }) as const;
const whenSet = <A extends MetricAttributeDefinition>(attribute: A) =>
  ({ ...attribute, type: 'string', presence: 'when set' }) as const;
const flag = (name: string, description: string) =>
  ({ name, description, type: 'boolean', presence: 'always' }) as const satisfies EventAttributeDefinition;

const ISO_TIME = 'ISO 8601 date and time as Microsoft sends it';

export const ISSUE_EVENT_ATTRIBUTES = {
  serviceName: always(SERVICE_NAME),
  featureName: whenSet(FEATURE_NAME),
  featureGroup: whenSet(FEATURE_GROUP),
  id: always({ name: 'm365.service.issue.id', description: "The issue's id, such as `EX200001`." }),
  classification: always(ISSUE_CLASSIFICATION),
  status: always({
    name: 'm365.service.issue.status',
    description: `The issue's serviceHealthStatus, camelCase. ${UNKNOWN_VALUE_NOTE}`,
    values: SERVICE_HEALTH_STATUSES,
  }),
  origin: always({
    name: 'm365.service.issue.origin',
    description: `Where the issue comes from. ${UNKNOWN_VALUE_NOTE}`,
    values: ISSUE_ORIGINS,
  }),
  change: always({
    name: 'm365.service.issue.change',
    description: 'What happened to the issue since it was last announced.',
    values: ISSUE_CHANGES,
  }),
  startTime: always({
    name: 'm365.service.issue.start_time',
    description: `When the issue began (${ISO_TIME}).`,
  }),
  endTime: whenSet({
    name: 'm365.service.issue.end_time',
    description: `When the issue ended (${ISO_TIME}).`,
  }),
  resolved: flag('m365.service.issue.resolved', 'Whether Microsoft marks the issue resolved (`isResolved`).'),
} as const satisfies Record<string, EventAttributeDefinition>;

export const MESSAGE_EVENT_ATTRIBUTES = {
  id: always({ name: 'm365.service.message.id', description: "The message's id, such as `MC200001`." }),
  category: always({
    name: 'm365.service.message.category',
    description: `The kind of change the message announces. ${UNKNOWN_VALUE_NOTE}`,
    values: MESSAGE_CATEGORIES,
  }),
  severity: always({
    name: 'm365.service.message.severity',
    description: `How important Microsoft rates the message. ${UNKNOWN_VALUE_NOTE}`,
    values: MESSAGE_SEVERITIES,
  }),
  change: always({
    name: 'm365.service.message.change',
    description: 'published: first seen; updated: changed since it was last announced.',
    values: MESSAGE_CHANGES,
  }),
  isMajorChange: flag(
    'm365.service.message.is_major_change',
    'Whether Microsoft flags the message as a major change.',
  ),
  services: whenSet({
    name: 'm365.service.names',
    description: 'The display names of the services the message concerns, joined with `, `.',
  }),
  startTime: always({
    name: 'm365.service.message.start_time',
    description: `When the message starts to apply (${ISO_TIME}).`,
  }),
  endTime: whenSet({
    name: 'm365.service.message.end_time',
    description: `When the message stops applying (${ISO_TIME}).`,
  }),
  actionRequiredBy: whenSet({
    name: 'm365.service.message.action_required_by',
    description: `The deadline for the action the message asks for (${ISO_TIME}).`,
  }),
} as const satisfies Record<string, EventAttributeDefinition>;

export const ISSUE_EVENT = {
  name: 'm365.service.issue',
  description: 'A service health issue (incident or advisory) was opened, updated or resolved.',
  emitted:
    'when an issue is first seen (opened, or resolved when it is already resolved; on the very first run only ' +
    'open issues are announced, resolved ones are taken as history), and when its status, impact description, ' +
    'resolution, classification, feature or number of posts changes (updated, or resolved when it turned ' +
    'resolved). A change of lastModifiedDateTime alone announces nothing.',
  timestamp: "the issue's lastModifiedDateTime",
  attributes: Object.values(ISSUE_EVENT_ATTRIBUTES),
  body: [
    { name: 'title', description: "The issue's title." },
    { name: 'impactDescription', description: 'What users experience, as Microsoft describes it.' },
    {
      name: 'latestPost',
      description:
        'The newest post: `{ createdDateTime, postType, content }` (content is HTML as Microsoft sends it); null ' +
        'when the issue has no post.',
    },
    { name: 'postCount', description: 'How many posts the issue has.' },
  ],
  source: { api: [ISSUES], fields: 'every field of the issue' },
} as const satisfies EventDefinition;

export const MESSAGE_EVENT = {
  name: 'm365.service.message',
  description:
    'A Message center post (planned change, new feature, action required) was published or updated.',
  emitted:
    'when the collector first sees a message (on the first run too: a message has no resolved state that would ' +
    'make it history), and when its lastModifiedDateTime, title or body changes. Only with ' +
    '`serviceHealth.messages: true` (application permission `ServiceMessage.Read.All`).',
  timestamp: "the message's lastModifiedDateTime",
  attributes: Object.values(MESSAGE_EVENT_ATTRIBUTES),
  body: [
    { name: 'title', description: "The message's title." },
    {
      name: 'tags',
      description: "Microsoft's tags, such as `Updated message` or `Admin impact` (a list of strings).",
    },
    { name: 'content', description: 'The message body, HTML as Microsoft sends it.' },
  ],
  source: { api: [MESSAGES], fields: 'every field of the message' },
} as const satisfies EventDefinition;

export const EVENT_CATALOG: readonly EventDefinition[] = [ISSUE_EVENT, MESSAGE_EVENT];

/** Resource attributes every signal carries (one Resource per tenant); documented beside the metrics. */
export const RESOURCE_ATTRIBUTES: readonly MetricAttributeDefinition[] = [
  { name: 'm365.tenant.id', description: 'The Microsoft Entra tenant (directory) ID the data belongs to.' },
];
