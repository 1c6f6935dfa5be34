import { describeUrl } from '@m365-otel/http';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { fileRecordIdLogs } from '../audit/record-ids.js';
import { CALL_QUALITY_WIRING } from '../call-quality/wiring.js';
import { Collector } from '../collector.js';
import { usesState } from '../config/uses.js';
import { EXIT } from '../exit-codes.js';
import { createLogExporter } from '../export/events.js';
import { createMetricExporter } from '../export/exporter.js';
import { polledGovernanceSignals } from '../governance/signal-calls.js';
import { governanceSources } from '../governance/sources/index.js';
import { FileStateStore } from '../state/file-store.js';
import { lockStateDirectory, type StateLock } from '../state/lock.js';
import type { CommandContext } from './context.js';
import { type Prepared, prepare } from './prepare.js';

export type RunMode = 'once' | 'service';

/**
 * What `run` and `run --once` share around their own loop: the prepared config (exit 2 when invalid), the lock on
 * the state directory (exit 1 when another process holds it), the exporters, the collector with its file state
 * store, the `starting` line, and the shutdown of all of them however the loop ends.
 */
export async function collectorSession(
  configFile: string,
  mode: RunMode,
  context: CommandContext,
  work: (session: {
    collector: Collector;
    exporter: PushMetricExporter;
    prepared: Prepared;
  }) => Promise<number>,
): Promise<number> {
  const { logger } = context;
  const prepared = await prepare(configFile, context);
  if ('problems' in prepared) {
    logger.error('invalid configuration', { config: configFile, problems: prepared.problems });
    return EXIT.usage;
  }
  const { config, settings, logSettings, resource } = prepared;
  // One process per state directory, or each would announce every event. Exit 1, not 2: the config is fine, and
  // the same command succeeds once the other process has ended.
  let stateLock: StateLock | undefined;
  try {
    stateLock = usesState(config) ? await lockStateDirectory(config.state.directory) : undefined;
  } catch (error) {
    logger.error('cannot take the state directory', { error });
    return EXIT.failed;
  }
  const exporter = createMetricExporter(settings);
  const eventExporter = logSettings ? createLogExporter(logSettings) : undefined;
  const collector = new Collector({
    config,
    resource,
    logger,
    stop: context.stop,
    reportExporter: exporter,
    callQuality: CALL_QUALITY_WIRING,
    governanceSources,
    // `run --once` answers with its exit code: a backend that is down fails it now rather than holding it.
    ...(mode === 'service' && config.exportBuffer.enabled && { exportBuffer: config.exportBuffer }),
    ...(eventExporter && logSettings && { eventExporter, logRecordLimits: logSettings.limits }),
    ...(usesState(config) && {
      state: new FileStateStore(config.state.directory),
      recordIds: fileRecordIdLogs(config.state.directory),
    }),
  });
  logger.info('starting', {
    mode,
    tenants: config.tenants.map((tenant) => tenant.tenantId),
    reports: collector.reports,
    ...(config.reports.enabled && {
      reportsTime: config.reports.time,
      reportsCount: collector.reports.length,
      reportsWithDetails: [...config.reports.details].filter((report) => collector.reports.includes(report)),
    }),
    serviceHealth: config.serviceHealth.enabled
      ? { interval: config.serviceHealth.interval, messages: config.serviceHealth.messages }
      : false,
    governance: config.governance.enabled
      ? {
          interval: config.governance.interval,
          signals: polledGovernanceSignals(config.governance, config.enabledMetrics),
        }
      : false,
    callQuality: config.callQuality.enabled
      ? { interval: config.callQuality.interval, records: config.callQuality.records }
      : false,
    audit: config.audit.enabled
      ? {
          pollInterval: config.audit.pollInterval,
          streams: collector.auditStreams.map((stream) => stream.name),
        }
      : false,
    export: {
      url: describeUrl(settings.url),
      protocol: settings.protocol,
      buffer: mode === 'service' && config.exportBuffer.enabled ? config.exportBuffer.maxSize : false,
      ...(logSettings
        ? { eventsUrl: describeUrl(logSettings.url), eventsProtocol: logSettings.protocol }
        : {}),
    },
    ...(usesState(config) ? { stateDirectory: config.state.directory } : {}),
  });
  try {
    return await work({ collector, exporter, prepared });
  } finally {
    await collector.close();
    await Promise.all([exporter.shutdown(), eventExporter?.shutdown()]);
    await stateLock?.release();
  }
}
