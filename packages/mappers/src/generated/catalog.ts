// Generated from packages/mappers/metadata.yaml by `node packages/mappers/scripts/generate.ts`. DO NOT EDIT.

import { REPORT_NAMES } from '@m365-otel/graph-reports';
import { CONTENT_TYPES } from '@m365-otel/management-api';
import {
  type SERVICE_HEALTH_CLASSIFICATIONS,
  SERVICE_HEALTH_ORIGINS,
  SERVICE_HEALTH_RESOURCES,
  SERVICE_HEALTH_STATUSES,
  SERVICE_UPDATE_CATEGORIES,
  SERVICE_UPDATE_SEVERITIES,
} from '@m365-otel/service-health';
import type { AttributeDefinition, EventDefinition, Extensible, MetricDefinition } from '../catalog-model.js';

// Attribute names.
export const ATTR_M365_TENANT_ID = 'm365.tenant.id';
export const ATTR_M365_EMAIL_ACTION = 'm365.email.action';
export const ATTR_M365_EMAIL_MEETING_ACTION = 'm365.email.meeting.action';
export const ATTR_M365_MAILBOX_STATE = 'm365.mailbox.state';
export const ATTR_M365_MAILBOX_QUOTA_STATUS = 'm365.mailbox.quota.status';
export const ATTR_M365_MAILBOX_ITEM_STATE = 'm365.mailbox.item.state';
export const ATTR_M365_REPORT_NAME = 'm365.report.name';
export const ATTR_M365_SERVICE_NAME = 'm365.service.name';
export const ATTR_M365_SERVICE_ID = 'm365.service.id';
export const ATTR_M365_SERVICE_STATUS = 'm365.service.status';
export const ATTR_M365_SERVICE_FEATURE_NAME = 'm365.service.feature.name';
export const ATTR_M365_SERVICE_FEATURE_GROUP = 'm365.service.feature.group';
export const ATTR_M365_SERVICE_ISSUE_CLASSIFICATION = 'm365.service.issue.classification';
export const ATTR_M365_SERVICE_ISSUE_ID = 'm365.service.issue.id';
export const ATTR_M365_SERVICE_ISSUE_STATUS = 'm365.service.issue.status';
export const ATTR_M365_SERVICE_ISSUE_ORIGIN = 'm365.service.issue.origin';
export const ATTR_M365_SERVICE_ISSUE_CHANGE = 'm365.service.issue.change';
export const ATTR_M365_SERVICE_ISSUE_START_TIME = 'm365.service.issue.start_time';
export const ATTR_M365_SERVICE_ISSUE_END_TIME = 'm365.service.issue.end_time';
export const ATTR_M365_SERVICE_ISSUE_RESOLVED = 'm365.service.issue.resolved';
export const ATTR_M365_SERVICE_MESSAGE_ID = 'm365.service.message.id';
export const ATTR_M365_SERVICE_MESSAGE_CATEGORY = 'm365.service.message.category';
export const ATTR_M365_SERVICE_MESSAGE_SEVERITY = 'm365.service.message.severity';
export const ATTR_M365_SERVICE_MESSAGE_CHANGE = 'm365.service.message.change';
export const ATTR_M365_SERVICE_MESSAGE_IS_MAJOR_CHANGE = 'm365.service.message.is_major_change';
export const ATTR_M365_SERVICE_NAMES = 'm365.service.names';
export const ATTR_M365_SERVICE_MESSAGE_START_TIME = 'm365.service.message.start_time';
export const ATTR_M365_SERVICE_MESSAGE_END_TIME = 'm365.service.message.end_time';
export const ATTR_M365_SERVICE_MESSAGE_ACTION_REQUIRED_BY = 'm365.service.message.action_required_by';
export const ATTR_M365OTEL_OUTCOME = 'm365otel.outcome';
export const ATTR_M365OTEL_SERVICE_HEALTH_RESOURCE = 'm365otel.service_health.resource';
export const ATTR_M365OTEL_SIGNAL = 'm365otel.signal';
export const ATTR_EVENT_NAME = 'event.name';
export const ATTR_M365OTEL_AUDIT_SKIP_REASON = 'm365otel.audit.skip_reason';
export const ATTR_M365_AUDIT_CONTENT_TYPE = 'm365.audit.content_type';
export const ATTR_M365_AUDIT_CONTENT_ID = 'm365.audit.content_id';
export const ATTR_LOG_RECORD_UID = 'log.record.uid';
export const ATTR_M365_AUDIT_OPERATION = 'm365.audit.operation';
export const ATTR_M365_AUDIT_WORKLOAD = 'm365.audit.workload';
export const ATTR_M365_AUDIT_RECORD_TYPE = 'm365.audit.record_type';
export const ATTR_M365_AUDIT_RECORD_TYPE_NAME = 'm365.audit.record_type_name';
export const ATTR_USER_ID = 'user.id';
export const ATTR_M365_AUDIT_USER_TYPE = 'm365.audit.user_type';
export const ATTR_M365_AUDIT_USER_TYPE_NAME = 'm365.audit.user_type_name';
export const ATTR_M365_AUDIT_RESULT_STATUS = 'm365.audit.result_status';
export const ATTR_M365_AUDIT_RESULT = 'm365.audit.result';
export const ATTR_M365_AUDIT_CLIENT_IP = 'm365.audit.client_ip';
export const ATTR_CLIENT_ADDRESS = 'client.address';
export const ATTR_CLIENT_PORT = 'client.port';
export const ATTR_M365_AUDIT_ORGANIZATION_ID = 'm365.audit.organization_id';
export const ATTR_M365_AUDIT_CREATION_TIME_ERROR = 'm365.audit.creation_time_error';

