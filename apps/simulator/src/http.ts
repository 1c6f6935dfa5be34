import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ActiveFault, FaultKind } from './faults.js';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': payload.length,
  });
  res.end(payload);
}

export class BodyTooLargeError extends Error {}

/** Reads a small request body (forms, fault JSON); bigger bodies are refused rather than buffered. */
export async function readBody(req: IncomingMessage, limitBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new BodyTooLargeError(`request body exceeds ${limitBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** First value of a request header (Node joins some repeated headers into arrays). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Finds the TCP socket under each TLS connection, so a 'reset' fault can send a real RST (a TLS socket cannot:
 * its handle is the TLS wrap). Connections are matched by their client address and port.
 */
export class ConnectionResetter {
  readonly #raw = new Map<string, Socket>();

  track(socket: Socket): void {
    const key = `${socket.remoteAddress}:${socket.remotePort}`;
    this.#raw.set(key, socket);
    socket.once('close', () => this.#raw.delete(key));
  }

  /** Drops the connection with a TCP RST, the way a crashing middlebox or overloaded front end does. */
  reset(req: IncomingMessage): void {
    const raw = this.#raw.get(`${req.socket.remoteAddress}:${req.socket.remotePort}`);
    if (raw === undefined) throw new Error('internal: no TCP socket tracked for this connection');
    raw.resetAndDestroy();
  }
}

/**
 * Sends a response body, optionally shaped by a fault:
 * - 'slow-body': headers at once, then a pause before each of the first four pieces (<= 1 KiB), then the rest;
 * - 'truncated': headers, the first half of the first chunk, then the connection is destroyed mid-body.
 * Unshaped bodies go through a pipeline, which honours the client's backpressure and stops generating when it leaves.
 */
export async function sendBody(
  res: ServerResponse,
  body: AsyncIterable<Buffer>,
  fault: ActiveFault | undefined,
): Promise<void> {
  if (fault?.kind === 'truncated') {
    const iterator = body[Symbol.asyncIterator]();
    const first = await iterator.next();
    // Stop the generator: the rest of the file is never produced.
    await iterator.return?.();
    const bytes: Buffer = first.done === true ? Buffer.alloc(0) : first.value;
    const cut = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
    res.flushHeaders();
    res.write(cut, () => res.destroy());
    return;
  }
  const source = fault?.kind === 'slow-body' ? trickle(body, fault.pauseMs) : body;
  if (fault?.kind === 'slow-body') res.flushHeaders();
  try {
    await pipeline(Readable.from(source, { objectMode: false }), res);
  } catch {
    // The client went away (or was cut off): nothing left to answer.
  }
}

/** What a body is written in, for the faults that break its format. */
export type BodyFormat = 'json' | 'csv';

const CAPTIVE_PORTAL_PAGE =
  '<!DOCTYPE html><html><head><title>Guest Wi-Fi</title></head><body>Sign in to continue</body></html>';
// Faults that change the body's length: the answer goes chunked instead of with its Content-Length.
const LENGTH_CHANGING: readonly FaultKind[] = ['malformed', 'non-utf8', 'oversized'];
/** What 'malformed' appends after a complete document: a JSON value cannot go on, a CSV quote is never closed. */
const MALFORMED_TAIL: Readonly<Record<BodyFormat, string>> = {
  json: ',{"',
  csv: '\n"a quoted cell that never ends,1',
};

/**
 * A 200 answer with `headers`, its body shaped by a body fault (see BODY_FAULTS): 'captive-portal' answers an HTML
 * page instead; 'malformed', 'non-utf8' and 'oversized' rewrite the body (sent chunked); 'slow-body' and 'truncated'
 * shape its delivery (see sendBody).
 */
export async function sendAnswer(
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
  body: AsyncIterable<Buffer>,
  fault: ActiveFault | undefined,
  format: BodyFormat,
): Promise<void> {
  if (fault?.kind === 'captive-portal') {
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(CAPTIVE_PORTAL_PAGE);
    return;
  }
  if (fault === undefined || !LENGTH_CHANGING.includes(fault.kind)) {
    res.writeHead(200, headers);
    await sendBody(res, body, fault);
    return;
  }
  const chunked = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
  );
  res.writeHead(200, chunked);
  await sendBody(res, reshaped(body, fault, format), undefined);
}

async function* reshaped(
  body: AsyncIterable<Buffer>,
  fault: ActiveFault,
  format: BodyFormat,
): AsyncGenerator<Buffer> {
  if (fault.kind === 'oversized') {
    yield* endless(format);
    return;
  }
  if (fault.kind === 'non-utf8') {
    yield* withInvalidUtf8(body, fault.field ?? '');
    return;
  }
  yield* body;
  yield Buffer.from(MALFORMED_TAIL[format], 'utf8');
}

const ENDLESS_PIECE_BYTES = 64 * 1024;

/** A body with no end: a JSON array of one item repeated, or a CSV record that never reaches its line break. */
async function* endless(format: BodyFormat): AsyncGenerator<Buffer> {
  if (format === 'json') {
    yield Buffer.from('{"value":[', 'utf8');
    const item = '{"id":"00000000-0000-0000-0000-000000000000"},';
    const piece = Buffer.from(item.repeat(Math.ceil(ENDLESS_PIECE_BYTES / item.length)), 'utf8');
    for (;;) yield piece;
  }
  yield Buffer.from('Report Refresh Date,', 'utf8');
  const piece = Buffer.alloc(ENDLESS_PIECE_BYTES, 'a');
  for (;;) yield piece;
}

// A lone continuation byte and an invalid lead byte: no UTF-8 decoder can read them as text.
const INVALID_UTF8 = Buffer.from([0x80, 0xff]);

/** The body with INVALID_UTF8 at the start of the first string value of `field`. */
async function* withInvalidUtf8(body: AsyncIterable<Buffer>, field: string): AsyncGenerator<Buffer> {
  const marker = Buffer.from(`"${field}":"`, 'utf8');
  let done = false;
  for await (const chunk of body) {
    const at = done ? -1 : chunk.indexOf(marker);
    if (at === -1) {
      yield chunk;
      continue;
    }
    done = true;
    const cut = at + marker.length;
    yield Buffer.concat([chunk.subarray(0, cut), INVALID_UTF8, chunk.subarray(cut)]);
  }
}

/**
 * A JSON array of items given as JSON texts, as a stream of pieces of about `pieceChars` characters: items are taken
 * from the iterable (so made) only as the reader asks for more, so a body of any length never sits in memory whole.
 */
export async function* jsonArrayBody(
  itemTexts: Iterable<string>,
  pieceChars = 64 * 1024,
): AsyncGenerator<Buffer> {
  let piece = '[';
  let separator = '';
  for (const text of itemTexts) {
    piece += separator + text;
    separator = ',';
    if (piece.length >= pieceChars) {
      yield Buffer.from(piece, 'utf8');
      piece = '';
    }
  }
  yield Buffer.from(`${piece}]`, 'utf8');
}

/** A body already in memory, as the stream `sendBody` shapes. */
export async function* oneChunk(body: Buffer): AsyncGenerator<Buffer> {
  yield body;
}

const SLOW_PIECES = 4;
const SLOW_PIECE_BYTES = 1024;

async function* trickle(body: AsyncIterable<Buffer>, pauseMs: number): AsyncGenerator<Buffer> {
  let slowPieces = 0;
  for await (const chunk of body) {
    let offset = 0;
    while (offset < chunk.length && slowPieces < SLOW_PIECES) {
      await sleep(pauseMs);
      slowPieces += 1;
      yield chunk.subarray(offset, offset + SLOW_PIECE_BYTES);
      offset += SLOW_PIECE_BYTES;
    }
    if (offset < chunk.length) yield chunk.subarray(offset);
  }
}

/** Graph's `innerError.date` format: ISO 8601 without fraction or zone. */
export function graphDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Entra's timestamp format: `2016-01-09 02:02:12Z`. */
export function entraTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/**
 * A request refused with an error body `{"error":{"code","message"}}`, the shape Graph, Azure Resource Manager and the
 * Management Activity API share; each API sends it with its own headers.
 */
export class ErrorAnswer extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Where a redirect fault leads: the same URL over http, the same path on the fault's other origin, or back here. */
export function redirectLocation(req: IncomingMessage, fault: ActiveFault): string {
  const host = header(req, 'host') ?? 'localhost';
  const path = req.url ?? '/';
  if (fault.kind === 'redirect-http') return `http://${host}${path}`;
  if (fault.kind === 'redirect-foreign-host') return `${fault.origin}${path}`;
  return `https://${host}${path}`;
}

/** A 302 to where the redirect fault leads, with an API's own headers. */
export function sendRedirect(
  req: IncomingMessage,
  res: ServerResponse,
  fault: ActiveFault,
  headers: OutgoingHttpHeaders = {},
): void {
  res.writeHead(302, { ...headers, Location: redirectLocation(req, fault), 'Content-Length': 0 });
  res.end();
}
