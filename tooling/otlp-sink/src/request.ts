import type { IncomingHttpHeaders } from 'node:http';
import type { Encoding } from './generated.js';

/** One request as the sink received and answered it. */
export interface CapturedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The body as sent (still compressed when it was). */
  body: Buffer;
  /** Media type without parameters, lower case; '' when absent. */
  contentType: string;
  encoding: Encoding | undefined;
  /** The status the sink answered with. */
  status: number;
  /** Log records or metric data points accepted from this request (0 when refused). */
  records: number;
}

/** The JSON decoders refuse a protobuf request instead of misreading it. */
export function jsonEncoding(request: CapturedRequest): 'json' {
  if (request.encoding !== 'json') {
    throw new Error(
      `${request.path}: expected an OTLP/JSON request, got ${request.contentType || 'no content type'}`,
    );
  }
  return 'json';
}
