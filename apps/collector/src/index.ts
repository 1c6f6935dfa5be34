export { Collector, type CollectorOptions } from './collector.js';
export { loadConfig, parseConfig } from './config/load.js';
export type { CollectorConfig, LogLevel, OtlpProtocol, TenantConfig } from './config/types.js';
export { ConfigError } from './config/types.js';
export { EXIT } from './exit-codes.js';
export { buildReportMetrics } from './export/report-metrics.js';
export { type ExportSettings, resolveExportSettings } from './export/settings.js';
export { createJsonLogger, type JsonLogger, type Logger } from './logging/logger.js';
export { type MainIo, main, USAGE } from './main.js';