// Enum values, and their types.
export const M365_EMAIL_ACTION_VALUES = ['sent', 'received', 'read'] as const;
export type M365EmailAction = (typeof M365_EMAIL_ACTION_VALUES)[number];
export const M365_EMAIL_MEETING_ACTION_VALUES = ['created', 'interacted'] as const;
export type M365EmailMeetingAction = (typeof M365_EMAIL_MEETING_ACTION_VALUES)[number];
export const M365_MAILBOX_STATE_VALUES = ['active', 'inactive'] as const;
export type M365MailboxState = (typeof M365_MAILBOX_STATE_VALUES)[number];
export const M365_MAILBOX_QUOTA_STATUS_VALUES = [
  'under_limit',
  'warning_issued',
  'send_prohibited',
  'send_receive_prohibited',
  'indeterminate',
] as const;
export type M365MailboxQuotaStatus = (typeof M365_MAILBOX_QUOTA_STATUS_VALUES)[number];
export const M365_MAILBOX_ITEM_STATE_VALUES = ['present', 'deleted'] as const;
export type M365MailboxItemState = (typeof M365_MAILBOX_ITEM_STATE_VALUES)[number];
export const M365_REPORT_NAME_VALUES = REPORT_NAMES;
export type M365ReportName = (typeof M365_REPORT_NAME_VALUES)[number];
export const M365_SERVICE_STATUS_VALUES = SERVICE_HEALTH_STATUSES;
export type M365ServiceStatus = (typeof M365_SERVICE_STATUS_VALUES)[number];
export const M365_SERVICE_ISSUE_CLASSIFICATION_VALUES = [
  'incident',
  'advisory',
] as const satisfies readonly (typeof SERVICE_HEALTH_CLASSIFICATIONS)[number][];
export type M365ServiceIssueClassification = (typeof M365_SERVICE_ISSUE_CLASSIFICATION_VALUES)[number];
export const M365_SERVICE_ISSUE_STATUS_VALUES = SERVICE_HEALTH_STATUSES;
export type M365ServiceIssueStatus = (typeof M365_SERVICE_ISSUE_STATUS_VALUES)[number];
export const M365_SERVICE_ISSUE_ORIGIN_VALUES = SERVICE_HEALTH_ORIGINS;
export type M365ServiceIssueOrigin = (typeof M365_SERVICE_ISSUE_ORIGIN_VALUES)[number];
export const M365_SERVICE_ISSUE_CHANGE_VALUES = ['opened', 'updated', 'resolved'] as const;
export type M365ServiceIssueChange = (typeof M365_SERVICE_ISSUE_CHANGE_VALUES)[number];
export const M365_SERVICE_MESSAGE_CATEGORY_VALUES = SERVICE_UPDATE_CATEGORIES;
export type M365ServiceMessageCategory = (typeof M365_SERVICE_MESSAGE_CATEGORY_VALUES)[number];
export const M365_SERVICE_MESSAGE_SEVERITY_VALUES = SERVICE_UPDATE_SEVERITIES;
export type M365ServiceMessageSeverity = (typeof M365_SERVICE_MESSAGE_SEVERITY_VALUES)[number];
export const M365_SERVICE_MESSAGE_CHANGE_VALUES = ['published', 'updated'] as const;
export type M365ServiceMessageChange = (typeof M365_SERVICE_MESSAGE_CHANGE_VALUES)[number];
export const FETCH_OUTCOME_VALUES = ['success', 'failure'] as const;
export type FetchOutcome = (typeof FETCH_OUTCOME_VALUES)[number];
export const ROW_OUTCOME_VALUES = ['accepted', 'rejected'] as const;
export type RowOutcome = (typeof ROW_OUTCOME_VALUES)[number];
export const EVENT_OUTCOME_VALUES = ['exported', 'failed'] as const;
export type EventOutcome = (typeof EVENT_OUTCOME_VALUES)[number];
export const M365OTEL_SERVICE_HEALTH_RESOURCE_VALUES = SERVICE_HEALTH_RESOURCES;
export type M365otelServiceHealthResource = (typeof M365OTEL_SERVICE_HEALTH_RESOURCE_VALUES)[number];
export const M365OTEL_SIGNAL_VALUES = ['metrics', 'logs'] as const;
export type M365otelSignal = (typeof M365OTEL_SIGNAL_VALUES)[number];
export const M365OTEL_AUDIT_SKIP_REASON_VALUES = ['expired', 'not_found', 'malformed'] as const;
export type M365otelAuditSkipReason = (typeof M365OTEL_AUDIT_SKIP_REASON_VALUES)[number];
export const M365_AUDIT_CONTENT_TYPE_VALUES = CONTENT_TYPES;
export type M365AuditContentType = (typeof M365_AUDIT_CONTENT_TYPE_VALUES)[number];
export const M365_AUDIT_WORKLOAD_VALUES = [
  'AzureActiveDirectory',
  'Exchange',
  'SharePoint',
  'OneDrive',
  'MicrosoftTeams',
  'PowerBI',
  'MicrosoftForms',
  'SecurityComplianceCenter',
  'Yammer',
  'MicrosoftStream',
  'MicrosoftFlow',
  'PowerApps',
  'Endpoint',
  'ThreatIntelligence',
] as const;
export type M365AuditWorkload = (typeof M365_AUDIT_WORKLOAD_VALUES)[number];
export const M365_AUDIT_RECORD_TYPE_NAME_VALUES = [
  'ExchangeAdmin',
  'ExchangeItem',
  'ExchangeItemGroup',
  'SharePoint',
  'SharePointFileOperation',
  'OneDrive',
  'AzureActiveDirectory',
  'AzureActiveDirectoryAccountLogon',
  'DataCenterSecurityCmdlet',
  'ComplianceDLPSharePoint',
  'Sway',
  'ComplianceDLPExchange',
  'SharePointSharingOperation',
  'AzureActiveDirectoryStsLogon',
  'SkypeForBusinessPSTNUsage',
  'SkypeForBusinessUsersBlocked',
  'SecurityComplianceCenterEOPCmdlet',
  'ExchangeAggregatedOperation',
  'PowerBIAudit',
  'CRM',
  'Yammer',
  'SkypeForBusinessCmdlets',
  'Discovery',
  'MicrosoftTeams',
  'ThreatIntelligence',
  'MailSubmission',
  'MicrosoftFlow',
  'AeD',
  'MicrosoftStream',
  'ComplianceDLPSharePointClassification',
  'Project',
  'SharePointListOperation',
  'SharePointCommentOperation',
  'DataGovernance',
  'SecurityComplianceAlerts',
  'ThreatIntelligenceUrl',
  'MIPLabel',
  'WorkplaceAnalytics',
  'PowerAppsApp',
  'PowerAppsPlan',
  'ThreatIntelligenceAtpContent',
  'ExchangeItemAggregated',
  'HygieneEvent',
  'SharePointListItemOperation',
  'SharePointContentTypeOperation',
  'SharePointFieldOperation',
  'MicrosoftTeamsAdmin',
  'HRSignal',
  'MicrosoftTeamsDevice',
  'MicrosoftTeamsAnalytics',
  'Campaign',
  'DLPEndpoint',
  'AirInvestigation',
  'Quarantine',
  'MicrosoftForms',
  'WDATPAlerts',
  'SensitivityLabelPolicyMatch',
  'SensitivityLabelAction',
  'SensitivityLabeledFileAction',
  'AttackSim',
  'AipDiscover',
  'AipSensitivityLabelAction',
  'AipProtectionAction',
  'AipFileDeleted',
  'AipHeartBeat',
  'MCASAlerts',
  'ExchangeSearch',
  'SharePointSearch',
  'MS365DCustomDetection',
  'ComplianceConnector',
  'OMEPortal',
  'DataShareOperation',
  'MicrosoftGraphDataConnectOperation',
  'PlannerPlan',
  'PlannerCopyPlan',
  'PlannerTask',
  'PlannerRoster',
  'PlannerPlanList',
  'PlannerTaskList',
  'PlannerTenantSettings',
  'ProjectForTheWebProject',
  'ProjectForTheWebTask',
  'ProjectForTheWebRoadmap',
  'ProjectForTheWebRoadmapItem',
  'ProjectForTheWebProjectSettings',
  'ProjectForTheWebRoadmapSettings',
  'VivaGoals',
  'MicrosoftGraphDataConnectConsent',
  'TeamsUpdates',
  'PlannerRosterSensitivityLabel',
] as const;
export type M365AuditRecordTypeName = (typeof M365_AUDIT_RECORD_TYPE_NAME_VALUES)[number];
/** The m365.audit.record_type_name of each number Microsoft sends; a number not in the map has none. */
export const M365_AUDIT_RECORD_TYPE_NAME_BY_CODE: ReadonlyMap<number, M365AuditRecordTypeName> = new Map<
  number,
  M365AuditRecordTypeName
>([
  [1, 'ExchangeAdmin'],
  [2, 'ExchangeItem'],
  [3, 'ExchangeItemGroup'],
  [4, 'SharePoint'],
  [6, 'SharePointFileOperation'],
  [7, 'OneDrive'],
  [8, 'AzureActiveDirectory'],
  [9, 'AzureActiveDirectoryAccountLogon'],
  [10, 'DataCenterSecurityCmdlet'],
  [11, 'ComplianceDLPSharePoint'],
  [12, 'Sway'],
  [13, 'ComplianceDLPExchange'],
  [14, 'SharePointSharingOperation'],
  [15, 'AzureActiveDirectoryStsLogon'],
  [16, 'SkypeForBusinessPSTNUsage'],
  [17, 'SkypeForBusinessUsersBlocked'],
  [18, 'SecurityComplianceCenterEOPCmdlet'],
  [19, 'ExchangeAggregatedOperation'],
  [20, 'PowerBIAudit'],
  [21, 'CRM'],
  [22, 'Yammer'],
  [23, 'SkypeForBusinessCmdlets'],
  [24, 'Discovery'],
  [25, 'MicrosoftTeams'],
  [28, 'ThreatIntelligence'],
  [29, 'MailSubmission'],
  [30, 'MicrosoftFlow'],
  [31, 'AeD'],
  [32, 'MicrosoftStream'],
  [33, 'ComplianceDLPSharePointClassification'],
  [35, 'Project'],
  [36, 'SharePointListOperation'],
  [37, 'SharePointCommentOperation'],
  [38, 'DataGovernance'],
  [40, 'SecurityComplianceAlerts'],
  [41, 'ThreatIntelligenceUrl'],
  [43, 'MIPLabel'],
  [44, 'WorkplaceAnalytics'],
  [45, 'PowerAppsApp'],
  [46, 'PowerAppsPlan'],
  [47, 'ThreatIntelligenceAtpContent'],
  [50, 'ExchangeItemAggregated'],
  [51, 'HygieneEvent'],
  [54, 'SharePointListItemOperation'],
  [55, 'SharePointContentTypeOperation'],
  [56, 'SharePointFieldOperation'],
  [57, 'MicrosoftTeamsAdmin'],
  [58, 'HRSignal'],
  [59, 'MicrosoftTeamsDevice'],
  [60, 'MicrosoftTeamsAnalytics'],
  [62, 'Campaign'],
  [63, 'DLPEndpoint'],
  [64, 'AirInvestigation'],
  [65, 'Quarantine'],
  [66, 'MicrosoftForms'],
  [78, 'WDATPAlerts'],
  [82, 'SensitivityLabelPolicyMatch'],
  [83, 'SensitivityLabelAction'],
  [84, 'SensitivityLabeledFileAction'],
  [85, 'AttackSim'],
  [93, 'AipDiscover'],
  [94, 'AipSensitivityLabelAction'],
  [95, 'AipProtectionAction'],
  [96, 'AipFileDeleted'],
  [97, 'AipHeartBeat'],
  [98, 'MCASAlerts'],
  [101, 'ExchangeSearch'],
  [102, 'SharePointSearch'],
  [113, 'MS365DCustomDetection'],
  [148, 'ComplianceConnector'],
  [154, 'OMEPortal'],
  [174, 'DataShareOperation'],
  [183, 'MicrosoftGraphDataConnectOperation'],
  [188, 'PlannerPlan'],
  [189, 'PlannerCopyPlan'],
  [190, 'PlannerTask'],
  [191, 'PlannerRoster'],
  [192, 'PlannerPlanList'],
  [193, 'PlannerTaskList'],
  [194, 'PlannerTenantSettings'],
  [195, 'ProjectForTheWebProject'],
  [196, 'ProjectForTheWebTask'],
  [197, 'ProjectForTheWebRoadmap'],
  [198, 'ProjectForTheWebRoadmapItem'],
  [199, 'ProjectForTheWebProjectSettings'],
  [200, 'ProjectForTheWebRoadmapSettings'],
  [216, 'VivaGoals'],
  [217, 'MicrosoftGraphDataConnectConsent'],
  [230, 'TeamsUpdates'],
  [231, 'PlannerRosterSensitivityLabel'],
]);
export const M365_AUDIT_USER_TYPE_NAME_VALUES = [
  'Regular',
  'Reserved',
  'Admin',
  'DcAdmin',
  'System',
  'Application',
  'ServicePrincipal',
  'CustomPolicy',
  'SystemPolicy',
] as const;
export type M365AuditUserTypeName = (typeof M365_AUDIT_USER_TYPE_NAME_VALUES)[number];
/** The m365.audit.user_type_name of each number Microsoft sends; a number not in the map has none. */
export const M365_AUDIT_USER_TYPE_NAME_BY_CODE: ReadonlyMap<number, M365AuditUserTypeName> = new Map<
  number,
  M365AuditUserTypeName
