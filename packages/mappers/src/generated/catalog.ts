// Generated from packages/mappers/metadata.yaml by `node packages/mappers/scripts/generate.ts`. DO NOT EDIT.

import { CONTENT_TYPES } from '@m365-otel/management-api';
import { REPORT_NAMES } from '@m365-otel/report-catalog';
import { API_FAMILIES, RETRY_REASONS } from '@m365-otel/request-pipeline';
import {
  type SERVICE_HEALTH_CLASSIFICATIONS,
  SERVICE_HEALTH_ORIGINS,
  SERVICE_HEALTH_RESOURCES,
  SERVICE_HEALTH_STATUSES,
  SERVICE_UPDATE_CATEGORIES,
  SERVICE_UPDATE_SEVERITIES,
} from '@m365-otel/service-health';
import type {
  AttributeDefinition,
  AttributeUse,
  EventDefinition,
  Extensible,
  MetricDefinition,
} from '../catalog-model.js';

// Attribute names.
export const ATTR_M365_TENANT_ID = 'm365.tenant.id';
export const ATTR_M365_TENANT_NAME = 'm365.tenant.name';
export const ATTR_M365_TENANT_TYPE = 'm365.tenant.type';
export const ATTR_M365_TENANT_DOMAIN = 'm365.tenant.domain';
export const ATTR_M365_EMAIL_ACTION = 'm365.email.action';
export const ATTR_M365_EMAIL_MEETING_ACTION = 'm365.email.meeting.action';
export const ATTR_M365_MAILBOX_STATE = 'm365.mailbox.state';
export const ATTR_M365_MAILBOX_QUOTA_STATUS = 'm365.mailbox.quota.status';
export const ATTR_M365_MAILBOX_ITEM_STATE = 'm365.mailbox.item.state';
export const ATTR_M365_REPORT_NAME = 'm365.report.name';
export const ATTR_M365_REPORT_DATE = 'm365.report.date';
export const ATTR_M365_REPORT_NAMES_CONCEALED = 'm365.report.names_concealed';
export const ATTR_M365_ACTIVITY_STATE = 'm365.activity.state';
export const ATTR_USER_NAME = 'user.name';
export const ATTR_USER_FULL_NAME = 'user.full_name';
export const ATTR_URL_FULL = 'url.full';
export const ATTR_M365_SITE_ID = 'm365.site.id';
export const ATTR_M365_SITE_OWNER_NAME = 'm365.site.owner.name';
export const ATTR_M365_SITE_OWNER_FULL_NAME = 'm365.site.owner.full_name';
export const ATTR_M365_GROUP_NAME = 'm365.group.name';
export const ATTR_M365_GROUP_ID = 'm365.group.id';
export const ATTR_M365_TEAM_NAME = 'm365.team.name';
export const ATTR_M365_TEAM_ID = 'm365.team.id';
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
export const ATTR_M365_EMAIL_APP = 'm365.email.app';
export const ATTR_M365_EMAIL_APP_VERSION = 'm365.email.app.version';
export const ATTR_M365_OFFICE_PRODUCT = 'm365.office.product';
export const ATTR_M365_OFFICE_LICENSE_STATE = 'm365.office.license.state';
export const ATTR_M365_DEVICE_PLATFORM = 'm365.device.platform';
export const ATTR_M365_WORKLOAD = 'm365.workload';
export const ATTR_M365_APPS_APP = 'm365.apps.app';
export const ATTR_M365_GROUP_ACTIVITY = 'm365.group.activity';
export const ATTR_M365_GROUP_STORAGE_LOCATION = 'm365.group.storage.location';
export const ATTR_M365_GROUP_MEMBER_TYPE = 'm365.group.member.type';
export const ATTR_M365_CONTENT_ACTION = 'm365.content.action';
export const ATTR_M365_SITE_TYPE = 'm365.site.type';
export const ATTR_M365_TEAMS_MESSAGE_KIND = 'm365.teams.message.kind';
export const ATTR_M365_TEAMS_MEETING_ACTION = 'm365.teams.meeting.action';
export const ATTR_M365_TEAMS_MEDIA = 'm365.teams.media';
export const ATTR_M365_TEAMS_ACTIVITY = 'm365.teams.activity';
export const ATTR_M365_TEAMS_TEAM_USER_KIND = 'm365.teams.team.user.kind';
export const ATTR_M365_TEAMS_CHANNEL_KIND = 'm365.teams.channel.kind';
export const ATTR_M365_TEAMS_TEAM_TYPE = 'm365.teams.team.type';
export const ATTR_M365_SKYPE_ACTIVITY = 'm365.skype.activity';
export const ATTR_M365_VIVA_ENGAGE_ACTION = 'm365.viva_engage.action';
export const ATTR_M365_COPILOT_APP = 'm365.copilot.app';
export const ATTR_M365_COPILOT_USER_STATE = 'm365.copilot.user.state';
export const ATTR_M365_SKYPE_MODALITY = 'm365.skype.modality';
export const ATTR_M365_FORMS_RESPONSE_KIND = 'm365.forms.response.kind';
export const ATTR_M365_FORMS_USER_ROLE = 'm365.forms.user.role';
export const ATTR_M365OTEL_OUTCOME = 'm365otel.outcome';
export const ATTR_M365OTEL_SERVICE_HEALTH_RESOURCE = 'm365otel.service_health.resource';
export const ATTR_M365OTEL_CALL_QUALITY_PART = 'm365otel.call_quality.part';
export const ATTR_M365OTEL_SIGNAL = 'm365otel.signal';
export const ATTR_M365OTEL_GOVERNANCE_SIGNAL = 'm365otel.governance.signal';
export const ATTR_EVENT_NAME = 'event.name';
export const ATTR_M365OTEL_STATE_OPERATION = 'm365otel.state.operation';
export const ATTR_M365OTEL_AUDIT_SKIP_REASON = 'm365otel.audit.skip_reason';
export const ATTR_M365OTEL_API = 'm365otel.api';
export const ATTR_M365OTEL_HTTP_STATUS_CLASS = 'm365otel.http.status_class';
export const ATTR_M365OTEL_HTTP_RETRY_REASON = 'm365otel.http.retry_reason';
export const ATTR_M365OTEL_RECORD_SOURCE = 'm365otel.record.source';
export const ATTR_M365OTEL_GOVERNANCE_SKIP_REASON = 'm365otel.governance.skip_reason';
export const ATTR_M365OTEL_SOURCE = 'm365otel.source';
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
export const ATTR_M365_LICENSE_SKU = 'm365.license.sku';
export const ATTR_M365_LICENSE_UNITS_STATE = 'm365.license.units.state';
export const ATTR_M365_LICENSE_CAPABILITY_STATUS = 'm365.license.capability_status';
export const ATTR_M365_SUBSCRIPTION_STATUS = 'm365.subscription.status';
export const ATTR_M365_SUBSCRIPTION_TRIAL = 'm365.subscription.trial';
export const ATTR_M365_SUBSCRIPTION_ID = 'm365.subscription.id';
export const ATTR_M365_APP_CREDENTIAL_TYPE = 'm365.app.credential.type';
export const ATTR_M365_APP_CREDENTIAL_OWNER = 'm365.app.credential.owner';
export const ATTR_M365_APP_CREDENTIAL_EXPIRY = 'm365.app.credential.expiry';
export const ATTR_M365_APP_ID = 'm365.app.id';
export const ATTR_M365_APP_NAME = 'm365.app.name';
export const ATTR_M365_APP_CREDENTIAL_KEY_ID = 'm365.app.credential.key_id';
export const ATTR_M365_APP_CREDENTIAL_END_TIME = 'm365.app.credential.end_time';
export const ATTR_M365_DIRECTORY_SYNC_KIND = 'm365.directory.sync.kind';
export const ATTR_M365_DIRECTORY_SYNC_FEATURE = 'm365.directory.sync.feature';
export const ATTR_M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY = 'm365.directory.provisioning_error.category';
export const ATTR_M365_CONNECT_HEALTH_SERVICE_TYPE = 'm365.connect_health.service.type';
export const ATTR_M365_CONNECT_HEALTH_SERVICE_NAME = 'm365.connect_health.service.name';
export const ATTR_M365_CONNECT_HEALTH_ALERT_LEVEL = 'm365.connect_health.alert.level';
export const ATTR_M365_RISK_LEVEL = 'm365.risk.level';
export const ATTR_M365_RISK_STATE = 'm365.risk.state';
export const ATTR_M365_RISK_DETECTION_ID = 'm365.risk.detection.id';
export const ATTR_M365_RISK_EVENT_TYPE = 'm365.risk.event_type';
export const ATTR_M365_RISK_DETECTION_SOURCE = 'm365.risk.detection.source';
export const ATTR_M365_RISK_DETECTION_TIMING = 'm365.risk.detection.timing';
export const ATTR_M365_CALL_ID = 'm365.call.id';
export const ATTR_M365_CALL_TYPE = 'm365.call.type';
export const ATTR_M365_CALL_MODALITIES = 'm365.call.modalities';
export const ATTR_M365_CALL_POOR_STREAMS = 'm365.call.poor_streams';
export const ATTR_M365_CALL_MODALITY = 'm365.call.modality';
export const ATTR_M365_CALL_STREAM_DIRECTION = 'm365.call.stream.direction';
export const ATTR_M365_CALL_STREAM_QUALITY = 'm365.call.stream.quality';
export const ATTR_M365_CALL_QUALITY_METRIC = 'm365.call.quality.metric';

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
export const M365_ACTIVITY_STATE_VALUES = ['active', 'inactive'] as const;
export type M365ActivityState = (typeof M365_ACTIVITY_STATE_VALUES)[number];
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
export const M365_EMAIL_APP_VALUES = [
  'mail_for_mac',
  'outlook_for_mac',
  'outlook_for_windows',
  'outlook_for_mobile',
  'other_for_mobile',
  'outlook_for_web',
  'pop3_app',
  'imap4_app',
  'smtp_app',
] as const;
export type M365EmailApp = (typeof M365_EMAIL_APP_VALUES)[number];
export const M365_EMAIL_APP_VERSION_VALUES = [
  'outlook_m365',
  'outlook_2019',
  'outlook_2016',
  'outlook_2013',
  'outlook_2010',
  'outlook_2007',
  'undetermined',
] as const;
export type M365EmailAppVersion = (typeof M365_EMAIL_APP_VERSION_VALUES)[number];
export const M365_OFFICE_LICENSE_STATE_VALUES = [
  'assigned',
  'activated',
  'shared_computer_activation',
] as const;
export type M365OfficeLicenseState = (typeof M365_OFFICE_LICENSE_STATE_VALUES)[number];
export const M365_DEVICE_PLATFORM_VALUES = [
  'windows',
  'mac',
  'linux',
  'chrome_os',
  'web',
  'mobile',
  'ios',
  'iphone',
  'ipad',
  'android',
  'android_phone',
  'windows_phone',
  'windows_10_mobile',
  'other',
] as const;
export type M365DevicePlatform = (typeof M365_DEVICE_PLATFORM_VALUES)[number];
export const M365_WORKLOAD_VALUES = [
  'microsoft_365',
  'exchange',
  'onedrive',
  'sharepoint',
  'viva_engage',
  'teams',
] as const;
export type M365Workload = (typeof M365_WORKLOAD_VALUES)[number];
export const M365_APPS_APP_VALUES = ['outlook', 'word', 'excel', 'powerpoint', 'onenote', 'teams'] as const;
export type M365AppsApp = (typeof M365_APPS_APP_VALUES)[number];
export const M365_GROUP_ACTIVITY_VALUES = [
  'exchange_email_received',
  'viva_engage_message_posted',
  'viva_engage_message_read',
  'viva_engage_message_liked',
  'teams_channel_message',
  'teams_meeting_organized',
] as const;
export type M365GroupActivity = (typeof M365_GROUP_ACTIVITY_VALUES)[number];
export const M365_GROUP_STORAGE_LOCATION_VALUES = ['mailbox', 'site'] as const;
export type M365GroupStorageLocation = (typeof M365_GROUP_STORAGE_LOCATION_VALUES)[number];
export const M365_GROUP_MEMBER_TYPE_VALUES = ['member', 'external'] as const;
export type M365GroupMemberType = (typeof M365_GROUP_MEMBER_TYPE_VALUES)[number];
export const M365_CONTENT_ACTION_VALUES = [
  'visited_page',
  'viewed_or_edited',
  'synced',
  'shared_internally',
  'shared_externally',
] as const;
export type M365ContentAction = (typeof M365_CONTENT_ACTION_VALUES)[number];
export const M365_SITE_TYPE_VALUES = ['all', 'onedrive'] as const;
export type M365SiteType = (typeof M365_SITE_TYPE_VALUES)[number];
export const M365_TEAMS_MESSAGE_KIND_VALUES = [
  'team_chat',
  'private_chat',
  'post',
  'reply',
  'channel',
  'urgent',
] as const;
export type M365TeamsMessageKind = (typeof M365_TEAMS_MESSAGE_KIND_VALUES)[number];
export const M365_TEAMS_MEETING_ACTION_VALUES = ['organized', 'attended'] as const;
export type M365TeamsMeetingAction = (typeof M365_TEAMS_MEETING_ACTION_VALUES)[number];
export const M365_TEAMS_MEDIA_VALUES = ['audio', 'video', 'screen_share'] as const;
export type M365TeamsMedia = (typeof M365_TEAMS_MEDIA_VALUES)[number];
export const M365_TEAMS_ACTIVITY_VALUES = [
  'team_chat_message',
  'private_chat_message',
  'call',
  'meeting',
  'other',
] as const;
export type M365TeamsActivity = (typeof M365_TEAMS_ACTIVITY_VALUES)[number];
export const M365_TEAMS_TEAM_USER_KIND_VALUES = ['all', 'guest', 'external'] as const;
export type M365TeamsTeamUserKind = (typeof M365_TEAMS_TEAM_USER_KIND_VALUES)[number];
export const M365_TEAMS_CHANNEL_KIND_VALUES = ['all', 'shared'] as const;
export type M365TeamsChannelKind = (typeof M365_TEAMS_CHANNEL_KIND_VALUES)[number];
export const M365_TEAMS_TEAM_TYPE_VALUES = ['public', 'private'] as const;
export type M365TeamsTeamType = (typeof M365_TEAMS_TEAM_TYPE_VALUES)[number];
export const M365_SKYPE_ACTIVITY_VALUES = ['peer_to_peer', 'organized', 'participated'] as const;
export type M365SkypeActivity = (typeof M365_SKYPE_ACTIVITY_VALUES)[number];
export const M365_VIVA_ENGAGE_ACTION_VALUES = ['liked', 'posted', 'read'] as const;
export type M365VivaEngageAction = (typeof M365_VIVA_ENGAGE_ACTION_VALUES)[number];
export const M365_COPILOT_APP_VALUES = [
  'any',
  'teams',
  'word',
  'powerpoint',
  'outlook',
  'excel',
  'onenote',
  'loop',
  'copilot_chat',
] as const;
export type M365CopilotApp = (typeof M365_COPILOT_APP_VALUES)[number];
export const M365_COPILOT_USER_STATE_VALUES = ['enabled', 'active'] as const;
export type M365CopilotUserState = (typeof M365_COPILOT_USER_STATE_VALUES)[number];
export const M365_SKYPE_MODALITY_VALUES = [
  'im',
  'audio',
  'video',
  'audio_video',
  'app_sharing',
  'file_transfer',
  'web',
  'dial_in_out_third_party',
  'dial_in_out_microsoft',
  'dial_in_microsoft',
  'dial_out_microsoft',
] as const;
export type M365SkypeModality = (typeof M365_SKYPE_MODALITY_VALUES)[number];
export const M365_FORMS_RESPONSE_KIND_VALUES = ['authenticated', 'anonymous'] as const;
export type M365FormsResponseKind = (typeof M365_FORMS_RESPONSE_KIND_VALUES)[number];
export const M365_FORMS_USER_ROLE_VALUES = ['designer', 'respondent', 'any'] as const;
export type M365FormsUserRole = (typeof M365_FORMS_USER_ROLE_VALUES)[number];
export const FETCH_OUTCOME_VALUES = ['success', 'failure'] as const;
export type FetchOutcome = (typeof FETCH_OUTCOME_VALUES)[number];
export const ROW_OUTCOME_VALUES = ['accepted', 'rejected'] as const;
export type RowOutcome = (typeof ROW_OUTCOME_VALUES)[number];
export const EVENT_OUTCOME_VALUES = ['exported', 'failed'] as const;
export type EventOutcome = (typeof EVENT_OUTCOME_VALUES)[number];
export const M365OTEL_SERVICE_HEALTH_RESOURCE_VALUES = SERVICE_HEALTH_RESOURCES;
export type M365otelServiceHealthResource = (typeof M365OTEL_SERVICE_HEALTH_RESOURCE_VALUES)[number];
export const M365OTEL_CALL_QUALITY_PART_VALUES = [
  'callRecord',
  'session',
  'segment',
  'media',
  'stream',
] as const;
export type M365otelCallQualityPart = (typeof M365OTEL_CALL_QUALITY_PART_VALUES)[number];
export const M365OTEL_SIGNAL_VALUES = ['metrics', 'logs'] as const;
export type M365otelSignal = (typeof M365OTEL_SIGNAL_VALUES)[number];
export const EXPORT_OUTCOME_VALUES = ['delivered', 'partial', 'retryable', 'refused'] as const;
export type ExportOutcome = (typeof EXPORT_OUTCOME_VALUES)[number];
export const M365OTEL_GOVERNANCE_SIGNAL_VALUES = [
  'licences',
  'app_credentials',
  'tenant_settings',
  'directory_sync',
  'connect_health',
  'risky_users',
  'call_quality',
] as const;
export type M365otelGovernanceSignal = (typeof M365OTEL_GOVERNANCE_SIGNAL_VALUES)[number];
export const M365OTEL_STATE_OPERATION_VALUES = ['read', 'write', 'quarantine'] as const;
export type M365otelStateOperation = (typeof M365OTEL_STATE_OPERATION_VALUES)[number];
export const M365OTEL_AUDIT_SKIP_REASON_VALUES = ['expired', 'not_found', 'malformed'] as const;
export type M365otelAuditSkipReason = (typeof M365OTEL_AUDIT_SKIP_REASON_VALUES)[number];
export const M365OTEL_API_VALUES = API_FAMILIES;
export type M365otelApi = (typeof M365OTEL_API_VALUES)[number];
export const M365OTEL_HTTP_STATUS_CLASS_VALUES = ['2xx', '3xx', '4xx', '5xx', 'network'] as const;
export type M365otelHttpStatusClass = (typeof M365OTEL_HTTP_STATUS_CLASS_VALUES)[number];
export const M365OTEL_HTTP_RETRY_REASON_VALUES = RETRY_REASONS;
export type M365otelHttpRetryReason = (typeof M365OTEL_HTTP_RETRY_REASON_VALUES)[number];
export const M365OTEL_RECORD_SOURCE_VALUES = [
  'audit',
  'call_quality',
  'governance',
  'report_entities',
] as const;
export type M365otelRecordSource = (typeof M365OTEL_RECORD_SOURCE_VALUES)[number];
export const M365OTEL_GOVERNANCE_SKIP_REASON_VALUES = ['malformed_item', 'unreadable_field'] as const;
export type M365otelGovernanceSkipReason = (typeof M365OTEL_GOVERNANCE_SKIP_REASON_VALUES)[number];
export const M365OTEL_SOURCE_VALUES = [
  'reports',
  'service_health',
  'audit',
  'governance',
  'call_quality',
] as const;
export type M365otelSource = (typeof M365OTEL_SOURCE_VALUES)[number];
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
export const M365_LICENSE_UNITS_STATE_VALUES = [
  'consumed',
  'enabled',
  'suspended',
  'warning',
  'locked_out',
] as const;
export type M365LicenseUnitsState = (typeof M365_LICENSE_UNITS_STATE_VALUES)[number];
export const M365_LICENSE_CAPABILITY_STATUS_VALUES = [
  'Enabled',
  'Warning',
  'Suspended',
  'Deleted',
  'LockedOut',
] as const;
export type M365LicenseCapabilityStatus = (typeof M365_LICENSE_CAPABILITY_STATUS_VALUES)[number];
export const M365_SUBSCRIPTION_STATUS_VALUES = [
  'Enabled',
  'Warning',
  'Suspended',
  'Deleted',
  'LockedOut',
] as const;
export type M365SubscriptionStatus = (typeof M365_SUBSCRIPTION_STATUS_VALUES)[number];
export const M365_SUBSCRIPTION_TRIAL_VALUES = ['true', 'false'] as const;
export type M365SubscriptionTrial = (typeof M365_SUBSCRIPTION_TRIAL_VALUES)[number];
export const M365_APP_CREDENTIAL_TYPE_VALUES = ['password', 'certificate'] as const;
export type M365AppCredentialType = (typeof M365_APP_CREDENTIAL_TYPE_VALUES)[number];
export const M365_APP_CREDENTIAL_OWNER_VALUES = ['application', 'service_principal'] as const;
export type M365AppCredentialOwner = (typeof M365_APP_CREDENTIAL_OWNER_VALUES)[number];
export const M365_APP_CREDENTIAL_EXPIRY_VALUES = [
  'expired',
  'within_7_days',
  'within_30_days',
  'later',
] as const;
export type M365AppCredentialExpiry = (typeof M365_APP_CREDENTIAL_EXPIRY_VALUES)[number];
export const M365_DIRECTORY_SYNC_KIND_VALUES = ['objects', 'password'] as const;
export type M365DirectorySyncKind = (typeof M365_DIRECTORY_SYNC_KIND_VALUES)[number];
export const M365_DIRECTORY_SYNC_FEATURE_VALUES = [
  'block_cloud_object_takeover_through_hard_match',
  'block_soft_match',
  'bypass_dir_sync_overrides',
  'cloud_password_policy_for_password_synced_users',
  'concurrent_credential_update',
  'concurrent_org_id_provisioning',
  'device_writeback',
  'directory_extensions',
  'fope_conflict_resolution',
  'group_write_back',
  'password_sync',
  'password_writeback',
  'quarantine_upon_proxy_addresses_conflict',
  'quarantine_upon_upn_conflict',
  'soft_match_on_upn',
  'synchronize_upn_for_managed_users',
  'unified_group_writeback',
  'user_force_password_change_on_logon',
  'user_writeback',
] as const;
export type M365DirectorySyncFeature = (typeof M365_DIRECTORY_SYNC_FEATURE_VALUES)[number];
export const M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY_VALUES = ['PropertyConflict'] as const;
export type M365DirectoryProvisioningErrorCategory =
  (typeof M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY_VALUES)[number];
