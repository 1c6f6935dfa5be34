import type { Resource } from '@opentelemetry/resources';
import { loadConfig } from '../config/load.js';
import { tlsVerificationProblem } from '../config/tls-verification.js';
import { type CollectorConfig, ConfigError } from '../config/types.js';
import { sendsLogRecords, usesState } from '../config/uses.js';
import { serviceResource } from '../export/resource.js';
import {
  type ExportSettings,
  type LogExportSettings,
  resolveExportSettings,
  resolveLogExportSettings,
} from '../export/settings.js';
import { stateDirectoryProblem } from '../state/directory.js';
import type { CommandContext } from './context.js';

/** A config file with everything the environment adds to it, ready for a command to use. */
export interface Prepared {
  config: CollectorConfig;
  settings: ExportSettings;
  /** Only when serviceHealth, audit or per-entity report details are enabled: nothing else sends log records. */
  logSettings: LogExportSettings | undefined;
  resource: Resource;
}

export type Preparation = Prepared | { problems: readonly string[] };

/**
 * The preparation every command that reads a config shares (`validate`, `run`, `run --once` and the demo, whose
 * config file points at the simulator): the config file, then the OTEL_* environment, then the logger learns the
 * config's level and the values it must never print. All of a file's problems come together; the variables are
 * checked once the file is valid, because its export section decides which of them matter.
 */
export async function prepare(configFile: string, context: CommandContext): Promise<Preparation> {
  const { env } = context.io;
  let config: CollectorConfig;
  try {
    config = await loadConfig(configFile, { env });
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
  const exportSettings = resolveExportSettings(config.otlp, env);
  const logSettings = sendsLogRecords(config) ? resolveLogExportSettings(config.otlp, env) : undefined;
  const service = serviceResource(env);
  // Checked (and created) before anything runs: a directory that cannot hold state re-announces every event.
  const stateProblem = usesState(config) ? await stateDirectoryProblem(config.state.directory) : undefined;
  const tlsProblem = tlsVerificationProblem(env);
  if (
    tlsProblem !== undefined ||
    !exportSettings.settings ||
    !service.resource ||
    (logSettings && !logSettings.settings) ||
    stateProblem !== undefined
  ) {
    // The variables both signals share would otherwise be reported twice.
    const problems = new Set([
      ...exportSettings.problems,
      ...(logSettings?.problems ?? []),
      ...service.problems,
      ...(stateProblem === undefined ? [] : [stateProblem]),
      ...(tlsProblem === undefined ? [] : [tlsProblem]),
    ]);
    return { problems: [...problems] };
  }

  const { logger } = context;
  if (context.envLogLevel === undefined && config.logLevel !== undefined) logger.setLevel(config.logLevel);
  for (const tenant of config.tenants) {
    if (tenant.credential.kind === 'secret') logger.addSecret(tenant.credential.secret);
  }
  for (const value of [
    ...Object.values(exportSettings.settings.headers),
    ...Object.values(logSettings?.settings?.headers ?? {}),
  ])
    logger.addSecret(value);
  return {
    config,
    settings: exportSettings.settings,
    logSettings: logSettings?.settings,
    resource: service.resource,
  };
}
