import type { HttpResponse } from '@m365-otel/http';
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_BODY_BYTES, parseGraphError, readErrorBody, readGraphFailure } from './failure.js';

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

describe('parseGraphError', () => {
  it("reads code, message and request-id from Graph's error envelope", () => {
    expect(parseGraphError(ENVELOPE)).toEqual({
      code: 'InvalidArgument',
      message: 'Invalid date value specified.',
      requestId: 'req-body',
    });
  });

  it('accepts the lower-case innererror spelling', () => {
    expect(parseGraphError('{"error":{"code":"x","innererror":{"request-id":"r"}}}')).toEqual({
      code: 'x',
      requestId: 'r',
    });
  });

  it('leaves out what is absent, not a string, or not JSON at all', () => {
    expect(parseGraphError('{"error":{"code":42,"message":null,"innerError":"r"}}')).toEqual({});
    expect(parseGraphError('{"value":[]}')).toEqual({});
    expect(parseGraphError('null')).toEqual({});
    expect(parseGraphError('<html>Service Unavailable</html>')).toEqual({});
    expect(parseGraphError('')).toEqual({});
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

describe('readGraphFailure', () => {
  const nowMs = Date.parse('2024-05-01T12:00:00Z');

  it('describes the answer with code, message and both request ids', async () => {
    const { answer } = response(400, [ENVELOPE], { 'request-id': 'req-header' });
    expect(await readGraphFailure(answer, { clientRequestId: 'crid', nowMs })).toEqual({
      description:
        'Graph answered 400 InvalidArgument: Invalid date value specified. (request-id req-header, client-request-id crid)',
      details: { status: 400, code: 'InvalidArgument', requestId: 'req-header', clientRequestId: 'crid' },
      retryable: false,
    });
  });

  it("falls back to the envelope's request-id when the header is absent", async () => {
    const { answer } = response(403, [ENVELOPE]);
    const failure = await readGraphFailure(answer, { clientRequestId: 'crid', nowMs });
    expect(failure.details.requestId).toBe('req-body');
    expect(failure.description).toContain('(request-id req-body, client-request-id crid)');
  });

  it('quotes the start of a body that is not an envelope, and says when there is none', async () => {
    const html = `<html>${'x'.repeat(300)}</html>`;
    const { answer } = response(404, [`  ${html}\n`]);
    const failure = await readGraphFailure(answer, {
      clientRequestId: 'crid',
      nowMs,
      who: 'the download host (https://localhost/download/abc)',
    });
    expect(failure.description).toBe(
      `the download host (https://localhost/download/abc) answered 404: ${html.slice(0, 200)} (client-request-id crid)`,
    );
    expect(failure.details).toEqual({ status: 404, clientRequestId: 'crid' });

    const empty = response(500, []).answer;
    expect((await readGraphFailure(empty, { clientRequestId: 'crid', nowMs })).description).toBe(
      'Graph answered 500: no error body (client-request-id crid)',
    );
  });

  it('marks throttling and server errors retryable and reads Retry-After in seconds or as a date', async () => {
    const throttled = response(429, [ENVELOPE], { 'retry-after': '2.5' }).answer;
    expect(await readGraphFailure(throttled, { clientRequestId: 'c', nowMs })).toMatchObject({
      retryable: true,
      retryAfterMs: 2500,
    });
    const dated = response(503, [], { 'retry-after': 'Wed, 01 May 2024 12:00:42 GMT' }).answer;
    expect(await readGraphFailure(dated, { clientRequestId: 'c', nowMs })).toMatchObject({
      retryable: true,
      retryAfterMs: 42_000,
    });
    const plain = await readGraphFailure(response(502, []).answer, { clientRequestId: 'c', nowMs });
    expect(plain.retryable).toBe(true);
    expect(plain).not.toHaveProperty('retryAfterMs');
  });
});
