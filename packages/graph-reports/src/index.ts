export type { Logger } from '@m365-otel/http';
export {
  isReportName,
  REPORT_CATALOG,
  REPORT_NAMES,
  REPORT_PERIODS,
  type ReportDefinition,
  type ReportName,
  type ReportPeriod,
} from './catalog.js';
export {
  DEFAULT_DOWNLOAD_DEADLINE_MS,
  type ReadOptions,
  type ReportHeader,
  type ReportQuery,
  type ReportResult,
  type ReportRow,
  ReportsClient,
  type ReportsClientOptions,
  type RowVisitor,
} from './client.js';
export {
  CsvError,
  CsvParser,
  type CsvParserOptions,
  type CsvRecordHandler,
  normalizeHeaderName,
  parseCsv,
} from './csv.js';
export { ReportError, type ReportErrorDetails } from './errors.js';
