import { EXIT } from '../exit-codes.js';
import { serveHealth } from '../health/server.js';
import { runService } from '../run/service.js';
import type { CommandContext } from './context.js';
import { collectorSession } from './session.js';

/**
 * `run --config FILE`: each source on its own interval until the stop signal, then a clean exit 0. With
 * `health.enabled` the health endpoints answer from before the first cycle until the service has stopped; a port
 * they cannot take is exit 1.
 */
export function runCommand(configFile: string, context: CommandContext): Promise<number> {
  return collectorSession(configFile, 'service', context, async ({ collector, exporter, prepared }) => {
    const { config, settings } = prepared;
    const health = await serveHealth(config.health, collector.health, context);
    if (health === 'failed') return EXIT.failed;
    await runService({
      collector,
      exporter,
      logger: context.logger,
      cycleIntervalMs: config.reports.intervalMs,
      serviceHealthIntervalMs: config.serviceHealth.enabled ? config.serviceHealth.intervalMs : undefined,
      governanceIntervalMs: config.governance.enabled ? config.governance.intervalMs : undefined,
      callQualityIntervalMs: config.callQuality.enabled ? config.callQuality.intervalMs : undefined,
      exportIntervalMs: settings.intervalMs,
      stop: context.stop,
    }).finally(() => health?.close());
    return EXIT.ok;
  });
}
