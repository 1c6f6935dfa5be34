export {
  type AppCredentialsMapping,
  type AppCredentialsOptions,
  CREDENTIAL_EXPIRY_BUCKETS,
  credentialExpiry,
  mapAppCredentials,
  type OwnCredential,
  ownCredentialRemaining,
} from './app-credentials.js';
export { type AuditMetricRecorder, createAuditMetricRecorder } from './audit-metrics.js';
export { type AuditBlob, type AuditEvent, mapAuditRecord } from './audit-record.js';
export {
  type CallQualityRecorder,
  callRecordEvent,
  createCallQualityRecorder,
  POOR_STREAM_THRESHOLDS,
  rateStream,
  type StreamRating,
  streamModality,
} from './call-quality.js';
export {
  type AttributeDefinition,
  type AttributeUse,
  type EntityEventDefinition,
  type EntityFilterKind,
  type EntityKind,
  type EventDefinition,
  type Extensible,
  type MetricDefinition,
  type Presence,
  type ReportSeries,
  type ReportSource,
  type SignalSource,
  sentValue,
  type Unlisted,
} from './catalog-model.js';
export { mapConnectHealth } from './connect-health.js';
export { MAX_REPORT_DAYS } from './counts-mapping.js';
export { mapDirectorySync, syncFeatureName } from './directory-sync.js';
export { columnAttributeName } from './entity-columns.js';
export type { EventRecord } from './event-record.js';
export * from './generated/catalog.js';
export type {
  AppCredentialLike,
  AppCredentialOwnerLike,
  CallRecordLike,
  CallSegmentLike,
  CallSessionLike,
  CompanySubscriptionLike,
  ConnectHealthAlertLike,
  ConnectHealthServiceLike,
  DirectorySyncFeaturesLike,
  EnumFieldLike,
  MediaStreamLike,
  OrganizationLike,
  ProvisioningErrorUserLike,
  RiskDetectionLike,
  RiskyUserLike,
  SubscribedSkuLike,
} from './governance-types.js';
export { mapLicences } from './licences.js';
export { REPORT_MAPPINGS, reportsFor } from './mappings.js';
export type { MetricRecorder } from './metric-recorder.js';
export { type GovernanceMapping, graphTimeMs, type ItemProblem } from './problems.js';
export {
  PROMETHEUS_HISTOGRAM_SERIES,
  type PrometheusNamedMetric,
  prometheusLabelName,
  prometheusMetricName,
  prometheusSeriesNames,
} from './prometheus-names.js';
export type { RecordedMetricRecorder } from './recorded-metrics.js';
export { reportAgeSeconds } from './report-age.js';
export { mapRiskyUsers, riskDetectionEvent } from './risk.js';
export { createSelfMetricRecorder, type SelfMetricRecorder } from './self-metrics.js';
export { observation } from './series.js';
export { issueEvent, messageEvent } from './service-events.js';
export { mapServiceHealth, type ServiceHealthOptions } from './service-health.js';
export type {
  EnumValueLike,
  IssueLike,
  IssuePostLike,
  MessageLike,
  OverviewLike,
  ServiceHealthInput,
} from './service-types.js';
export { type TenantResourceAttributes, tenantResourceAttributes } from './tenant-resource.js';
export type {
  AccumulatorOptions,
  EntityAttributeValue,
  EntityIdentity,
  EntityRecord,
  MetricObservation,
  ReportAccumulator,
  ReportDay,
  ReportMapping,
  ReportSnapshot,
  Row,
  RowProblem,
} from './types.js';