export const M365_CONNECT_HEALTH_SERVICE_TYPE_VALUES = [
  'AdFederationService',
  'AadSyncService',
  'AdDomainService',
] as const;
export type M365ConnectHealthServiceType = (typeof M365_CONNECT_HEALTH_SERVICE_TYPE_VALUES)[number];
export const M365_CONNECT_HEALTH_ALERT_LEVEL_VALUES = ['Error', 'Warning', 'PreWarning'] as const;
export type M365ConnectHealthAlertLevel = (typeof M365_CONNECT_HEALTH_ALERT_LEVEL_VALUES)[number];
export const M365_RISK_LEVEL_VALUES = ['none', 'low', 'medium', 'high', 'hidden'] as const;
export type M365RiskLevel = (typeof M365_RISK_LEVEL_VALUES)[number];
export const M365_RISK_STATE_VALUES = [
  'none',
  'atRisk',
  'confirmedCompromised',
  'confirmedSafe',
  'remediated',
  'dismissed',
] as const;
export type M365RiskState = (typeof M365_RISK_STATE_VALUES)[number];
export const M365_CALL_TYPE_VALUES = ['groupCall', 'peerToPeer', 'unknown'] as const;
export type M365CallType = (typeof M365_CALL_TYPE_VALUES)[number];
export const M365_CALL_MODALITY_VALUES = [
  'audio',
  'video',
  'videoBasedScreenSharing',
  'screenSharing',
  'data',
  'unknown',
] as const;
export type M365CallModality = (typeof M365_CALL_MODALITY_VALUES)[number];
export const M365_CALL_STREAM_DIRECTION_VALUES = ['callerToCallee', 'calleeToCaller'] as const;
export type M365CallStreamDirection = (typeof M365_CALL_STREAM_DIRECTION_VALUES)[number];
export const M365_CALL_STREAM_QUALITY_VALUES = ['good', 'poor', 'unrated'] as const;
export type M365CallStreamQuality = (typeof M365_CALL_STREAM_QUALITY_VALUES)[number];
export const M365_CALL_QUALITY_METRIC_VALUES = ['jitter', 'packet_loss', 'round_trip'] as const;
export type M365CallQualityMetric = (typeof M365_CALL_QUALITY_METRIC_VALUES)[number];

// Signal names.
export const METRIC_M365_EMAIL_MESSAGES = 'm365.email.messages';
export const METRIC_M365_EMAIL_ACTIVE_USERS = 'm365.email.active_users';
export const METRIC_M365_EMAIL_MEETINGS = 'm365.email.meetings';
export const METRIC_M365_MAILBOX_COUNT = 'm365.mailbox.count';
export const METRIC_M365_MAILBOX_QUOTA_MAILBOXES = 'm365.mailbox.quota.mailboxes';
export const METRIC_M365_MAILBOX_STORAGE_USAGE = 'm365.mailbox.storage.usage';
export const METRIC_M365_MAILBOX_ITEMS = 'm365.mailbox.items';
export const METRIC_M365_EMAIL_APP_ACTIVE_USERS = 'm365.email.app.active_users';
export const METRIC_M365_EMAIL_APP_PERIOD_ACTIVE_USERS = 'm365.email.app.period_active_users';
export const METRIC_M365_EMAIL_APP_VERSION_PERIOD_ACTIVE_USERS = 'm365.email.app.version.period_active_users';
export const METRIC_M365_OFFICE_ACTIVATIONS = 'm365.office.activations';
export const METRIC_M365_OFFICE_LICENSE_USERS = 'm365.office.license.users';
export const METRIC_M365_WORKLOAD_ACTIVE_USERS = 'm365.workload.active_users';
export const METRIC_M365_WORKLOAD_PERIOD_USERS = 'm365.workload.period_users';
export const METRIC_M365_APPS_ACTIVE_USERS = 'm365.apps.active_users';
export const METRIC_M365_APPS_PLATFORM_ACTIVE_USERS = 'm365.apps.platform.active_users';
export const METRIC_M365_GROUP_ACTIVITIES = 'm365.group.activities';
export const METRIC_M365_GROUP_COUNT = 'm365.group.count';
export const METRIC_M365_GROUP_STORAGE_USAGE = 'm365.group.storage.usage';
export const METRIC_M365_GROUP_FILES = 'm365.group.files';
export const METRIC_M365_ONEDRIVE_ACTIVE_USERS = 'm365.onedrive.active_users';
export const METRIC_M365_ONEDRIVE_ACTIVE_FILES = 'm365.onedrive.active_files';
export const METRIC_M365_ONEDRIVE_ACCOUNTS = 'm365.onedrive.accounts';
export const METRIC_M365_ONEDRIVE_FILES = 'm365.onedrive.files';
export const METRIC_M365_ONEDRIVE_STORAGE_USAGE = 'm365.onedrive.storage.usage';
export const METRIC_M365_SHAREPOINT_ACTIVE_USERS = 'm365.sharepoint.active_users';
export const METRIC_M365_SHAREPOINT_ACTIVE_FILES = 'm365.sharepoint.active_files';
export const METRIC_M365_SHAREPOINT_VISITED_PAGES = 'm365.sharepoint.visited_pages';
export const METRIC_M365_SHAREPOINT_FILES = 'm365.sharepoint.files';
export const METRIC_M365_SHAREPOINT_SITES = 'm365.sharepoint.sites';
export const METRIC_M365_SHAREPOINT_STORAGE_USAGE = 'm365.sharepoint.storage.usage';
export const METRIC_M365_SHAREPOINT_PAGE_VIEWS = 'm365.sharepoint.page_views';
export const METRIC_M365_TEAMS_MESSAGES = 'm365.teams.messages';
export const METRIC_M365_TEAMS_CALLS = 'm365.teams.calls';
export const METRIC_M365_TEAMS_MEETINGS = 'm365.teams.meetings';
export const METRIC_M365_TEAMS_MEDIA_DURATION = 'm365.teams.media.duration';
export const METRIC_M365_TEAMS_ACTIVE_USERS = 'm365.teams.active_users';
export const METRIC_M365_TEAMS_DEVICE_ACTIVE_USERS = 'm365.teams.device.active_users';
export const METRIC_M365_TEAMS_DEVICE_PERIOD_ACTIVE_USERS = 'm365.teams.device.period_active_users';
export const METRIC_M365_TEAMS_TEAM_MESSAGES = 'm365.teams.team.messages';
export const METRIC_M365_TEAMS_TEAM_REACTIONS = 'm365.teams.team.reactions';
export const METRIC_M365_TEAMS_TEAM_MENTIONS = 'm365.teams.team.mentions';
export const METRIC_M365_TEAMS_TEAM_MEETINGS = 'm365.teams.team.meetings';
export const METRIC_M365_TEAMS_TEAM_ACTIVE_USERS = 'm365.teams.team.active_users';
export const METRIC_M365_TEAMS_TEAM_ACTIVE_CHANNELS = 'm365.teams.team.active_channels';
export const METRIC_M365_TEAMS_TEAM_PERIOD_MESSAGES = 'm365.teams.team.period_messages';
export const METRIC_M365_TEAMS_TEAM_PERIOD_ACTIVE_USERS = 'm365.teams.team.period_active_users';
export const METRIC_M365_TEAMS_TEAM_PERIOD_ACTIVE_CHANNELS = 'm365.teams.team.period_active_channels';
export const METRIC_M365_TEAMS_TEAMS = 'm365.teams.teams';
export const METRIC_M365_VIVA_ENGAGE_MESSAGES = 'm365.viva_engage.messages';
export const METRIC_M365_VIVA_ENGAGE_ACTIVE_USERS = 'm365.viva_engage.active_users';
export const METRIC_M365_VIVA_ENGAGE_DEVICE_ACTIVE_USERS = 'm365.viva_engage.device.active_users';
export const METRIC_M365_VIVA_ENGAGE_DEVICE_PERIOD_ACTIVE_USERS =
  'm365.viva_engage.device.period_active_users';
export const METRIC_M365_VIVA_ENGAGE_GROUPS = 'm365.viva_engage.groups';
export const METRIC_M365_VIVA_ENGAGE_GROUP_MESSAGES = 'm365.viva_engage.group.messages';
export const METRIC_M365_COPILOT_USERS = 'm365.copilot.users';
export const METRIC_M365_COPILOT_PERIOD_USERS = 'm365.copilot.period_users';
export const METRIC_M365_EMAIL_DETAIL_USERS = 'm365.email.detail.users';
export const METRIC_M365_EMAIL_APP_DETAIL_USERS = 'm365.email.app.detail.users';
export const METRIC_M365_OFFICE_ACTIVATION_DETAIL_USERS = 'm365.office.activation.detail.users';
export const METRIC_M365_WORKLOAD_DETAIL_USERS = 'm365.workload.detail.users';
export const METRIC_M365_APPS_DETAIL_USERS = 'm365.apps.detail.users';
export const METRIC_M365_GROUP_DETAIL_MEMBERS = 'm365.group.detail.members';
export const METRIC_M365_ONEDRIVE_DETAIL_USERS = 'm365.onedrive.detail.users';
export const METRIC_M365_ONEDRIVE_DETAIL_STORAGE_USAGE = 'm365.onedrive.detail.storage.usage';
export const METRIC_M365_SHAREPOINT_DETAIL_USERS = 'm365.sharepoint.detail.users';
export const METRIC_M365_SHAREPOINT_DETAIL_STORAGE_USAGE = 'm365.sharepoint.detail.storage.usage';
export const METRIC_M365_TEAMS_DETAIL_USERS = 'm365.teams.detail.users';
export const METRIC_M365_TEAMS_DEVICE_DETAIL_USERS = 'm365.teams.device.detail.users';
export const METRIC_M365_TEAMS_TEAM_DETAIL_TEAMS = 'm365.teams.team.detail.teams';
export const METRIC_M365_VIVA_ENGAGE_DETAIL_USERS = 'm365.viva_engage.detail.users';
export const METRIC_M365_VIVA_ENGAGE_DEVICE_DETAIL_USERS = 'm365.viva_engage.device.detail.users';
export const METRIC_M365_VIVA_ENGAGE_GROUP_DETAIL_GROUPS = 'm365.viva_engage.group.detail.groups';
export const METRIC_M365_COPILOT_DETAIL_USERS = 'm365.copilot.detail.users';
export const METRIC_M365_REPORT_AGE = 'm365.report.age';
export const METRIC_M365_SKYPE_ACTIVITIES = 'm365.skype.activities';
export const METRIC_M365_SKYPE_ACTIVE_USERS = 'm365.skype.active_users';
export const METRIC_M365_SKYPE_DEVICE_ACTIVE_USERS = 'm365.skype.device.active_users';
export const METRIC_M365_SKYPE_DEVICE_PERIOD_ACTIVE_USERS = 'm365.skype.device.period_active_users';
export const METRIC_M365_SKYPE_ORGANIZER_CONFERENCES = 'm365.skype.organizer.conferences';
export const METRIC_M365_SKYPE_ORGANIZER_ACTIVE_USERS = 'm365.skype.organizer.active_users';
export const METRIC_M365_SKYPE_ORGANIZER_MINUTES = 'm365.skype.organizer.minutes';
export const METRIC_M365_SKYPE_PARTICIPANT_CONFERENCES = 'm365.skype.participant.conferences';
export const METRIC_M365_SKYPE_PARTICIPANT_ACTIVE_USERS = 'm365.skype.participant.active_users';
export const METRIC_M365_SKYPE_PARTICIPANT_MINUTES = 'm365.skype.participant.minutes';
export const METRIC_M365_SKYPE_PEER_TO_PEER_SESSIONS = 'm365.skype.peer_to_peer.sessions';
export const METRIC_M365_SKYPE_PEER_TO_PEER_ACTIVE_USERS = 'm365.skype.peer_to_peer.active_users';
export const METRIC_M365_SKYPE_PEER_TO_PEER_MINUTES = 'm365.skype.peer_to_peer.minutes';
export const METRIC_M365_SKYPE_DETAIL_USERS = 'm365.skype.detail.users';
export const METRIC_M365_SKYPE_DEVICE_DETAIL_USERS = 'm365.skype.device.detail.users';
export const METRIC_M365_FORMS_CREATED = 'm365.forms.created';
export const METRIC_M365_FORMS_RESPONSES = 'm365.forms.responses';
export const METRIC_M365_FORMS_ACTIVE_USERS = 'm365.forms.active_users';
export const METRIC_M365_FORMS_DETAIL_USERS = 'm365.forms.detail.users';
export const METRIC_M365_REPORT_NAMES_CONCEALED = 'm365.report.names_concealed';
export const METRIC_M365_SERVICE_STATUS = 'm365.service.status';
export const METRIC_M365_SERVICE_HEALTHY = 'm365.service.healthy';
export const METRIC_M365_SERVICE_ISSUES = 'm365.service.issues';
export const METRIC_M365_SERVICE_FEATURE_STATUS = 'm365.service.feature.status';
export const METRIC_M365_LICENSE_UNITS = 'm365.license.units';
export const METRIC_M365_LICENSE_UTILIZATION = 'm365.license.utilization';
export const METRIC_M365_LICENSE_SKU_STATUS = 'm365.license.sku.status';
export const METRIC_M365_SUBSCRIPTION_COUNT = 'm365.subscription.count';
export const METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING = 'm365.subscription.lifecycle.remaining';
export const METRIC_M365_APP_CREDENTIALS = 'm365.app.credentials';
export const METRIC_M365_APP_OWN_CREDENTIAL_REMAINING = 'm365.app.own_credential.remaining';
export const METRIC_M365_DIRECTORY_SYNC_ENABLED = 'm365.directory.sync.enabled';
export const METRIC_M365_DIRECTORY_SYNC_AGE = 'm365.directory.sync.age';
export const METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED = 'm365.directory.sync.feature.enabled';
export const METRIC_M365_DIRECTORY_PROVISIONING_ERRORS = 'm365.directory.provisioning_errors';
export const METRIC_M365_CONNECT_HEALTH_SERVICES = 'm365.connect_health.services';
export const METRIC_M365_CONNECT_HEALTH_ALERTS = 'm365.connect_health.alerts';
export const METRIC_M365_RISK_USERS = 'm365.risk.users';
export const METRIC_M365_AUDIT_RECORDS = 'm365.audit.records';
export const METRIC_M365_AUDIT_LISTING_LAG = 'm365.audit.listing.lag';
export const METRIC_M365_AUDIT_EVENT_LAG = 'm365.audit.event.lag';
export const METRIC_M365_CALL_RECORDS = 'm365.call.records';
export const METRIC_M365_CALL_STREAMS = 'm365.call.streams';
export const METRIC_M365_CALL_STREAM_POOR = 'm365.call.stream.poor';
export const METRIC_M365_CALL_STREAM_JITTER = 'm365.call.stream.jitter';
export const METRIC_M365_CALL_STREAM_PACKET_LOSS = 'm365.call.stream.packet_loss';
export const METRIC_M365_CALL_STREAM_ROUND_TRIP = 'm365.call.stream.round_trip';
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
export const METRIC_M365OTEL_CALL_QUALITY_PARTS_SKIPPED = 'm365otel.call_quality.parts_skipped';
export const METRIC_M365OTEL_STATE_COMMIT_FAILURES = 'm365otel.state.commit_failures';
export const METRIC_M365OTEL_STATE_ERRORS = 'm365otel.state.errors';
export const METRIC_M365OTEL_EXPORT_REJECTED = 'm365otel.export.rejected';
export const METRIC_M365OTEL_EXPORT_REQUESTS = 'm365otel.export.requests';
export const METRIC_M365OTEL_EXPORT_DROPPED = 'm365otel.export.dropped';
export const METRIC_M365OTEL_EXPORT_BUFFERED = 'm365otel.export.buffered';
export const METRIC_M365OTEL_GOVERNANCE_POLLS = 'm365otel.governance.polls';
export const METRIC_M365OTEL_GOVERNANCE_ITEMS_SKIPPED = 'm365otel.governance.items_skipped';
export const METRIC_M365OTEL_HTTP_REQUESTS = 'm365otel.http.requests';
export const METRIC_M365OTEL_HTTP_RETRIES = 'm365otel.http.retries';
export const METRIC_M365OTEL_HTTP_THROTTLE_WAIT = 'm365otel.http.throttle_wait';
export const METRIC_M365OTEL_RECORDS = 'm365otel.records';
export const METRIC_M365OTEL_SOURCE_LAST_SUCCESS = 'm365otel.source.last_success';
export const METRIC_M365OTEL_SOURCE_STALENESS = 'm365otel.source.staleness';
export const EVENT_M365_SERVICE_ISSUE = 'm365.service.issue';
export const EVENT_M365_SERVICE_MESSAGE = 'm365.service.message';
export const EVENT_M365_AUDIT_RECORD = 'm365.audit.record';
export const EVENT_M365_REPORT_USER = 'm365.report.user';
export const EVENT_M365_REPORT_MAILBOX = 'm365.report.mailbox';
export const EVENT_M365_REPORT_SITE = 'm365.report.site';
export const EVENT_M365_REPORT_ACCOUNT = 'm365.report.account';
export const EVENT_M365_REPORT_GROUP = 'm365.report.group';
export const EVENT_M365_REPORT_TEAM = 'm365.report.team';
export const EVENT_M365_APP_CREDENTIAL = 'm365.app.credential';
export const EVENT_M365_RISK_DETECTION = 'm365.risk.detection';
export const EVENT_M365_CALL_RECORD = 'm365.call.record';

/** The tenant Resource's attributes (those set only once the tenant's details were read are optional). */
export type ResourceAttributes = {
  readonly 'm365.tenant.id': string;
  readonly 'm365.tenant.name'?: string;
  readonly 'm365.tenant.type'?: string;
  readonly 'm365.tenant.domain'?: string;
};