>([
  [0, 'Regular'],
  [1, 'Reserved'],
  [2, 'Admin'],
  [3, 'DcAdmin'],
  [4, 'System'],
  [5, 'Application'],
  [6, 'ServicePrincipal'],
  [7, 'CustomPolicy'],
  [8, 'SystemPolicy'],
]);
export const M365_AUDIT_RESULT_VALUES = ['success', 'partial', 'failure', 'unknown'] as const;
export type M365AuditResult = (typeof M365_AUDIT_RESULT_VALUES)[number];
export const M365_AUDIT_CREATION_TIME_ERROR_VALUES = ['missing', 'unreadable'] as const;
export type M365AuditCreationTimeError = (typeof M365_AUDIT_CREATION_TIME_ERROR_VALUES)[number];

// Signal names.
export const METRIC_M365_EMAIL_MESSAGES = 'm365.email.messages';
export const METRIC_M365_EMAIL_ACTIVE_USERS = 'm365.email.active_users';
export const METRIC_M365_EMAIL_MEETINGS = 'm365.email.meetings';
export const METRIC_M365_MAILBOX_COUNT = 'm365.mailbox.count';
export const METRIC_M365_MAILBOX_QUOTA_MAILBOXES = 'm365.mailbox.quota.mailboxes';
export const METRIC_M365_MAILBOX_STORAGE_USAGE = 'm365.mailbox.storage.usage';
export const METRIC_M365_MAILBOX_ITEMS = 'm365.mailbox.items';
export const METRIC_M365_REPORT_AGE = 'm365.report.age';
export const METRIC_M365_SERVICE_STATUS = 'm365.service.status';
export const METRIC_M365_SERVICE_HEALTHY = 'm365.service.healthy';
export const METRIC_M365_SERVICE_ISSUES = 'm365.service.issues';
export const METRIC_M365_SERVICE_FEATURE_STATUS = 'm365.service.feature.status';
export const METRIC_M365_AUDIT_RECORDS = 'm365.audit.records';
export const METRIC_M365_AUDIT_LISTING_LAG = 'm365.audit.listing.lag';
export const METRIC_M365_AUDIT_EVENT_LAG = 'm365.audit.event.lag';
export const METRIC_M365OTEL_REPORT_FETCHES = 'm365otel.report.fetches';
export const METRIC_M365OTEL_REPORT_ROWS = 'm365otel.report.rows';
export const METRIC_M365OTEL_REPORT_REVISIONS = 'm365otel.report.revisions';
export const METRIC_M365OTEL_SERVICE_HEALTH_POLLS = 'm365otel.service_health.polls';
export const METRIC_M365OTEL_SERVICE_HEALTH_EVENTS = 'm365otel.service_health.events';
export const METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED = 'm365otel.audit.blobs_skipped';
export const METRIC_M365OTEL_AUDIT_RECORDS_SKIPPED = 'm365otel.audit.records_skipped';
export const METRIC_M365OTEL_AUDIT_DUPLICATES = 'm365otel.audit.duplicates';
export const METRIC_M365OTEL_AUDIT_THROTTLES = 'm365otel.audit.throttles';
export const METRIC_M365OTEL_AUDIT_RETENTION_LOST = 'm365otel.audit.retention_lost';
export const METRIC_M365OTEL_SERVICE_HEALTH_ITEMS_SKIPPED = 'm365otel.service_health.items_skipped';
export const METRIC_M365OTEL_STATE_COMMIT_FAILURES = 'm365otel.state.commit_failures';
export const METRIC_M365OTEL_EXPORT_REJECTED = 'm365otel.export.rejected';
export const EVENT_M365_SERVICE_ISSUE = 'm365.service.issue';
export const EVENT_M365_SERVICE_MESSAGE = 'm365.service.message';
export const EVENT_M365_AUDIT_RECORD = 'm365.audit.record';

/** Each catalog metric's attribute set. */
export type MetricAttributes = {
  'm365.email.messages': { readonly 'm365.email.action': M365EmailAction };
  'm365.email.active_users': { readonly 'm365.email.action': M365EmailAction };
  'm365.email.meetings': { readonly 'm365.email.meeting.action': M365EmailMeetingAction };
  'm365.mailbox.count': { readonly 'm365.mailbox.state': M365MailboxState };
  'm365.mailbox.quota.mailboxes': { readonly 'm365.mailbox.quota.status': M365MailboxQuotaStatus };
  'm365.mailbox.storage.usage': { readonly [attribute: string]: never };
  'm365.mailbox.items': { readonly 'm365.mailbox.item.state': M365MailboxItemState };
  'm365.report.age': { readonly 'm365.report.name': M365ReportName };
  'm365.service.status': {
    readonly 'm365.service.name': string;
    readonly 'm365.service.id': string;
    readonly 'm365.service.status': Extensible<M365ServiceStatus>;
  };
  'm365.service.healthy': { readonly 'm365.service.name': string; readonly 'm365.service.id': string };
  'm365.service.issues': {
    readonly 'm365.service.name': string;
    readonly 'm365.service.issue.classification': Extensible<M365ServiceIssueClassification>;
  };
  'm365.service.feature.status': {
    readonly 'm365.service.name': string;
    readonly 'm365.service.feature.group'?: string;
    readonly 'm365.service.feature.name': string;
    readonly 'm365.service.status': Extensible<M365ServiceStatus>;
  };
};

/** Each recorded tenant metric's attribute set. */
export type RecordedMetricAttributes = {
  'm365.audit.records': {
    readonly 'm365.audit.content_type': Extensible<M365AuditContentType>;
    readonly 'm365.audit.workload'?: Extensible<M365AuditWorkload>;
    readonly 'm365.audit.result': M365AuditResult;
  };
  'm365.audit.listing.lag': { readonly 'm365.audit.content_type': Extensible<M365AuditContentType> };
  'm365.audit.event.lag': { readonly 'm365.audit.content_type': Extensible<M365AuditContentType> };
};

