import { GraphError, type GraphErrorDetails } from '@m365-otel/graph-client';
import type { ReportName } from './catalog.js';

export interface ReportErrorDetails extends GraphErrorDetails {
  report: ReportName;
}

/** A report could not be read. The message names the report and never contains a token or a download URL's query. */
export class ReportError extends GraphError {
  readonly report: ReportName;

  constructor(message: string, details: ReportErrorDetails) {
    super(message, details);
    this.name = 'ReportError';
    this.report = details.report;
  }
}
