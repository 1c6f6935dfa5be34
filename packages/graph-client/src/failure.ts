import { type HttpResponse, isRetryableStatus, parseRetryAfter } from '@m365-otel/http';
import type { GraphErrorDetails } from './errors.js';

/** Error bodies are read for their code and message only; a misbehaving server must not make us buffer a lot. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** What Graph's error envelope `{ "error": { "code", "message", "innerError": { "request-id" } } }` says. */
export interface GraphErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
}

/** An unsuccessful Graph answer, read and described; the client adds its context and picks its error class. */
export interface GraphFailure {
  /** e.g. `Graph answered 403 Forbidden: Missing role permissions. (request-id R, client-request-id C)` */
  description: string;
  /** status, Graph's code and both request ids, as far as known. */
  details: GraphErrorDetails & { status: number; clientRequestId: string };
  /** Throttling and server errors: a later attempt may succeed. */
  retryable: boolean;
  /** The answer's Retry-After, in ms from now. */
  retryAfterMs?: number;
}

/**
 * Reads at most `maxBytes` of a response body as UTF-8, for an error message. A body that breaks off is returned as
 * far as it came: the status already says what went wrong.
 */
export async function readErrorBody(
  response: HttpResponse,
  maxBytes = MAX_ERROR_BODY_BYTES,
): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= maxBytes) break;
    }
  } catch {
    // The status already says what went wrong; a body cut short only loses detail.
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

/** Graph's error envelope; fields that are absent or not strings (or a body that is not JSON) are left out. */
export function parseGraphError(body: string): GraphErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  const error = field(json, 'error');
  const inner = field(error, 'innerError') ?? field(error, 'innererror');
  const result: GraphErrorBody = {};
  const code = field(error, 'code');
  const message = field(error, 'message');
  const requestId = field(inner, 'request-id');
  if (typeof code === 'string') result.code = code;
  if (typeof message === 'string') result.message = message;
  if (typeof requestId === 'string') result.requestId = requestId;
  return result;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * Reads an unsuccessful answer's (bounded) body and describes it: Graph's code and message when the body is Graph's
 * error envelope, else the start of the body; the request-id header (or the envelope's) and our client-request-id.
 */
export async function readGraphFailure(
  response: HttpResponse,
  options: { clientRequestId: string; nowMs: number; who?: string },
): Promise<GraphFailure> {
  const { status } = response;
  const { clientRequestId, nowMs, who = 'Graph' } = options;
  const body = await readErrorBody(response);
  const parsed = parseGraphError(body);
  const requestId = response.headers['request-id'] ?? parsed.requestId;
  const detail = parsed.message ?? (body.trim().slice(0, 200) || 'no error body');
  const ids = [requestId && `request-id ${requestId}`, `client-request-id ${clientRequestId}`].filter(
    Boolean,
  );
  const details: GraphFailure['details'] = { status, clientRequestId };
  if (requestId !== undefined) details.requestId = requestId;
  if (parsed.code !== undefined) details.code = parsed.code;
  const failure: GraphFailure = {
    description: `${who} answered ${status}${parsed.code ? ` ${parsed.code}` : ''}: ${detail} (${ids.join(', ')})`,
    details,
    retryable: isRetryableStatus(status),
  };
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], nowMs);
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  return failure;
}
