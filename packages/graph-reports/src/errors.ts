import { RetryableError } from '@m365-otel/http';
import type { ReportName } from './catalog.js';

export interface ReportErrorDetails {
  report: ReportName;
  status?: number;
  code?: string;
  requestId?: string;
  clientRequestId?: string;
  /** True when retries ran out on a transient failure (throttling, 5xx, network): worth trying next cycle. */
  transient?: boolean;
  cause?: unknown;
}

/** A report could not be read. The message names the report and never contains a token or a download URL's query. */
export class ReportError extends Error {
  readonly report: ReportName;
  readonly status?: number;
  /** Graph's error code, e.g. InvalidArgument, S2SUnauthorized, TooManyRequests. */
  readonly code?: string;
  /** Graph's request-id, for support cases. */
  readonly requestId?: string;
  /** The client-request-id this client sent with the failing Graph request. */
  readonly clientRequestId?: string;
  readonly transient: boolean;

  constructor(message: string, details: ReportErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ReportError';
    this.report = details.report;
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.clientRequestId !== undefined) this.clientRequestId = details.clientRequestId;
    this.transient = details.transient ?? false;
  }
}

/** A failed attempt that withRetry should repeat; it carries what a ReportError needs if retries run out. */
export class RetryableReportError extends RetryableError {
  readonly details: ReportErrorDetails;

  constructor(message: string, details: ReportErrorDetails & { retryAfterMs?: number }) {
    const options: { cause?: unknown; retryAfterMs?: number; status?: number } = {};
    if (details.cause !== undefined) options.cause = details.cause;
    if (details.retryAfterMs !== undefined) options.retryAfterMs = details.retryAfterMs;
    if (details.status !== undefined) options.status = details.status;
    super(message, options);
    this.name = 'RetryableReportError';
    this.details = details;
  }
}
