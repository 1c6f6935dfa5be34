import type { LogLevel } from '../config/types.js';
import { redact } from './redact.js';

/** The structural logger shape every workspace package declares locally (contracts.md). */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface JsonLogger extends Logger {
  /** A logger that adds these fields to every line (for example the tenant id). */
  child(fields: Record<string, unknown>): JsonLogger;
  setLevel(level: LogLevel): void;
  /** Values (client secrets, ...) replaced by [REDACTED] wherever they would appear in a line. */
  addSecret(value: string): void;
}

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  level: LogLevel;
  /** Receives one complete JSON line, newline included (default: stderr). */
  write?: (line: string) => void;
  now?: () => Date;
}

/** JSON lines `{time, level, msg, ...fields}`; fields pass through the redaction guard first. */
export function createJsonLogger(options: JsonLoggerOptions): JsonLogger {
  const shared = {
    level: options.level,
    secrets: new Set<string>(),
    write: options.write ?? ((line: string) => process.stderr.write(line)),
    now: options.now ?? (() => new Date()),
  };

  const make = (bound: Record<string, unknown>): JsonLogger => {
    const log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
      if (SEVERITY[level] < SEVERITY[shared.level]) return;
      const line = { time: shared.now().toISOString(), level, msg, ...bound, ...fields };
      shared.write(`${JSON.stringify(redact(line, shared.secrets))}\n`);
    };
    return {
      debug: (msg, fields) => log('debug', msg, fields),
      info: (msg, fields) => log('info', msg, fields),
      warn: (msg, fields) => log('warn', msg, fields),
      error: (msg, fields) => log('error', msg, fields),
      child: (fields) => make({ ...bound, ...fields }),
      setLevel: (level) => {
        shared.level = level;
      },
      addSecret: (value) => {
        if (value !== '') shared.secrets.add(value);
      },
    };
  };
  return make({});
}
