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

/** Why a blob cannot be read: past its `contentExpiration`, or unknown to the service. */
export type BlobUnavailableReason = 'expired' | 'not-found';

/**
 * A content blob that can never be read: expired (before any request, or AF20051) or not found (AF20050, AF20052,
 * 404). Asking again cannot help, so it is never transient: the caller counts the blob as skipped and goes on.
 */
export class BlobUnavailableError extends ManagementApiError {
  readonly reason: BlobUnavailableReason;

  constructor(message: string, reason: BlobUnavailableReason, details: ManagementApiErrorDetails = {}) {
    super(message, { ...details, transient: false });
    this.name = 'BlobUnavailableError';
    this.reason = reason;
  }
}

const BLOB_EXPIRED = 'AF20051';
const BLOB_NOT_FOUND: ReadonlySet<string | undefined> = new Set(['AF20050', 'AF20052']);

/** A blob fetch's failure as a BlobUnavailableError when Microsoft says the blob is expired or unknown. */
export function asBlobUnavailableError(error: unknown): unknown {
  if (!(error instanceof ManagementApiError)) return error;
  if (error.code === BLOB_EXPIRED) return new BlobUnavailableError(error.message, 'expired', error.details);
  if (BLOB_NOT_FOUND.has(error.code) || error.status === 404) {
    return new BlobUnavailableError(error.message, 'not-found', error.details);
  }
  return error;
}
