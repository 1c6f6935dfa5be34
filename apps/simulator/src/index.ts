export { GOVERNANCE_PERMISSIONS } from './access.js';
export { type AuditBacklog, CONTENT_TYPES, type ContentType } from './activity-feed.js';
export type { QualityFigure, StreamQuality } from './call-quality.js';
export type { CallModality, CallType, StreamDirection } from './call-records.js';
export type { CallRecordStats } from './call-records-stats.js';
export type { CallRecordsTruth, CallRecordTruth, CallStreamTruth } from './call-records-truth.js';
export { REPORT_SETTINGS_SHAPES, type ReportSettingsShape, type SimulatorStats } from './context.js';
export {
  type ActiveFault,
  FAULT_KINDS,
  FAULT_TARGETS,
  type Fault,
  type FaultController,
  type FaultKind,
  type FaultTarget,
} from './faults.js';
export {
  createServiceAccountIssuer,
  type FederatedCredential,
  type FederatedSignIn,
  type ServiceAccountIssuer,
  type ServiceAccountTokenClaims,
} from './federated.js';
export type { CredentialTruth, ExpiryBucket, GovernanceTruth, MetricPoint } from './governance-truth.js';
export { EXTRA_COLUMN, HEADER_DRIFTS, type HeaderDrift } from './header-drift.js';
export { generateRunPki, type PemPair, type RunPki } from './pki.js';
export { PENDING_ON_REFRESH_DATE } from './report-views.js';
export { REPORT_PERIODS, type ReportPeriod, type ReportQuery } from './reports.js';
export { type RunningSimulator, type SimulatorOptions, startSimulator } from './server.js';
export {
  type EnumCase,
  type ItemBody,
  type KeyValuePair,
  SERVICE_HEALTH_LAST_STEP,
  type ServiceHealthController,
  type ServiceHealthIssue,
  type ServiceHealthIssuePost,
  type ServiceHealthOverview,
  type ServiceHealthTruth,
  type ServiceUpdateMessage,
} from './service-health.js';
export type {
  AuditCount,
  AuditRecordRef,
  AuditTruth,
  DailyCountsRow,
  DetailRow,
  DetailTotals,
  GroundTruth,
  ReportTruth,
  TruthSummary,
} from './truth.js';
