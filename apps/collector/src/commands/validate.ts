import { summarizeConfig } from '../config/summary.js';
import { EXIT } from '../exit-codes.js';
import type { CommandContext } from './context.js';
import { prepare } from './prepare.js';

/** `validate --config FILE`: every problem at once (exit 2), or a summary with the secrets redacted (exit 0). */
export async function validateCommand(configFile: string, context: CommandContext): Promise<number> {
  const { io } = context;
  const prepared = await prepare(configFile, context);
  if ('problems' in prepared) {
    io.stderr(`${configFile}: invalid\n${prepared.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    return EXIT.usage;
  }
  io.stdout(summarizeConfig(configFile, prepared.config, prepared.settings, prepared.logSettings));
  return EXIT.ok;
}
