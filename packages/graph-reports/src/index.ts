export type { Logger } from '@m365-otel/http';
// The catalog, whole: it lives in @m365-otel/report-catalog (the simulator needs it without this client), and the
// client's callers name reports, periods and columns in its terms, so they find them here too.
export * from '@m365-otel/report-catalog';
export {
  DEFAULT_DOWNLOAD_DEADLINE_MS,
  REPORT_SETTINGS_PERMISSION,
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
export {
  CsvError,
  CsvParser,
  type CsvParserOptions,
  type CsvRecordHandler,
  normalizeHeaderName,
  parseCsv,
} from './csv.js';
export { ReportError, type ReportErrorDetails } from './errors.js';
export type { ReportSettings } from './report-settings.js';
export { REPORT_REQUEST_BUDGET } from './request-budget.js';
