export { Collector, type CollectorOptions } from './collector.js';
export { loadConfig, parseConfig } from './config/load.js';
export type {
  CollectorConfig,
  LogLevel,
  OtlpProtocol,
  ServiceHealthConfig,
  TenantConfig,
} from './config/types.js';
export { ConfigError } from './config/types.js';
export { EXIT } from './exit-codes.js';
export { buildReportMetrics } from './export/report-metrics.js';
export {
  type ExportSettings,
  type LogExportSettings,
  resolveExportSettings,
  resolveLogExportSettings,
} from './export/settings.js';
export { createJsonLogger, type JsonLogger, type Logger } from './logging/logger.js';
export { type MainIo, main, USAGE } from './main.js';
export { FileStateStore } from './state/file-store.js';
export { MemoryStateStore } from './state/memory-store.js';
export { StateError, type StateStore } from './state/store.js';
