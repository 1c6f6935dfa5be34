import type { HttpResponse } from '@m365-otel/http';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, MAX_BUFFERED_BODY_BYTES, readBoundedText } from './bounded-body.js';
import { createPipeline } from './pipeline.js';

/** A response whose body yields `chunks` and records how many were read and whether it was dumped. */
function answer(chunks: readonly Uint8Array[], headers: HttpResponse['headers'] = {}) {
  const seen = { read: 0, dumped: false };
  const response: HttpResponse = {
    status: 200,
    headers,
    body: {
      async *[Symbol.asyncIterator]() {
        for (const chunk of chunks) {
          seen.read += 1;
          yield chunk;
        }
      },
      text: async () => Buffer.concat(chunks).toString('utf8'),
      json: async () => undefined,
      dump: async () => {
        seen.dumped = true;
      },
    },
  };
  return { response, seen };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readBoundedText', () => {
  it('reads a body within the limit whole, dropping a leading byte order mark', async () => {
    const { response } = answer([bytes('\uFEFF{"value":'), bytes('[1,2]}')]);
    expect(await readBoundedText(response, 100)).toBe('{"value":[1,2]}');
  });

  it('stops at the first chunk past the limit and reads no further', async () => {
    const { response, seen } = answer([bytes('a'.repeat(60)), bytes('b'.repeat(60)), bytes('c')]);
    await expect(readBoundedText(response, 100)).rejects.toThrow(
      new BodyTooLargeError(100, undefined).message,
    );
    expect(seen.read).toBe(2);
  });

  it('refuses a declared Content-Length above the limit before reading, and releases the connection', async () => {
    const { response, seen } = answer([bytes('{}')], {
      'content-length': String(MAX_BUFFERED_BODY_BYTES + 1),
    });
    await expect(readBoundedText(response)).rejects.toThrow(/declares .* more than the 32 MiB/);
    expect(seen).toEqual({ read: 0, dumped: true });
  });

  it('decodes bytes that are not UTF-8 as U+FFFD, keeping the rest of the text', async () => {
    const { response } = answer([
      Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0x80, 0xff, 0x78, 0x22, 0x7d]),
    ]);
    const text = await readBoundedText(response);
    expect(text).toBe('{"t":"\uFFFD\uFFFDx"}');
    expect(JSON.parse(text)).toEqual({ t: '\uFFFD\uFFFDx' });
  });
});

describe('a buffered pipeline answer', () => {
  it('fails with a non-transient error naming the origin when the body is too large', async () => {
    const { response } = answer([bytes('{}')], { 'content-length': String(MAX_BUFFERED_BODY_BYTES * 2) });
    const pipeline = createPipeline({ request: async () => response }, []);
    const sent = pipeline.send({ url: new URL('https://graph.test/v1.0/x'), label: 'x', bufferBody: true });
    await expect(sent).rejects.toMatchObject({
      name: 'HttpRequestError',
      message: expect.stringMatching(
        /^GET https:\/\/graph\.test refused the body: the answer declares 64 MiB/,
      ),
      code: 'M365_BODY_TOO_LARGE',
    });
  });
});