/** Each self-metric's attribute set. */
export type SelfMetricAttributes = {
  'm365otel.report.fetches': {
    readonly 'm365.report.name': M365ReportName;
    readonly 'm365otel.outcome': FetchOutcome;
  };
  'm365otel.report.rows': {
    readonly 'm365.report.name': M365ReportName;
    readonly 'm365otel.outcome': RowOutcome;
  };
  'm365otel.report.revisions': { readonly 'm365.report.name': M365ReportName };
  'm365otel.service_health.polls': { readonly 'm365otel.outcome': FetchOutcome };
  'm365otel.service_health.events': {
    readonly 'event.name': string;
    readonly 'm365otel.outcome': EventOutcome;
  };
  'm365otel.audit.blobs_skipped': {
    readonly 'm365.audit.content_type': Extensible<M365AuditContentType>;
    readonly 'm365otel.audit.skip_reason': M365otelAuditSkipReason;
  };
  'm365otel.audit.records_skipped': { readonly 'm365.audit.content_type': Extensible<M365AuditContentType> };
  'm365otel.audit.duplicates': { readonly 'm365.audit.content_type': Extensible<M365AuditContentType> };
  'm365otel.audit.throttles': { readonly 'm365.audit.content_type': Extensible<M365AuditContentType> };
  'm365otel.audit.retention_lost': { readonly 'm365.audit.content_type': Extensible<M365AuditContentType> };
  'm365otel.service_health.items_skipped': {
    readonly 'm365otel.service_health.resource': M365otelServiceHealthResource;
  };
  'm365otel.state.commit_failures': { readonly [attribute: string]: never };
  'm365otel.export.rejected': { readonly 'm365otel.signal': M365otelSignal };
};

/** Each event's attribute set. */
export type EventAttributes = {
  'm365.service.issue': {
    readonly 'm365.service.name': string;
    readonly 'm365.service.feature.name'?: string;
    readonly 'm365.service.feature.group'?: string;
    readonly 'm365.service.issue.id': string;
    readonly 'm365.service.issue.classification': Extensible<M365ServiceIssueClassification>;
    readonly 'm365.service.issue.status': Extensible<M365ServiceIssueStatus>;
    readonly 'm365.service.issue.origin': Extensible<M365ServiceIssueOrigin>;
    readonly 'm365.service.issue.change': M365ServiceIssueChange;
    readonly 'm365.service.issue.start_time': string;
    readonly 'm365.service.issue.end_time'?: string;
    readonly 'm365.service.issue.resolved': boolean;
  };
  'm365.service.message': {
    readonly 'm365.service.message.id': string;
    readonly 'm365.service.message.category': Extensible<M365ServiceMessageCategory>;
    readonly 'm365.service.message.severity': Extensible<M365ServiceMessageSeverity>;
    readonly 'm365.service.message.change': M365ServiceMessageChange;
    readonly 'm365.service.message.is_major_change': boolean;
    readonly 'm365.service.names'?: string;
    readonly 'm365.service.message.start_time': string;
    readonly 'm365.service.message.end_time'?: string;
    readonly 'm365.service.message.action_required_by'?: string;
  };
  'm365.audit.record': {
    readonly 'log.record.uid'?: string;
    readonly 'm365.audit.content_type': Extensible<M365AuditContentType>;
    readonly 'm365.audit.content_id': string;
    readonly 'm365.audit.operation'?: string;
    readonly 'm365.audit.workload'?: Extensible<M365AuditWorkload>;
    readonly 'm365.audit.record_type'?: number;
    readonly 'm365.audit.record_type_name'?: M365AuditRecordTypeName;
    readonly 'user.id'?: string;
    readonly 'm365.audit.user_type'?: number;
    readonly 'm365.audit.user_type_name'?: M365AuditUserTypeName;
    readonly 'm365.audit.result_status'?: string;
    readonly 'm365.audit.result': M365AuditResult;
    readonly 'm365.audit.client_ip'?: string;
    readonly 'client.address'?: string;
    readonly 'client.port'?: number;
    readonly 'm365.audit.organization_id'?: string;
    readonly 'm365.audit.creation_time_error'?: M365AuditCreationTimeError;
  };
};

/** Each event's body fields. */
export type EventBody = {
  'm365.service.issue': {
    readonly title: unknown;
    readonly impactDescription: unknown;
    readonly latestPost: unknown;
    readonly postCount: unknown;
  };
  'm365.service.message': { readonly title: unknown; readonly tags: unknown; readonly content: unknown };
  'm365.audit.record': {
    readonly Id: unknown;
    readonly RecordType: unknown;
    readonly CreationTime: unknown;
    readonly Operation: unknown;
    readonly OrganizationId: unknown;
    readonly UserType: unknown;
    readonly UserKey: unknown;
    readonly UserId: unknown;
    readonly ClientIP: unknown;
    readonly Workload: unknown;
    readonly ResultStatus: unknown;
    readonly ObjectId: unknown;
    readonly [field: string]: unknown;
  };
};
export type MetricName = keyof MetricAttributes;
export type RecordedMetricName = keyof RecordedMetricAttributes;
export type SelfMetricName = keyof SelfMetricAttributes;
export type EventName = keyof EventAttributes;

