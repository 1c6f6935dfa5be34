import { EXIT } from '../exit-codes.js';
import type { CommandContext, CommandFlags } from './context.js';

/**
 * `m365-otel demo`, implemented by the workspace package @m365-otel/demo, which exports a `runDemo` of this type.
 * The contract is declared here, on the side that calls it, so the demo is type-checked against it.
 */
export type DemoCommand = (flags: CommandFlags, context: CommandContext) => Promise<number>;

/** The package that implements `demo`. Not a dependency of the collector: it ships with the source workspace. */
export const DEMO_PACKAGE = '@m365-otel/demo';

/**
 * Finds the demo's `runDemo` at run time, so production installs of the collector carry neither the demo nor the
 * simulator. A string is the reason it is unavailable.
 */
export async function loadDemo(specifier: string = DEMO_PACKAGE): Promise<DemoCommand | string> {
  let module: { runDemo?: unknown };
  try {
    // A specifier in a variable: the compiler must not resolve (and build against) a package that may be absent.
    module = (await import(specifier)) as { runDemo?: unknown };
  } catch (error) {
    if (!isMissing(error, specifier)) throw error;
    return (
      `demo: ${specifier} is not installed; the demo ships with the m365-otel source workspace, not with the ` +
      'collector package. From a checkout, run `bash scripts/demo.sh` or `pnpm m365-otel demo`.'
    );
  }
  if (typeof module.runDemo !== 'function') return `demo: ${specifier} does not export a runDemo function`;
  return module.runDemo as DemoCommand;
}

/** The package itself is missing, not something it imports (that would be a broken install, reported as such). */
function isMissing(error: unknown, specifier: string): boolean {
  return (
    (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' &&
    (error as Error).message.includes(`'${specifier}'`)
  );
}

/** `demo [options]`: hands the parsed options to the demo package, or says precisely why it cannot. */
export async function demoCommand(flags: CommandFlags, context: CommandContext): Promise<number> {
  const runDemo = await loadDemo();
  if (typeof runDemo === 'string') {
    context.io.stderr(`m365-otel: ${runDemo}\n`);
    return EXIT.usage;
  }
  return runDemo(flags, context);
}
