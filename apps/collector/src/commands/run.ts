import { EXIT } from '../exit-codes.js';
import { runService } from '../run/service.js';
import type { CommandContext } from './context.js';
import { collectorSession } from './session.js';

/** `run --config FILE`: each source on its own interval until the stop signal, then a clean exit 0. */
export function runCommand(configFile: string, context: CommandContext): Promise<number> {
  return collectorSession(configFile, 'service', context, async ({ collector, exporter, prepared }) => {
    const { config, settings } = prepared;
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
    });
    return EXIT.ok;
  });
}
