import type { IncomingHttpHeaders } from 'node:http';
import type { Encoding } from './generated.js';

/** One request as the sink received and answered it. */
export interface CapturedRequest {
  /** The URL path; for gRPC, the signal's OTLP/HTTP path (/v1/metrics or /v1/logs), so both read alike. */
  path: string;
  transport: 'http' | 'grpc';
  /** The HTTP headers, or the gRPC metadata (string values; binary entries as base64). */
  headers: IncomingHttpHeaders;
  /** The body as sent (still compressed when it was). */
  body: Buffer;
  /** Media type without parameters, lower case; '' when absent. */
  contentType: string;
  encoding: Encoding | undefined;
  /**
   * The status the sink answered with; for gRPC the HTTP status its gRPC status stands for (200 for OK, the
   * refusal given to respondWith or failNext, 400 for an undecodable message).
   */
  status: number;
  /** Log records or metric data points accepted from this request (0 when refused). */
  records: number;
}

/** What the sink answers an export request with, before the transport frames it. */
export interface Verdict {
  status: number;
  contentType: string;
  body: Uint8Array | string;
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
