/** Why a top-level JSON array could not be read element by element. */
export class JsonArrayStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonArrayStreamError';
  }
}

/** One element of the array: its text, or why it was not kept (its bytes were not buffered). */
export type ArrayElement =
  | { index: number; text: string }
  | { index: number; text: undefined; tooLargeBytes: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const BOM = [0xef, 0xbb, 0xbf];

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

// An element ends at the comma or bracket after it, so the whitespace between is part of its (trimmed) text.
type State = 'start' | 'element-or-end' | 'element' | 'done';

/**
 * The elements of one top-level JSON array, read from a byte stream, each as its own text for JSON.parse, yielded
 * as each chunk of the stream completes them (a batch per chunk: one await per chunk, not per element, since a blob
 * holds a million small records). Memory is bounded by a chunk and the largest element kept (`maxElementBytes`; a larger one is reported by its
 * size and not buffered), not by the array. Only the array's structure is checked here (brackets, braces, strings and
 * their escapes, commas): an element's own syntax is JSON.parse's job, so one bad element does not stop the rest.
 * The scan works on bytes: every structural character is ASCII, and no byte of a multi-byte UTF-8 sequence is.
 */
export async function* jsonArrayElements(
  body: AsyncIterable<Uint8Array>,
  maxElementBytes: number,
): AsyncGenerator<ArrayElement[]> {
  let state = 'start' as State;
  let leadingBytes = 0;
  let index = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;

  const keep = (chunk: Uint8Array, from: number, to: number) => {
    size += to - from;
    if (tooLarge) return;
    if (size > maxElementBytes) {
      tooLarge = true;
      parts = [];
      return;
    }
    if (to > from) parts.push(chunk.subarray(from, to));
  };
  const finish = (): ArrayElement => {
    const element: ArrayElement = tooLarge
      ? { index, text: undefined, tooLargeBytes: size }
      : { index, text: utf8(parts).trimEnd() };
    index++;
    parts = [];
    size = 0;
    tooLarge = false;
    return element;
  };

  for await (const chunk of body) {
    const completed: ArrayElement[] = [];
    let elementStart = 0;
    // The next backslash at or after the scan position (chunk.length when there is none), found once per run.
    let backslashAt = -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      switch (state) {
        case 'start':
          // A UTF-8 byte order mark is tolerated before the array.
          if (leadingBytes < 3 && byte === BOM[leadingBytes]) {
            leadingBytes++;
            continue;
          }
          leadingBytes = 3;
          if (isWhitespace(byte)) continue;
          if (byte !== OPEN_BRACKET)
            throw new JsonArrayStreamError(`expected a JSON array, got ${describeByte(byte)}`);
          state = 'element-or-end';
          continue;
        case 'element-or-end':
          if (isWhitespace(byte)) continue;
          if (byte === CLOSE_BRACKET && index === 0) {
            state = 'done';
            continue;
          }
          if (byte === CLOSE_BRACKET || byte === COMMA) {
            throw new JsonArrayStreamError(`expected element ${index}, got ${describeByte(byte)}`);
          }
          state = 'element';
          elementStart = i;
          i--; // the element's first byte is scanned as part of it
          continue;
        case 'element':
          if (inString) {
            if (escaped) {
              escaped = false;
              continue;
            }
            // Most of a record's bytes are inside strings: jump to the string's next quote or backslash natively
            // instead of looking at each byte (the profile's largest cost of reading a blob).
            if (backslashAt < i) backslashAt = indexOrEnd(chunk, BACKSLASH, i);
            const quoteAt = indexOrEnd(chunk, QUOTE, i);
            if (backslashAt < quoteAt) {
              i = backslashAt;
              escaped = true;
            } else {
              i = quoteAt;
              inString = quoteAt === chunk.length;
            }
            continue;
          }
          if (byte === QUOTE) inString = true;
          else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
          else if (byte === CLOSE_BRACE || (byte === CLOSE_BRACKET && depth > 0)) {
            depth--;
            if (depth < 0) throw new JsonArrayStreamError(`unbalanced } in element ${index}`);
          } else if (depth === 0 && (byte === COMMA || byte === CLOSE_BRACKET)) {
            keep(chunk, elementStart, i);
            completed.push(finish());
            state = byte === COMMA ? 'element-or-end' : 'done';
          }
          continue;
        case 'done':
          if (!isWhitespace(byte))
            throw new JsonArrayStreamError(`unexpected ${describeByte(byte)} after the end of the array`);
          continue;
      }
    }
    if (state === 'element') keep(chunk, elementStart, chunk.length);
    if (completed.length > 0) yield completed;
  }
  if (state !== 'done') {
    throw new JsonArrayStreamError(
      state === 'start'
        ? 'expected a JSON array, got an empty body'
        : `the array broke off in element ${index}`,
    );
  }
}

/** The text of an element's bytes; one within a single chunk (the usual case) is decoded where it lies. */
function utf8(parts: readonly Uint8Array[]): string {
  const [only] = parts;
  if (parts.length !== 1 || only === undefined) return Buffer.concat(parts).toString('utf8');
  return Buffer.from(only.buffer, only.byteOffset, only.byteLength).toString('utf8');
}

function indexOrEnd(chunk: Uint8Array, byte: number, from: number): number {
  const at = chunk.indexOf(byte, from);
  return at === -1 ? chunk.length : at;
}

function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f
    ? JSON.stringify(String.fromCharCode(byte))
    : `byte 0x${byte.toString(16)}`;
}

/** One element of the array, parsed; or why it was left out (too large to keep, or not valid JSON). */
export type ArrayValue =
  | { index: number; value: unknown }
  | { index: number; tooLargeBytes: number }
  | { index: number; invalidJson: string };

/**
 * The parsed elements of one top-level JSON array read from a byte stream, a batch at a time. A body that ends
 * within `maxElementBytes` is parsed whole, at JSON.parse's own speed (it is within the bound anyway); a longer one,
 * or one JSON.parse refuses as a whole (so that one malformed element costs only itself), is split by
 * `jsonArrayElements`, each element parsed on its own and yielded as the stream's chunks complete them.
 */
export async function* jsonArrayValues(
  body: AsyncIterable<Uint8Array>,
  maxElementBytes: number,
): AsyncGenerator<ArrayValue[]> {
  const chunks = body[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  try {
    while (size <= maxElementBytes) {
      const next = await chunks.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      size += next.value.length;
    }
    const whole = ended ? parseArray(head) : undefined;
    if (whole !== undefined) {
      if (whole.length > 0) yield whole.map((value, index) => ({ index, value }));
      return;
    }
    for await (const elements of jsonArrayElements(replay(head, chunks, ended), maxElementBytes))
      yield elements.map(parseElement);
  } finally {
    if (!ended) await chunks.return?.();
  }
}

/** The body as an array when it is one JSON array as a whole; undefined when it is anything else. */
function parseArray(chunks: readonly Uint8Array[]): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(utf8(chunks));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The chunks read already, then the rest of the stream. */
async function* replay(
  head: readonly Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
  ended: boolean,
): AsyncGenerator<Uint8Array> {
  yield* head;
  if (ended) return;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function parseElement(element: ArrayElement): ArrayValue {
  if (element.text === undefined) return { index: element.index, tooLargeBytes: element.tooLargeBytes };
  try {
    return { index: element.index, value: JSON.parse(element.text) };
  } catch (error) {
    return { index: element.index, invalidJson: (error as Error).message };
  }
}
