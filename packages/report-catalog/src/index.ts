export { isConcealedName } from './concealed-names.js';
export {
  isReportName,
  REPORT_CATALOG,
  REPORT_COLUMN_TYPES,
  REPORT_ENDPOINTS,
  REPORT_FAMILIES,
  REPORT_NAMES,
  REPORT_PERIODS,
  type ReportColumnType,
  type ReportDefinition,
  type ReportEndpoint,
  type ReportFamily,
  type ReportName,
  type ReportPeriod,
} from './generated/reports.js';
