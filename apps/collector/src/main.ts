import { type ParseArgsConfig, parseArgs } from 'node:util';
import { describeUrl } from '@m365-otel/http';
import type { Resource } from '@opentelemetry/resources';
import { Collector } from './collector.js';
import { loadConfig } from './config/load.js';
import { summarizeConfig } from './config/summary.js';
import { type CollectorConfig, ConfigError, type LogLevel } from './config/types.js';
import { EXIT } from './exit-codes.js';
import { createLogExporter } from './export/events.js';
import { createMetricExporter } from './export/exporter.js';
import { serviceResource } from './export/resource.js';
import {
  type ExportSettings,
  type LogExportSettings,
  resolveExportSettings,
  resolveLogExportSettings,
} from './export/settings.js';
import { installDiagLogger } from './logging/diag.js';
import { logLevelFromEnv } from './logging/level.js';
import { createJsonLogger, type JsonLogger } from './logging/logger.js';
import { runOnce } from './run/once.js';
import { runService } from './run/service.js';
import { stateDirectoryProblem } from './state/directory.js';
import { FileStateStore } from './state/file-store.js';
import { lockStateDirectory, type StateLock } from './state/lock.js';

export interface MainIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  /** Receives the JSON log lines and usage errors. */
  stderr: (text: string) => void;
  /** Aborted on SIGTERM/SIGINT: the running command winds down and returns. */
  stop?: AbortSignal;
}

export const USAGE = `Usage: m365-otel <command> [options]

Commands:
  run --config FILE          collect reports and service health, each on its own interval, and export over OTLP
                             (metrics to /v1/metrics, service-health events to /v1/logs) until SIGTERM/SIGINT
  run --once --config FILE   one full cycle of every enabled source and one export, then exit
  validate --config FILE     check a config file and print a summary (secrets redacted)
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
export; 2 usage or configuration error.
Environment: OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_{METRICS,LOGS}_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL,
OTEL_EXPORTER_OTLP_HEADERS, OTEL_EXPORTER_OTLP_TIMEOUT (each also as a METRICS_ or LOGS_ variant),
OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME, OTEL_METRIC_EXPORT_INTERVAL (ms),
M365_OTEL_LOG_LEVEL (debug, info, warn, error; wins over the config's log.level).
`;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;
const COMMANDS = {
  run: { ...HELP, config: { type: 'string', short: 'c' }, once: { type: 'boolean' } },
  validate: { ...HELP, config: { type: 'string', short: 'c' } },
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

/** The CLI without process globals: argv after the script name, injected env and output, and a stop signal. */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError(io, 'a command is required');
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, command)) return usageError(io, `unknown command ${JSON.stringify(command)}`);

  let values: Record<string, string | boolean | undefined>;
  try {
    const options: ParseArgsConfig['options'] = COMMANDS[command as Command];
    // Every option above is a string or a boolean flag, which is exactly this record's value type.
    values = parseArgs({ args: [...rest], options, strict: true, allowPositionals: false })
      .values as typeof values;
  } catch (error) {
    return usageError(io, `${command}: ${(error as Error).message}`);
  }
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }

  const envLevel = logLevelFromEnv(io.env);
  if (typeof envLevel === 'object') return usageError(io, envLevel.problem);
  const stop = io.stop ?? new AbortController().signal;

  if (command === 'demo') {
    const logger = createJsonLogger({ level: envLevel ?? 'warn', write: io.stderr });
    installDiagLogger(logger);
    // Loaded on demand: `run` in production never needs the simulator (nor its certificate tooling) in memory.
    const { runDemo } = await import('./demo/demo.js');
    return runDemo(values, { io, logger, stop });
  }
  const configFile = values.config;
  if (typeof configFile !== 'string' || configFile === '')
    return usageError(io, `${command}: --config FILE is required`);
  if (command === 'validate') return validateCommand(configFile, io);
  return runCommand(configFile, values.once === true, { io, envLevel, stop });
}

function usageError(io: MainIo, message: string): number {
  io.stderr(`m365-otel: ${message}\n\n${USAGE}`);
  return EXIT.usage;
}

interface Prepared {
  config: CollectorConfig;
  settings: ExportSettings;
  /** Only when serviceHealth is enabled: nothing else sends log records. */
  logSettings: LogExportSettings | undefined;
  resource: Resource;
}

