import { ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';

/** A log backend for tests: keeps what it is sent in `exported`, and refuses (a 503) while `refuse` is set. */
export interface RecordingBackend {
  refuse: boolean;
  exported: ReadableLogRecord[];
}

/** An exporter to `backend`: a refused export fails whole, an accepted one is recorded whole. */
export function recordingExporter(backend: RecordingBackend): LogRecordExporter {
  return {
    export(records, done) {
      if (backend.refuse)
        done({ code: ExportResultCode.FAILED, error: new Error('503 Service Unavailable') });
      else {
        backend.exported.push(...records);
        done({ code: ExportResultCode.SUCCESS });
      }
    },
    shutdown: async () => undefined,
    forceFlush: async () => undefined,
  };
}
