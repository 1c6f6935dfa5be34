import type { Logger } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { SCOPE } from '../../version.js';
import type { LogRecordLimits } from '../settings.js';

/** What the SDK's own Logger makes of what `emit` emits, as an exporter would receive it: the reference in tests. */
export function emittedBySdk(
  resource: Resource,
  limits: LogRecordLimits | undefined,
  emit: (logger: Logger) => void,
): ReadableLogRecord[] {
  const records: ReadableLogRecord[] = [];
  const collect: LogRecordProcessor = {
    onEmit: (record) => {
      records.push(record);
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const provider = new LoggerProvider({
    resource,
    processors: [collect],
    ...(limits && { logRecordLimits: limits }),
  });
  emit(provider.getLogger(SCOPE.name, SCOPE.version));
  return records;
}
