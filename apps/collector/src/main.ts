import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CommandContext, CommandFlags, MainIo } from './commands/context.js';
import { demoCommand } from './commands/demo.js';
import { diagnosticCommand } from './commands/diagnostic.js';
import { runOnceCommand } from './commands/once.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import type { LogLevel } from './config/types.js';
import { DIAGNOSTIC_OUTPUTS, isDiagnosticOutput } from './diagnostic/output.js';
import { EXIT } from './exit-codes.js';
import { installDiagLogger } from './logging/diag.js';
import { logLevelFromEnv } from './logging/level.js';
import { createJsonLogger } from './logging/logger.js';

export const USAGE = `Usage: m365-otel <command> [options]

Commands:
  run --config FILE          collect reports, service health and the audit log, each on its own interval, and
                             export over OTLP (metrics to /v1/metrics, service-health events and audit records
                             to /v1/logs) until SIGTERM/SIGINT
  run --once --config FILE   one full cycle of every enabled source and one export, then exit
  validate --config FILE     check a config file and print a summary (secrets redacted)
  diagnostic --config FILE   per tenant, sign in and make one cheap call per permission each enabled source
                             needs; print source -> ok / missing permission / not licensed / unreachable
    --output table|json      a table for people (default) or one JSON object
  demo [options]             collect from a built-in simulated tenant and print the metrics as tables
    --users N                simulated users (default 25)
    --seed N                 simulator seed (default 1)
    --cycles N               collection cycles (default 1); each one after the first advances the simulated
                             service-health timeline a step (7 cycles show an incident open and resolve)
    --interval DURATION      time between cycles, like 30s or 5m (default 30s)
    --otlp URL               also export to this OTLP/HTTP base URL (/v1/metrics and /v1/logs are appended);
                             without it the demo exports only when OTEL_EXPORTER_OTLP_ENDPOINT or a
                             METRICS_/LOGS_ variant of it is set

Options:
  -h, --help                 show this help

Exit codes: 0 success; 1 a report or a service-health poll failed, or the OTLP backend did not acknowledge an
export, or (diagnostic) something enabled cannot work; 2 usage or configuration error.
Environment: OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_{METRICS,LOGS}_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL,
OTEL_EXPORTER_OTLP_HEADERS, OTEL_EXPORTER_OTLP_TIMEOUT (each also as a METRICS_ or LOGS_ variant),
OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME, OTEL_METRIC_EXPORT_INTERVAL (ms),
M365_OTEL_LOG_LEVEL (debug, info, warn, error; wins over the config's log.level).
`;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;
const COMMANDS = {
  run: { ...HELP, config: { type: 'string', short: 'c' }, once: { type: 'boolean' } },
  validate: { ...HELP, config: { type: 'string', short: 'c' } },
  diagnostic: { ...HELP, config: { type: 'string', short: 'c' }, output: { type: 'string', short: 'o' } },
  demo: {
    ...HELP,
    users: { type: 'string' },
    seed: { type: 'string' },
    cycles: { type: 'string' },
    interval: { type: 'string' },
    otlp: { type: 'string' },
  },
} as const satisfies Record<string, ParseArgsConfig['options']>;
type Command = keyof typeof COMMANDS;

/** The demo and diagnostic print tables on stdout; their log keeps to what went wrong unless asked for more. */
const DEFAULT_LOG_LEVEL: Record<Command, LogLevel> = {
  run: 'info',
  validate: 'info',
  diagnostic: 'warn',
  demo: 'warn',
};

/**
 * The CLI without process globals: argv after the script name, injected env and output, and a stop signal.
 * Parses the command line, builds the context every command shares, and hands over to the command's module.
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError(io, 'a command is required');
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, command)) return usageError(io, `unknown command ${JSON.stringify(command)}`);
  const name = command as Command;

  let flags: CommandFlags;
  try {
    const options: ParseArgsConfig['options'] = COMMANDS[name];
    // Every option above is a string or a boolean flag (none is `multiple`), which is exactly CommandFlags.
    flags = parseArgs({ args: [...rest], options, strict: true, allowPositionals: false })
      .values as CommandFlags;
  } catch (error) {
    return usageError(io, `${command}: ${(error as Error).message}`);
  }
  if (flags.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }

  const envLogLevel = logLevelFromEnv(io.env);
  if (typeof envLogLevel === 'object') return usageError(io, envLogLevel.problem);
  const logger = createJsonLogger({ level: envLogLevel ?? DEFAULT_LOG_LEVEL[name], write: io.stderr });
  installDiagLogger(logger);
  const context: CommandContext = {
    io,
    logger,
    envLogLevel,
    stop: io.stop ?? new AbortController().signal,
  };

  if (name === 'demo') return demoCommand(flags, context);
  const configFile = flags.config;
  if (typeof configFile !== 'string' || configFile === '')
    return usageError(io, `${command}: --config FILE is required`);
  if (name === 'validate') return validateCommand(configFile, context);
  if (name === 'diagnostic') {
    const output = flags.output ?? 'table';
    if (typeof output !== 'string' || !isDiagnosticOutput(output))
      return usageError(io, `diagnostic: --output must be ${DIAGNOSTIC_OUTPUTS.join(' or ')}`);
    return diagnosticCommand(configFile, output, context);
  }
  return flags.once === true ? runOnceCommand(configFile, context) : runCommand(configFile, context);
}

function usageError(io: MainIo, message: string): number {
  io.stderr(`m365-otel: ${message}\n\n${USAGE}`);
  return EXIT.usage;
}
