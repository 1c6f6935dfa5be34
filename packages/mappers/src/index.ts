export { type AuditMetricRecorder, createAuditMetricRecorder } from './audit-metrics.js';
export { type AuditBlob, type AuditEvent, mapAuditRecord } from './audit-record.js';
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
export { MAX_REPORT_DAYS } from './counts-mapping.js';
export { columnAttributeName } from './entity-columns.js';
export * from './generated/catalog.js';
export { REPORT_MAPPINGS, reportsFor } from './mappings.js';
export type { MetricRecorder } from './metric-recorder.js';
export { reportAgeSeconds } from './report-age.js';
export { createSelfMetricRecorder, type SelfMetricRecorder } from './self-metrics.js';
export { observation } from './series.js';
export { type EventRecord, issueEvent, messageEvent } from './service-events.js';
export { mapServiceHealth, type ServiceHealthOptions } from './service-health.js';
export type {
  EnumValueLike,
  IssueLike,
  IssuePostLike,
  MessageLike,
  OverviewLike,
  ServiceHealthInput,
} from './service-types.js';
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