/**
 * The config file, then the OTEL_* environment. All of a file's problems come together; the variables are checked
 * once the file is valid, because its export section decides which of them matter.
 */
async function prepare(
  configFile: string,
  env: MainIo['env'],
): Promise<Prepared | { problems: readonly string[] }> {
  let config: CollectorConfig;
  try {
    config = await loadConfig(configFile, { env });
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
  const exportSettings = resolveExportSettings(config.otlp, env);
  const logSettings = config.serviceHealth.enabled ? resolveLogExportSettings(config.otlp, env) : undefined;
  const service = serviceResource(env);
  const stateProblem = config.serviceHealth.enabled
    ? await stateDirectoryProblem(config.state.directory)
    : undefined;
  if (
    !exportSettings.settings ||
    !service.resource ||
    (logSettings && !logSettings.settings) ||
    stateProblem
  ) {
    // The variables both signals share would otherwise be reported twice.
    const problems = new Set([
      ...exportSettings.problems,
      ...(logSettings?.problems ?? []),
      ...service.problems,
      ...(stateProblem ? [stateProblem] : []),
    ]);
    return { problems: [...problems] };
  }
  return {
    config,
    settings: exportSettings.settings,
    logSettings: logSettings?.settings,
    resource: service.resource,
  };
}

async function validateCommand(configFile: string, io: MainIo): Promise<number> {
  const prepared = await prepare(configFile, io.env);
  if ('problems' in prepared) {
    io.stderr(`${configFile}: invalid\n${prepared.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    return EXIT.usage;
  }
  io.stdout(summarizeConfig(configFile, prepared.config, prepared.settings, prepared.logSettings));
  return EXIT.ok;
}

async function runCommand(
  configFile: string,
  once: boolean,
  context: { io: MainIo; envLevel: LogLevel | undefined; stop: AbortSignal },
): Promise<number> {
  const { io, stop } = context;
  const logger: JsonLogger = createJsonLogger({ level: context.envLevel ?? 'info', write: io.stderr });
  const prepared = await prepare(configFile, io.env);
  if ('problems' in prepared) {
    logger.error('invalid configuration', { config: configFile, problems: prepared.problems });
    return EXIT.usage;
  }
  const { config, settings, logSettings, resource } = prepared;
  logger.setLevel(context.envLevel ?? config.logLevel ?? 'info');
  for (const tenant of config.tenants) {
    if (tenant.credential.kind === 'secret') logger.addSecret(tenant.credential.secret);
  }
  for (const value of [...Object.values(settings.headers), ...Object.values(logSettings?.headers ?? {})])
    logger.addSecret(value);
  installDiagLogger(logger);
  let stateLock: StateLock | undefined;
  try {
    stateLock = config.serviceHealth.enabled ? await lockStateDirectory(config.state.directory) : undefined;
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
    ...(eventExporter && logSettings
      ? {
          eventExporter,
          logRecordLimits: logSettings.limits,
          state: new FileStateStore(config.state.directory),
        }
      : {}),
  });
  logger.info('starting', {
    mode: once ? 'once' : 'service',
    tenants: config.tenants.map((tenant) => tenant.tenantId),
    reports: collector.reports,
    serviceHealth: config.serviceHealth.enabled
      ? { interval: config.serviceHealth.interval, messages: config.serviceHealth.messages }
      : false,
    export: {
      url: describeUrl(settings.url),
      protocol: settings.protocol,
      ...(logSettings
        ? { eventsUrl: describeUrl(logSettings.url), eventsProtocol: logSettings.protocol }
        : {}),
    },
    ...(config.serviceHealth.enabled ? { stateDirectory: config.state.directory } : {}),
  });
  try {
    if (once) return (await runOnce(collector, exporter, logger, stop)) ? EXIT.ok : EXIT.failed;
    await runService({
      collector,
      exporter,
      logger,
      cycleIntervalMs: config.reports.intervalMs,
      serviceHealthIntervalMs: config.serviceHealth.enabled ? config.serviceHealth.intervalMs : undefined,
      exportIntervalMs: settings.intervalMs,
      stop,
    });
    return EXIT.ok;
  } finally {
    await collector.close();
    await Promise.all([exporter.shutdown(), eventExporter?.shutdown()]);
    await stateLock?.release();
  }
}
