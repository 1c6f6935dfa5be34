import type { LogLevel } from '../config/types.js';
import type { JsonLogger } from '../logging/logger.js';

export interface MainIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  /** Receives the JSON log lines and usage errors. */
  stderr: (text: string) => void;
  /** Aborted on SIGTERM/SIGINT: the running command winds down and returns. */
  stop?: AbortSignal;
}

/** What every command gets from main(): its output, a logger on stderr and the stop signal. */
export interface CommandContext {
  io: MainIo;
  /** JSON lines on stderr, at M365_OTEL_LOG_LEVEL or else the command's own default level. */
  logger: JsonLogger;
  /** M365_OTEL_LOG_LEVEL when set: it wins over the config's `log.level`. */
  envLogLevel: LogLevel | undefined;
  stop: AbortSignal;
}

/** The parsed options of one command: every option is a string or a boolean flag. */
export type CommandFlags = Readonly<Record<string, string | boolean | undefined>>;
