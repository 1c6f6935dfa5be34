import type { ReportName } from '@m365-otel/report-catalog';
import { MicrosoftApiError, type MicrosoftApiErrorDetails } from '@m365-otel/request-pipeline';

export interface ReportErrorDetails extends MicrosoftApiErrorDetails {
  /** The report function that failed; absent for the tenant's report settings. */
  report?: ReportName;
}

/**
 * A report, or the tenant's report settings, could not be read. The message names the report and never contains a
 * token or any part of a download URL beyond its origin.
 */
export class ReportError extends MicrosoftApiError {
  readonly report: ReportName | undefined;

  constructor(message: string, details: ReportErrorDetails) {
    super(message, details);
    this.name = 'ReportError';
    this.report = details.report;
  }
}
