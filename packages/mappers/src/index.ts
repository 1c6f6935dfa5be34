export {
  type ApiSource,
  DEFAULT_HEALTHY_STATUSES,
  EVENT_CATALOG,
  type EventAttributeDefinition,
  type EventDefinition,
  type EventFieldDefinition,
  ISSUE_CLASSIFICATIONS,
  type IssueChange,
  METRIC_CATALOG,
  type MessageChange,
  type MetricAttributeDefinition,
  type MetricDefinition,
  type MetricSource,
  REPORT_AGE_METRIC,
  type ReportSource,
  SERVICE_HEALTH_METRICS,
  SERVICE_HEALTH_STATUSES,
  type ServiceHealthStatus,
} from './catalog.js';
export { renderMetricsDoc } from './docs.js';
export { REPORT_MAPPINGS, reportsFor } from './mappings.js';
export { reportAgeSeconds } from './report-age.js';
export {
  diffIssues,
  diffMessages,
  type EventRecord,
  type IssueDiff,
  issueEvent,
  issueVersion,
  type MessageDiff,
  messageEvent,
  messageVersion,
} from './service-events.js';
export {
  applyServiceHealthFilter,
  filterMessages,
  type NameMatcher,
  parseNameMatcher,
  parseServiceHealthFilter,
  type ServiceHealthFilter,
  type ServiceHealthFilterConfig,
} from './service-filter.js';
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
  MetricObservation,
  ReportAccumulator,
  ReportMapping,
  ReportSnapshot,
  Row,
  RowProblem,
} from './types.js';