/** Each catalog metric's attribute set. */
export type MetricAttributes = {
  'm365.email.messages': { readonly 'm365.email.action': M365EmailAction };
  'm365.email.active_users': { readonly 'm365.email.action': M365EmailAction };
  'm365.email.meetings': { readonly 'm365.email.meeting.action': M365EmailMeetingAction };
  'm365.mailbox.count': { readonly 'm365.mailbox.state': M365MailboxState };
  'm365.mailbox.quota.mailboxes': { readonly 'm365.mailbox.quota.status': M365MailboxQuotaStatus };
  'm365.mailbox.storage.usage': { readonly [attribute: string]: never };
  'm365.mailbox.items': { readonly 'm365.mailbox.item.state': M365MailboxItemState };
  'm365.email.app.active_users': { readonly 'm365.email.app': M365EmailApp };
  'm365.email.app.period_active_users': { readonly 'm365.email.app': M365EmailApp };
  'm365.email.app.version.period_active_users': { readonly 'm365.email.app.version': M365EmailAppVersion };
  'm365.office.activations': {
    readonly 'm365.office.product': string;
    readonly 'm365.device.platform': M365DevicePlatform;
  };
  'm365.office.license.users': {
    readonly 'm365.office.product': string;
    readonly 'm365.office.license.state': M365OfficeLicenseState;
  };
  'm365.workload.active_users': { readonly 'm365.workload': M365Workload };
  'm365.workload.period_users': {
    readonly 'm365.workload': M365Workload;
    readonly 'm365.activity.state': M365ActivityState;
  };
  'm365.apps.active_users': { readonly 'm365.apps.app': M365AppsApp };
  'm365.apps.platform.active_users': { readonly 'm365.device.platform': M365DevicePlatform };
  'm365.group.activities': { readonly 'm365.group.activity': M365GroupActivity };
  'm365.group.count': { readonly 'm365.activity.state': M365ActivityState };
  'm365.group.storage.usage': { readonly 'm365.group.storage.location': M365GroupStorageLocation };
  'm365.group.files': { readonly 'm365.activity.state': M365ActivityState };
  'm365.onedrive.active_users': { readonly 'm365.content.action': M365ContentAction };
  'm365.onedrive.active_files': { readonly 'm365.content.action': M365ContentAction };
  'm365.onedrive.accounts': {
    readonly 'm365.site.type': Extensible<M365SiteType>;
    readonly 'm365.activity.state': M365ActivityState;
  };
  'm365.onedrive.files': {
    readonly 'm365.site.type': Extensible<M365SiteType>;
    readonly 'm365.activity.state': M365ActivityState;
  };
  'm365.onedrive.storage.usage': { readonly 'm365.site.type': Extensible<M365SiteType> };
  'm365.sharepoint.active_users': { readonly 'm365.content.action': M365ContentAction };
  'm365.sharepoint.active_files': { readonly 'm365.content.action': M365ContentAction };
  'm365.sharepoint.visited_pages': { readonly [attribute: string]: never };
  'm365.sharepoint.files': {
    readonly 'm365.site.type': Extensible<M365SiteType>;
    readonly 'm365.activity.state': M365ActivityState;
  };
  'm365.sharepoint.sites': {
    readonly 'm365.site.type': Extensible<M365SiteType>;
    readonly 'm365.activity.state': M365ActivityState;
  };
  'm365.sharepoint.storage.usage': { readonly 'm365.site.type': Extensible<M365SiteType> };
  'm365.sharepoint.page_views': { readonly 'm365.site.type': Extensible<M365SiteType> };
  'm365.teams.messages': { readonly 'm365.teams.message.kind': M365TeamsMessageKind };
  'm365.teams.calls': { readonly [attribute: string]: never };
  'm365.teams.meetings': { readonly 'm365.teams.meeting.action': M365TeamsMeetingAction };
  'm365.teams.media.duration': { readonly 'm365.teams.media': M365TeamsMedia };
  'm365.teams.active_users': { readonly 'm365.teams.activity': M365TeamsActivity };
  'm365.teams.device.active_users': { readonly 'm365.device.platform': M365DevicePlatform };
  'm365.teams.device.period_active_users': { readonly 'm365.device.platform': M365DevicePlatform };
  'm365.teams.team.messages': { readonly 'm365.teams.message.kind': M365TeamsMessageKind };
  'm365.teams.team.reactions': { readonly [attribute: string]: never };
  'm365.teams.team.mentions': { readonly [attribute: string]: never };
  'm365.teams.team.meetings': { readonly [attribute: string]: never };
  'm365.teams.team.active_users': { readonly 'm365.teams.team.user.kind': M365TeamsTeamUserKind };
  'm365.teams.team.active_channels': { readonly 'm365.teams.channel.kind': M365TeamsChannelKind };
  'm365.teams.team.period_messages': { readonly 'm365.teams.message.kind': M365TeamsMessageKind };
  'm365.teams.team.period_active_users': { readonly 'm365.teams.team.user.kind': M365TeamsTeamUserKind };
  'm365.teams.team.period_active_channels': { readonly 'm365.teams.channel.kind': M365TeamsChannelKind };
  'm365.teams.teams': {
    readonly 'm365.teams.team.type': M365TeamsTeamType;
    readonly 'm365.activity.state': M365ActivityState;
  };
  'm365.viva_engage.messages': { readonly 'm365.viva_engage.action': M365VivaEngageAction };
  'm365.viva_engage.active_users': { readonly 'm365.viva_engage.action': M365VivaEngageAction };
  'm365.viva_engage.device.active_users': { readonly 'm365.device.platform': M365DevicePlatform };
  'm365.viva_engage.device.period_active_users': { readonly 'm365.device.platform': M365DevicePlatform };
  'm365.viva_engage.groups': { readonly 'm365.activity.state': M365ActivityState };
  'm365.viva_engage.group.messages': { readonly 'm365.viva_engage.action': M365VivaEngageAction };
  'm365.copilot.users': {
    readonly 'm365.copilot.app': M365CopilotApp;
    readonly 'm365.copilot.user.state': M365CopilotUserState;
  };
  'm365.copilot.period_users': {
    readonly 'm365.copilot.app': M365CopilotApp;
    readonly 'm365.copilot.user.state': M365CopilotUserState;
  };
  'm365.email.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.email.app.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.office.activation.detail.users': { readonly 'm365.office.product': string };
  'm365.workload.detail.users': { readonly [attribute: string]: never };
  'm365.apps.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.group.detail.members': { readonly 'm365.group.member.type': M365GroupMemberType };
  'm365.onedrive.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.onedrive.detail.storage.usage': { readonly 'm365.activity.state': M365ActivityState };
  'm365.sharepoint.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.sharepoint.detail.storage.usage': { readonly 'm365.activity.state': M365ActivityState };
  'm365.teams.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.teams.device.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.teams.team.detail.teams': { readonly 'm365.activity.state': M365ActivityState };
  'm365.viva_engage.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.viva_engage.device.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.viva_engage.group.detail.groups': { readonly 'm365.activity.state': M365ActivityState };
  'm365.copilot.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.report.age': { readonly 'm365.report.name': M365ReportName };
  'm365.skype.activities': { readonly 'm365.skype.activity': M365SkypeActivity };
  'm365.skype.active_users': { readonly 'm365.skype.activity': M365SkypeActivity };
  'm365.skype.device.active_users': { readonly 'm365.device.platform': M365DevicePlatform };
  'm365.skype.device.period_active_users': { readonly 'm365.device.platform': M365DevicePlatform };
  'm365.skype.organizer.conferences': { readonly 'm365.skype.modality': M365SkypeModality };
  'm365.skype.organizer.active_users': { readonly 'm365.skype.modality': M365SkypeModality };
  'm365.skype.organizer.minutes': { readonly 'm365.skype.modality': M365SkypeModality };
  'm365.skype.participant.conferences': { readonly 'm365.skype.modality': M365SkypeModality };
  'm365.skype.participant.active_users': { readonly 'm365.skype.modality': M365SkypeModality };
  'm365.skype.participant.minutes': { readonly 'm365.skype.modality': M365SkypeModality };
  'm365.skype.peer_to_peer.sessions': { readonly 'm365.skype.modality': M365SkypeModality };
  'm365.skype.peer_to_peer.active_users': { readonly 'm365.skype.modality': M365SkypeModality };
  'm365.skype.peer_to_peer.minutes': { readonly 'm365.skype.modality': M365SkypeModality };
  'm365.skype.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.skype.device.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.forms.created': { readonly [attribute: string]: never };
  'm365.forms.responses': { readonly 'm365.forms.response.kind': M365FormsResponseKind };
  'm365.forms.active_users': { readonly 'm365.forms.user.role': M365FormsUserRole };
  'm365.forms.detail.users': { readonly 'm365.activity.state': M365ActivityState };
  'm365.report.names_concealed': { readonly [attribute: string]: never };
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
  'm365.license.units': {
    readonly 'm365.license.sku': string;
    readonly 'm365.license.units.state': M365LicenseUnitsState;
  };
  'm365.license.utilization': { readonly 'm365.license.sku': string };
  'm365.license.sku.status': {
    readonly 'm365.license.sku': string;
    readonly 'm365.license.capability_status': Extensible<M365LicenseCapabilityStatus>;
  };
  'm365.subscription.count': {
    readonly 'm365.license.sku': string;
    readonly 'm365.subscription.status': Extensible<M365SubscriptionStatus>;
    readonly 'm365.subscription.trial': M365SubscriptionTrial;
  };
  'm365.subscription.lifecycle.remaining': {
    readonly 'm365.license.sku': string;
    readonly 'm365.subscription.id': string;
    readonly 'm365.subscription.status': Extensible<M365SubscriptionStatus>;
    readonly 'm365.subscription.trial': M365SubscriptionTrial;
  };
  'm365.app.credentials': {
    readonly 'm365.app.credential.type': M365AppCredentialType;
    readonly 'm365.app.credential.owner': M365AppCredentialOwner;
    readonly 'm365.app.credential.expiry': M365AppCredentialExpiry;
  };
  'm365.app.own_credential.remaining': { readonly 'm365.app.credential.type': M365AppCredentialType };
  'm365.directory.sync.enabled': { readonly [attribute: string]: never };
  'm365.directory.sync.age': { readonly 'm365.directory.sync.kind': M365DirectorySyncKind };
  'm365.directory.sync.feature.enabled': {
    readonly 'm365.directory.sync.feature': Extensible<M365DirectorySyncFeature>;
  };
  'm365.directory.provisioning_errors': {
    readonly 'm365.directory.provisioning_error.category': Extensible<M365DirectoryProvisioningErrorCategory>;
  };
  'm365.connect_health.services': {
    readonly 'm365.connect_health.service.type': Extensible<M365ConnectHealthServiceType>;
  };
  'm365.connect_health.alerts': {
    readonly 'm365.connect_health.service.type': Extensible<M365ConnectHealthServiceType>;
    readonly 'm365.connect_health.service.name': string;
    readonly 'm365.connect_health.alert.level': Extensible<M365ConnectHealthAlertLevel>;
  };
  'm365.risk.users': {
    readonly 'm365.risk.level': Extensible<M365RiskLevel>;
    readonly 'm365.risk.state': Extensible<M365RiskState>;
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
  'm365.call.records': { readonly 'm365.call.type': Extensible<M365CallType> };
  'm365.call.streams': {
    readonly 'm365.call.modality': Extensible<M365CallModality>;
    readonly 'm365.call.stream.direction': Extensible<M365CallStreamDirection>;
    readonly 'm365.call.stream.quality': M365CallStreamQuality;
  };
  'm365.call.stream.poor': {
    readonly 'm365.call.modality': Extensible<M365CallModality>;
    readonly 'm365.call.quality.metric': M365CallQualityMetric;
  };
  'm365.call.stream.jitter': { readonly 'm365.call.modality': Extensible<M365CallModality> };
  'm365.call.stream.packet_loss': { readonly 'm365.call.modality': Extensible<M365CallModality> };
  'm365.call.stream.round_trip': { readonly 'm365.call.modality': Extensible<M365CallModality> };
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
  'm365otel.call_quality.parts_skipped': { readonly 'm365otel.call_quality.part': M365otelCallQualityPart };
  'm365otel.state.commit_failures': { readonly [attribute: string]: never };
  'm365otel.state.errors': { readonly 'm365otel.state.operation': M365otelStateOperation };
  'm365otel.export.rejected': { readonly 'm365otel.signal': M365otelSignal };
  'm365otel.export.requests': {
    readonly 'm365otel.signal': M365otelSignal;
    readonly 'm365otel.outcome': ExportOutcome;
  };
  'm365otel.export.dropped': { readonly 'm365otel.signal': M365otelSignal };
  'm365otel.export.buffered': { readonly 'm365otel.signal': M365otelSignal };
  'm365otel.governance.polls': {
    readonly 'm365otel.governance.signal': M365otelGovernanceSignal;
    readonly 'm365otel.outcome': FetchOutcome;
  };
  'm365otel.governance.items_skipped': {
    readonly 'm365otel.governance.signal': M365otelGovernanceSignal;
    readonly 'm365otel.governance.skip_reason': M365otelGovernanceSkipReason;
  };
  'm365otel.http.requests': {
    readonly 'm365otel.api': M365otelApi;
    readonly 'm365otel.http.status_class': M365otelHttpStatusClass;
  };
  'm365otel.http.retries': {
    readonly 'm365otel.api': M365otelApi;
    readonly 'm365otel.http.retry_reason': M365otelHttpRetryReason;
  };
  'm365otel.http.throttle_wait': { readonly 'm365otel.api': M365otelApi };
  'm365otel.records': { readonly 'm365otel.record.source': M365otelRecordSource };
  'm365otel.source.last_success': {
    readonly 'm365otel.source': M365otelSource;
    readonly 'm365.audit.content_type'?: Extensible<M365AuditContentType>;
    readonly 'm365otel.governance.signal'?: M365otelGovernanceSignal;
  };
  'm365otel.source.staleness': {
    readonly 'm365otel.source': M365otelSource;
    readonly 'm365.audit.content_type'?: Extensible<M365AuditContentType>;
    readonly 'm365otel.governance.signal'?: M365otelGovernanceSignal;
  };
};

/** Each event's attribute set (a per-entity event's records add one per report column, by the naming rule). */
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
  'm365.report.user': {
    readonly 'm365.report.name': M365ReportName;
    readonly 'm365.report.date': string;
    readonly 'm365.report.names_concealed'?: boolean;
    readonly 'user.name'?: string;
    readonly 'user.full_name'?: string;
    readonly 'user.id'?: string;
  };
  'm365.report.mailbox': {
    readonly 'm365.report.name': M365ReportName;
    readonly 'm365.report.date': string;
    readonly 'm365.report.names_concealed'?: boolean;
    readonly 'user.name'?: string;
    readonly 'user.full_name'?: string;
  };
  'm365.report.site': {
    readonly 'm365.report.name': M365ReportName;
    readonly 'm365.report.date': string;
    readonly 'm365.report.names_concealed'?: boolean;
    readonly 'url.full'?: string;
    readonly 'm365.site.id'?: string;
    readonly 'm365.site.owner.name'?: string;
    readonly 'm365.site.owner.full_name'?: string;
  };
  'm365.report.account': {
    readonly 'm365.report.name': M365ReportName;
    readonly 'm365.report.date': string;
    readonly 'm365.report.names_concealed'?: boolean;
    readonly 'url.full'?: string;
    readonly 'm365.site.id'?: string;
    readonly 'm365.site.owner.name'?: string;
    readonly 'm365.site.owner.full_name'?: string;
  };
  'm365.report.group': {
    readonly 'm365.report.name': M365ReportName;
    readonly 'm365.report.date': string;
    readonly 'm365.report.names_concealed'?: boolean;
    readonly 'm365.group.name'?: string;
    readonly 'm365.group.id'?: string;
  };
  'm365.report.team': {
    readonly 'm365.report.name': M365ReportName;
    readonly 'm365.report.date': string;
    readonly 'm365.report.names_concealed'?: boolean;
    readonly 'm365.team.name'?: string;
    readonly 'm365.team.id'?: string;
  };
  'm365.app.credential': {
    readonly 'm365.app.id': string;
    readonly 'm365.app.name'?: string;
    readonly 'm365.app.credential.owner': M365AppCredentialOwner;
    readonly 'm365.app.credential.type': M365AppCredentialType;
    readonly 'm365.app.credential.key_id': string;
    readonly 'm365.app.credential.end_time': string;
    readonly 'm365.app.credential.expiry'?: M365AppCredentialExpiry;
  };
  'm365.risk.detection': {
    readonly 'm365.risk.detection.id': string;
    readonly 'm365.risk.event_type': string;
    readonly 'm365.risk.level': Extensible<M365RiskLevel>;
    readonly 'm365.risk.state': Extensible<M365RiskState>;
    readonly 'm365.risk.detection.source'?: string;
    readonly 'm365.risk.detection.timing'?: string;
    readonly 'user.id'?: string;
  };
  'm365.call.record': {
    readonly 'm365.call.id': string;
    readonly 'm365.call.type': Extensible<M365CallType>;
    readonly 'm365.call.modalities'?: string;
    readonly 'm365.call.poor_streams': number;
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
  'm365.report.user': { readonly [field: string]: never };
  'm365.report.mailbox': { readonly [field: string]: never };
  'm365.report.site': { readonly [field: string]: never };
  'm365.report.account': { readonly [field: string]: never };
  'm365.report.group': { readonly [field: string]: never };
  'm365.report.team': { readonly [field: string]: never };
  'm365.app.credential': {
    readonly objectId: unknown;
    readonly credentialName: unknown;
    readonly startDateTime: unknown;
  };
  'm365.risk.detection': {
    readonly userPrincipalName: unknown;
    readonly ipAddress: unknown;
    readonly location: unknown;
    readonly activityDateTime: unknown;
  };
  'm365.call.record': {
    readonly endDateTime: unknown;
    readonly version: unknown;
    readonly organizerId: unknown;
    readonly streams: unknown;
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
  'm365.report.date': {
    name: ATTR_M365_REPORT_DATE,
    description:
      "The day (YYYY-MM-DD) a per-entity report's row describes: its Report Refresh Date (the requested day when the report was asked for one day).",
    type: 'string',
    extensible: false,
  },
  'm365.report.names_concealed': {
    name: ATTR_M365_REPORT_NAMES_CONCEALED,
    description:
      "Whether the row's names are concealed (32 hexadecimal characters instead of the user, group or site name); left out when the row has no name.",
    type: 'bool',
    extensible: false,
  },
  'm365.activity.state': {
    name: ATTR_M365_ACTIVITY_STATE,
    description:
      "active: the entity's last activity falls within the report period ending on the Report Refresh Date; inactive: every other entity (no activity recorded included).",
    type: 'string',
    values: M365_ACTIVITY_STATE_VALUES,
    extensible: false,
  },
  'user.name': {
    name: ATTR_USER_NAME,
    description:
      "The user's user principal name (UPN), as the report sends it (OpenTelemetry's `user.name`).",
    type: 'string',
    extensible: false,
  },
  'user.full_name': {
    name: ATTR_USER_FULL_NAME,
    description: "The user's display name, as the report sends it (OpenTelemetry's `user.full_name`).",
    type: 'string',
    extensible: false,
  },
  'url.full': {
    name: ATTR_URL_FULL,
    description: "The site's URL, as the report sends it (OpenTelemetry's `url.full`).",
    type: 'string',
    extensible: false,
  },
  'm365.site.id': {
    name: ATTR_M365_SITE_ID,
    description: "The SharePoint site's ID.",
    type: 'string',
    extensible: false,
  },
  'm365.site.owner.name': {
    name: ATTR_M365_SITE_OWNER_NAME,
    description: "The user principal name of the site's or account's owner.",
    type: 'string',
    extensible: false,
  },
  'm365.site.owner.full_name': {
    name: ATTR_M365_SITE_OWNER_FULL_NAME,
    description: "The display name of the site's or account's owner.",
    type: 'string',
    extensible: false,
  },
  'm365.group.name': {
    name: ATTR_M365_GROUP_NAME,
    description: "The group's display name.",
    type: 'string',
    extensible: false,
  },
  'm365.group.id': {
    name: ATTR_M365_GROUP_ID,
    description: "The group's ID.",
    type: 'string',
    extensible: false,
  },
  'm365.team.name': {
    name: ATTR_M365_TEAM_NAME,
    description: "The team's name.",
    type: 'string',
    extensible: false,
  },
  'm365.team.id': {
    name: ATTR_M365_TEAM_ID,
    description: "The team's ID.",
    type: 'string',
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
  'm365.email.app': {
    name: ATTR_M365_EMAIL_APP,
    description: 'The email client or protocol users read mail with.',
    type: 'string',
    values: M365_EMAIL_APP_VALUES,
    extensible: false,
  },
  'm365.email.app.version': {
    name: ATTR_M365_EMAIL_APP_VERSION,
    description: 'The Outlook version users ran; undetermined: Microsoft could not tell.',
    type: 'string',
    values: M365_EMAIL_APP_VERSION_VALUES,
    extensible: false,
  },
  'm365.office.product': {
    name: ATTR_M365_OFFICE_PRODUCT,
    description:
      'The licensed product, as Microsoft names it (such as `MICROSOFT 365 APPS FOR ENTERPRISE`); a handful per tenant.',
    type: 'string',
    extensible: false,
  },
  'm365.office.license.state': {
    name: ATTR_M365_OFFICE_LICENSE_STATE,
    description:
      'assigned: users with the product assigned; activated: users who activated it; shared_computer_activation: users who activated it on a shared computer.',
    type: 'string',
    values: M365_OFFICE_LICENSE_STATE_VALUES,
    extensible: false,
  },
  'm365.device.platform': {
    name: ATTR_M365_DEVICE_PLATFORM,
    description: "The device platform or client kind the activity was seen on, in the report's own split.",
    type: 'string',
    values: M365_DEVICE_PLATFORM_VALUES,
    extensible: false,
  },
  'm365.workload': {
    name: ATTR_M365_WORKLOAD,
    description:
      'The Microsoft 365 service; microsoft_365: any of them. Skype for Business, retired, is left out: its columns stay empty and would keep every day from being complete.',
    type: 'string',
    values: M365_WORKLOAD_VALUES,
    extensible: false,
  },
  'm365.apps.app': {
    name: ATTR_M365_APPS_APP,
    description: 'The Microsoft 365 app.',
    type: 'string',
    values: M365_APPS_APP_VALUES,
    extensible: false,
  },
  'm365.group.activity': {
    name: ATTR_M365_GROUP_ACTIVITY,
    description: 'What happened in Microsoft 365 groups.',
    type: 'string',
    values: M365_GROUP_ACTIVITY_VALUES,
    extensible: false,
  },
  'm365.group.storage.location': {
    name: ATTR_M365_GROUP_STORAGE_LOCATION,
    description: "mailbox: the groups' mailboxes; site: the groups' SharePoint sites.",
    type: 'string',
    values: M365_GROUP_STORAGE_LOCATION_VALUES,
    extensible: false,
  },
  'm365.group.member.type': {
    name: ATTR_M365_GROUP_MEMBER_TYPE,
    description: 'member: members of the group; external: members from outside the organisation.',
    type: 'string',
    values: M365_GROUP_MEMBER_TYPE_VALUES,
    extensible: false,
  },
  'm365.content.action': {
    name: ATTR_M365_CONTENT_ACTION,
    description: 'What was done with files or pages.',
    type: 'string',
    values: M365_CONTENT_ACTION_VALUES,
    extensible: false,
  },
  'm365.site.type': {
    name: ATTR_M365_SITE_TYPE,
    description: "The kind of site, as the report's `Site Type` column says (`All` becomes all).",
    type: 'string',
    values: M365_SITE_TYPE_VALUES,
    extensible: true,
  },
  'm365.teams.message.kind': {
    name: ATTR_M365_TEAMS_MESSAGE_KIND,
    description:
      'team_chat: messages in team chats; private_chat: in private chats; post and reply: channel posts and replies; channel: channel messages; urgent: messages marked urgent.',
    type: 'string',
    values: M365_TEAMS_MESSAGE_KIND_VALUES,
    extensible: false,
  },
  'm365.teams.meeting.action': {
    name: ATTR_M365_TEAMS_MEETING_ACTION,
    description: 'organized: meetings the users organized; attended: meetings they attended.',
    type: 'string',
    values: M365_TEAMS_MEETING_ACTION_VALUES,
    extensible: false,
  },
  'm365.teams.media': {
    name: ATTR_M365_TEAMS_MEDIA,
    description: 'The kind of media in calls and meetings.',
    type: 'string',
    values: M365_TEAMS_MEDIA_VALUES,
    extensible: false,
  },
  'm365.teams.activity': {
    name: ATTR_M365_TEAMS_ACTIVITY,
    description: 'What the users did in Teams; other: any other action.',
    type: 'string',
    values: M365_TEAMS_ACTIVITY_VALUES,
    extensible: false,
  },
  'm365.teams.team.user.kind': {
    name: ATTR_M365_TEAMS_TEAM_USER_KIND,
    description:
      'all: every active user of the teams; guest: active guests; external: active users from other organisations.',
    type: 'string',
    values: M365_TEAMS_TEAM_USER_KIND_VALUES,
    extensible: false,
  },
  'm365.teams.channel.kind': {
    name: ATTR_M365_TEAMS_CHANNEL_KIND,
    description: 'all: every active channel; shared: active shared channels.',
    type: 'string',
    values: M365_TEAMS_CHANNEL_KIND_VALUES,
    extensible: false,
  },
  'm365.teams.team.type': {
    name: ATTR_M365_TEAMS_TEAM_TYPE,
    description: "The team's privacy.",
    type: 'string',
    values: M365_TEAMS_TEAM_TYPE_VALUES,
    extensible: false,
  },
  'm365.skype.activity': {
    name: ATTR_M365_SKYPE_ACTIVITY,
    description:
      'The kind of Skype for Business session: peer-to-peer, conferences organized or participated in.',
    type: 'string',
    values: M365_SKYPE_ACTIVITY_VALUES,
    extensible: false,
  },
  'm365.viva_engage.action': {
    name: ATTR_M365_VIVA_ENGAGE_ACTION,
    description: 'What was done with Viva Engage messages.',
    type: 'string',
    values: M365_VIVA_ENGAGE_ACTION_VALUES,
    extensible: false,
  },
  'm365.copilot.app': {
    name: ATTR_M365_COPILOT_APP,
    description: 'The app Microsoft 365 Copilot was used in; any: any of them.',
    type: 'string',
    values: M365_COPILOT_APP_VALUES,
    extensible: false,
  },
  'm365.copilot.user.state': {
    name: ATTR_M365_COPILOT_USER_STATE,
    description: 'enabled: users with Copilot enabled (licensed) for the app; active: users who used it.',
    type: 'string',
    values: M365_COPILOT_USER_STATE_VALUES,
    extensible: false,
  },
  'm365.skype.modality': {
    name: ATTR_M365_SKYPE_MODALITY,
    description: 'The kind of Skype for Business session or conference activity.',
    type: 'string',
    values: M365_SKYPE_MODALITY_VALUES,
    extensible: false,
  },
  'm365.forms.response.kind': {
    name: ATTR_M365_FORMS_RESPONSE_KIND,
    description: 'authenticated: responses from signed-in users; anonymous: the others.',
    type: 'string',
    values: M365_FORMS_RESPONSE_KIND_VALUES,
    extensible: false,
  },
  'm365.forms.user.role': {
    name: ATTR_M365_FORMS_USER_ROLE,
    description: 'designer: users who created forms; respondent: users who answered forms; any: either.',
    type: 'string',
    values: M365_FORMS_USER_ROLE_VALUES,
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
  'm365otel.call_quality.part': {
    name: ATTR_M365OTEL_CALL_QUALITY_PART,
    description:
      "The part of a Teams call record left out: the record in a list, or a session, segment, media or stream of a record read (Graph's names).",
    type: 'string',
    values: M365OTEL_CALL_QUALITY_PART_VALUES,
    extensible: false,
  },
  'm365otel.signal': {
    name: ATTR_M365OTEL_SIGNAL,
    description: 'The OTLP signal (metrics or logs) of the items or requests counted.',
    type: 'string',
    values: M365OTEL_SIGNAL_VALUES,
    extensible: false,
  },
  'export.outcome': {
    name: ATTR_M365OTEL_OUTCOME,
    description:
      'How the OTLP backend answered an export request: delivered (acknowledged in full), partial (a partial success: the rejected items are counted in m365otel.export.rejected and never sent again), retryable (connection refused or reset, no answer within OTEL_EXPORTER_OTLP_TIMEOUT, 408, 429, 5xx, or a retryable gRPC status: the export buffer keeps and retries the batch) or refused (any other answer, such as 400, 401, 403 or 413: never retried).',
    type: 'string',
    values: EXPORT_OUTCOME_VALUES,
    extensible: false,
  },
  'm365otel.governance.signal': {
    name: ATTR_M365OTEL_GOVERNANCE_SIGNAL,
    description:
      "The governance signal polled (a switch of the config's governance section, in snake_case), or call_quality.",
    type: 'string',
    values: M365OTEL_GOVERNANCE_SIGNAL_VALUES,
    extensible: false,
  },
  'event.name': {
    name: ATTR_EVENT_NAME,
    description:
      "The event name of the events counted, such as `m365.service.issue` (OpenTelemetry's `event.name`).",
    type: 'string',
    extensible: false,
  },
  'm365otel.state.operation': {
    name: ATTR_M365OTEL_STATE_OPERATION,
    description:
      'The state-store operation that failed: read (a state file could not be read), write (a commit the state directory refused; held in memory and written again), quarantine (a corrupt or truncated state file moved aside and its state rebuilt without re-announcing history).',
    type: 'string',
    values: M365OTEL_STATE_OPERATION_VALUES,
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
  'm365otel.api': {
    name: ATTR_M365OTEL_API,
    description:
      'The Microsoft API a request went to: Graph by client (`graph.reports`, `graph.report_download` for the pre-authenticated CSV host, `graph.service_health`, `graph.directory`, `graph.call_records`), `management` (the Management Activity API), `arm` (Azure Resource Manager) or `entra.token` (the token endpoint and its OpenID discovery).',
    type: 'string',
    values: M365OTEL_API_VALUES,
    extensible: false,
  },
  'm365otel.http.status_class': {
    name: ATTR_M365OTEL_HTTP_STATUS_CLASS,
    description:
      "The class of the answer's HTTP status (`2xx` takes the rare 1xx, `5xx` anything above 599), or `network` for a request that got no answer: refused, reset, a DNS or TLS failure, a timeout. A report function's answer is a 302 (the download location) or a 304 (unchanged): `3xx` is its success.",
    type: 'string',
    values: M365OTEL_HTTP_STATUS_CLASS_VALUES,
    extensible: false,
  },
  'm365otel.http.retry_reason': {
    name: ATTR_M365OTEL_HTTP_RETRY_REASON,
    description:
      "throttled: a 429, or the Management Activity API's 403 AF429; server_error: a 5xx; network: no answer (refused, reset, cut short); timeout: no answer in time (connect, headers or body), or a 408.",
    type: 'string',
    values: M365OTEL_HTTP_RETRY_REASON_VALUES,
    extensible: false,
  },
  'm365otel.record.source': {
    name: ATTR_M365OTEL_RECORD_SOURCE,
    description:
      "The source whose records were processed: audit (audit records delivered), call_quality (call records read), governance (a governance signal's log records delivered), report_entities (a per-entity report's log records delivered).",
    type: 'string',
    values: M365OTEL_RECORD_SOURCE_VALUES,
    extensible: false,
  },
  'm365otel.governance.skip_reason': {
    name: ATTR_M365OTEL_GOVERNANCE_SKIP_REASON,
    description:
      'malformed_item: Microsoft sent an item without a field it cannot do without (or of the wrong type), left out whole; unreadable_field: a field of an item could not be read, what it feeds is left out and the rest mapped.',
    type: 'string',
    values: M365OTEL_GOVERNANCE_SKIP_REASON_VALUES,
    extensible: false,
  },
  'm365otel.source': {
    name: ATTR_M365OTEL_SOURCE,
    description:
      'The kind of source a point describes, as the health endpoint names its sources: reports (all report functions of the tenant), service_health, audit (one stream per content type, which `m365.audit.content_type` names), governance (one per signal, which `m365otel.governance.signal` names) or call_quality.',
    type: 'string',
    values: M365OTEL_SOURCE_VALUES,
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
      "The user. In an audit record, its `UserId`: the user's UPN, a system account such as `NT AUTHORITY\\SYSTEM`, or an app such as `app@sharepoint`; in a report row, the `User Id` column (the Entra object ID); in a risk detection, its `userId` (the Entra object ID).",
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
  'm365.license.sku': {
    name: ATTR_M365_LICENSE_SKU,
    description:
      "The SKU's part number as Microsoft names it (`skuPartNumber`), such as `ENTERPRISEPREMIUM`; a handful per tenant.",
    type: 'string',
    extensible: false,
  },
  'm365.license.units.state': {
    name: ATTR_M365_LICENSE_UNITS_STATE,
    description:
      "consumed: licences assigned; enabled, suspended, warning and locked_out: the SKU's prepaid units in that state (`prepaidUnits`).",
    type: 'string',
    values: M365_LICENSE_UNITS_STATE_VALUES,
    extensible: false,
  },
  'm365.license.capability_status': {
    name: ATTR_M365_LICENSE_CAPABILITY_STATUS,
    description: "The SKU's `capabilityStatus`, as Microsoft spells it.",
    type: 'string',
    values: M365_LICENSE_CAPABILITY_STATUS_VALUES,
    extensible: true,
  },
  'm365.subscription.status': {
    name: ATTR_M365_SUBSCRIPTION_STATUS,
    description: "The commercial subscription's `status`, as Microsoft spells it.",
    type: 'string',
    values: M365_SUBSCRIPTION_STATUS_VALUES,
    extensible: true,
  },
  'm365.subscription.trial': {
    name: ATTR_M365_SUBSCRIPTION_TRIAL,
    description: 'true: the subscription is a free trial (`isTrial`); false: it is paid for.',
    type: 'string',
    values: M365_SUBSCRIPTION_TRIAL_VALUES,
    extensible: false,
  },
  'm365.subscription.id': {
    name: ATTR_M365_SUBSCRIPTION_ID,
    description: "The commercial subscription's ID; a handful per tenant.",
    type: 'string',
    extensible: false,
  },
  'm365.app.credential.type': {
    name: ATTR_M365_APP_CREDENTIAL_TYPE,
    description:
      'password: a client secret (`passwordCredentials`); certificate: a certificate (`keyCredentials`).',
    type: 'string',
    values: M365_APP_CREDENTIAL_TYPE_VALUES,
    extensible: false,
  },
  'm365.app.credential.owner': {
    name: ATTR_M365_APP_CREDENTIAL_OWNER,
    description: 'Where the credential is registered: on the application object, or on a service principal.',
    type: 'string',
    values: M365_APP_CREDENTIAL_OWNER_VALUES,
    extensible: false,
  },
  'm365.app.credential.expiry': {
    name: ATTR_M365_APP_CREDENTIAL_EXPIRY,
    description:
      "How far the credential's end is from the poll: expired (ended), within_7_days (ends within 7 days), within_30_days (ends in more than 7 and at most 30 days), later.",
    type: 'string',
    values: M365_APP_CREDENTIAL_EXPIRY_VALUES,
    extensible: false,
  },
  'm365.app.id': {
    name: ATTR_M365_APP_ID,
    description: 'The application (client) ID the credential belongs to (`appId`).',
    type: 'string',
    extensible: false,
  },
  'm365.app.name': {
    name: ATTR_M365_APP_NAME,
    description: 'The display name of the application or service principal.',
    type: 'string',
    extensible: false,
  },
  'm365.app.credential.key_id': {
    name: ATTR_M365_APP_CREDENTIAL_KEY_ID,
    description: "The credential's `keyId` (a GUID).",
    type: 'string',
    extensible: false,
  },
  'm365.app.credential.end_time': {
    name: ATTR_M365_APP_CREDENTIAL_END_TIME,
    description: 'When the credential ends (ISO 8601 date and time as Microsoft sends it).',
    type: 'string',
    extensible: false,
  },
  'm365.directory.sync.kind': {
    name: ATTR_M365_DIRECTORY_SYNC_KIND,
    description:
      'objects: the last directory synchronization (`onPremisesLastSyncDateTime`); password: the last password hash synchronization (`onPremisesLastPasswordSyncDateTime`).',
    type: 'string',
    values: M365_DIRECTORY_SYNC_KIND_VALUES,
    extensible: false,
  },
  'm365.directory.sync.feature': {
    name: ATTR_M365_DIRECTORY_SYNC_FEATURE,
    description:
      'A feature flag of `onPremisesDirectorySynchronizationFeature`, its name in snake_case without `Enabled` (`passwordSyncEnabled` is password_sync).',
    type: 'string',
    values: M365_DIRECTORY_SYNC_FEATURE_VALUES,
    extensible: true,
  },
  'm365.directory.provisioning_error.category': {
    name: ATTR_M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY,
    description:
      "The `category` of a user's on-premises provisioning error, as Microsoft spells it (PropertyConflict: a property value is not unique).",
    type: 'string',
    values: M365_DIRECTORY_PROVISIONING_ERROR_CATEGORY_VALUES,
    extensible: true,
  },
  'm365.connect_health.service.type': {
    name: ATTR_M365_CONNECT_HEALTH_SERVICE_TYPE,
    description:
      'The kind of service Microsoft Entra Connect Health monitors: AD FS, Entra Connect sync, or AD DS.',
    type: 'string',
    values: M365_CONNECT_HEALTH_SERVICE_TYPE_VALUES,
    extensible: true,
  },
  'm365.connect_health.service.name': {
    name: ATTR_M365_CONNECT_HEALTH_SERVICE_NAME,
    description: "The Connect Health service's `serviceName`; a handful per tenant.",
    type: 'string',
    extensible: false,
  },
  'm365.connect_health.alert.level': {
    name: ATTR_M365_CONNECT_HEALTH_ALERT_LEVEL,
    description: "The alert's `level`, as Microsoft spells it.",
    type: 'string',
    values: M365_CONNECT_HEALTH_ALERT_LEVEL_VALUES,
    extensible: true,
  },
  'm365.risk.level': {
    name: ATTR_M365_RISK_LEVEL,
    description: "Identity Protection's `riskLevel`, as Microsoft spells it.",
    type: 'string',
    values: M365_RISK_LEVEL_VALUES,
    extensible: true,
  },
  'm365.risk.state': {
    name: ATTR_M365_RISK_STATE,
    description: "Identity Protection's `riskState`, as Microsoft spells it.",
    type: 'string',
    values: M365_RISK_STATE_VALUES,
    extensible: true,
  },
  'm365.risk.detection.id': {
    name: ATTR_M365_RISK_DETECTION_ID,
    description: "The risk detection's `id`.",
    type: 'string',
    extensible: false,
  },
  'm365.risk.event_type': {
    name: ATTR_M365_RISK_EVENT_TYPE,
    description:
      'The kind of risk detected (`riskEventType`), such as `unfamiliarFeatures` or `anonymizedIPAddress`.',
    type: 'string',
    extensible: false,
  },
  'm365.risk.detection.source': {
    name: ATTR_M365_RISK_DETECTION_SOURCE,
    description: 'What detected the risk (`source`), such as `IdentityProtection`.',
    type: 'string',
    extensible: false,
  },
  'm365.risk.detection.timing': {
    name: ATTR_M365_RISK_DETECTION_TIMING,
    description:
      'When the risk was detected relative to the sign-in (`detectionTimingType`): realtime, nearRealtime, offline.',
    type: 'string',
    extensible: false,
  },
  'm365.call.id': {
    name: ATTR_M365_CALL_ID,
    description: "The call record's `id`.",
    type: 'string',
    extensible: false,
  },
  'm365.call.type': {
    name: ATTR_M365_CALL_TYPE,
    description: "The call record's `type`, as Microsoft spells it.",
    type: 'string',
    values: M365_CALL_TYPE_VALUES,
    extensible: true,
  },
  'm365.call.modalities': {
    name: ATTR_M365_CALL_MODALITIES,
    description: "The call's modalities (`modalities`), joined with `, `.",
    type: 'string',
    extensible: false,
  },
  'm365.call.poor_streams': {
    name: ATTR_M365_CALL_POOR_STREAMS,
    description: "The number of the call's streams rated poor (see `m365.call.stream.quality`).",
    type: 'int',
    extensible: false,
  },
  'm365.call.modality': {
    name: ATTR_M365_CALL_MODALITY,
    description:
      "The stream's media, in Graph's modality vocabulary: from its media's label (`main-audio` is audio, `main-video` video, `applicationsharing-video` videoBasedScreenSharing, `data` data), else the session's modality when it has only one; unknown when neither tells.",
    type: 'string',
    values: M365_CALL_MODALITY_VALUES,
    extensible: true,
  },
  'm365.call.stream.direction': {
    name: ATTR_M365_CALL_STREAM_DIRECTION,
    description: "The stream's `streamDirection`, as Microsoft spells it.",
    type: 'string',
    values: M365_CALL_STREAM_DIRECTION_VALUES,
    extensible: true,
  },
  'm365.call.stream.quality': {
    name: ATTR_M365_CALL_STREAM_QUALITY,
    description:
      "poor: at least one of the stream's averages breaks a threshold of the Call Quality Dashboard's audio classifier (jitter above 30 ms, packet loss rate above 0.1, round trip above 500 ms); good: none does; unrated: the stream has none of the three averages.",
    type: 'string',
    values: M365_CALL_STREAM_QUALITY_VALUES,
    extensible: false,
  },
  'm365.call.quality.metric': {
    name: ATTR_M365_CALL_QUALITY_METRIC,
    description: 'The average that broke its threshold: jitter, packet_loss or round_trip.',
    type: 'string',
    values: M365_CALL_QUALITY_METRIC_VALUES,
    extensible: false,
  },
} as const satisfies Record<string, AttributeDefinition>;

/** The Resource attributes of every catalog metric and event (one Resource per tenant). */
export const RESOURCE_ATTRIBUTES: readonly AttributeUse[] = [
  {
    attribute: {
      name: ATTR_M365_TENANT_ID,
      description: 'The Microsoft Entra tenant (directory) ID the data belongs to.',
      type: 'string',
      extensible: false,
    },
    presence: 'always',
  },
  {
    attribute: {
      name: ATTR_M365_TENANT_NAME,
      description: "The tenant's display name (`displayName` of `organization`).",
      type: 'string',
      extensible: false,
    },
    presence: 'when set',
  },
  {
    attribute: {
      name: ATTR_M365_TENANT_TYPE,
      description:
        "The tenant's `tenantType` as Microsoft sends it: `AAD` for a workforce tenant, `AAD B2C`, `CIAM`.",
      type: 'string',
      extensible: false,
    },
    presence: 'when set',
  },
  {
    attribute: {
      name: ATTR_M365_TENANT_DOMAIN,
      description: "The tenant's default verified domain (the `verifiedDomains` entry with `isDefault`).",
      type: 'string',
      extensible: false,
    },
    presence: 'when set',
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
    source: {
      kind: 'report',
      report: 'getEmailActivityCounts',
      columns: ['Send', 'Receive', 'Read'],
      series: [
        { attributes: { 'm365.email.action': 'sent' }, terms: [{ column: 'Send', sign: 1 }] },
        { attributes: { 'm365.email.action': 'received' }, terms: [{ column: 'Receive', sign: 1 }] },
        { attributes: { 'm365.email.action': 'read' }, terms: [{ column: 'Read', sign: 1 }] },
      ],
    },
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
    source: {
      kind: 'report',
      report: 'getEmailActivityUserCounts',
      columns: ['Send', 'Receive', 'Read'],
      series: [
        { attributes: { 'm365.email.action': 'sent' }, terms: [{ column: 'Send', sign: 1 }] },
        { attributes: { 'm365.email.action': 'received' }, terms: [{ column: 'Receive', sign: 1 }] },
        { attributes: { 'm365.email.action': 'read' }, terms: [{ column: 'Read', sign: 1 }] },
      ],
    },
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
      series: [
        {
          attributes: { 'm365.email.meeting.action': 'created' },
          terms: [{ column: 'Meeting Created', sign: 1 }],
        },
        {
          attributes: { 'm365.email.meeting.action': 'interacted' },
          terms: [{ column: 'Meeting Interacted', sign: 1 }],
        },
      ],
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
      series: [
        { attributes: { 'm365.mailbox.state': 'active' }, terms: [{ column: 'Active', sign: 1 }] },
        {
          attributes: { 'm365.mailbox.state': 'inactive' },
          terms: [
            { column: 'Total', sign: 1 },
            { column: 'Active', sign: -1 },
          ],
        },
      ],
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
      series: [
        {
          attributes: { 'm365.mailbox.quota.status': 'under_limit' },
          terms: [{ column: 'Under Limit', sign: 1 }],
        },
        {
          attributes: { 'm365.mailbox.quota.status': 'warning_issued' },
          terms: [{ column: 'Warning Issued', sign: 1 }],
        },
        {
          attributes: { 'm365.mailbox.quota.status': 'send_prohibited' },
          terms: [{ column: 'Send Prohibited', sign: 1 }],
        },
        {
          attributes: { 'm365.mailbox.quota.status': 'send_receive_prohibited' },
          terms: [{ column: 'Send/Receive Prohibited', sign: 1 }],
        },
        {
          attributes: { 'm365.mailbox.quota.status': 'indeterminate' },
          terms: [{ column: 'Indeterminate', sign: 1 }],
        },
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
    source: {
      kind: 'report',
      report: 'getMailboxUsageStorage',
      columns: ['Storage Used (Byte)'],
      series: [{ attributes: {}, terms: [{ column: 'Storage Used (Byte)', sign: 1 }] }],
    },
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
      series: [
        { attributes: { 'm365.mailbox.item.state': 'present' }, terms: [{ column: 'Item Count', sign: 1 }] },
        {
          attributes: { 'm365.mailbox.item.state': 'deleted' },
          terms: [{ column: 'Deleted Item Count', sign: 1 }],
        },
      ],
      aggregate: { skipDeleted: true },
    },
  },
  {
    name: METRIC_M365_EMAIL_APP_ACTIVE_USERS,
    description: 'Users who read mail on the reported day, by email client; a user counts once per client.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.email.app'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getEmailAppUsageUserCounts',
      columns: [
        'Mail For Mac',
        'Outlook For Mac',
        'Outlook For Windows',
        'Outlook For Mobile',
        'Other For Mobile',
        'Outlook For Web',
        'POP3 App',
        'IMAP4 App',
        'SMTP App',
      ],
      series: [
        { attributes: { 'm365.email.app': 'mail_for_mac' }, terms: [{ column: 'Mail For Mac', sign: 1 }] },
        {
          attributes: { 'm365.email.app': 'outlook_for_mac' },
          terms: [{ column: 'Outlook For Mac', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app': 'outlook_for_windows' },
          terms: [{ column: 'Outlook For Windows', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app': 'outlook_for_mobile' },
          terms: [{ column: 'Outlook For Mobile', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app': 'other_for_mobile' },
          terms: [{ column: 'Other For Mobile', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app': 'outlook_for_web' },
          terms: [{ column: 'Outlook For Web', sign: 1 }],
        },
        { attributes: { 'm365.email.app': 'pop3_app' }, terms: [{ column: 'POP3 App', sign: 1 }] },
        { attributes: { 'm365.email.app': 'imap4_app' }, terms: [{ column: 'IMAP4 App', sign: 1 }] },
        { attributes: { 'm365.email.app': 'smtp_app' }, terms: [{ column: 'SMTP App', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_EMAIL_APP_PERIOD_ACTIVE_USERS,
    description: 'Users who read mail at least once in the report period, by email client.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.email.app'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getEmailAppUsageAppsUserCounts',
      columns: [
        'Mail For Mac',
        'Outlook For Mac',
        'Outlook For Windows',
        'Outlook For Mobile',
        'Other For Mobile',
        'Outlook For Web',
        'POP3 App',
        'IMAP4 App',
        'SMTP App',
      ],
      series: [
        { attributes: { 'm365.email.app': 'mail_for_mac' }, terms: [{ column: 'Mail For Mac', sign: 1 }] },
        {
          attributes: { 'm365.email.app': 'outlook_for_mac' },
          terms: [{ column: 'Outlook For Mac', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app': 'outlook_for_windows' },
          terms: [{ column: 'Outlook For Windows', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app': 'outlook_for_mobile' },
          terms: [{ column: 'Outlook For Mobile', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app': 'other_for_mobile' },
          terms: [{ column: 'Other For Mobile', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app': 'outlook_for_web' },
          terms: [{ column: 'Outlook For Web', sign: 1 }],
        },
        { attributes: { 'm365.email.app': 'pop3_app' }, terms: [{ column: 'POP3 App', sign: 1 }] },
        { attributes: { 'm365.email.app': 'imap4_app' }, terms: [{ column: 'IMAP4 App', sign: 1 }] },
        { attributes: { 'm365.email.app': 'smtp_app' }, terms: [{ column: 'SMTP App', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_EMAIL_APP_VERSION_PERIOD_ACTIVE_USERS,
    description: 'Users who read mail with Outlook in the report period, by Outlook version.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.email.app.version'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getEmailAppUsageVersionsUserCounts',
      columns: [
        'Outlook M365',
        'Outlook 2019',
        'Outlook 2016',
        'Outlook 2013',
        'Outlook 2010',
        'Outlook 2007',
        'Undetermined',
      ],
      series: [
        {
          attributes: { 'm365.email.app.version': 'outlook_m365' },
          terms: [{ column: 'Outlook M365', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app.version': 'outlook_2019' },
          terms: [{ column: 'Outlook 2019', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app.version': 'outlook_2016' },
          terms: [{ column: 'Outlook 2016', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app.version': 'outlook_2013' },
          terms: [{ column: 'Outlook 2013', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app.version': 'outlook_2010' },
          terms: [{ column: 'Outlook 2010', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app.version': 'outlook_2007' },
          terms: [{ column: 'Outlook 2007', sign: 1 }],
        },
        {
          attributes: { 'm365.email.app.version': 'undetermined' },
          terms: [{ column: 'Undetermined', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_OFFICE_ACTIVATIONS,
    description: 'Activations of Microsoft 365 apps, by product and platform, as of the refresh date.',
    unit: '{activation}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.office.product'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.device.platform'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getOffice365ActivationCounts',
      columns: ['Windows', 'Mac', 'Android', 'iOS', 'Windows 10 Mobile', 'Product Type'],
      series: [
        { attributes: { 'm365.device.platform': 'windows' }, terms: [{ column: 'Windows', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'mac' }, terms: [{ column: 'Mac', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'android' }, terms: [{ column: 'Android', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'ios' }, terms: [{ column: 'iOS', sign: 1 }] },
        {
          attributes: { 'm365.device.platform': 'windows_10_mobile' },
          terms: [{ column: 'Windows 10 Mobile', sign: 1 }],
        },
      ],
      category: { column: 'Product Type', attribute: 'm365.office.product' },
    },
  },
  {
    name: METRIC_M365_OFFICE_LICENSE_USERS,
    description:
      'Users with each product assigned, and those who activated it (on a shared computer included), as of the refresh date.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.office.product'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.office.license.state'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getOffice365ActivationsUserCounts',
      columns: ['Assigned', 'Activated', 'Shared Computer Activation', 'Product Type'],
      series: [
        { attributes: { 'm365.office.license.state': 'assigned' }, terms: [{ column: 'Assigned', sign: 1 }] },
        {
          attributes: { 'm365.office.license.state': 'activated' },
          terms: [{ column: 'Activated', sign: 1 }],
        },
        {
          attributes: { 'm365.office.license.state': 'shared_computer_activation' },
          terms: [{ column: 'Shared Computer Activation', sign: 1 }],
        },
      ],
      category: { column: 'Product Type', attribute: 'm365.office.product' },
    },
  },
  {
    name: METRIC_M365_WORKLOAD_ACTIVE_USERS,
    description:
      'Users active in each Microsoft 365 service on the reported day; microsoft_365 counts users active in any.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.workload'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOffice365ActiveUserCounts',
      columns: ['Office 365', 'Exchange', 'OneDrive', 'SharePoint', 'Yammer', 'Teams'],
      series: [
        { attributes: { 'm365.workload': 'microsoft_365' }, terms: [{ column: 'Office 365', sign: 1 }] },
        { attributes: { 'm365.workload': 'exchange' }, terms: [{ column: 'Exchange', sign: 1 }] },
        { attributes: { 'm365.workload': 'onedrive' }, terms: [{ column: 'OneDrive', sign: 1 }] },
        { attributes: { 'm365.workload': 'sharepoint' }, terms: [{ column: 'SharePoint', sign: 1 }] },
        { attributes: { 'm365.workload': 'viva_engage' }, terms: [{ column: 'Yammer', sign: 1 }] },
        { attributes: { 'm365.workload': 'teams' }, terms: [{ column: 'Teams', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_WORKLOAD_PERIOD_USERS,
    description: 'Licensed users of each service, active or not in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.workload'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getOffice365ServicesUserCounts',
      columns: [
        'Office 365 Active',
        'Office 365 Inactive',
        'Exchange Active',
        'Exchange Inactive',
        'OneDrive Active',
        'OneDrive Inactive',
        'SharePoint Active',
        'SharePoint Inactive',
        'Yammer Active',
        'Yammer Inactive',
        'Teams Active',
        'Teams Inactive',
      ],
      series: [
        {
          attributes: { 'm365.workload': 'microsoft_365', 'm365.activity.state': 'active' },
          terms: [{ column: 'Office 365 Active', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'microsoft_365', 'm365.activity.state': 'inactive' },
          terms: [{ column: 'Office 365 Inactive', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'exchange', 'm365.activity.state': 'active' },
          terms: [{ column: 'Exchange Active', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'exchange', 'm365.activity.state': 'inactive' },
          terms: [{ column: 'Exchange Inactive', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'onedrive', 'm365.activity.state': 'active' },
          terms: [{ column: 'OneDrive Active', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'onedrive', 'm365.activity.state': 'inactive' },
          terms: [{ column: 'OneDrive Inactive', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'sharepoint', 'm365.activity.state': 'active' },
          terms: [{ column: 'SharePoint Active', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'sharepoint', 'm365.activity.state': 'inactive' },
          terms: [{ column: 'SharePoint Inactive', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'viva_engage', 'm365.activity.state': 'active' },
          terms: [{ column: 'Yammer Active', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'viva_engage', 'm365.activity.state': 'inactive' },
          terms: [{ column: 'Yammer Inactive', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'teams', 'm365.activity.state': 'active' },
          terms: [{ column: 'Teams Active', sign: 1 }],
        },
        {
          attributes: { 'm365.workload': 'teams', 'm365.activity.state': 'inactive' },
          terms: [{ column: 'Teams Inactive', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_APPS_ACTIVE_USERS,
    description: 'Users of each Microsoft 365 app on the reported day.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.apps.app'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getM365AppUserCounts',
      columns: ['Outlook', 'Word', 'Excel', 'PowerPoint', 'OneNote', 'Teams'],
      series: [
        { attributes: { 'm365.apps.app': 'outlook' }, terms: [{ column: 'Outlook', sign: 1 }] },
        { attributes: { 'm365.apps.app': 'word' }, terms: [{ column: 'Word', sign: 1 }] },
        { attributes: { 'm365.apps.app': 'excel' }, terms: [{ column: 'Excel', sign: 1 }] },
        { attributes: { 'm365.apps.app': 'powerpoint' }, terms: [{ column: 'PowerPoint', sign: 1 }] },
        { attributes: { 'm365.apps.app': 'onenote' }, terms: [{ column: 'OneNote', sign: 1 }] },
        { attributes: { 'm365.apps.app': 'teams' }, terms: [{ column: 'Teams', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_APPS_PLATFORM_ACTIVE_USERS,
    description: 'Users of the Microsoft 365 apps on the reported day, by platform.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.device.platform'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getM365AppPlatformUserCounts',
      columns: ['Windows', 'Mac', 'Mobile', 'Web'],
      series: [
        { attributes: { 'm365.device.platform': 'windows' }, terms: [{ column: 'Windows', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'mac' }, terms: [{ column: 'Mac', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'mobile' }, terms: [{ column: 'Mobile', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'web' }, terms: [{ column: 'Web', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_GROUP_ACTIVITIES,
    description:
      'Emails received and Viva Engage messages posted, read and liked in Microsoft 365 groups on the reported day.',
    unit: '{activity}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.group.activity'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOffice365GroupsActivityCounts',
      columns: [
        'Exchange Emails Received',
        'Yammer Messages Posted',
        'Yammer Messages Read',
        'Yammer Messages Liked',
      ],
      series: [
        {
          attributes: { 'm365.group.activity': 'exchange_email_received' },
          terms: [{ column: 'Exchange Emails Received', sign: 1 }],
        },
        {
          attributes: { 'm365.group.activity': 'viva_engage_message_posted' },
          terms: [{ column: 'Yammer Messages Posted', sign: 1 }],
        },
        {
          attributes: { 'm365.group.activity': 'viva_engage_message_read' },
          terms: [{ column: 'Yammer Messages Read', sign: 1 }],
        },
        {
          attributes: { 'm365.group.activity': 'viva_engage_message_liked' },
          terms: [{ column: 'Yammer Messages Liked', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_GROUP_COUNT,
    description:
      'Microsoft 365 groups on the reported day, by activity. A row whose Active exceeds Total is rejected.',
    unit: '{group}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOffice365GroupsActivityGroupCounts',
      columns: ['Active', 'Total'],
      series: [
        { attributes: { 'm365.activity.state': 'active' }, terms: [{ column: 'Active', sign: 1 }] },
        {
          attributes: { 'm365.activity.state': 'inactive' },
          terms: [
            { column: 'Total', sign: 1 },
            { column: 'Active', sign: -1 },
          ],
        },
      ],
    },
  },
  {
    name: METRIC_M365_GROUP_STORAGE_USAGE,
    description: "Storage used by the groups' mailboxes and sites on the reported day.",
    unit: 'By',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.group.storage.location'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOffice365GroupsActivityStorage',
      columns: ['Mailbox Storage Used (Byte)', 'Site Storage Used (Byte)'],
      series: [
        {
          attributes: { 'm365.group.storage.location': 'mailbox' },
          terms: [{ column: 'Mailbox Storage Used (Byte)', sign: 1 }],
        },
        {
          attributes: { 'm365.group.storage.location': 'site' },
          terms: [{ column: 'Site Storage Used (Byte)', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_GROUP_FILES,
    description: "Files in the groups' sites on the reported day, by activity.",
    unit: '{file}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOffice365GroupsActivityFileCounts',
      columns: ['Active', 'Total'],
      series: [
        { attributes: { 'm365.activity.state': 'active' }, terms: [{ column: 'Active', sign: 1 }] },
        {
          attributes: { 'm365.activity.state': 'inactive' },
          terms: [
            { column: 'Total', sign: 1 },
            { column: 'Active', sign: -1 },
          ],
        },
      ],
    },
  },
  {
    name: METRIC_M365_ONEDRIVE_ACTIVE_USERS,
    description:
      'Users who viewed or edited, synced or shared OneDrive files on the reported day; a user counts once per action.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.content.action'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOneDriveActivityUserCounts',
      columns: ['Viewed Or Edited', 'Synced', 'Shared Internally', 'Shared Externally'],
      series: [
        {
          attributes: { 'm365.content.action': 'viewed_or_edited' },
          terms: [{ column: 'Viewed Or Edited', sign: 1 }],
        },
        { attributes: { 'm365.content.action': 'synced' }, terms: [{ column: 'Synced', sign: 1 }] },
        {
          attributes: { 'm365.content.action': 'shared_internally' },
          terms: [{ column: 'Shared Internally', sign: 1 }],
        },
        {
          attributes: { 'm365.content.action': 'shared_externally' },
          terms: [{ column: 'Shared Externally', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_ONEDRIVE_ACTIVE_FILES,
    description: 'OneDrive files viewed or edited, synced or shared on the reported day.',
    unit: '{file}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.content.action'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOneDriveActivityFileCounts',
      columns: ['Viewed Or Edited', 'Synced', 'Shared Internally', 'Shared Externally'],
      series: [
        {
          attributes: { 'm365.content.action': 'viewed_or_edited' },
          terms: [{ column: 'Viewed Or Edited', sign: 1 }],
        },
        { attributes: { 'm365.content.action': 'synced' }, terms: [{ column: 'Synced', sign: 1 }] },
        {
          attributes: { 'm365.content.action': 'shared_internally' },
          terms: [{ column: 'Shared Internally', sign: 1 }],
        },
        {
          attributes: { 'm365.content.action': 'shared_externally' },
          terms: [{ column: 'Shared Externally', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_ONEDRIVE_ACCOUNTS,
    description:
      'OneDrive accounts on the reported day, by activity. A row whose Active exceeds Total is rejected.',
    unit: '{account}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.site.type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getOneDriveUsageAccountCounts',
      columns: ['Active', 'Total', 'Site Type'],
      series: [
        { attributes: { 'm365.activity.state': 'active' }, terms: [{ column: 'Active', sign: 1 }] },
        {
          attributes: { 'm365.activity.state': 'inactive' },
          terms: [
            { column: 'Total', sign: 1 },
            { column: 'Active', sign: -1 },
          ],
        },
      ],
      category: {
        column: 'Site Type',
        attribute: 'm365.site.type',
        values: { All: 'all', OneDrive: 'onedrive' },
      },
    },
  },
  {
    name: METRIC_M365_ONEDRIVE_FILES,
    description: 'Files in OneDrive accounts on the reported day, by activity.',
    unit: '{file}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.site.type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getOneDriveUsageFileCounts',
      columns: ['Active', 'Total', 'Site Type'],
      series: [
        { attributes: { 'm365.activity.state': 'active' }, terms: [{ column: 'Active', sign: 1 }] },
        {
          attributes: { 'm365.activity.state': 'inactive' },
          terms: [
            { column: 'Total', sign: 1 },
            { column: 'Active', sign: -1 },
          ],
        },
      ],
      category: {
        column: 'Site Type',
        attribute: 'm365.site.type',
        values: { All: 'all', OneDrive: 'onedrive' },
      },
    },
  },
  {
    name: METRIC_M365_ONEDRIVE_STORAGE_USAGE,
    description: 'Storage used by OneDrive accounts on the reported day.',
    unit: 'By',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.site.type'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOneDriveUsageStorage',
      columns: ['Storage Used (Byte)', 'Site Type'],
      series: [{ attributes: {}, terms: [{ column: 'Storage Used (Byte)', sign: 1 }] }],
      category: {
        column: 'Site Type',
        attribute: 'm365.site.type',
        values: { All: 'all', OneDrive: 'onedrive' },
      },
    },
  },
  {
    name: METRIC_M365_SHAREPOINT_ACTIVE_USERS,
    description:
      'Users who visited pages, or viewed or edited, synced or shared SharePoint files on the reported day.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.content.action'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSharePointActivityUserCounts',
      columns: ['Visited Page', 'Viewed Or Edited', 'Synced', 'Shared Internally', 'Shared Externally'],
      series: [
        {
          attributes: { 'm365.content.action': 'visited_page' },
          terms: [{ column: 'Visited Page', sign: 1 }],
        },
        {
          attributes: { 'm365.content.action': 'viewed_or_edited' },
          terms: [{ column: 'Viewed Or Edited', sign: 1 }],
        },
        { attributes: { 'm365.content.action': 'synced' }, terms: [{ column: 'Synced', sign: 1 }] },
        {
          attributes: { 'm365.content.action': 'shared_internally' },
          terms: [{ column: 'Shared Internally', sign: 1 }],
        },
        {
          attributes: { 'm365.content.action': 'shared_externally' },
          terms: [{ column: 'Shared Externally', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SHAREPOINT_ACTIVE_FILES,
    description: 'SharePoint files viewed or edited, synced or shared on the reported day.',
    unit: '{file}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.content.action'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSharePointActivityFileCounts',
      columns: ['Viewed Or Edited', 'Synced', 'Shared Internally', 'Shared Externally'],
      series: [
        {
          attributes: { 'm365.content.action': 'viewed_or_edited' },
          terms: [{ column: 'Viewed Or Edited', sign: 1 }],
        },
        { attributes: { 'm365.content.action': 'synced' }, terms: [{ column: 'Synced', sign: 1 }] },
        {
          attributes: { 'm365.content.action': 'shared_internally' },
          terms: [{ column: 'Shared Internally', sign: 1 }],
        },
        {
          attributes: { 'm365.content.action': 'shared_externally' },
          terms: [{ column: 'Shared Externally', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SHAREPOINT_VISITED_PAGES,
    description: 'SharePoint pages visited on the reported day.',
    unit: '{page}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: {
      kind: 'report',
      report: 'getSharePointActivityPages',
      columns: ['Visited Page Count'],
      series: [{ attributes: {}, terms: [{ column: 'Visited Page Count', sign: 1 }] }],
    },
  },
  {
    name: METRIC_M365_SHAREPOINT_FILES,
    description: 'Files in SharePoint sites on the reported day, by activity.',
    unit: '{file}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.site.type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getSharePointSiteUsageFileCounts',
      columns: ['Active', 'Total', 'Site Type'],
      series: [
        { attributes: { 'm365.activity.state': 'active' }, terms: [{ column: 'Active', sign: 1 }] },
        {
          attributes: { 'm365.activity.state': 'inactive' },
          terms: [
            { column: 'Total', sign: 1 },
            { column: 'Active', sign: -1 },
          ],
        },
      ],
      category: {
        column: 'Site Type',
        attribute: 'm365.site.type',
        values: { All: 'all', OneDrive: 'onedrive' },
      },
    },
  },
  {
    name: METRIC_M365_SHAREPOINT_SITES,
    description:
      'SharePoint sites on the reported day, by activity. A row whose Active exceeds Total is rejected.',
    unit: '{site}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.site.type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getSharePointSiteUsageSiteCounts',
      columns: ['Active', 'Total', 'Site Type'],
      series: [
        { attributes: { 'm365.activity.state': 'active' }, terms: [{ column: 'Active', sign: 1 }] },
        {
          attributes: { 'm365.activity.state': 'inactive' },
          terms: [
            { column: 'Total', sign: 1 },
            { column: 'Active', sign: -1 },
          ],
        },
      ],
      category: {
        column: 'Site Type',
        attribute: 'm365.site.type',
        values: { All: 'all', OneDrive: 'onedrive' },
      },
    },
  },
  {
    name: METRIC_M365_SHAREPOINT_STORAGE_USAGE,
    description: 'Storage used by SharePoint sites on the reported day.',
    unit: 'By',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.site.type'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSharePointSiteUsageStorage',
      columns: ['Storage Used (Byte)', 'Site Type'],
      series: [{ attributes: {}, terms: [{ column: 'Storage Used (Byte)', sign: 1 }] }],
      category: {
        column: 'Site Type',
        attribute: 'm365.site.type',
        values: { All: 'all', OneDrive: 'onedrive' },
      },
    },
  },
  {
    name: METRIC_M365_SHAREPOINT_PAGE_VIEWS,
    description: 'SharePoint page views on the reported day.',
    unit: '{view}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.site.type'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSharePointSiteUsagePages',
      columns: ['Page View Count', 'Site Type'],
      series: [{ attributes: {}, terms: [{ column: 'Page View Count', sign: 1 }] }],
      category: {
        column: 'Site Type',
        attribute: 'm365.site.type',
        values: { All: 'all', OneDrive: 'onedrive' },
      },
    },
  },
  {
    name: METRIC_M365_TEAMS_MESSAGES,
    description: 'Teams messages sent by licensed users on the reported day, by kind.',
    unit: '{message}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.message.kind'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsUserActivityCounts',
      columns: ['Team Chat Messages', 'Private Chat Messages', 'Post Messages', 'Reply Messages'],
      series: [
        {
          attributes: { 'm365.teams.message.kind': 'team_chat' },
          terms: [{ column: 'Team Chat Messages', sign: 1 }],
        },
        {
          attributes: { 'm365.teams.message.kind': 'private_chat' },
          terms: [{ column: 'Private Chat Messages', sign: 1 }],
        },
        { attributes: { 'm365.teams.message.kind': 'post' }, terms: [{ column: 'Post Messages', sign: 1 }] },
        {
          attributes: { 'm365.teams.message.kind': 'reply' },
          terms: [{ column: 'Reply Messages', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_CALLS,
    description: 'Teams calls of licensed users on the reported day.',
    unit: '{call}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: {
      kind: 'report',
      report: 'getTeamsUserActivityCounts',
      columns: ['Calls'],
      series: [{ attributes: {}, terms: [{ column: 'Calls', sign: 1 }] }],
    },
  },
  {
    name: METRIC_M365_TEAMS_MEETINGS,
    description: 'Teams meetings licensed users organized and attended on the reported day.',
    unit: '{meeting}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.meeting.action'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsUserActivityCounts',
      columns: ['Meetings Organized Count', 'Meetings Attended Count'],
      series: [
        {
          attributes: { 'm365.teams.meeting.action': 'organized' },
          terms: [{ column: 'Meetings Organized Count', sign: 1 }],
        },
        {
          attributes: { 'm365.teams.meeting.action': 'attended' },
          terms: [{ column: 'Meetings Attended Count', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_MEDIA_DURATION,
    description: 'Time licensed users spent in audio, video and screen sharing in Teams on the reported day.',
    unit: 's',
    instrument: 'gauge',
    valueType: 'double',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.media'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsUserActivityCounts',
      columns: ['Audio Duration', 'Video Duration', 'Screen Share Duration'],
      series: [
        { attributes: { 'm365.teams.media': 'audio' }, terms: [{ column: 'Audio Duration', sign: 1 }] },
        { attributes: { 'm365.teams.media': 'video' }, terms: [{ column: 'Video Duration', sign: 1 }] },
        {
          attributes: { 'm365.teams.media': 'screen_share' },
          terms: [{ column: 'Screen Share Duration', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_ACTIVE_USERS,
    description: 'Users active in Teams on the reported day, by activity; a user counts once per activity.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.activity'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsUserActivityUserCounts',
      columns: ['Team Chat Messages', 'Private Chat Messages', 'Calls', 'Meetings', 'Other Actions'],
      series: [
        {
          attributes: { 'm365.teams.activity': 'team_chat_message' },
          terms: [{ column: 'Team Chat Messages', sign: 1 }],
        },
        {
          attributes: { 'm365.teams.activity': 'private_chat_message' },
          terms: [{ column: 'Private Chat Messages', sign: 1 }],
        },
        { attributes: { 'm365.teams.activity': 'call' }, terms: [{ column: 'Calls', sign: 1 }] },
        { attributes: { 'm365.teams.activity': 'meeting' }, terms: [{ column: 'Meetings', sign: 1 }] },
        { attributes: { 'm365.teams.activity': 'other' }, terms: [{ column: 'Other Actions', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_DEVICE_ACTIVE_USERS,
    description: 'Users active in Teams on the reported day, by device platform.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.device.platform'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsDeviceUsageUserCounts',
      columns: ['Web', 'Windows Phone', 'Android Phone', 'iOS', 'Mac', 'Windows', 'Chrome OS', 'Linux'],
      series: [
        { attributes: { 'm365.device.platform': 'web' }, terms: [{ column: 'Web', sign: 1 }] },
        {
          attributes: { 'm365.device.platform': 'windows_phone' },
          terms: [{ column: 'Windows Phone', sign: 1 }],
        },
        {
          attributes: { 'm365.device.platform': 'android_phone' },
          terms: [{ column: 'Android Phone', sign: 1 }],
        },
        { attributes: { 'm365.device.platform': 'ios' }, terms: [{ column: 'iOS', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'mac' }, terms: [{ column: 'Mac', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'windows' }, terms: [{ column: 'Windows', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'chrome_os' }, terms: [{ column: 'Chrome OS', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'linux' }, terms: [{ column: 'Linux', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_DEVICE_PERIOD_ACTIVE_USERS,
    description: 'Users active in Teams in the report period, by device platform.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.device.platform'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsDeviceUsageDistributionUserCounts',
      columns: ['Web', 'Windows Phone', 'Android Phone', 'iOS', 'Mac', 'Windows', 'Chrome OS', 'Linux'],
      series: [
        { attributes: { 'm365.device.platform': 'web' }, terms: [{ column: 'Web', sign: 1 }] },
        {
          attributes: { 'm365.device.platform': 'windows_phone' },
          terms: [{ column: 'Windows Phone', sign: 1 }],
        },
        {
          attributes: { 'm365.device.platform': 'android_phone' },
          terms: [{ column: 'Android Phone', sign: 1 }],
        },
        { attributes: { 'm365.device.platform': 'ios' }, terms: [{ column: 'iOS', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'mac' }, terms: [{ column: 'Mac', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'windows' }, terms: [{ column: 'Windows', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'chrome_os' }, terms: [{ column: 'Chrome OS', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'linux' }, terms: [{ column: 'Linux', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_MESSAGES,
    description: 'Messages in teams on the reported day, by kind.',
    unit: '{message}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.message.kind'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityCounts',
      columns: ['Channel Messages', 'Post Messages', 'Reply Messages', 'Urgent Messages'],
      series: [
        {
          attributes: { 'm365.teams.message.kind': 'channel' },
          terms: [{ column: 'Channel Messages', sign: 1 }],
        },
        { attributes: { 'm365.teams.message.kind': 'post' }, terms: [{ column: 'Post Messages', sign: 1 }] },
        {
          attributes: { 'm365.teams.message.kind': 'reply' },
          terms: [{ column: 'Reply Messages', sign: 1 }],
        },
        {
          attributes: { 'm365.teams.message.kind': 'urgent' },
          terms: [{ column: 'Urgent Messages', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_REACTIONS,
    description: 'Reactions in teams on the reported day.',
    unit: '{reaction}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityCounts',
      columns: ['Reactions'],
      series: [{ attributes: {}, terms: [{ column: 'Reactions', sign: 1 }] }],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_MENTIONS,
    description: 'Mentions in teams on the reported day.',
    unit: '{mention}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityCounts',
      columns: ['Mentions'],
      series: [{ attributes: {}, terms: [{ column: 'Mentions', sign: 1 }] }],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_MEETINGS,
    description: 'Meetings organized in teams on the reported day.',
    unit: '{meeting}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityCounts',
      columns: ['Meetings Organized'],
      series: [{ attributes: {}, terms: [{ column: 'Meetings Organized', sign: 1 }] }],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_ACTIVE_USERS,
    description:
      'Users active in teams on the reported day: all of them, guests, and users from other organisations.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.team.user.kind'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityCounts',
      columns: ['Active Users', 'Guests', 'Active External Users'],
      series: [
        { attributes: { 'm365.teams.team.user.kind': 'all' }, terms: [{ column: 'Active Users', sign: 1 }] },
        { attributes: { 'm365.teams.team.user.kind': 'guest' }, terms: [{ column: 'Guests', sign: 1 }] },
        {
          attributes: { 'm365.teams.team.user.kind': 'external' },
          terms: [{ column: 'Active External Users', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_ACTIVE_CHANNELS,
    description: 'Channels active on the reported day, shared channels apart.',
    unit: '{channel}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.channel.kind'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityCounts',
      columns: ['Active Channels', 'Active Shared Channels'],
      series: [
        { attributes: { 'm365.teams.channel.kind': 'all' }, terms: [{ column: 'Active Channels', sign: 1 }] },
        {
          attributes: { 'm365.teams.channel.kind': 'shared' },
          terms: [{ column: 'Active Shared Channels', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_PERIOD_MESSAGES,
    description: 'Messages in teams in the report period, by kind.',
    unit: '{message}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.message.kind'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityDistributionCounts',
      columns: ['Channel Messages', 'Post Messages', 'Reply Messages', 'Urgent Messages'],
      series: [
        {
          attributes: { 'm365.teams.message.kind': 'channel' },
          terms: [{ column: 'Channel Messages', sign: 1 }],
        },
        { attributes: { 'm365.teams.message.kind': 'post' }, terms: [{ column: 'Post Messages', sign: 1 }] },
        {
          attributes: { 'm365.teams.message.kind': 'reply' },
          terms: [{ column: 'Reply Messages', sign: 1 }],
        },
        {
          attributes: { 'm365.teams.message.kind': 'urgent' },
          terms: [{ column: 'Urgent Messages', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_PERIOD_ACTIVE_USERS,
    description: 'Users active in teams in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.team.user.kind'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityDistributionCounts',
      columns: ['Active Users', 'Guests', 'Active External Users'],
      series: [
        { attributes: { 'm365.teams.team.user.kind': 'all' }, terms: [{ column: 'Active Users', sign: 1 }] },
        { attributes: { 'm365.teams.team.user.kind': 'guest' }, terms: [{ column: 'Guests', sign: 1 }] },
        {
          attributes: { 'm365.teams.team.user.kind': 'external' },
          terms: [{ column: 'Active External Users', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_PERIOD_ACTIVE_CHANNELS,
    description: 'Channels active in the report period.',
    unit: '{channel}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.teams.channel.kind'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityDistributionCounts',
      columns: ['Active Channels', 'Active Shared Channels'],
      series: [
        { attributes: { 'm365.teams.channel.kind': 'all' }, terms: [{ column: 'Active Channels', sign: 1 }] },
        {
          attributes: { 'm365.teams.channel.kind': 'shared' },
          terms: [{ column: 'Active Shared Channels', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAMS,
    description: 'Teams on the reported day, by privacy and activity.',
    unit: '{team}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.teams.team.type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getTeamsTeamCounts',
      columns: ['Active Public Teams', 'Public Teams', 'Active Private Teams', 'Private Teams'],
      series: [
        {
          attributes: { 'm365.teams.team.type': 'public', 'm365.activity.state': 'active' },
          terms: [{ column: 'Active Public Teams', sign: 1 }],
        },
        {
          attributes: { 'm365.teams.team.type': 'public', 'm365.activity.state': 'inactive' },
          terms: [
            { column: 'Public Teams', sign: 1 },
            { column: 'Active Public Teams', sign: -1 },
          ],
        },
        {
          attributes: { 'm365.teams.team.type': 'private', 'm365.activity.state': 'active' },
          terms: [{ column: 'Active Private Teams', sign: 1 }],
        },
        {
          attributes: { 'm365.teams.team.type': 'private', 'm365.activity.state': 'inactive' },
          terms: [
            { column: 'Private Teams', sign: 1 },
            { column: 'Active Private Teams', sign: -1 },
          ],
        },
      ],
    },
  },
  {
    name: METRIC_M365_VIVA_ENGAGE_MESSAGES,
    description: 'Viva Engage messages liked, posted and read on the reported day.',
    unit: '{message}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.viva_engage.action'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getYammerActivityCounts',
      columns: ['Liked', 'Posted', 'Read'],
      series: [
        { attributes: { 'm365.viva_engage.action': 'liked' }, terms: [{ column: 'Liked', sign: 1 }] },
        { attributes: { 'm365.viva_engage.action': 'posted' }, terms: [{ column: 'Posted', sign: 1 }] },
        { attributes: { 'm365.viva_engage.action': 'read' }, terms: [{ column: 'Read', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_VIVA_ENGAGE_ACTIVE_USERS,
    description: 'Users who liked, posted or read Viva Engage messages on the reported day.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.viva_engage.action'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getYammerActivityUserCounts',
      columns: ['Liked', 'Posted', 'Read'],
      series: [
        { attributes: { 'm365.viva_engage.action': 'liked' }, terms: [{ column: 'Liked', sign: 1 }] },
        { attributes: { 'm365.viva_engage.action': 'posted' }, terms: [{ column: 'Posted', sign: 1 }] },
        { attributes: { 'm365.viva_engage.action': 'read' }, terms: [{ column: 'Read', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_VIVA_ENGAGE_DEVICE_ACTIVE_USERS,
    description: 'Users active in Viva Engage on the reported day, by device platform.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.device.platform'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getYammerDeviceUsageUserCounts',
      columns: ['Web', 'Windows Phone', 'Android Phone', 'iPhone', 'iPad', 'Other'],
      series: [
        { attributes: { 'm365.device.platform': 'web' }, terms: [{ column: 'Web', sign: 1 }] },
        {
          attributes: { 'm365.device.platform': 'windows_phone' },
          terms: [{ column: 'Windows Phone', sign: 1 }],
        },
        {
          attributes: { 'm365.device.platform': 'android_phone' },
          terms: [{ column: 'Android Phone', sign: 1 }],
        },
        { attributes: { 'm365.device.platform': 'iphone' }, terms: [{ column: 'iPhone', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'ipad' }, terms: [{ column: 'iPad', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'other' }, terms: [{ column: 'Other', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_VIVA_ENGAGE_DEVICE_PERIOD_ACTIVE_USERS,
    description: 'Users active in Viva Engage in the report period, by device platform.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.device.platform'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getYammerDeviceUsageDistributionUserCounts',
      columns: ['Web', 'Windows Phone', 'Android Phone', 'iPhone', 'iPad', 'Other'],
      series: [
        { attributes: { 'm365.device.platform': 'web' }, terms: [{ column: 'Web', sign: 1 }] },
        {
          attributes: { 'm365.device.platform': 'windows_phone' },
          terms: [{ column: 'Windows Phone', sign: 1 }],
        },
        {
          attributes: { 'm365.device.platform': 'android_phone' },
          terms: [{ column: 'Android Phone', sign: 1 }],
        },
        { attributes: { 'm365.device.platform': 'iphone' }, terms: [{ column: 'iPhone', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'ipad' }, terms: [{ column: 'iPad', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'other' }, terms: [{ column: 'Other', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_VIVA_ENGAGE_GROUPS,
    description: 'Viva Engage groups on the reported day, by activity.',
    unit: '{group}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getYammerGroupsActivityGroupCounts',
      columns: ['Active', 'Total'],
      series: [
        { attributes: { 'm365.activity.state': 'active' }, terms: [{ column: 'Active', sign: 1 }] },
        {
          attributes: { 'm365.activity.state': 'inactive' },
          terms: [
            { column: 'Total', sign: 1 },
            { column: 'Active', sign: -1 },
          ],
        },
      ],
    },
  },
  {
    name: METRIC_M365_VIVA_ENGAGE_GROUP_MESSAGES,
    description: 'Messages liked, posted and read in Viva Engage groups on the reported day.',
    unit: '{message}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.viva_engage.action'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getYammerGroupsActivityCounts',
      columns: ['Liked', 'Posted', 'Read'],
      series: [
        { attributes: { 'm365.viva_engage.action': 'liked' }, terms: [{ column: 'Liked', sign: 1 }] },
        { attributes: { 'm365.viva_engage.action': 'posted' }, terms: [{ column: 'Posted', sign: 1 }] },
        { attributes: { 'm365.viva_engage.action': 'read' }, terms: [{ column: 'Read', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_COPILOT_USERS,
    description:
      'Users with Microsoft 365 Copilot enabled, and users who used it, per app on the reported day.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.copilot.app'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.copilot.user.state'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getMicrosoft365CopilotUserCountTrend',
      columns: [
        'Any App Enabled Users',
        'Any App Active Users',
        'Microsoft Teams Enabled Users',
        'Microsoft Teams Active Users',
        'Word Enabled Users',
        'Word Active Users',
        'PowerPoint Enabled Users',
        'PowerPoint Active Users',
        'Outlook Enabled Users',
        'Outlook Active Users',
        'Excel Enabled Users',
        'Excel Active Users',
        'OneNote Enabled Users',
        'OneNote Active Users',
        'Loop Enabled Users',
        'Loop Active Users',
        'Copilot Chat Enabled Users',
        'Copilot Chat Active Users',
      ],
      series: [
        {
          attributes: { 'm365.copilot.app': 'any', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Any App Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'any', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Any App Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'teams', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Microsoft Teams Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'teams', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Microsoft Teams Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'word', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Word Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'word', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Word Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'powerpoint', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'PowerPoint Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'powerpoint', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'PowerPoint Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'outlook', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Outlook Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'outlook', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Outlook Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'excel', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Excel Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'excel', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Excel Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'onenote', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'OneNote Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'onenote', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'OneNote Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'loop', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Loop Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'loop', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Loop Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'copilot_chat', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Copilot Chat Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'copilot_chat', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Copilot Chat Active Users', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_COPILOT_PERIOD_USERS,
    description:
      'Users with Microsoft 365 Copilot enabled, and users who used it, per app in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.copilot.app'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.copilot.user.state'], presence: 'always' },
    ],
    source: {
      kind: 'report',
      report: 'getMicrosoft365CopilotUserCountSummary',
      columns: [
        'Any App Enabled Users',
        'Any App Active Users',
        'Microsoft Teams Enabled Users',
        'Microsoft Teams Active Users',
        'Word Enabled Users',
        'Word Active Users',
        'PowerPoint Enabled Users',
        'PowerPoint Active Users',
        'Outlook Enabled Users',
        'Outlook Active Users',
        'Excel Enabled Users',
        'Excel Active Users',
        'OneNote Enabled Users',
        'OneNote Active Users',
        'Loop Enabled Users',
        'Loop Active Users',
        'Copilot Chat Enabled Users',
        'Copilot Chat Active Users',
      ],
      series: [
        {
          attributes: { 'm365.copilot.app': 'any', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Any App Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'any', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Any App Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'teams', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Microsoft Teams Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'teams', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Microsoft Teams Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'word', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Word Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'word', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Word Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'powerpoint', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'PowerPoint Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'powerpoint', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'PowerPoint Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'outlook', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Outlook Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'outlook', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Outlook Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'excel', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Excel Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'excel', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Excel Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'onenote', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'OneNote Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'onenote', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'OneNote Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'loop', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Loop Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'loop', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Loop Active Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'copilot_chat', 'm365.copilot.user.state': 'enabled' },
          terms: [{ column: 'Copilot Chat Enabled Users', sign: 1 }],
        },
        {
          attributes: { 'm365.copilot.app': 'copilot_chat', 'm365.copilot.user.state': 'active' },
          terms: [{ column: 'Copilot Chat Active Users', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_EMAIL_DETAIL_USERS,
    description:
      'Users in the email activity detail report, deleted users left out, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getEmailActivityUserDetail',
      columns: ['Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_EMAIL_APP_DETAIL_USERS,
    description:
      'Users in the email app usage detail report, deleted users left out, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getEmailAppUsageUserDetail',
      columns: ['Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_OFFICE_ACTIVATION_DETAIL_USERS,
    description: 'Users who activated each product, counted from the activations detail report.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.office.product'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOffice365ActivationsUserDetail',
      columns: ['Product Type'],
      series: [{ attributes: {}, terms: [] }],
      category: { column: 'Product Type', attribute: 'm365.office.product' },
      aggregate: { skipDeleted: false },
    },
  },
  {
    name: METRIC_M365_WORKLOAD_DETAIL_USERS,
    description: 'Users in the active user detail report, deleted users left out.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: {
      kind: 'report',
      report: 'getOffice365ActiveUserDetail',
      columns: ['Is Deleted'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: true },
    },
  },
  {
    name: METRIC_M365_APPS_DETAIL_USERS,
    description: 'Users in the Microsoft 365 Apps detail report, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getM365AppUserDetail',
      columns: ['Last Activity Date'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: false, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_GROUP_DETAIL_MEMBERS,
    description:
      'Members of the Microsoft 365 groups, external members apart, summed over the groups of the detail report (deleted groups left out).',
    unit: '{member}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.group.member.type'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOffice365GroupsActivityDetail',
      columns: ['Member Count', 'External Member Count', 'Is Deleted'],
      series: [
        { attributes: { 'm365.group.member.type': 'member' }, terms: [{ column: 'Member Count', sign: 1 }] },
        {
          attributes: { 'm365.group.member.type': 'external' },
          terms: [{ column: 'External Member Count', sign: 1 }],
        },
      ],
      aggregate: { skipDeleted: true },
    },
  },
  {
    name: METRIC_M365_ONEDRIVE_DETAIL_USERS,
    description:
      'Users in the OneDrive activity detail report, deleted users left out, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOneDriveActivityUserDetail',
      columns: ['Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_ONEDRIVE_DETAIL_STORAGE_USAGE,
    description:
      'Storage used by OneDrive accounts, summed over the account detail report (deleted accounts left out), by activity in the report period.',
    unit: 'By',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getOneDriveUsageAccountDetail',
      columns: ['Storage Used (Byte)', 'Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [{ column: 'Storage Used (Byte)', sign: 1 }] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_SHAREPOINT_DETAIL_USERS,
    description:
      'Users in the SharePoint activity detail report, deleted users left out, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSharePointActivityUserDetail',
      columns: ['Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_SHAREPOINT_DETAIL_STORAGE_USAGE,
    description:
      'Storage used by SharePoint sites, summed over the site detail report (deleted sites left out), by activity in the report period.',
    unit: 'By',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSharePointSiteUsageDetail',
      columns: ['Storage Used (Byte)', 'Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [{ column: 'Storage Used (Byte)', sign: 1 }] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_TEAMS_DETAIL_USERS,
    description:
      'Users in the Teams user activity detail report, deleted users left out, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsUserActivityUserDetail',
      columns: ['Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_TEAMS_DEVICE_DETAIL_USERS,
    description:
      'Users in the Teams device usage detail report, deleted users left out, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsDeviceUsageUserDetail',
      columns: ['Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_TEAMS_TEAM_DETAIL_TEAMS,
    description: 'Teams in the team activity detail report, by activity in the report period.',
    unit: '{team}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getTeamsTeamActivityDetail',
      columns: ['Last Activity Date'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: false, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_VIVA_ENGAGE_DETAIL_USERS,
    description: 'Users in the Viva Engage activity detail report, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getYammerActivityUserDetail',
      columns: ['Last Activity Date'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: false, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_VIVA_ENGAGE_DEVICE_DETAIL_USERS,
    description: 'Users in the Viva Engage device usage detail report, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getYammerDeviceUsageUserDetail',
      columns: ['Last Activity Date'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: false, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_VIVA_ENGAGE_GROUP_DETAIL_GROUPS,
    description:
      'Viva Engage groups in the groups activity detail report, deleted groups left out, by activity in the report period.',
    unit: '{group}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getYammerGroupsActivityDetail',
      columns: ['Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_COPILOT_DETAIL_USERS,
    description:
      'Copilot-licensed users in the Copilot usage detail report, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getMicrosoft365CopilotUsageUserDetail',
      columns: ['Last Activity Date'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: false, activityColumn: 'Last Activity Date' },
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
    name: METRIC_M365_SKYPE_ACTIVITIES,
    description:
      'Skype for Business peer-to-peer sessions and conferences organized and participated in on the reported day (a retired service).',
    unit: '{session}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.activity'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessActivityCounts',
      columns: ['Peer-to-peer', 'Organized', 'Participated'],
      series: [
        {
          attributes: { 'm365.skype.activity': 'peer_to_peer' },
          terms: [{ column: 'Peer-to-peer', sign: 1 }],
        },
        { attributes: { 'm365.skype.activity': 'organized' }, terms: [{ column: 'Organized', sign: 1 }] },
        {
          attributes: { 'm365.skype.activity': 'participated' },
          terms: [{ column: 'Participated', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_ACTIVE_USERS,
    description:
      'Users active in Skype for Business on the reported day, by kind of session (a retired service).',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.activity'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessActivityUserCounts',
      columns: ['Peer-to-peer', 'Organized', 'Participated'],
      series: [
        {
          attributes: { 'm365.skype.activity': 'peer_to_peer' },
          terms: [{ column: 'Peer-to-peer', sign: 1 }],
        },
        { attributes: { 'm365.skype.activity': 'organized' }, terms: [{ column: 'Organized', sign: 1 }] },
        {
          attributes: { 'm365.skype.activity': 'participated' },
          terms: [{ column: 'Participated', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_DEVICE_ACTIVE_USERS,
    description:
      'Users active in Skype for Business on the reported day, by device platform (a retired service).',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.device.platform'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessDeviceUsageUserCounts',
      columns: ['Windows', 'Windows Phone', 'Android Phone', 'iPhone', 'iPad'],
      series: [
        { attributes: { 'm365.device.platform': 'windows' }, terms: [{ column: 'Windows', sign: 1 }] },
        {
          attributes: { 'm365.device.platform': 'windows_phone' },
          terms: [{ column: 'Windows Phone', sign: 1 }],
        },
        {
          attributes: { 'm365.device.platform': 'android_phone' },
          terms: [{ column: 'Android Phone', sign: 1 }],
        },
        { attributes: { 'm365.device.platform': 'iphone' }, terms: [{ column: 'iPhone', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'ipad' }, terms: [{ column: 'iPad', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_DEVICE_PERIOD_ACTIVE_USERS,
    description:
      'Users active in Skype for Business in the report period, by device platform (a retired service).',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.device.platform'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessDeviceUsageDistributionUserCounts',
      columns: ['Windows', 'Windows Phone', 'Android Phone', 'iPhone', 'iPad'],
      series: [
        { attributes: { 'm365.device.platform': 'windows' }, terms: [{ column: 'Windows', sign: 1 }] },
        {
          attributes: { 'm365.device.platform': 'windows_phone' },
          terms: [{ column: 'Windows Phone', sign: 1 }],
        },
        {
          attributes: { 'm365.device.platform': 'android_phone' },
          terms: [{ column: 'Android Phone', sign: 1 }],
        },
        { attributes: { 'm365.device.platform': 'iphone' }, terms: [{ column: 'iPhone', sign: 1 }] },
        { attributes: { 'm365.device.platform': 'ipad' }, terms: [{ column: 'iPad', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_ORGANIZER_CONFERENCES,
    description:
      'Skype for Business conference activities organized on the reported day, by modality (a retired service).',
    unit: '{conference}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.modality'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessOrganizerActivityCounts',
      columns: ['IM', 'Audio/Video', 'App Sharing', 'Web', 'Dial-in/out 3rd Party', 'Dial-in/out Microsoft'],
      series: [
        { attributes: { 'm365.skype.modality': 'im' }, terms: [{ column: 'IM', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'audio_video' }, terms: [{ column: 'Audio/Video', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'app_sharing' }, terms: [{ column: 'App Sharing', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'web' }, terms: [{ column: 'Web', sign: 1 }] },
        {
          attributes: { 'm365.skype.modality': 'dial_in_out_third_party' },
          terms: [{ column: 'Dial-in/out 3rd Party', sign: 1 }],
        },
        {
          attributes: { 'm365.skype.modality': 'dial_in_out_microsoft' },
          terms: [{ column: 'Dial-in/out Microsoft', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_ORGANIZER_ACTIVE_USERS,
    description:
      'Users who organized Skype for Business conferences on the reported day, by modality (a retired service).',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.modality'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessOrganizerActivityUserCounts',
      columns: ['IM', 'Audio/Video', 'App Sharing', 'Web', 'Dial-in/out 3rd Party', 'Dial-in/out Microsoft'],
      series: [
        { attributes: { 'm365.skype.modality': 'im' }, terms: [{ column: 'IM', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'audio_video' }, terms: [{ column: 'Audio/Video', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'app_sharing' }, terms: [{ column: 'App Sharing', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'web' }, terms: [{ column: 'Web', sign: 1 }] },
        {
          attributes: { 'm365.skype.modality': 'dial_in_out_third_party' },
          terms: [{ column: 'Dial-in/out 3rd Party', sign: 1 }],
        },
        {
          attributes: { 'm365.skype.modality': 'dial_in_out_microsoft' },
          terms: [{ column: 'Dial-in/out Microsoft', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_ORGANIZER_MINUTES,
    description:
      'Minutes of Skype for Business conferences organized on the reported day, by modality (a retired service).',
    unit: '{minute}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.modality'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessOrganizerActivityMinuteCounts',
      columns: ['Audio/Video', 'Dial-in Microsoft', 'Dial-out Microsoft'],
      series: [
        { attributes: { 'm365.skype.modality': 'audio_video' }, terms: [{ column: 'Audio/Video', sign: 1 }] },
        {
          attributes: { 'm365.skype.modality': 'dial_in_microsoft' },
          terms: [{ column: 'Dial-in Microsoft', sign: 1 }],
        },
        {
          attributes: { 'm365.skype.modality': 'dial_out_microsoft' },
          terms: [{ column: 'Dial-out Microsoft', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_PARTICIPANT_CONFERENCES,
    description:
      'Skype for Business conference activities participated in on the reported day, by modality (a retired service).',
    unit: '{conference}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.modality'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessParticipantActivityCounts',
      columns: ['IM', 'Audio/Video', 'App Sharing', 'Web', 'Dial-in/out 3rd Party'],
      series: [
        { attributes: { 'm365.skype.modality': 'im' }, terms: [{ column: 'IM', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'audio_video' }, terms: [{ column: 'Audio/Video', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'app_sharing' }, terms: [{ column: 'App Sharing', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'web' }, terms: [{ column: 'Web', sign: 1 }] },
        {
          attributes: { 'm365.skype.modality': 'dial_in_out_third_party' },
          terms: [{ column: 'Dial-in/out 3rd Party', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_PARTICIPANT_ACTIVE_USERS,
    description:
      'Users who participated in Skype for Business conferences on the reported day, by modality (a retired service).',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.modality'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessParticipantActivityUserCounts',
      columns: ['IM', 'Audio/Video', 'App Sharing', 'Web', 'Dial-in/out 3rd Party'],
      series: [
        { attributes: { 'm365.skype.modality': 'im' }, terms: [{ column: 'IM', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'audio_video' }, terms: [{ column: 'Audio/Video', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'app_sharing' }, terms: [{ column: 'App Sharing', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'web' }, terms: [{ column: 'Web', sign: 1 }] },
        {
          attributes: { 'm365.skype.modality': 'dial_in_out_third_party' },
          terms: [{ column: 'Dial-in/out 3rd Party', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_PARTICIPANT_MINUTES,
    description:
      'Minutes of Skype for Business conferences participated in on the reported day (a retired service).',
    unit: '{minute}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.modality'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessParticipantActivityMinuteCounts',
      columns: ['Audio/Video'],
      series: [
        { attributes: { 'm365.skype.modality': 'audio_video' }, terms: [{ column: 'Audio/Video', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_PEER_TO_PEER_SESSIONS,
    description:
      'Skype for Business peer-to-peer sessions on the reported day, by modality (a retired service).',
    unit: '{session}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.modality'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessPeerToPeerActivityCounts',
      columns: ['IM', 'Audio', 'Video', 'App Sharing', 'File Transfer'],
      series: [
        { attributes: { 'm365.skype.modality': 'im' }, terms: [{ column: 'IM', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'audio' }, terms: [{ column: 'Audio', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'video' }, terms: [{ column: 'Video', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'app_sharing' }, terms: [{ column: 'App Sharing', sign: 1 }] },
        {
          attributes: { 'm365.skype.modality': 'file_transfer' },
          terms: [{ column: 'File Transfer', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_PEER_TO_PEER_ACTIVE_USERS,
    description:
      'Users in Skype for Business peer-to-peer sessions on the reported day, by modality (a retired service).',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.modality'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessPeerToPeerActivityUserCounts',
      columns: ['IM', 'Audio', 'Video', 'App Sharing', 'File Transfer'],
      series: [
        { attributes: { 'm365.skype.modality': 'im' }, terms: [{ column: 'IM', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'audio' }, terms: [{ column: 'Audio', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'video' }, terms: [{ column: 'Video', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'app_sharing' }, terms: [{ column: 'App Sharing', sign: 1 }] },
        {
          attributes: { 'm365.skype.modality': 'file_transfer' },
          terms: [{ column: 'File Transfer', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_PEER_TO_PEER_MINUTES,
    description:
      'Minutes of Skype for Business peer-to-peer sessions on the reported day, by modality (a retired service).',
    unit: '{minute}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.skype.modality'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessPeerToPeerActivityMinuteCounts',
      columns: ['Audio', 'Video'],
      series: [
        { attributes: { 'm365.skype.modality': 'audio' }, terms: [{ column: 'Audio', sign: 1 }] },
        { attributes: { 'm365.skype.modality': 'video' }, terms: [{ column: 'Video', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_SKYPE_DETAIL_USERS,
    description:
      'Users in the Skype for Business activity detail report, deleted users left out, by activity in the report period (a retired service).',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessActivityUserDetail',
      columns: ['Last Activity Date', 'Is Deleted'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: true, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_SKYPE_DEVICE_DETAIL_USERS,
    description:
      'Users in the Skype for Business device usage detail report, by activity in the report period (a retired service).',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getSkypeForBusinessDeviceUsageUserDetail',
      columns: ['Last Activity Date'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: false, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_FORMS_CREATED,
    description: 'Microsoft Forms forms created on the reported day.',
    unit: '{form}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: {
      kind: 'report',
      report: 'getFormsUserActivityCounts',
      columns: ['Forms'],
      series: [{ attributes: {}, terms: [{ column: 'Forms', sign: 1 }] }],
    },
  },
  {
    name: METRIC_M365_FORMS_RESPONSES,
    description: 'Microsoft Forms responses on the reported day, signed-in and anonymous.',
    unit: '{response}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.forms.response.kind'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getFormsUserActivityCounts',
      columns: ['Authenticated responses', 'Anonymous responses'],
      series: [
        {
          attributes: { 'm365.forms.response.kind': 'authenticated' },
          terms: [{ column: 'Authenticated responses', sign: 1 }],
        },
        {
          attributes: { 'm365.forms.response.kind': 'anonymous' },
          terms: [{ column: 'Anonymous responses', sign: 1 }],
        },
      ],
    },
  },
  {
    name: METRIC_M365_FORMS_ACTIVE_USERS,
    description: 'Users who created or answered forms on the reported day.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.forms.user.role'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getFormsUserActivityUserCounts',
      columns: ['Designers', 'Respondents', 'Total Users'],
      series: [
        { attributes: { 'm365.forms.user.role': 'designer' }, terms: [{ column: 'Designers', sign: 1 }] },
        { attributes: { 'm365.forms.user.role': 'respondent' }, terms: [{ column: 'Respondents', sign: 1 }] },
        { attributes: { 'm365.forms.user.role': 'any' }, terms: [{ column: 'Total Users', sign: 1 }] },
      ],
    },
  },
  {
    name: METRIC_M365_FORMS_DETAIL_USERS,
    description: 'Users in the Forms activity detail report, by activity in the report period.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: false,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.activity.state'], presence: 'always' }],
    source: {
      kind: 'report',
      report: 'getFormsUserActivityUserDetail',
      columns: ['Last Activity Date'],
      series: [{ attributes: {}, terms: [] }],
      aggregate: { skipDeleted: false, activityColumn: 'Last Activity Date' },
    },
  },
  {
    name: METRIC_M365_REPORT_NAMES_CONCEALED,
    description:
      '1 when the tenant conceals user, group and site names in its usage reports, else 0. The Microsoft 365 admin center\'s Settings > Org settings > Services > Reports, "Display concealed user, group, and site names in all reports", turned off reveals them (the Graph setting is `displayConcealedNames` of `admin/reportSettings`).',
    unit: '1',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: {
      kind: 'computed',
      description:
        'by the collector from `admin/reportSettings` (`displayConcealedNames`, application permission `ReportSettings.Read.All`) or, without that permission, from the names the per-entity reports send (32 hexadecimal characters when concealed)',
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
  {
    name: METRIC_M365_LICENSE_UNITS,
    description:
      'Licence units of each SKU the tenant subscribes to: consumed (assigned) and the prepaid units by state (enabled, suspended, warning, locked_out). SKUs sharing a part number are added up.',
    unit: '{license}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.license.sku'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.license.units.state'], presence: 'always' },
    ],
    source: { kind: 'api', fields: { subscribedSkus: ['skuPartNumber', 'consumedUnits', 'prepaidUnits'] } },
    permission: '`LicenseAssignment.Read.All` (application)',
  },
  {
    name: METRIC_M365_LICENSE_UTILIZATION,
    description:
      "The share of each SKU's enabled units that are assigned: consumed / enabled (above 1 when more are assigned than enabled). No point for a SKU without enabled units.",
    unit: '1',
    instrument: 'gauge',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.license.sku'], presence: 'always' }],
    source: { kind: 'api', fields: { subscribedSkus: ['skuPartNumber', 'consumedUnits', 'prepaidUnits'] } },
    permission: '`LicenseAssignment.Read.All` (application)',
  },
  {
    name: METRIC_M365_LICENSE_SKU_STATUS,
    description:
      'The capabilityStatus of each SKU: one series per status value, 1 for the current status and 0 for every other (should two SKUs share a part number, each status counts its SKUs).',
    unit: '1',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.license.sku'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.license.capability_status'], presence: 'always' },
    ],
    stateAttribute: 'm365.license.capability_status',
    source: { kind: 'api', fields: { subscribedSkus: ['skuPartNumber', 'capabilityStatus'] } },
    permission: '`LicenseAssignment.Read.All` (application)',
  },
  {
    name: METRIC_M365_SUBSCRIPTION_COUNT,
    description: "The tenant's commercial subscriptions, by SKU, status and whether they are trials.",
    unit: '{subscription}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.license.sku'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.subscription.status'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.subscription.trial'], presence: 'always' },
    ],
    source: { kind: 'api', fields: { 'directory/subscriptions': ['skuPartNumber', 'status', 'isTrial'] } },
    permission: '`Organization.Read.All` (application)',
  },
  {
    name: METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING,
    description:
      'Seconds until each subscription moves to its next lifecycle state unless renewed (`nextLifecycleDateTime`; negative once past). No point for a subscription without that date.',
    unit: 's',
    instrument: 'gauge',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.license.sku'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.subscription.id'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.subscription.status'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.subscription.trial'], presence: 'always' },
    ],
    source: {
      kind: 'api',
      fields: {
        'directory/subscriptions': ['id', 'skuPartNumber', 'status', 'isTrial', 'nextLifecycleDateTime'],
      },
    },
    permission: '`Organization.Read.All` (application)',
  },
  {
    name: METRIC_M365_APP_CREDENTIALS,
    description:
      "Client secrets and certificates of the tenant's applications and service principals, by type, owner and how far their end is from the poll. Every combination is reported, 0 included.",
    unit: '{credential}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.app.credential.type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.app.credential.owner'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.app.credential.expiry'], presence: 'always' },
    ],
    source: {
      kind: 'api',
      fields: {
        applications: ['passwordCredentials', 'keyCredentials'],
        servicePrincipals: ['passwordCredentials', 'keyCredentials'],
      },
    },
    permission: '`Application.Read.All` (application)',
  },
  {
    name: METRIC_M365_APP_OWN_CREDENTIAL_REMAINING,
    description:
      "Seconds until the credential the collector signs in with ends (negative once ended). A certificate: the `keyCredentials` entry of the collector's app whose `customKeyIdentifier` is the certificate's thumbprint, else the certificate file's notAfter. A secret: the `passwordCredentials` entries of its app whose `hint` is the secret's first three characters (the earliest end if several); no point when none matches.",
    unit: 's',
    instrument: 'gauge',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.app.credential.type'], presence: 'always' }],
    source: {
      kind: 'api',
      fields: {
        applications: ['appId', 'passwordCredentials', 'keyCredentials'],
        servicePrincipals: ['appId', 'passwordCredentials', 'keyCredentials'],
      },
    },
    permission: '`Application.Read.All` (application)',
  },
  {
    name: METRIC_M365_DIRECTORY_SYNC_ENABLED,
    description:
      '1 when the tenant synchronizes its directory from on-premises (`onPremisesSyncEnabled` true), else 0 (false: synchronization stopped; null: the tenant never synchronized).',
    unit: '1',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [],
    source: { kind: 'api', fields: { organization: ['onPremisesSyncEnabled'] } },
    permission: '`Organization.Read.All` (application)',
  },
  {
    name: METRIC_M365_DIRECTORY_SYNC_AGE,
    description:
      'Seconds since the last directory synchronization (objects) and the last password hash synchronization (password). No point for a kind the tenant has never synchronized.',
    unit: 's',
    instrument: 'gauge',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.directory.sync.kind'], presence: 'always' }],
    source: {
      kind: 'api',
      fields: { organization: ['onPremisesLastSyncDateTime', 'onPremisesLastPasswordSyncDateTime'] },
    },
    permission: '`Organization.Read.All` (application)',
  },
  {
    name: METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED,
    description:
      '1 when the directory synchronization feature is on, else 0, for every feature flag Microsoft sends. No point when the tenant has no synchronization configuration.',
    unit: '1',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.directory.sync.feature'], presence: 'always' }],
    source: { kind: 'api', fields: { 'directory/onPremisesSynchronization': ['features'] } },
    permission: '`OnPremDirectorySynchronization.Read.All` (application)',
  },
  {
    name: METRIC_M365_DIRECTORY_PROVISIONING_ERRORS,
    description:
      'Users with on-premises provisioning errors, by error category (a user with errors of two categories counts in both). PropertyConflict is reported 0 included.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.directory.provisioning_error.category'], presence: 'always' }],
    source: { kind: 'api', fields: { users: ['id', 'onPremisesProvisioningErrors'] } },
    permission: '`User.Read.All` (application)',
  },
  {
    name: METRIC_M365_CONNECT_HEALTH_SERVICES,
    description: 'Services Microsoft Entra Connect Health monitors (disabled ones left out), by type.',
    unit: '{service}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.connect_health.service.type'], presence: 'always' }],
    source: {
      kind: 'arm-api',
      fields: { 'providers/Microsoft.ADHybridHealthService/services': ['serviceName', 'type', 'disabled'] },
    },
    permission:
      "the Connect Health Reader role (Azure role-based access control on Microsoft Entra Connect Health, granted to the app's service principal)",
    licence: 'Microsoft Entra ID P1 or P2',
  },
  {
    name: METRIC_M365_CONNECT_HEALTH_ALERTS,
    description:
      'Open (active) Microsoft Entra Connect Health alerts per service and level; every level is reported for each service whose alerts were read, 0 included.',
    unit: '{alert}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.connect_health.service.type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.connect_health.service.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.connect_health.alert.level'], presence: 'always' },
    ],
    source: {
      kind: 'arm-api',
      fields: {
        'providers/Microsoft.ADHybridHealthService/services': ['serviceName', 'type'],
        'providers/Microsoft.ADHybridHealthService/services/{serviceName}/alerts': ['level', 'state'],
      },
    },
    permission:
      "the Connect Health Reader role (Azure role-based access control on Microsoft Entra Connect Health, granted to the app's service principal)",
    licence: 'Microsoft Entra ID P1 or P2',
  },
  {
    name: METRIC_M365_RISK_USERS,
    description:
      'Users Identity Protection lists as risky, by risk level and state. Every combination of the listed levels and states is reported, 0 included.',
    unit: '{user}',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'snapshot',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.risk.level'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.risk.state'], presence: 'always' },
    ],
    source: { kind: 'api', fields: { 'identityProtection/riskyUsers': ['id', 'riskLevel', 'riskState'] } },
    permission: '`IdentityRiskyUser.Read.All` (application)',
    licence: 'Microsoft Entra ID P2',
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
  {
    name: METRIC_M365_CALL_RECORDS,
    description: 'Teams call records read, by call type; each call record is counted once, when it is final.',
    unit: '{call}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.call.type'], presence: 'always' }],
    source: { kind: 'api', fields: { 'communications/callRecords': ['id', 'type'] } },
    permission: '`CallRecords.Read.All` (application)',
  },
  {
    name: METRIC_M365_CALL_STREAMS,
    description:
      "Media streams of the call records read, by modality, direction and quality (good, poor by the Call Quality Dashboard's audio thresholds, or unrated).",
    unit: '{stream}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.call.modality'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.call.stream.direction'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.call.stream.quality'], presence: 'always' },
    ],
    source: {
      kind: 'api',
      fields: {
        'communications/callRecords/{id}': [
          'sessions',
          'segments',
          'media',
          'label',
          'streamDirection',
          'averageJitter',
          'averagePacketLossRate',
          'averageRoundTripTime',
        ],
      },
    },
    permission: '`CallRecords.Read.All` (application)',
  },
  {
    name: METRIC_M365_CALL_STREAM_POOR,
    description:
      'Media streams rated poor, by modality and by the average that broke its threshold (a stream that breaks two counts under both).',
    extendedDocumentation:
      "The thresholds are those of the Call Quality Dashboard's audio classifier (Microsoft Learn, \"Stream Classification in Call Quality Dashboard\"): average jitter above 30 ms, average packet loss rate above 0.1, average round trip above 500 ms. They are applied to every modality's network figures (the dashboard rates video by video figures that call records do not carry), and without the dashboard's condition of more than 500 packets (the packet count is not read).",
    unit: '{stream}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365.call.modality'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.call.quality.metric'], presence: 'always' },
    ],
    source: {
      kind: 'api',
      fields: {
        'communications/callRecords/{id}': [
          'sessions',
          'segments',
          'media',
          'label',
          'averageJitter',
          'averagePacketLossRate',
          'averageRoundTripTime',
        ],
      },
    },
    permission: '`CallRecords.Read.All` (application)',
  },
  {
    name: METRIC_M365_CALL_STREAM_JITTER,
    description: 'The average jitter of each media stream (`averageJitter`) of the call records read.',
    unit: 's',
    instrument: 'histogram',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    bucketBoundaries: [0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.5],
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.call.modality'], presence: 'always' }],
    source: {
      kind: 'api',
      fields: {
        'communications/callRecords/{id}': ['sessions', 'segments', 'media', 'label', 'averageJitter'],
      },
    },
    permission: '`CallRecords.Read.All` (application)',
  },
  {
    name: METRIC_M365_CALL_STREAM_PACKET_LOSS,
    description:
      'The average packet loss rate of each media stream (`averagePacketLossRate`) of the call records read.',
    unit: '1',
    instrument: 'histogram',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    bucketBoundaries: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5],
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.call.modality'], presence: 'always' }],
    source: {
      kind: 'api',
      fields: {
        'communications/callRecords/{id}': [
          'sessions',
          'segments',
          'media',
          'label',
          'averagePacketLossRate',
        ],
      },
    },
    permission: '`CallRecords.Read.All` (application)',
  },
  {
    name: METRIC_M365_CALL_STREAM_ROUND_TRIP,
    description:
      'The average round-trip time of each media stream (`averageRoundTripTime`) of the call records read.',
    unit: 's',
    instrument: 'histogram',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    bucketBoundaries: [0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2],
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365.call.modality'], presence: 'always' }],
    source: {
      kind: 'api',
      fields: {
        'communications/callRecords/{id}': ['sessions', 'segments', 'media', 'label', 'averageRoundTripTime'],
      },
    },
    permission: '`CallRecords.Read.All` (application)',
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
    name: METRIC_M365OTEL_CALL_QUALITY_PARTS_SKIPPED,
    description:
      'Parts of Teams call records left out because Graph sent them without a field they cannot do without (a stream without its streamDirection, for example), by part; the rest of the record is read and counted.',
    unit: '{part}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365otel.call_quality.part'], presence: 'always' }],
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
    name: METRIC_M365OTEL_STATE_ERRORS,
    description:
      'State-store operations that failed, by operation: reads of an unreadable state file, writes the state directory refused, and corrupt or truncated state files quarantined (moved aside as `<file>.corrupt-<UTC time>` and rebuilt; docs/reliability.md).',
    unit: '{error}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365otel.state.operation'], presence: 'always' }],
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
  {
    name: METRIC_M365OTEL_EXPORT_REQUESTS,
    description:
      "OTLP export requests, by signal and outcome; one request includes the exporter's own quick retries within OTEL_EXPORTER_OTLP_TIMEOUT, and each retry of a buffered batch is one more request.",
    unit: '{request}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365otel.signal'], presence: 'always' },
      { attribute: ATTRIBUTES['export.outcome'], presence: 'always' },
    ],
  },
  {
    name: METRIC_M365OTEL_EXPORT_DROPPED,
    description:
      "Items (log records or report-date data points) whose export failed with a retryable error while the export buffer (export.buffer.maxSize) was full, by signal. They are not lost for good: their source did not commit its checkpoint, so it reads them from Microsoft again on a later poll, within Microsoft's retention.",
    unit: '{item}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365otel.signal'], presence: 'always' }],
  },
  {
    name: METRIC_M365OTEL_EXPORT_BUFFERED,
    description:
      'Bytes of batches held in the export buffer, awaiting a retry after a retryable failure, by signal (their JSON size, which approximates the OTLP request); 0 when the backend takes everything.',
    unit: 'By',
    instrument: 'gauge',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365otel.signal'], presence: 'always' }],
  },
  {
    name: METRIC_M365OTEL_GOVERNANCE_POLLS,
    description:
      'Polls of one governance signal (or of call quality) of one tenant, by signal and outcome (success or failure); a signal that fails (a permission or licence the tenant lacks) fails alone, the others are polled.',
    unit: '{poll}',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365otel.governance.signal'], presence: 'always' },
      { attribute: ATTRIBUTES['fetch.outcome'], presence: 'always' },
    ],
  },
  {
    name: METRIC_M365OTEL_GOVERNANCE_ITEMS_SKIPPED,
    description:
      'Items (or fields of items) of a governance signal left out because Microsoft sent them malformed, by signal and reason; the rest of the list is used.',
    unit: '{item}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365otel.governance.signal'], presence: 'always' },
      { attribute: ATTRIBUTES['m365otel.governance.skip_reason'], presence: 'always' },
    ],
  },
  {
    name: METRIC_M365OTEL_HTTP_REQUESTS,
    description:
      'HTTP requests the collector sent to Microsoft, each attempt counted (retries, and the one a refused token causes again), by API and status class; a request the collector itself abandoned (shutdown, a deadline) is not.',
    unit: '{request}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365otel.api'], presence: 'always' },
      { attribute: ATTRIBUTES['m365otel.http.status_class'], presence: 'always' },
    ],
  },
  {
    name: METRIC_M365OTEL_HTTP_RETRIES,
    description:
      'Requests to Microsoft sent again after a failed attempt, by API and reason; a whole report read again after its download broke off counts once, under graph.report_download.',
    unit: '{retry}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365otel.api'], presence: 'always' },
      { attribute: ATTRIBUTES['m365otel.http.retry_reason'], presence: 'always' },
    ],
  },
  {
    name: METRIC_M365OTEL_HTTP_THROTTLE_WAIT,
    description:
      'Seconds the collector waits before retrying because Microsoft throttled it (the Retry-After asked, or the backoff when none was), counted as each wait begins, by API.',
    unit: 's',
    instrument: 'sum',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365otel.api'], presence: 'always' }],
  },
  {
    name: METRIC_M365OTEL_RECORDS,
    description:
      'Records processed, by source: audit records and governance and per-entity report log records when the backend acknowledged them, call records when read. Report rows are counted by m365otel.report.rows and service-health events by m365otel.service_health.events.',
    unit: '{record}',
    instrument: 'sum',
    valueType: 'int',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [{ attribute: ATTRIBUTES['m365otel.record.source'], presence: 'always' }],
  },
  {
    name: METRIC_M365OTEL_SOURCE_LAST_SUCCESS,
    description:
      "When the source last succeeded in full (every report read, the poll delivered and committed), as Unix time in seconds, on the tenant's Resource; no point before its first success in this process.",
    unit: 's',
    instrument: 'gauge',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365otel.source'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365otel.governance.signal'], presence: 'when set' },
    ],
    source: {
      kind: 'computed',
      description: 'by the collector, from the results of its report cycles and polls',
    },
  },
  {
    name: METRIC_M365OTEL_SOURCE_STALENESS,
    description:
      "How old the newest data the source delivered is, in seconds, on the tenant's Resource: for reports the age of the newest report day read (as `m365.report.age`, the freshest report), for an audit stream the lag of its high-water mark behind Microsoft's clock, for the other sources the time since their last successful poll. No point before the source delivered anything.",
    unit: 's',
    instrument: 'gauge',
    valueType: 'double',
    enabledByDefault: true,
    recording: 'live',
    stability: 'development',
    attributes: [
      { attribute: ATTRIBUTES['m365otel.source'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.audit.content_type'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365otel.governance.signal'], presence: 'when set' },
    ],
    source: {
      kind: 'computed',
      description: 'by the collector, at each export, from what each source last delivered',
    },
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
  {
    name: EVENT_M365_REPORT_USER,
    description: 'One row of a per-entity usage report about users, with its columns as attributes.',
    emitted:
      'once per row of each per-entity report of users the configuration asks details of (`reports.details`), for the rows its filters keep, each time the report is read (a report whose Report Refresh Date has not changed is not read again).',
    timestamp: '00:00 UTC of the Report Refresh Date',
    attributes: [
      { attribute: ATTRIBUTES['m365.report.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.date'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.names_concealed'], presence: 'when set' },
      { attribute: ATTRIBUTES['user.name'], presence: 'when set' },
      { attribute: ATTRIBUTES['user.full_name'], presence: 'when set' },
      { attribute: ATTRIBUTES['user.id'], presence: 'when set' },
    ],
    body: {},
    source: {
      kind: 'entity-reports',
      entity: 'user',
      reports: [
        'getEmailActivityUserDetail',
        'getEmailAppUsageUserDetail',
        'getOffice365ActivationsUserDetail',
        'getOffice365ActiveUserDetail',
        'getM365AppUserDetail',
        'getOneDriveActivityUserDetail',
        'getSharePointActivityUserDetail',
        'getTeamsUserActivityUserDetail',
        'getTeamsDeviceUsageUserDetail',
        'getSkypeForBusinessActivityUserDetail',
        'getSkypeForBusinessDeviceUsageUserDetail',
        'getYammerActivityUserDetail',
        'getYammerDeviceUsageUserDetail',
        'getFormsUserActivityUserDetail',
        'getMicrosoft365CopilotUsageUserDetail',
      ],
    },
    entity: {
      kind: 'user',
      filteredAs: 'user',
      identity: {
        'User Principal Name': 'user.name',
        'Display Name': 'user.full_name',
        'User Id': 'user.id',
      },
      names: ['User Principal Name', 'Display Name'],
    },
  },
  {
    name: EVENT_M365_REPORT_MAILBOX,
    description: 'One row of a per-entity usage report about mailboxes, with its columns as attributes.',
    emitted:
      'once per row of each per-entity report of mailboxes the configuration asks details of (`reports.details`), for the rows its filters keep, each time the report is read (a report whose Report Refresh Date has not changed is not read again).',
    timestamp: '00:00 UTC of the Report Refresh Date',
    attributes: [
      { attribute: ATTRIBUTES['m365.report.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.date'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.names_concealed'], presence: 'when set' },
      { attribute: ATTRIBUTES['user.name'], presence: 'when set' },
      { attribute: ATTRIBUTES['user.full_name'], presence: 'when set' },
    ],
    body: {},
    source: { kind: 'entity-reports', entity: 'mailbox', reports: ['getMailboxUsageDetail'] },
    entity: {
      kind: 'mailbox',
      filteredAs: 'mailbox',
      identity: { 'User Principal Name': 'user.name', 'Display Name': 'user.full_name' },
      names: ['User Principal Name', 'Display Name'],
    },
  },
  {
    name: EVENT_M365_REPORT_SITE,
    description:
      'One row of a per-entity usage report about SharePoint sites, with its columns as attributes.',
    emitted:
      'once per row of each per-entity report of SharePoint sites the configuration asks details of (`reports.details`), for the rows its filters keep, each time the report is read (a report whose Report Refresh Date has not changed is not read again).',
    timestamp: '00:00 UTC of the Report Refresh Date',
    attributes: [
      { attribute: ATTRIBUTES['m365.report.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.date'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.names_concealed'], presence: 'when set' },
      { attribute: ATTRIBUTES['url.full'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.site.id'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.site.owner.name'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.site.owner.full_name'], presence: 'when set' },
    ],
    body: {},
    source: { kind: 'entity-reports', entity: 'site', reports: ['getSharePointSiteUsageDetail'] },
    entity: {
      kind: 'site',
      filteredAs: 'site',
      identity: {
        'Site URL': 'url.full',
        'Site Id': 'm365.site.id',
        'Owner Principal Name': 'm365.site.owner.name',
        'Owner Display Name': 'm365.site.owner.full_name',
      },
      names: ['Site URL', 'Owner Principal Name', 'Owner Display Name'],
    },
  },
  {
    name: EVENT_M365_REPORT_ACCOUNT,
    description:
      'One row of a per-entity usage report about OneDrive accounts, with its columns as attributes.',
    emitted:
      'once per row of each per-entity report of OneDrive accounts the configuration asks details of (`reports.details`), for the rows its filters keep, each time the report is read (a report whose Report Refresh Date has not changed is not read again).',
    timestamp: '00:00 UTC of the Report Refresh Date',
    attributes: [
      { attribute: ATTRIBUTES['m365.report.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.date'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.names_concealed'], presence: 'when set' },
      { attribute: ATTRIBUTES['url.full'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.site.id'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.site.owner.name'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.site.owner.full_name'], presence: 'when set' },
    ],
    body: {},
    source: { kind: 'entity-reports', entity: 'account', reports: ['getOneDriveUsageAccountDetail'] },
    entity: {
      kind: 'account',
      filteredAs: 'site',
      identity: {
        'Site URL': 'url.full',
        'Site Id': 'm365.site.id',
        'Owner Principal Name': 'm365.site.owner.name',
        'Owner Display Name': 'm365.site.owner.full_name',
      },
      names: ['Site URL', 'Owner Principal Name', 'Owner Display Name'],
    },
  },
  {
    name: EVENT_M365_REPORT_GROUP,
    description: 'One row of a per-entity usage report about groups, with its columns as attributes.',
    emitted:
      'once per row of each per-entity report of groups the configuration asks details of (`reports.details`), for the rows its filters keep, each time the report is read (a report whose Report Refresh Date has not changed is not read again).',
    timestamp: '00:00 UTC of the Report Refresh Date',
    attributes: [
      { attribute: ATTRIBUTES['m365.report.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.date'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.names_concealed'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.group.name'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.group.id'], presence: 'when set' },
    ],
    body: {},
    source: {
      kind: 'entity-reports',
      entity: 'group',
      reports: ['getOffice365GroupsActivityDetail', 'getYammerGroupsActivityDetail'],
    },
    entity: {
      kind: 'group',
      filteredAs: 'group',
      identity: { 'Group Display Name': 'm365.group.name', 'Group Id': 'm365.group.id' },
      names: ['Group Display Name'],
    },
  },
  {
    name: EVENT_M365_REPORT_TEAM,
    description: 'One row of a per-entity usage report about teams, with its columns as attributes.',
    emitted:
      'once per row of each per-entity report of teams the configuration asks details of (`reports.details`), for the rows its filters keep, each time the report is read (a report whose Report Refresh Date has not changed is not read again).',
    timestamp: '00:00 UTC of the Report Refresh Date',
    attributes: [
      { attribute: ATTRIBUTES['m365.report.name'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.date'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.report.names_concealed'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.team.name'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.team.id'], presence: 'when set' },
    ],
    body: {},
    source: { kind: 'entity-reports', entity: 'team', reports: ['getTeamsTeamActivityDetail'] },
    entity: {
      kind: 'team',
      filteredAs: 'team',
      identity: { 'Team Name': 'm365.team.name', 'Team Id': 'm365.team.id' },
      names: ['Team Name'],
    },
  },
  {
    name: EVENT_M365_APP_CREDENTIAL,
    description:
      'A client secret or certificate of an application or service principal, with its end and how far that is from the poll, for drill-down behind `m365.app.credentials`.',
    emitted:
      'once per credential at every governance poll (`governance.appCredentials`). A credential whose end Microsoft sent unreadable is emitted without `m365.app.credential.expiry`.',
    timestamp: 'the poll',
    attributes: [
      { attribute: ATTRIBUTES['m365.app.id'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.app.name'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.app.credential.owner'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.app.credential.type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.app.credential.key_id'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.app.credential.end_time'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.app.credential.expiry'], presence: 'when set' },
    ],
    body: {
      objectId: 'The ID of the application or service principal object the credential is registered on.',
      credentialName: "The credential's `displayName`; null when it has none.",
      startDateTime: 'When the credential became valid, as Microsoft sends it; null when not sent.',
    },
    source: {
      kind: 'api',
      fields: {
        applications: ['id', 'appId', 'displayName', 'passwordCredentials', 'keyCredentials'],
        servicePrincipals: ['id', 'appId', 'displayName', 'passwordCredentials', 'keyCredentials'],
      },
    },
    permission: '`Application.Read.All` (application)',
  },
  {
    name: EVENT_M365_RISK_DETECTION,
    description:
      "A risk Identity Protection detected on a user's sign-in or account, such as a sign-in from an anonymous IP address.",
    emitted: 'once per detection, the first time a governance poll reads it (`governance.riskyUsers`).',
    timestamp: "the detection's detectedDateTime",
    attributes: [
      { attribute: ATTRIBUTES['m365.risk.detection.id'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.risk.event_type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.risk.level'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.risk.state'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.risk.detection.source'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.risk.detection.timing'], presence: 'when set' },
      { attribute: ATTRIBUTES['user.id'], presence: 'when set' },
    ],
    body: {
      userPrincipalName: "The user's principal name; null when not sent.",
      ipAddress: 'The IP address the risky activity came from; null when not sent.',
      location: '`{ city, countryOrRegion }` of the activity; null when not sent.',
      activityDateTime: 'When the risky activity happened, as Microsoft sends it; null when not sent.',
    },
    source: {
      kind: 'api',
      fields: {
        'identityProtection/riskDetections': [
          'id',
          'riskEventType',
          'riskLevel',
          'riskState',
          'detectedDateTime',
          'activityDateTime',
          'userId',
          'userPrincipalName',
          'ipAddress',
          'source',
          'detectionTimingType',
          'location',
        ],
      },
    },
    permission: '`IdentityRiskEvent.Read.All` (application)',
    licence: 'Microsoft Entra ID P2',
  },
  {
    name: EVENT_M365_CALL_RECORD,
    description:
      'A Teams call or meeting as its call record describes it, with the figures and quality of each media stream.',
    emitted:
      'once per call record, when the collector reads it (after Microsoft finalised it), only with `callQuality.records: true`.',
    timestamp: "the call's startDateTime",
    attributes: [
      { attribute: ATTRIBUTES['m365.call.id'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.call.type'], presence: 'always' },
      { attribute: ATTRIBUTES['m365.call.modalities'], presence: 'when set' },
      { attribute: ATTRIBUTES['m365.call.poor_streams'], presence: 'always' },
    ],
    body: {
      endDateTime: 'When the call ended, as Microsoft sends it.',
      version: "The call record's `version`: Microsoft increments it when it updates the record.",
      organizerId: "The organizer's user ID; null when not sent.",
      streams:
        'One entry per media stream of every session and segment: `{ sessionId, segmentId, label, streamId, modality, direction, averageJitter, averagePacketLossRate, averageRoundTripTime, maxJitter, maxPacketLossRate, maxRoundTripTime, quality, poorMetrics }` (seconds and rates as numbers; null when Microsoft sent none).',
    },
    source: {
      kind: 'api',
      fields: {
        'communications/callRecords/{id}': [
          'id',
          'type',
          'modalities',
          'startDateTime',
          'endDateTime',
          'version',
          'organizer_v2',
          'sessions',
          'segments',
          'media',
        ],
      },
    },
    permission: '`CallRecords.Read.All` (application)',
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
  METRIC_M365_EMAIL_APP_ACTIVE_USERS,
  METRIC_M365_EMAIL_APP_PERIOD_ACTIVE_USERS,
  METRIC_M365_EMAIL_APP_VERSION_PERIOD_ACTIVE_USERS,
  METRIC_M365_OFFICE_ACTIVATIONS,
  METRIC_M365_OFFICE_LICENSE_USERS,
  METRIC_M365_WORKLOAD_ACTIVE_USERS,
  METRIC_M365_WORKLOAD_PERIOD_USERS,
  METRIC_M365_APPS_ACTIVE_USERS,
  METRIC_M365_APPS_PLATFORM_ACTIVE_USERS,
  METRIC_M365_GROUP_ACTIVITIES,
  METRIC_M365_GROUP_COUNT,
  METRIC_M365_GROUP_STORAGE_USAGE,
  METRIC_M365_GROUP_FILES,
  METRIC_M365_ONEDRIVE_ACTIVE_USERS,
  METRIC_M365_ONEDRIVE_ACTIVE_FILES,
  METRIC_M365_ONEDRIVE_ACCOUNTS,
  METRIC_M365_ONEDRIVE_FILES,
  METRIC_M365_ONEDRIVE_STORAGE_USAGE,
  METRIC_M365_SHAREPOINT_ACTIVE_USERS,
  METRIC_M365_SHAREPOINT_ACTIVE_FILES,
  METRIC_M365_SHAREPOINT_VISITED_PAGES,
  METRIC_M365_SHAREPOINT_FILES,
  METRIC_M365_SHAREPOINT_SITES,
  METRIC_M365_SHAREPOINT_STORAGE_USAGE,
  METRIC_M365_SHAREPOINT_PAGE_VIEWS,
  METRIC_M365_TEAMS_MESSAGES,
  METRIC_M365_TEAMS_CALLS,
  METRIC_M365_TEAMS_MEETINGS,
  METRIC_M365_TEAMS_MEDIA_DURATION,
  METRIC_M365_TEAMS_ACTIVE_USERS,
  METRIC_M365_TEAMS_DEVICE_ACTIVE_USERS,
  METRIC_M365_TEAMS_DEVICE_PERIOD_ACTIVE_USERS,
  METRIC_M365_TEAMS_TEAM_MESSAGES,
  METRIC_M365_TEAMS_TEAM_REACTIONS,
  METRIC_M365_TEAMS_TEAM_MENTIONS,
  METRIC_M365_TEAMS_TEAM_MEETINGS,
  METRIC_M365_TEAMS_TEAM_ACTIVE_USERS,
  METRIC_M365_TEAMS_TEAM_ACTIVE_CHANNELS,
  METRIC_M365_TEAMS_TEAM_PERIOD_MESSAGES,
  METRIC_M365_TEAMS_TEAM_PERIOD_ACTIVE_USERS,
  METRIC_M365_TEAMS_TEAM_PERIOD_ACTIVE_CHANNELS,
  METRIC_M365_TEAMS_TEAMS,
  METRIC_M365_VIVA_ENGAGE_MESSAGES,
  METRIC_M365_VIVA_ENGAGE_ACTIVE_USERS,
  METRIC_M365_VIVA_ENGAGE_DEVICE_ACTIVE_USERS,
  METRIC_M365_VIVA_ENGAGE_DEVICE_PERIOD_ACTIVE_USERS,
  METRIC_M365_VIVA_ENGAGE_GROUPS,
  METRIC_M365_VIVA_ENGAGE_GROUP_MESSAGES,
  METRIC_M365_COPILOT_USERS,
  METRIC_M365_COPILOT_PERIOD_USERS,
  METRIC_M365_EMAIL_DETAIL_USERS,
  METRIC_M365_EMAIL_APP_DETAIL_USERS,
  METRIC_M365_OFFICE_ACTIVATION_DETAIL_USERS,
  METRIC_M365_WORKLOAD_DETAIL_USERS,
  METRIC_M365_APPS_DETAIL_USERS,
  METRIC_M365_GROUP_DETAIL_MEMBERS,
  METRIC_M365_ONEDRIVE_DETAIL_USERS,
  METRIC_M365_ONEDRIVE_DETAIL_STORAGE_USAGE,
  METRIC_M365_SHAREPOINT_DETAIL_USERS,
  METRIC_M365_SHAREPOINT_DETAIL_STORAGE_USAGE,
  METRIC_M365_TEAMS_DETAIL_USERS,
  METRIC_M365_TEAMS_DEVICE_DETAIL_USERS,
  METRIC_M365_TEAMS_TEAM_DETAIL_TEAMS,
  METRIC_M365_VIVA_ENGAGE_DETAIL_USERS,
  METRIC_M365_VIVA_ENGAGE_DEVICE_DETAIL_USERS,
  METRIC_M365_VIVA_ENGAGE_GROUP_DETAIL_GROUPS,
  METRIC_M365_COPILOT_DETAIL_USERS,
  METRIC_M365_REPORT_AGE,
  METRIC_M365_SKYPE_ACTIVITIES,
  METRIC_M365_SKYPE_ACTIVE_USERS,
  METRIC_M365_SKYPE_DEVICE_ACTIVE_USERS,
  METRIC_M365_SKYPE_DEVICE_PERIOD_ACTIVE_USERS,
  METRIC_M365_SKYPE_ORGANIZER_CONFERENCES,
  METRIC_M365_SKYPE_ORGANIZER_ACTIVE_USERS,
  METRIC_M365_SKYPE_ORGANIZER_MINUTES,
  METRIC_M365_SKYPE_PARTICIPANT_CONFERENCES,
  METRIC_M365_SKYPE_PARTICIPANT_ACTIVE_USERS,
  METRIC_M365_SKYPE_PARTICIPANT_MINUTES,
  METRIC_M365_SKYPE_PEER_TO_PEER_SESSIONS,
  METRIC_M365_SKYPE_PEER_TO_PEER_ACTIVE_USERS,
  METRIC_M365_SKYPE_PEER_TO_PEER_MINUTES,
  METRIC_M365_SKYPE_DETAIL_USERS,
  METRIC_M365_SKYPE_DEVICE_DETAIL_USERS,
  METRIC_M365_FORMS_CREATED,
  METRIC_M365_FORMS_RESPONSES,
  METRIC_M365_FORMS_ACTIVE_USERS,
  METRIC_M365_FORMS_DETAIL_USERS,
  METRIC_M365_REPORT_NAMES_CONCEALED,
  METRIC_M365_SERVICE_STATUS,
  METRIC_M365_SERVICE_HEALTHY,
  METRIC_M365_SERVICE_ISSUES,
  METRIC_M365_SERVICE_FEATURE_STATUS,
  METRIC_M365_LICENSE_UNITS,
  METRIC_M365_LICENSE_UTILIZATION,
  METRIC_M365_LICENSE_SKU_STATUS,
  METRIC_M365_SUBSCRIPTION_COUNT,
  METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING,
  METRIC_M365_APP_CREDENTIALS,
  METRIC_M365_APP_OWN_CREDENTIAL_REMAINING,
  METRIC_M365_DIRECTORY_SYNC_ENABLED,
  METRIC_M365_DIRECTORY_SYNC_AGE,
  METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED,
  METRIC_M365_DIRECTORY_PROVISIONING_ERRORS,
  METRIC_M365_CONNECT_HEALTH_SERVICES,
  METRIC_M365_CONNECT_HEALTH_ALERTS,
  METRIC_M365_RISK_USERS,
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
  [METRIC_M365_EMAIL_APP_ACTIVE_USERS]: true,
  [METRIC_M365_EMAIL_APP_PERIOD_ACTIVE_USERS]: false,
  [METRIC_M365_EMAIL_APP_VERSION_PERIOD_ACTIVE_USERS]: false,
  [METRIC_M365_OFFICE_ACTIVATIONS]: false,
  [METRIC_M365_OFFICE_LICENSE_USERS]: true,
  [METRIC_M365_WORKLOAD_ACTIVE_USERS]: true,
  [METRIC_M365_WORKLOAD_PERIOD_USERS]: false,
  [METRIC_M365_APPS_ACTIVE_USERS]: true,
  [METRIC_M365_APPS_PLATFORM_ACTIVE_USERS]: false,
  [METRIC_M365_GROUP_ACTIVITIES]: false,
  [METRIC_M365_GROUP_COUNT]: true,
  [METRIC_M365_GROUP_STORAGE_USAGE]: false,
  [METRIC_M365_GROUP_FILES]: false,
  [METRIC_M365_ONEDRIVE_ACTIVE_USERS]: true,
  [METRIC_M365_ONEDRIVE_ACTIVE_FILES]: false,
  [METRIC_M365_ONEDRIVE_ACCOUNTS]: true,
  [METRIC_M365_ONEDRIVE_FILES]: false,
  [METRIC_M365_ONEDRIVE_STORAGE_USAGE]: true,
  [METRIC_M365_SHAREPOINT_ACTIVE_USERS]: true,
  [METRIC_M365_SHAREPOINT_ACTIVE_FILES]: false,
  [METRIC_M365_SHAREPOINT_VISITED_PAGES]: false,
  [METRIC_M365_SHAREPOINT_FILES]: false,
  [METRIC_M365_SHAREPOINT_SITES]: true,
  [METRIC_M365_SHAREPOINT_STORAGE_USAGE]: true,
  [METRIC_M365_SHAREPOINT_PAGE_VIEWS]: false,
  [METRIC_M365_TEAMS_MESSAGES]: true,
  [METRIC_M365_TEAMS_CALLS]: true,
  [METRIC_M365_TEAMS_MEETINGS]: true,
  [METRIC_M365_TEAMS_MEDIA_DURATION]: false,
  [METRIC_M365_TEAMS_ACTIVE_USERS]: true,
  [METRIC_M365_TEAMS_DEVICE_ACTIVE_USERS]: true,
  [METRIC_M365_TEAMS_DEVICE_PERIOD_ACTIVE_USERS]: false,
  [METRIC_M365_TEAMS_TEAM_MESSAGES]: false,
  [METRIC_M365_TEAMS_TEAM_REACTIONS]: false,
  [METRIC_M365_TEAMS_TEAM_MENTIONS]: false,
  [METRIC_M365_TEAMS_TEAM_MEETINGS]: false,
  [METRIC_M365_TEAMS_TEAM_ACTIVE_USERS]: false,
  [METRIC_M365_TEAMS_TEAM_ACTIVE_CHANNELS]: false,
  [METRIC_M365_TEAMS_TEAM_PERIOD_MESSAGES]: false,
  [METRIC_M365_TEAMS_TEAM_PERIOD_ACTIVE_USERS]: false,
  [METRIC_M365_TEAMS_TEAM_PERIOD_ACTIVE_CHANNELS]: false,
  [METRIC_M365_TEAMS_TEAMS]: true,
  [METRIC_M365_VIVA_ENGAGE_MESSAGES]: false,
  [METRIC_M365_VIVA_ENGAGE_ACTIVE_USERS]: false,
  [METRIC_M365_VIVA_ENGAGE_DEVICE_ACTIVE_USERS]: false,
  [METRIC_M365_VIVA_ENGAGE_DEVICE_PERIOD_ACTIVE_USERS]: false,
  [METRIC_M365_VIVA_ENGAGE_GROUPS]: false,
  [METRIC_M365_VIVA_ENGAGE_GROUP_MESSAGES]: false,
  [METRIC_M365_COPILOT_USERS]: true,
  [METRIC_M365_COPILOT_PERIOD_USERS]: false,
  [METRIC_M365_EMAIL_DETAIL_USERS]: false,
  [METRIC_M365_EMAIL_APP_DETAIL_USERS]: false,
  [METRIC_M365_OFFICE_ACTIVATION_DETAIL_USERS]: false,
  [METRIC_M365_WORKLOAD_DETAIL_USERS]: false,
  [METRIC_M365_APPS_DETAIL_USERS]: false,
  [METRIC_M365_GROUP_DETAIL_MEMBERS]: false,
  [METRIC_M365_ONEDRIVE_DETAIL_USERS]: false,
  [METRIC_M365_ONEDRIVE_DETAIL_STORAGE_USAGE]: false,
  [METRIC_M365_SHAREPOINT_DETAIL_USERS]: false,
  [METRIC_M365_SHAREPOINT_DETAIL_STORAGE_USAGE]: false,
  [METRIC_M365_TEAMS_DETAIL_USERS]: false,
  [METRIC_M365_TEAMS_DEVICE_DETAIL_USERS]: false,
  [METRIC_M365_TEAMS_TEAM_DETAIL_TEAMS]: false,
  [METRIC_M365_VIVA_ENGAGE_DETAIL_USERS]: false,
  [METRIC_M365_VIVA_ENGAGE_DEVICE_DETAIL_USERS]: false,
  [METRIC_M365_VIVA_ENGAGE_GROUP_DETAIL_GROUPS]: false,
  [METRIC_M365_COPILOT_DETAIL_USERS]: false,
  [METRIC_M365_REPORT_AGE]: true,
  [METRIC_M365_SKYPE_ACTIVITIES]: false,
  [METRIC_M365_SKYPE_ACTIVE_USERS]: false,
  [METRIC_M365_SKYPE_DEVICE_ACTIVE_USERS]: false,
  [METRIC_M365_SKYPE_DEVICE_PERIOD_ACTIVE_USERS]: false,
  [METRIC_M365_SKYPE_ORGANIZER_CONFERENCES]: false,
  [METRIC_M365_SKYPE_ORGANIZER_ACTIVE_USERS]: false,
  [METRIC_M365_SKYPE_ORGANIZER_MINUTES]: false,
  [METRIC_M365_SKYPE_PARTICIPANT_CONFERENCES]: false,
  [METRIC_M365_SKYPE_PARTICIPANT_ACTIVE_USERS]: false,
  [METRIC_M365_SKYPE_PARTICIPANT_MINUTES]: false,
  [METRIC_M365_SKYPE_PEER_TO_PEER_SESSIONS]: false,
  [METRIC_M365_SKYPE_PEER_TO_PEER_ACTIVE_USERS]: false,
  [METRIC_M365_SKYPE_PEER_TO_PEER_MINUTES]: false,
  [METRIC_M365_SKYPE_DETAIL_USERS]: false,
  [METRIC_M365_SKYPE_DEVICE_DETAIL_USERS]: false,
  [METRIC_M365_FORMS_CREATED]: false,
  [METRIC_M365_FORMS_RESPONSES]: false,
  [METRIC_M365_FORMS_ACTIVE_USERS]: false,
  [METRIC_M365_FORMS_DETAIL_USERS]: false,
  [METRIC_M365_REPORT_NAMES_CONCEALED]: true,
  [METRIC_M365_SERVICE_STATUS]: true,
  [METRIC_M365_SERVICE_HEALTHY]: true,
  [METRIC_M365_SERVICE_ISSUES]: true,
  [METRIC_M365_SERVICE_FEATURE_STATUS]: false,
  [METRIC_M365_LICENSE_UNITS]: true,
  [METRIC_M365_LICENSE_UTILIZATION]: true,
  [METRIC_M365_LICENSE_SKU_STATUS]: true,
  [METRIC_M365_SUBSCRIPTION_COUNT]: true,
  [METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING]: true,
  [METRIC_M365_APP_CREDENTIALS]: true,
  [METRIC_M365_APP_OWN_CREDENTIAL_REMAINING]: true,
  [METRIC_M365_DIRECTORY_SYNC_ENABLED]: true,
  [METRIC_M365_DIRECTORY_SYNC_AGE]: true,
  [METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED]: true,
  [METRIC_M365_DIRECTORY_PROVISIONING_ERRORS]: true,
  [METRIC_M365_CONNECT_HEALTH_SERVICES]: true,
  [METRIC_M365_CONNECT_HEALTH_ALERTS]: true,
  [METRIC_M365_RISK_USERS]: true,
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
