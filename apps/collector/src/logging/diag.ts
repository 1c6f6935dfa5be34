import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import type { Logger } from './logger.js';

/**
 * Routes the OpenTelemetry SDK's own diagnostics (for example an exporter's retry warnings or a malformed
 * OTEL_EXPORTER_OTLP_HEADERS) into our JSON log; without a diag logger they are silently dropped.
 */
export function installDiagLogger(logger: Logger): void {
  const forward =
    (write: (msg: string, fields?: Record<string, unknown>) => void) =>
    (message: string, ...args: unknown[]) =>
      write(`opentelemetry: ${message}`, args.length > 0 ? { details: args } : undefined);
  const bridge: DiagLogger = {
    error: forward((msg, fields) => logger.error(msg, fields)),
    warn: forward((msg, fields) => logger.warn(msg, fields)),
    info: forward((msg, fields) => logger.debug(msg, fields)),
    debug: forward((msg, fields) => logger.debug(msg, fields)),
    verbose: forward((msg, fields) => logger.debug(msg, fields)),
  };
  diag.setLogger(bridge, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
}
