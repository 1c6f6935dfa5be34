import { MicrosoftApiError, type MicrosoftApiErrorDetails } from '@m365-otel/request-pipeline';

export interface ManagementApiErrorDetails extends MicrosoftApiErrorDetails {}

/**
 * A Management Activity API request failed, or its answer was not what the documentation promises. The message says
 * which call (and, for a malformed answer, what was wrong); it never contains a token or a URL's query.
 */
export class ManagementApiError extends MicrosoftApiError {
  constructor(message: string, details: ManagementApiErrorDetails = {}) {
    super(message, details);
    this.name = 'ManagementApiError';
  }
}

/** The pipeline's failures as this client's error type (same message and fields); anything else as it is. */
export function asManagementApiError(error: unknown): unknown {
  if (error instanceof ManagementApiError || !(error instanceof MicrosoftApiError)) return error;
  return new ManagementApiError(error.message, error.details);
}