/** Every attribute of the catalog, by its key in metadata.yaml. */
export const ATTRIBUTES = {
  'm365.email.action': {
    name: ATTR_M365_EMAIL_ACTION,
    description: 'What was done with the email: sent, received or read.',
    type: 'string',
    values: M365_EMAIL_ACTION_VALUES,
    extensible: false,
  },
  'm365.email.meeting.action': {
    name: ATTR_M365_EMAIL_MEETING_ACTION,
    description:
      'created: meetings created; interacted: meeting requests interacted with (for example accepted or declined).',
    type: 'string',
    values: M365_EMAIL_MEETING_ACTION_VALUES,
    extensible: false,
  },
  'm365.mailbox.state': {
    name: ATTR_M365_MAILBOX_STATE,
    description: 'active: the mailbox sent or read mail in the report period; inactive: every other mailbox.',
    type: 'string',
    values: M365_MAILBOX_STATE_VALUES,
    extensible: false,
  },
  'm365.mailbox.quota.status': {
    name: ATTR_M365_MAILBOX_QUOTA_STATUS,
    description: "The mailbox's storage quota status, as Exchange Online reports it.",
    type: 'string',
    values: M365_MAILBOX_QUOTA_STATUS_VALUES,
    extensible: false,
  },
  'm365.mailbox.item.state': {
    name: ATTR_M365_MAILBOX_ITEM_STATE,
    description: 'present: items in the mailbox; deleted: deleted items the mailbox still holds.',
    type: 'string',
    values: M365_MAILBOX_ITEM_STATE_VALUES,
    extensible: false,
  },
  'm365.report.name': {
    name: ATTR_M365_REPORT_NAME,
    description: 'The Microsoft Graph report function the data comes from.',
    type: 'string',
    values: M365_REPORT_NAME_VALUES,
    extensible: false,
  },
  'm365.service.name': {
    name: ATTR_M365_SERVICE_NAME,
    description: "The service's display name as Microsoft sends it, such as `Exchange Online`.",
    type: 'string',
    extensible: false,
  },
  'm365.service.id': {
    name: ATTR_M365_SERVICE_ID,
    description: "The service's identifier in Microsoft Graph, such as `Exchange`.",
    type: 'string',
    extensible: false,
  },
  'm365.service.status': {
    name: ATTR_M365_SERVICE_STATUS,
    description:
      'A serviceHealthStatus value, in the Graph v1.0 camelCase spelling whatever case Microsoft sends.',
    type: 'string',
    values: M365_SERVICE_STATUS_VALUES,
    extensible: true,
  },
  'm365.service.feature.name': {
    name: ATTR_M365_SERVICE_FEATURE_NAME,
    description:
      'The feature an issue affects, as Microsoft names it, such as `Mailflow - delayed delivery from Internet`.',
    type: 'string',
    extensible: false,
  },
  'm365.service.feature.group': {
    name: ATTR_M365_SERVICE_FEATURE_GROUP,
    description: "The feature's group, such as `E-Mail timely delivery`; absent when the issue names none.",
    type: 'string',
    extensible: false,
  },
  'm365.service.issue.classification': {
    name: ATTR_M365_SERVICE_ISSUE_CLASSIFICATION,
    description:
      'incident: a critical service problem, usually with noticeable user impact; advisory: a limited problem.',
    type: 'string',
    values: M365_SERVICE_ISSUE_CLASSIFICATION_VALUES,
    extensible: true,
  },
  'm365.service.issue.id': {
    name: ATTR_M365_SERVICE_ISSUE_ID,
    description: "The issue's id, such as `EX200001`.",
    type: 'string',
    extensible: false,
  },
  'm365.service.issue.status': {
    name: ATTR_M365_SERVICE_ISSUE_STATUS,
    description: "The issue's serviceHealthStatus, camelCase.",
    type: 'string',
    values: M365_SERVICE_ISSUE_STATUS_VALUES,
    extensible: true,
  },
  'm365.service.issue.origin': {
    name: ATTR_M365_SERVICE_ISSUE_ORIGIN,
    description: 'Where the issue comes from.',
    type: 'string',
    values: M365_SERVICE_ISSUE_ORIGIN_VALUES,
    extensible: true,
  },
  'm365.service.issue.change': {
    name: ATTR_M365_SERVICE_ISSUE_CHANGE,
    description: 'What happened to the issue since it was last announced.',
    type: 'string',
    values: M365_SERVICE_ISSUE_CHANGE_VALUES,
    extensible: false,
  },
  'm365.service.issue.start_time': {
    name: ATTR_M365_SERVICE_ISSUE_START_TIME,
    description: 'When the issue began (ISO 8601 date and time as Microsoft sends it).',
    type: 'string',
    extensible: false,
  },
  'm365.service.issue.end_time': {
    name: ATTR_M365_SERVICE_ISSUE_END_TIME,
    description: 'When the issue ended (ISO 8601 date and time as Microsoft sends it).',
    type: 'string',
    extensible: false,
  },
  'm365.service.issue.resolved': {
    name: ATTR_M365_SERVICE_ISSUE_RESOLVED,
    description: 'Whether Microsoft marks the issue resolved (`isResolved`).',
    type: 'bool',
    extensible: false,
  },
  'm365.service.message.id': {
    name: ATTR_M365_SERVICE_MESSAGE_ID,
    description: "The message's id, such as `MC200001`.",
    type: 'string',
    extensible: false,
  },
  'm365.service.message.category': {
    name: ATTR_M365_SERVICE_MESSAGE_CATEGORY,
    description: 'The kind of change the message announces.',
    type: 'string',
    values: M365_SERVICE_MESSAGE_CATEGORY_VALUES,
    extensible: true,
  },
  'm365.service.message.severity': {
    name: ATTR_M365_SERVICE_MESSAGE_SEVERITY,
    description: 'How important Microsoft rates the message.',
    type: 'string',
    values: M365_SERVICE_MESSAGE_SEVERITY_VALUES,
    extensible: true,
  },
  'm365.service.message.change': {
    name: ATTR_M365_SERVICE_MESSAGE_CHANGE,
    description: 'published: first seen; updated: changed since it was last announced.',
    type: 'string',
    values: M365_SERVICE_MESSAGE_CHANGE_VALUES,
    extensible: false,
  },
  'm365.service.message.is_major_change': {
    name: ATTR_M365_SERVICE_MESSAGE_IS_MAJOR_CHANGE,
    description: 'Whether Microsoft flags the message as a major change.',
    type: 'bool',
    extensible: false,
  },
  'm365.service.names': {
    name: ATTR_M365_SERVICE_NAMES,
    description: 'The display names of the services the message concerns, joined with `, `.',
    type: 'string',
    extensible: false,
  },
  'm365.service.message.start_time': {
    name: ATTR_M365_SERVICE_MESSAGE_START_TIME,
    description: 'When the message starts to apply (ISO 8601 date and time as Microsoft sends it).',
    type: 'string',
    extensible: false,
  },
  'm365.service.message.end_time': {
    name: ATTR_M365_SERVICE_MESSAGE_END_TIME,
    description: 'When the message stops applying (ISO 8601 date and time as Microsoft sends it).',
    type: 'string',
    extensible: false,
  },
  'm365.service.message.action_required_by': {
    name: ATTR_M365_SERVICE_MESSAGE_ACTION_REQUIRED_BY,
    description:
      'The deadline for the action the message asks for (ISO 8601 date and time as Microsoft sends it).',
    type: 'string',
    extensible: false,
  },
  'fetch.outcome': {
    name: ATTR_M365OTEL_OUTCOME,
    description: 'Whether the report download or poll succeeded.',
    type: 'string',
    values: FETCH_OUTCOME_VALUES,
    extensible: false,
  },
  'row.outcome': {
    name: ATTR_M365OTEL_OUTCOME,
    description: 'accepted: the row was read; rejected: the row had a malformed cell.',
    type: 'string',
    values: ROW_OUTCOME_VALUES,
    extensible: false,
  },
  'event.outcome': {
    name: ATTR_M365OTEL_OUTCOME,
    description:
      'exported: acknowledged by the backend; failed: not acknowledged (sent again on the next poll).',
    type: 'string',
    values: EVENT_OUTCOME_VALUES,
    extensible: false,
  },
  'm365otel.service_health.resource': {
    name: ATTR_M365OTEL_SERVICE_HEALTH_RESOURCE,
    description: 'The Graph serviceAnnouncement collection the item came from.',
    type: 'string',
    values: M365OTEL_SERVICE_HEALTH_RESOURCE_VALUES,
    extensible: false,
  },
  'm365otel.signal': {
    name: ATTR_M365OTEL_SIGNAL,
    description: 'The OTLP signal whose items the backend rejected.',
    type: 'string',
    values: M365OTEL_SIGNAL_VALUES,
    extensible: false,
  },
  'event.name': {
    name: ATTR_EVENT_NAME,
    description:
      "The event name of the events counted, such as `m365.service.issue` (OpenTelemetry's `event.name`).",
    type: 'string',
    extensible: false,
  },
  'm365otel.audit.skip_reason': {
    name: ATTR_M365OTEL_AUDIT_SKIP_REASON,
    description:
      'expired: Microsoft no longer serves the blob (past its contentExpiration); not_found: Microsoft answered that it does not exist; malformed: its body is not a JSON array of records.',
    type: 'string',
    values: M365OTEL_AUDIT_SKIP_REASON_VALUES,
    extensible: false,
  },
  'm365.audit.content_type': {
    name: ATTR_M365_AUDIT_CONTENT_TYPE,
    description: 'The Management Activity API content type (one subscription, one stream of content blobs).',
    type: 'string',
    values: M365_AUDIT_CONTENT_TYPE_VALUES,
    extensible: true,
  },
  'm365.audit.content_id': {
    name: ATTR_M365_AUDIT_CONTENT_ID,
    description: 'The `contentId` of the content blob the record was read from.',
    type: 'string',
    extensible: false,
  },
  'log.record.uid': {
    name: ATTR_LOG_RECORD_UID,
    description:
      "The record's `Id` (a GUID), unique per audit record: a second log record with the same value is a duplicate and may be dropped (OpenTelemetry's `log.record.uid`).",
    type: 'string',
    extensible: false,
  },
  'm365.audit.operation': {
    name: ATTR_M365_AUDIT_OPERATION,
    description:
      "The record's `Operation`: the activity, such as `FileAccessed` or `UserLoggedIn`; the cmdlet name for Exchange admin records.",
    type: 'string',
    extensible: false,
  },
  'm365.audit.workload': {
    name: ATTR_M365_AUDIT_WORKLOAD,
    description: "The record's `Workload`: the service the record comes from.",
    type: 'string',
    values: M365_AUDIT_WORKLOAD_VALUES,
    extensible: true,
  },
  'm365.audit.record_type': {
    name: ATTR_M365_AUDIT_RECORD_TYPE,
    description: "The record's `RecordType`, a number of Microsoft's AuditLogRecordType enum, as sent.",
    type: 'int',
    extensible: false,
  },
  'm365.audit.record_type_name': {
    name: ATTR_M365_AUDIT_RECORD_TYPE_NAME,
    description:
      "The name of the record's `RecordType` in Microsoft's AuditLogRecordType enum. Microsoft keeps adding record types: a number this table does not hold has no name, and the attribute is left out.",
    type: 'string',
    values: M365_AUDIT_RECORD_TYPE_NAME_VALUES,
    codes: {
      '1': 'ExchangeAdmin',
      '2': 'ExchangeItem',
      '3': 'ExchangeItemGroup',
      '4': 'SharePoint',
      '6': 'SharePointFileOperation',
      '7': 'OneDrive',
      '8': 'AzureActiveDirectory',
      '9': 'AzureActiveDirectoryAccountLogon',
      '10': 'DataCenterSecurityCmdlet',
      '11': 'ComplianceDLPSharePoint',
      '12': 'Sway',
      '13': 'ComplianceDLPExchange',
      '14': 'SharePointSharingOperation',
      '15': 'AzureActiveDirectoryStsLogon',
      '16': 'SkypeForBusinessPSTNUsage',
      '17': 'SkypeForBusinessUsersBlocked',
      '18': 'SecurityComplianceCenterEOPCmdlet',
      '19': 'ExchangeAggregatedOperation',
      '20': 'PowerBIAudit',
      '21': 'CRM',
      '22': 'Yammer',
      '23': 'SkypeForBusinessCmdlets',
      '24': 'Discovery',
      '25': 'MicrosoftTeams',
      '28': 'ThreatIntelligence',
      '29': 'MailSubmission',
      '30': 'MicrosoftFlow',
      '31': 'AeD',
      '32': 'MicrosoftStream',
      '33': 'ComplianceDLPSharePointClassification',
      '35': 'Project',
      '36': 'SharePointListOperation',
      '37': 'SharePointCommentOperation',
      '38': 'DataGovernance',
      '40': 'SecurityComplianceAlerts',
      '41': 'ThreatIntelligenceUrl',
      '43': 'MIPLabel',
      '44': 'WorkplaceAnalytics',
      '45': 'PowerAppsApp',
      '46': 'PowerAppsPlan',
      '47': 'ThreatIntelligenceAtpContent',
      '50': 'ExchangeItemAggregated',
      '51': 'HygieneEvent',
      '54': 'SharePointListItemOperation',
      '55': 'SharePointContentTypeOperation',
      '56': 'SharePointFieldOperation',
      '57': 'MicrosoftTeamsAdmin',
      '58': 'HRSignal',
      '59': 'MicrosoftTeamsDevice',
      '60': 'MicrosoftTeamsAnalytics',
      '62': 'Campaign',
      '63': 'DLPEndpoint',
      '64': 'AirInvestigation',
      '65': 'Quarantine',
      '66': 'MicrosoftForms',
      '78': 'WDATPAlerts',
      '82': 'SensitivityLabelPolicyMatch',
      '83': 'SensitivityLabelAction',
      '84': 'SensitivityLabeledFileAction',
      '85': 'AttackSim',
      '93': 'AipDiscover',
      '94': 'AipSensitivityLabelAction',
      '95': 'AipProtectionAction',
      '96': 'AipFileDeleted',
      '97': 'AipHeartBeat',
      '98': 'MCASAlerts',
      '101': 'ExchangeSearch',
      '102': 'SharePointSearch',
      '113': 'MS365DCustomDetection',
      '148': 'ComplianceConnector',
      '154': 'OMEPortal',
      '174': 'DataShareOperation',
      '183': 'MicrosoftGraphDataConnectOperation',
      '188': 'PlannerPlan',
      '189': 'PlannerCopyPlan',
      '190': 'PlannerTask',
      '191': 'PlannerRoster',
      '192': 'PlannerPlanList',
      '193': 'PlannerTaskList',
      '194': 'PlannerTenantSettings',
      '195': 'ProjectForTheWebProject',
      '196': 'ProjectForTheWebTask',
      '197': 'ProjectForTheWebRoadmap',
      '198': 'ProjectForTheWebRoadmapItem',
      '199': 'ProjectForTheWebProjectSettings',
      '200': 'ProjectForTheWebRoadmapSettings',
      '216': 'VivaGoals',
      '217': 'MicrosoftGraphDataConnectConsent',
      '230': 'TeamsUpdates',
      '231': 'PlannerRosterSensitivityLabel',
    },
    extensible: false,
  },
  'user.id': {
    name: ATTR_USER_ID,
    description:
      "The record's `UserId`: the user's UPN, a system account such as `NT AUTHORITY\\SYSTEM`, or an app such as `app@sharepoint`.",
    type: 'string',
    extensible: false,
  },
  'm365.audit.user_type': {
    name: ATTR_M365_AUDIT_USER_TYPE,
    description: "The record's `UserType`, a number of Microsoft's UserType enum, as sent.",
    type: 'int',
    extensible: false,
  },
  'm365.audit.user_type_name': {
    name: ATTR_M365_AUDIT_USER_TYPE_NAME,
    description: "The name of the record's `UserType`; left out for a number this table does not hold.",
    type: 'string',
    values: M365_AUDIT_USER_TYPE_NAME_VALUES,
    codes: {
      '0': 'Regular',
      '1': 'Reserved',
      '2': 'Admin',
      '3': 'DcAdmin',
      '4': 'System',
      '5': 'Application',
      '6': 'ServicePrincipal',
      '7': 'CustomPolicy',
      '8': 'SystemPolicy',
    },
    extensible: false,
  },
  'm365.audit.result_status': {
    name: ATTR_M365_AUDIT_RESULT_STATUS,
    description:
      "The record's `ResultStatus` as sent: `Succeeded`, `PartiallySucceeded` or `Failed` for most workloads, `True` or `False` for Exchange admin cmdlets.",
    type: 'string',
    extensible: false,
  },
  'm365.audit.result': {
    name: ATTR_M365_AUDIT_RESULT,
    description:
      "The record's outcome: success (`ResultStatus` Succeeded, Success or True), partial (PartiallySucceeded), failure (Failed, Failure or False, and any sign-in with a `LogonError`: for Entra ID sign-ins Succeeded only says the request was handled), unknown (no `ResultStatus`, or another value). Compared without regard to case.",
    type: 'string',
    values: M365_AUDIT_RESULT_VALUES,
    extensible: false,
  },
  'm365.audit.client_ip': {
    name: ATTR_M365_AUDIT_CLIENT_IP,
    description: "The record's `ClientIP`, exactly as sent (an address, `address:port` or `[IPv6]:port`).",
    type: 'string',
    extensible: false,
  },
  'client.address': {
    name: ATTR_CLIENT_ADDRESS,
    description:
      "The client's address taken from `ClientIP`: the part before `:port` of an IPv4 address, the part inside `[...]` of a bracketed IPv6 address, otherwise the whole value. It may be the address of a trusted application acting for the user.",
    type: 'string',
    extensible: false,
  },
  'client.port': {
    name: ATTR_CLIENT_PORT,
    description: 'The port of a `ClientIP` of the form `address:port` or `[IPv6]:port`.',
    type: 'int',
    extensible: false,
  },
  'm365.audit.organization_id': {
    name: ATTR_M365_AUDIT_ORGANIZATION_ID,
    description: "The record's `OrganizationId`: the tenant's GUID, as Microsoft wrote it in the record.",
    type: 'string',
    extensible: false,
  },
  'm365.audit.creation_time_error': {
    name: ATTR_M365_AUDIT_CREATION_TIME_ERROR,
    description:
      'Why the record carries no timestamp: missing (no `CreationTime`, or null or empty), unreadable (not a date and time written as `2015-06-29T20:03:19`, with or without fractional seconds and zone). The backend then dates the record by its observed timestamp.',
    type: 'string',
    values: M365_AUDIT_CREATION_TIME_ERROR_VALUES,
    extensible: false,
  },
} as const satisfies Record<string, AttributeDefinition>;

