import type { HttpResponse } from '@m365-otel/http';
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_BODY_BYTES, parseErrorEnvelope, readErrorBody } from './error-body.js';

/** A response whose body yields `chunks`, then throws `breakOff` if given; records how many chunks were pulled. */
function response(
  status: number,
  chunks: ReadonlyArray<string | Uint8Array>,
  headers: Record<string, string> = {},
  breakOff?: Error,
) {
  const pulled = { chunks: 0 };
  const body = {
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        pulled.chunks++;
        yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      }
      if (breakOff) throw breakOff;
    },
    text: async () => chunks.join(''),
    json: async () => JSON.parse(chunks.join('')),
    dump: async () => {},
  };
  const answer: HttpResponse = { status, headers, body };
  return { answer, pulled };
}

const ENVELOPE = JSON.stringify({
  error: {
    code: 'InvalidArgument',
    message: 'Invalid date value specified.',
    innerError: { 'request-id': 'req-body', date: '2024-05-01T12:00:00' },
  },
});

describe('parseErrorEnvelope', () => {
  it("reads code, message and request-id from Graph's error envelope", () => {
    expect(parseErrorEnvelope(ENVELOPE)).toEqual({
      code: 'InvalidArgument',
      message: 'Invalid date value specified.',
      requestId: 'req-body',
    });
  });

  it('accepts the lower-case innererror spelling', () => {
    expect(parseErrorEnvelope('{"error":{"code":"x","innererror":{"request-id":"r"}}}')).toEqual({
      code: 'x',
      requestId: 'r',
    });
  });

  it('leaves out what is absent, not a string, or not JSON at all', () => {
    expect(parseErrorEnvelope('{"error":{"code":42,"message":null,"innerError":"r"}}')).toEqual({});
    expect(parseErrorEnvelope('{"value":[]}')).toEqual({});
    expect(parseErrorEnvelope('null')).toEqual({});
    expect(parseErrorEnvelope('<html>Service Unavailable</html>')).toEqual({});
    expect(parseErrorEnvelope('')).toEqual({});
  });
});

describe('readErrorBody', () => {
  it('joins the chunks as UTF-8, also a character split across chunks', () => {
    const euro = new TextEncoder().encode('€');
    const { answer } = response(500, ['price ', euro.subarray(0, 1), euro.subarray(1), ' due']);
    return expect(readErrorBody(answer)).resolves.toBe('price € due');
  });

  it('stops reading at the limit and cuts to it', async () => {
    const { answer, pulled } = response(500, ['aaaa', 'bbbb', 'cccc', 'dddd']);
    expect(await readErrorBody(answer, 6)).toBe('aaaabb');
    expect(pulled.chunks).toBe(2);
  });

  it('bounds the default read to 64 KiB', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    const { answer, pulled } = response(500, Array(10).fill(chunk));
    expect(MAX_ERROR_BODY_BYTES).toBe(64 * 1024);
    expect((await readErrorBody(answer)).length).toBe(MAX_ERROR_BODY_BYTES);
    expect(pulled.chunks).toBe(4);
  });

  it('returns what arrived when the body breaks off', async () => {
    const { answer } = response(502, ['{"error":'], {}, new TypeError('terminated'));
    expect(await readErrorBody(answer)).toBe('{"error":');
  });
});
