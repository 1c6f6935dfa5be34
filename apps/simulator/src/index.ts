export { type AuditBacklog, CONTENT_TYPES, type ContentType } from './activity-feed.js';
export type { SimulatorStats } from './context.js';
export {
  type ActiveFault,
  FAULT_KINDS,
  FAULT_TARGETS,
  type Fault,
  type FaultController,
  type FaultKind,
  type FaultTarget,
} from './faults.js';
export { generateRunPki, type PemPair, type RunPki } from './pki.js';
export {
  type DailyCountsReportName,
  type DetailReportName,
  PENDING_ON_REFRESH_DATE,
  REPORT_COLUMNS,
  REPORT_NAMES,
  REPORT_PERIODS,
  type ReportName,
  type ReportPeriod,
  type ReportQuery,
} from './reports.js';
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
  TruthSummary,
} from './truth.js';