/** The Resource attributes of every catalog metric and event (one Resource per tenant). */
export const RESOURCE_ATTRIBUTES: readonly AttributeDefinition[] = [
  {
    name: ATTR_M365_TENANT_ID,
    description: 'The Microsoft Entra tenant (directory) ID the data belongs to.',
    type: 'string',
    extensible: false,
  },
];

/** The tenant metrics, in the catalog's order. */
export const METRIC_CATALOG: readonly MetricDefinition[] = [
  {
    name: METRIC_M365_EMAIL_MESSAGES,
    description: 'Email messages sent, received and read in the tenant on the reported day.',
    unit: '{message}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.email.action'], presence: 'always' }],
    source: { kind: 'report', report: 'getEmailActivityCounts', columns: ['Send', 'Receive', 'Read'] },
  },
  {
    name: METRIC_M365_EMAIL_ACTIVE_USERS,
    description: 'Users who sent, received or read email on the reported day; a user counts once per action.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.email.action'], presence: 'always' }],
    source: { kind: 'report', report: 'getEmailActivityUserCounts', columns: ['Send', 'Receive', 'Read'] },
  },
  {
    name: METRIC_M365_EMAIL_MEETINGS,
    description: 'Meetings created, and meeting requests interacted with, in Outlook on the reported day.',
    unit: '{meeting}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.email.meeting.action'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getEmailActivityCounts',
      columns: ['Meeting Created', 'Meeting Interacted'],
    },
  },
  {
    name: METRIC_M365_MAILBOX_COUNT,
    description:
      'Mailboxes in the tenant on the reported day, by activity. No inactive point when Total or Active is empty; a row whose Active exceeds Total is rejected.',
    unit: '{mailbox}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.mailbox.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getMailboxUsageMailboxCounts',
      columns: ['Active', 'Total'],
      computation: 'Active (active), Total - Active (inactive)',
    },
  },
  {
    name: METRIC_M365_MAILBOX_QUOTA_MAILBOXES,
    description: 'Mailboxes by storage quota status on the reported day.',
    unit: '{mailbox}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.mailbox.quota.status'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getMailboxUsageQuotaStatusMailboxCounts',
      columns: [
        'Under Limit',
        'Warning Issued',
        'Send Prohibited',
        'Send/Receive Prohibited',
        'Indeterminate',
      ],
    },
  },
  {
    name: METRIC_M365_MAILBOX_STORAGE_USAGE,
    description: 'Storage used by all mailboxes of the tenant on the reported day.',
    unit: 'By',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: { kind: 'report', report: 'getMailboxUsageStorage', columns: ['Storage Used (Byte)'] },
  },
  {
    name: METRIC_M365_MAILBOX_ITEMS,
    description:
      "Items in the tenant's mailboxes, deleted mailboxes left out, summed as of the report refresh date. Empty cells add nothing; a state that no mailbox reports has no point.",
    unit: '{item}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.mailbox.item.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getMailboxUsageDetail',
      columns: ['Item Count', 'Deleted Item Count', 'Is Deleted'],
      computation:
        'sum of Item Count (present) and Deleted Item Count (deleted) over the rows whose Is Deleted is False',
    },
  },
  {
    name: METRIC_M365_REPORT_AGE,
    description:
      'How far behind a report is: collection time minus 00:00 UTC of the report day its gauges show. Computed by the collector for every report it reads.',
    unit: 's',
    instrument: 'gauge',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.report.name'], presence: 'always' }],
    source: {
      kind: 'computed',
      description:
        'by the collector from each report read: the newest complete Report Date (daily-count reports) or Report Refresh Date (per-entity reports)',
    },
  },
  {
    name: METRIC_M365_SERVICE_STATUS,
    description:
      'The current health status of each Microsoft 365 service: one series per status value, 1 for the current status and 0 for every other.',
    unit: '1',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.service.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.id'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.status'], presence: 'always' },
    ],
    stateAttribute: 'm365.service.status',
    source: {
      kind: 'api',
      fields: { 'admin/serviceAnnouncement/healthOverviews': ['id', 'service', 'status'] },
    },
  },
  {
    name: METRIC_M365_SERVICE_HEALTHY,
    description:
      "1 when the service's current status is one of the healthy statuses (configurable), else 0; a status outside the enum is unhealthy.",
    extendedDocumentation:
      '`serviceHealth.healthyStatuses` replaces the list of healthy statuses; each entry must be a value of the serviceHealthStatus enum.',
    unit: '1',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.service.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.id'], presence: 'always' },
    ],
    source: {
      kind: 'api',
      fields: { 'admin/serviceAnnouncement/healthOverviews': ['id', 'service', 'status'] },
    },
  },
  {
    name: METRIC_M365_SERVICE_ISSUES,
    description:
      'Open (unresolved) service health issues per service and classification. incident and advisory are reported for every service, 0 included; a service with open issues but no health overview is reported too.',
    unit: '{issue}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.service.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.issue.classification'], presence: 'always' },
    ],
    source: {
      kind: 'api',
      fields: {
        'admin/serviceAnnouncement/healthOverviews': ['service'],
        'admin/serviceAnnouncement/issues': ['service', 'classification', 'isResolved'],
      },
    },
  },
  {
    name: METRIC_M365_SERVICE_FEATURE_STATUS,
    description:
      'The status of each feature named by an open issue: one series per status value, 1 for the status of the most recently modified open issue on the feature and 0 for every other. A feature without open issues has no series.',
    unit: '1',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.service.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.feature.group'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.service.feature.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.status'], presence: 'always' },
    ],
    stateAttribute: 'm365.service.status',
    source: {
      kind: 'api',
      fields: {
        'admin/serviceAnnouncement/issues': [
          'service',
          'featureGroup',
          'feature',
          'status',
          'isResolved',
          'lastModifiedDateTime',
        ],
      },
    },
  },
];

