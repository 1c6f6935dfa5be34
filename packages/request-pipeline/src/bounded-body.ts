import type { HttpResponse } from '@m365-otel/http';

/**
 * The most a body read whole may hold (JSON pages, token and error-free small answers): Microsoft's biggest pages are
 * a few MiB, so an answer past this is a broken server or proxy streaming without end, and reading on would only
 * exhaust the collector's memory.
 */
export const MAX_BUFFERED_BODY_BYTES = 32 * 1024 * 1024;

/** An answer too big to read whole; not transient, since the next attempt gets the same answer. */
export class BodyTooLargeError extends Error {
  readonly code = 'M365_BODY_TOO_LARGE';

  constructor(maxBytes: number, declared: number | undefined) {
    super(
      declared === undefined
        ? `the answer went past ${formatBytes(maxBytes)} (the most this collector reads whole) and was not read further`
        : `the answer declares ${formatBytes(declared)} (Content-Length), more than the ${formatBytes(maxBytes)} this collector reads whole`,
    );
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a whole body as text, at most `maxBytes`: a Content-Length above it fails before any byte is read, a body
 * without one fails as soon as it passes the limit (and is not read further). Bytes that are not UTF-8 become U+FFFD
 * (the decoder's replacement), as every WHATWG decoder does; a leading byte order mark is dropped.
 */
export async function readBoundedText(
  response: Pick<HttpResponse, 'headers' | 'body'>,
  maxBytes = MAX_BUFFERED_BODY_BYTES,
): Promise<string> {
  const declared = Number(response.headers['content-length']);
  if (Number.isSafeInteger(declared) && declared > maxBytes) {
    await response.body.dump();
    throw new BodyTooLargeError(maxBytes, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (the limit, an error) destroys the body: no further byte is read.
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new BodyTooLargeError(maxBytes, undefined);
    chunks.push(chunk);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function formatBytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return Number.isInteger(mebibytes) ? `${mebibytes} MiB` : `${bytes} bytes`;
}
