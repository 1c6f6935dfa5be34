/**
 * Structural logger shared by convention across the monorepo (the collector's JSON logger fits it), declared
 * locally so this package does not depend on the collector.
 */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const ignore = (): void => {};

export const noopLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