/** The tenant metrics the collector records into as things happen (SDK instruments). */
export const RECORDED_METRIC_CATALOG: readonly MetricDefinition[] = [
  {
    name: METRIC_M365_AUDIT_RECORDS,
    description:
      'Audit records emitted as `m365.audit.record` events, by content type, workload and result. A record whose Id was already delivered is not counted again (`m365otel.audit.duplicates` counts it).',
    unit: '{record}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.audit.workload'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.result'], presence: 'always' },
    ],
    source: {
      kind: 'activity-api',
      fields: {
        'subscriptions/content': ['contentType'],
        '{contentUri}': ['Workload', 'ResultStatus', 'LogonError'],
      },
    },
  },
  {
    name: METRIC_M365_AUDIT_LISTING_LAG,
    description:
      'How far the audit log stream lags behind: the time of the listing minus the newest contentCreated the collector has read for the content type. Set at each listing.',
    unit: 's',
    instrument: 'gauge',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'always' }],
    source: { kind: 'activity-api', fields: { 'subscriptions/content': ['contentCreated'] } },
  },
  {
    name: METRIC_M365_AUDIT_EVENT_LAG,
    description:
      'How long Microsoft took to publish each record: the contentCreated of its blob minus its CreationTime. A record without a readable CreationTime is not recorded.',
    unit: 's',
    instrument: 'histogram',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    bucketBoundaries: [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 345600, 604800],
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'always' }],
    source: {
      kind: 'activity-api',
      fields: { 'subscriptions/content': ['contentCreated'], '{contentUri}': ['CreationTime'] },
    },
  },
];

/** The collector's own metrics, on the collector's Resource. */
export const SELF_METRIC_CATALOG: readonly MetricDefinition[] = [
  {
    name: METRIC_M365OTEL_REPORT_FETCHES,
    description: 'Report downloads attempted by the collector, by report and outcome (success or failure).',
    unit: '{fetch}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.report.name'], presence: 'always' },
      { attribute: ATTRIBUTES['fetch.outcome'], presence: 'always' },
    ],
  },
  {
    name: METRIC_M365OTEL_REPORT_ROWS,
    description: 'Report rows read, by report and outcome: accepted, or rejected for a malformed cell.',
    unit: '{row}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.report.name'], presence: 'always' },
      { attribute: ATTRIBUTES['row.outcome'], presence: 'always' },
    ],
  },
  {
    name: METRIC_M365OTEL_REPORT_REVISIONS,
    description:
      'Report-date mode: data points of a report day already exported whose value Microsoft changed afterwards, by report; each is logged and not sent again (a backend keeps the first sample at a timestamp, and Prometheus refuses a second one).',
    unit: '{point}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.report.name'], presence: 'always' }],
  },
  {
    name: METRIC_M365OTEL_SERVICE_HEALTH_POLLS,
    description:
      'Service-health polls (overviews, issues and, when enabled, messages of one tenant), by outcome (success or failure).',
    unit: '{poll}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['fetch.outcome'], presence: 'always' }],
  },
  {
    name: METRIC_M365OTEL_SERVICE_HEALTH_EVENTS,
    description:
      'Service-health events sent over OTLP, by event name and outcome: exported (acknowledged) or failed.',
    unit: '{event}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['event.name'], presence: 'always' },
      { attribute: ATTRIBUTES['event.outcome'], presence: 'always' },
    ],
  },
  {
    name: METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED,
    description:
      'Content blobs of the audit log the collector did not read, by content type and reason; the other blobs of the listing are read.',
    unit: '{blob}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365otel.audit.skip_reason'], presence: 'always' },
    ],
    source: {
      kind: 'activity-api',
      fields: { '{contentUri}': 'HTTP status, error codes AF20050, AF20051 and AF20052, body' },
    },
  },
  {
    name: METRIC_M365OTEL_AUDIT_RECORDS_SKIPPED,
    description:
      'Audit records left out because they are malformed (not a JSON object, or without a string `Id`), by content type; the other records of the blob are emitted.',
    unit: '{record}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'always' }],
    source: { kind: 'activity-api', fields: { '{contentUri}': ['Id'] } },
  },
  {
    name: METRIC_M365OTEL_AUDIT_DUPLICATES,
    description:
      'Audit records dropped because a record with the same `Id` was already delivered (Microsoft publishes some records in more than one blob), by content type.',
    unit: '{record}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'always' }],
    source: { kind: 'activity-api', fields: { '{contentUri}': ['Id'] } },
  },
  {
    name: METRIC_M365OTEL_AUDIT_THROTTLES,
    description:
      'Throttled answers of the Management Activity API (AF429, HTTP 429 or 403), by the content type being read; the request is retried after a wait.',
    unit: '{response}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'always' }],
    source: {
      kind: 'activity-api',
      fields: {
        'subscriptions/content': 'HTTP status and error code',
        '{contentUri}': 'HTTP status and error code',
      },
    },
  },
  {
    name: METRIC_M365OTEL_AUDIT_RETENTION_LOST,
    description:
      "Seconds of audit log lost to Microsoft's retention: the span the collector had not read yet when it fell out of the 7 days Microsoft lists content for (after a long outage, for example), by content type.",
    unit: 's',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'always' }],
    source: {
      kind: 'computed',
      description:
        'by the collector, from the start of the span it still had to list and the oldest start Microsoft accepts',
    },
  },
  {
    name: METRIC_M365OTEL_SERVICE_HEALTH_ITEMS_SKIPPED,
    description:
      'Service-health items left out because Microsoft sent them without a field they cannot do without (an issue without its id, for example), by collection; the other items of the list are used, and what the state knew of the left-out ones is kept.',
    unit: '{item}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365otel.service_health.resource'], presence: 'always' }],
  },
  {
    name: METRIC_M365OTEL_STATE_COMMIT_FAILURES,
    description:
      'State writes the state directory refused after the backend acknowledged the events; the state is kept in memory and written again on the next poll.',
    unit: '{failure}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [],
  },
  {
    name: METRIC_M365OTEL_EXPORT_REJECTED,
    description:
      'Items the OTLP backend rejected in a partial success (data points or log records), by signal; they are not sent again.',
    unit: '{item}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365otel.signal'], presence: 'always' }],
  },
];

