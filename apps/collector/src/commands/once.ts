import { EXIT } from '../exit-codes.js';
import { runOnce } from '../run/once.js';
import type { CommandContext } from './context.js';
import { collectorSession } from './session.js';

/** `run --once --config FILE`: exit 0 only when every source succeeded and the backend acknowledged the export. */
export function runOnceCommand(configFile: string, context: CommandContext): Promise<number> {
  return collectorSession(configFile, 'once', context, async ({ collector, exporter }) =>
    (await runOnce(collector, exporter, context.logger, context.stop)) ? EXIT.ok : EXIT.failed,
  );
}
