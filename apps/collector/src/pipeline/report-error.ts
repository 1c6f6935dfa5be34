/** Where a report read stopped: the log says which, since each calls for a different fix. */
export type ReportStage = 'state' | 'fetch' | 'export' | 'commit';

/**
 * A report read that failed around the download: its state unreadable, its points or log records not acknowledged by
 * the OTLP backend (or only in part), or its new state not written. The download's own errors are thrown as they are.
 */
export class ReportStageError extends Error {
  readonly stage: ReportStage;

  constructor(stage: ReportStage, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportStageError';
    this.stage = stage;
  }
}