export const EVENT_CATALOG: readonly EventDefinition[] = [
  {
    name: EVENT_M365_SERVICE_ISSUE,
    description: 'A service health issue (incident or advisory) was opened, updated or resolved.',
    emitted:
      'when an issue is first seen (opened, or resolved when it is already resolved; on the very first run only open issues are announced, resolved ones are taken as history), and when its status, impact description, resolution, classification, feature or number of posts changes (updated, or resolved when it turned resolved). A change of lastModifiedDateTime alone announces nothing.',
    timestamp: "the issue's lastModifiedDateTime",
    attributes: [
      { attribute: ATTRIBUTES['m365.service.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.feature.name'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.service.feature.group'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.service.issue.id'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.issue.classification'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.issue.status'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.issue.origin'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.issue.change'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.issue.start_time'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.issue.end_time'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.service.issue.resolved'], presence: 'always' },
    ],
    body: {
      title: "The issue's title.",
      impactDescription: 'What users experience, as Microsoft describes it.',
      latestPost:
        'The newest post: `{ createdDateTime, postType, content }` (content is HTML as Microsoft sends it); null when the issue has no post.',
      postCount: 'How many posts the issue has.',
    },
    source: { kind: 'api', fields: { 'admin/serviceAnnouncement/issues': 'every field of the issue' } },
  },
  {
    name: EVENT_M365_SERVICE_MESSAGE,
    description:
      'A Message center post (planned change, new feature, action required) was published or updated.',
    emitted:
      'when the collector first sees a message (on the first run too: a message has no resolved state that would make it history), and when its lastModifiedDateTime, title or body changes. Only with `serviceHealth.messages: true` (application permission `ServiceMessage.Read.All`).',
    timestamp: "the message's lastModifiedDateTime",
    attributes: [
      { attribute: ATTRIBUTES['m365.service.message.id'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.message.category'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.message.severity'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.message.change'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.message.is_major_change'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.names'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.service.message.start_time'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.service.message.end_time'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.service.message.action_required_by'], presence: 'when set' },
    ],
    body: {
      title: "The message's title.",
      tags: "Microsoft's tags, such as `Updated message` or `Admin impact` (a list of strings).",
      content: 'The message body, HTML as Microsoft sends it.',
    },
    source: { kind: 'api', fields: { 'admin/serviceAnnouncement/messages': 'every field of the message' } },
  },
  {
    name: EVENT_M365_AUDIT_RECORD,
    description:
      'One record of the unified audit log (Office 365 Management Activity API): who did what, where and when, in any Microsoft 365 workload.',
    emitted:
      'once per record, when the collector reads the content blob that holds it; a record whose `Id` was already delivered (Microsoft publishes some records in more than one blob) is dropped. Only with `audit:` in the configuration (application permission `ActivityFeed.Read`, and `ActivityFeed.ReadDlp` for `DLP.All`).',
    timestamp:
      "the record's `CreationTime`, read as UTC (Microsoft writes it without a zone; `Z` and fractional seconds are read too). A record whose `CreationTime` is missing or unreadable is emitted all the same, without a timestamp and with `m365.audit.creation_time_error`",
    observedTimestamp: 'when the collector fetched the content blob',
    severity:
      'WARN when `m365.audit.result` is failure or partial (a failed operation, a sign-in with a `LogonError`), INFO otherwise.',
    attributes: [
      { attribute: ATTRIBUTES['log.record.uid'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.audit.content_id'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.audit.operation'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.workload'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.record_type'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.record_type_name'], presence: 'when set' },
      { attribute: ATTRIBUTES['user.id'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.user_type'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.user_type_name'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.result_status'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.result'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.audit.client_ip'], presence: 'when set' },
      { attribute: ATTRIBUTES['client.address'], presence: 'when set' },
      { attribute: ATTRIBUTES['client.port'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.organization_id'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.audit.creation_time_error'], presence: 'when set' },
    ],
    body: {
      Id: "The record's unique id (GUID).",
      RecordType: 'The AuditLogRecordType number.',
      CreationTime: 'When the activity happened (UTC), as Microsoft wrote it.',
      Operation: 'The activity.',
      OrganizationId: "The tenant's GUID.",
      UserType: 'The kind of user that acted (a number).',
      UserKey: 'An alternative id of the user (a PUID for SharePoint, OneDrive and Exchange).',
      UserId: 'The user that acted.',
      ClientIP: "The client's address as sent, or null.",
      Workload: 'The service the record comes from.',
      ResultStatus: 'Whether the activity succeeded, as the workload says it.',
      ObjectId: "The object acted on (a file path, a mailbox, a cmdlet's target).",
    },
    bodyOtherFields:
      "The body is the record itself as Microsoft sent it, every field kept with its JSON type, including the workload's own fields (`Site`, `ItemType`, `Actor`, `ExtendedProperties`, `ModifiedProperties`, ...) and fields Microsoft adds later; a field the table lists may be absent.",
    source: {
      kind: 'activity-api',
      fields: {
        'subscriptions/content': ['contentType', 'contentId'],
        '{contentUri}': 'every field of the record',
      },
    },
  },
];

/** The names the config's `metrics:` switches take, in the catalog's order. */
export const METRIC_NAMES = [
  METRIC_M365_EMAIL_MESSAGES,
  METRIC_M365_EMAIL_ACTIVE_USERS,
  METRIC_M365_EMAIL_MEETINGS,
  METRIC_M365_MAILBOX_COUNT,
  METRIC_M365_MAILBOX_QUOTA_MAILBOXES,
  METRIC_M365_MAILBOX_STORAGE_USAGE,
  METRIC_M365_MAILBOX_ITEMS,
  METRIC_M365_REPORT_AGE,
  METRIC_M365_SERVICE_STATUS,
  METRIC_M365_SERVICE_HEALTHY,
  METRIC_M365_SERVICE_ISSUES,
  METRIC_M365_SERVICE_FEATURE_STATUS,
] as const satisfies readonly MetricName[];

/** Whether each metric is on when the config does not switch it. */
export const METRICS_ENABLED_BY_DEFAULT: { readonly [M in MetricName]: boolean } = {
  [METRIC_M365_EMAIL_MESSAGES]: true,
  [METRIC_M365_EMAIL_ACTIVE_USERS]: true,
  [METRIC_M365_EMAIL_MEETINGS]: true,
  [METRIC_M365_MAILBOX_COUNT]: true,
  [METRIC_M365_MAILBOX_QUOTA_MAILBOXES]: true,
  [METRIC_M365_MAILBOX_STORAGE_USAGE]: true,
  [METRIC_M365_MAILBOX_ITEMS]: true,
  [METRIC_M365_REPORT_AGE]: true,
  [METRIC_M365_SERVICE_STATUS]: true,
  [METRIC_M365_SERVICE_HEALTHY]: true,
  [METRIC_M365_SERVICE_ISSUES]: true,
  [METRIC_M365_SERVICE_FEATURE_STATUS]: false,
};

/** The m365.service.status values m365.service.healthy counts as healthy unless the config says otherwise. */
export const DEFAULT_HEALTHY_STATUSES: readonly M365ServiceStatus[] = [
  'serviceOperational',
  'serviceRestored',
  'postIncidentReviewPublished',
  'resolved',
  'resolvedExternal',
  'mitigated',
  'mitigatedExternal',
  'falsePositive',
];
