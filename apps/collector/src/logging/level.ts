import { LOG_LEVELS, type LogLevel } from '../config/types.js';

export const LOG_LEVEL_ENV = 'M365_OTEL_LOG_LEVEL';

/**
 * M365_OTEL_LOG_LEVEL, when set, wins over the config file's `log.level`: it is the per-invocation override an
 * operator reaches for while debugging, without editing a mounted config. Undefined when unset.
 */
export function logLevelFromEnv(
  env: Record<string, string | undefined>,
): LogLevel | undefined | { problem: string } {
  const value = env[LOG_LEVEL_ENV]?.trim();
  if (value === undefined || value === '') return undefined;
  const level = value.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  return {
    problem: `${LOG_LEVEL_ENV}: must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(value)}`,
  };
}
