export { fileRecordIdLogs, memoryRecordIdLogs, type RecordIdLogs } from './audit/record-ids.js';
export {
  CALL_RECORD_SETTLE_MS,
  callQualityCursorKey,
  serializeCallQualityCursor,
} from './call-quality/cursor.js';
export { CALL_QUALITY_WIRING } from './call-quality/wiring.js';
export { Collector, type CollectorOptions } from './collector.js';
export type { CommandContext, CommandFlags, MainIo } from './commands/context.js';
export type { DemoCommand } from './commands/demo.js';
export { type Preparation, type Prepared, prepare } from './commands/prepare.js';
export { parseDuration } from './config/duration.js';
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
export { createLogExporter, severityOf } from './export/events.js';
export { createMetricExporter } from './export/exporter.js';
export { LogRecordFactory, type LogRecordFields } from './export/log-records.js';
export { createProtobufLogsSerializer, type ReleasingSerializer } from './export/protobuf-logs-serializer.js';
export { buildReportMetrics } from './export/report-metrics.js';
export { serviceResource, tenantResource } from './export/resource.js';
export {
  DEFAULT_LOG_RECORD_LIMITS,
  type ExportSettings,
  type LogExportSettings,
  resolveExportSettings,
  resolveLogExportSettings,
} from './export/settings.js';
export { GOVERNANCE_SIGNALS, type GovernanceSignal } from './governance/signals.js';
export { governanceSources } from './governance/sources/index.js';
export { createJsonLogger, type JsonLogger, type Logger } from './logging/logger.js';
export { main, USAGE } from './main.js';
export { FileStateStore } from './state/file-store.js';
export { MemoryStateStore } from './state/memory-store.js';
export { type Quarantine, StateError, type StateRead, type StateStore } from './state/store.js';
