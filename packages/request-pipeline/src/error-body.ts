import type { HttpResponse } from '@m365-otel/http';

/** Error bodies are read for their code and message only; a misbehaving server must not make us buffer a lot. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * What Microsoft's error envelope `{ "error": { "code", "message", "innerError": { "request-id" } } }` says (Graph; the
 * Management Activity API sends the same without innerError).
 */
export interface ErrorEnvelope {
  code?: string;
  message?: string;
  requestId?: string;
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

/** The error envelope; fields that are absent or not strings (or a body that is not JSON) are left out. */
export function parseErrorEnvelope(body: string): ErrorEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  const error = field(json, 'error');
  const inner = field(error, 'innerError') ?? field(error, 'innererror');
  const result: ErrorEnvelope = {};
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
