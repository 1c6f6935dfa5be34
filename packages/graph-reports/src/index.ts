export type { Logger } from '@m365-otel/http';
export {
  DEFAULT_DOWNLOAD_DEADLINE_MS,
  type ReadOptions,
  type ReportHeader,
  type ReportQuery,
  type ReportRead,
  type ReportResult,
  type ReportResultFor,
  type ReportRow,
  ReportsClient,
  type ReportsClientOptions,
  type ReportUnchanged,
  type RowVisitor,
} from './client.js';
export { isConcealedName } from './concealed-names.js';
export {
  CsvError,
  CsvParser,
  type CsvParserOptions,
  type CsvRecordHandler,
  normalizeHeaderName,
  parseCsv,
} from './csv.js';
export { ReportError, type ReportErrorDetails } from './errors.js';
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
export type { ReportSettings } from './report-settings.js';
export { REPORT_REQUEST_BUDGET } from './request-budget.js';
