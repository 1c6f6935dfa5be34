import { ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { PartialSuccessError } from '../otlp-exporter.js';

/** A log backend for tests: keeps what it is sent in `exported`, and refuses (a 503) while `refuse` is set. */
export interface RecordingBackend {
  refuse: boolean;
  exported: ReadableLogRecord[];
  /** The exports (numbered from 1) refused once each, as while `refuse` is set. */
  refuseOnce?: Set<number>;
  /** While set, an accepted export is an OTLP partial success: one of its records rejected. */
  rejectOne?: boolean;
}

/** An exporter to `backend`: a refused export fails whole, an accepted one is recorded whole. */
export function recordingExporter(backend: RecordingBackend): LogRecordExporter {
  let exports = 0;
  return {
    export(records, done) {
      exports += 1;
      if (backend.refuse || backend.refuseOnce?.delete(exports))
        done({ code: ExportResultCode.FAILED, error: new Error('503 Service Unavailable') });
      else {
        backend.exported.push(...records);
        done(
          backend.rejectOne
            ? {
                code: ExportResultCode.FAILED,
                error: new PartialSuccessError(1, ['log record', 'log records'], 'body too large'),
              }
            : { code: ExportResultCode.SUCCESS },
        );
      }
    },
    shutdown: async () => undefined,
    forceFlush: async () => undefined,
  };
}
