export {
  METRIC_CATALOG,
  type MetricAttributeDefinition,
  type MetricDefinition,
  REPORT_AGE_METRIC,
} from './catalog.js';
export { renderMetricsDoc } from './docs.js';
export { REPORT_MAPPINGS, reportsFor } from './mappings.js';
export { reportAgeSeconds } from './report-age.js';
export type {
  MetricObservation,
  ReportAccumulator,
  ReportMapping,
  ReportSnapshot,
  Row,
  RowProblem,
} from './types.js';
