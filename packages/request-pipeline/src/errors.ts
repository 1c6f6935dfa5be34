export interface MicrosoftApiErrorDetails {
  status?: number;
  /** Microsoft's error code, e.g. InvalidArgument, Forbidden, itemNotFound, TooManyRequests, AF429. */
  code?: string;
  /** The service's request-id, for support cases. */
  requestId?: string;
  /** The client-request-id sent with the failing request. */
  clientRequestId?: string;
  /** On 403: the application permission the app needs (with admin consent). */
  permission?: string;
  /** True when a later attempt may succeed (throttling, 5xx, network): worth trying next cycle. */
  transient?: boolean;
  cause?: unknown;
}

/**
 * A call to a Microsoft API failed. The message names the call (e.g. `issues page 2`, a report function) and
 * never contains a token, a URL's query, or any part of a pre-authenticated URL beyond its origin. Clients may
 * subclass it to add their context (e.g. the report); the fields stay the same.
 */
export class MicrosoftApiError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  readonly permission?: string;
  readonly transient: boolean;

  constructor(message: string, details: MicrosoftApiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MicrosoftApiError';
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.clientRequestId !== undefined) this.clientRequestId = details.clientRequestId;
    if (details.permission !== undefined) this.permission = details.permission;
    this.transient = details.transient ?? false;
  }

  /** The fields as details, so a client can raise the failure again as its own subclass without nesting it. */
  get details(): MicrosoftApiErrorDetails {
    const details: MicrosoftApiErrorDetails = { transient: this.transient };
    if (this.status !== undefined) details.status = this.status;
    if (this.code !== undefined) details.code = this.code;
    if (this.requestId !== undefined) details.requestId = this.requestId;
    if (this.clientRequestId !== undefined) details.clientRequestId = this.clientRequestId;
    if (this.permission !== undefined) details.permission = this.permission;
    if (this.cause !== undefined) details.cause = this.cause;
    return details;
  }
}
