/** A CSV syntax error (unterminated quote, stray character after a closing quote, oversized record). */
export class CsvError extends Error {
  /** Physical line (1-based) where the offending record starts. */
  readonly line: number;

  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
    this.line = line;
  }
}

/** Receives each record's cells and the physical line (1-based) on which the record starts. */
export type CsvRecordHandler = (cells: string[], line: number) => void;

export interface CsvParserOptions {
  /**
   * Longest record kept while waiting for its end, in UTF-16 code units (default 16 Mi). Bounds memory when a
   * quote never closes or the body has no line breaks.
   */
  maxRecordLength?: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

/**
 * Push-style streaming CSV parser (RFC 4180): feed bytes with `write`, call `end` once, get records through the
 * handler synchronously. A leading UTF-8 BOM is dropped; CRLF and LF both end records; quoted fields may hold
 * commas, `""` escapes and line breaks. Empty lines are skipped.
 *
 * Speed matters (a million-row report must parse at close to the speed of splitting it into lines): bytes are
 * decoded per chunk in TextDecoder stream mode (so a multi-byte character split across chunks survives), and lines
 * without a quote, the overwhelming majority in Microsoft's reports, take a fast path of native `indexOf`/`split`
 * instead of a character-by-character state machine. Only the unfinished tail of a chunk is carried over.
 */
export class CsvParser {
  readonly #onRecord: CsvRecordHandler;
  readonly #maxRecordLength: number;
  // ignoreBOM: false (the default) makes the decoder drop the UTF-8 BOM at the start of the stream.
  readonly #decoder = new TextDecoder('utf-8');
  /**
   * The unfinished record, in the pieces it arrived in: a record that spans many chunks is joined once a line feed
   * arrives that may end it, not on every chunk (re-joining a growing string per chunk made an endless row cost
   * many times the cut in garbage).
   */
  #pending: string[] = [];
  #pendingLength = 0;
  #line = 1;
  #started = false;
  #ended = false;

  constructor(onRecord: CsvRecordHandler, options: CsvParserOptions = {}) {
    this.#onRecord = onRecord;
    this.#maxRecordLength = options.maxRecordLength ?? 16 * 1024 * 1024;
  }

  write(chunk: Uint8Array): void {
    if (this.#ended) throw new Error('CsvParser.write() after end()');
    this.#push(this.#decoder.decode(chunk, { stream: true }), false);
  }

  /** Parses a string that is already decoded (its own leading BOM, if any, is dropped too). */
  writeText(text: string): void {
    if (this.#ended) throw new Error('CsvParser.writeText() after end()');
    this.#push(text, false);
  }

  /** Characters held while waiting for the end of a record; never more than `maxRecordLength`. */
  get retainedLength(): number {
    return this.#pendingLength;
  }

  /** Flushes the last record, which need not end with a line break. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#push(this.#decoder.decode(), true);
  }

  #push(text: string, final: boolean): void {
    if (!final && !text.includes('\n')) {
      // Every record ends with a line feed (or the end of the data): nothing can complete in this piece.
      this.#hold(text);
      return;
    }
    let buf = this.#pending.length === 0 ? text : this.#pending.join('') + text;
    this.#pending = [];
    this.#pendingLength = 0;
    if (!this.#started) {
      if (buf.length === 0) return;
      if (buf.charCodeAt(0) === BOM) buf = buf.slice(1);
      this.#started = true;
    }
    const length = buf.length;
    let pos = 0;
    let quote = buf.indexOf('"');
    while (pos < length) {
      let newline = buf.indexOf('\n', pos);
      if (quote !== -1 && quote < pos) quote = buf.indexOf('"', pos);
      if (quote === -1 || (newline !== -1 && quote > newline)) {
        if (newline === -1) {
          if (!final) break;
          newline = length;
        }
        let end = newline;
        if (end > pos && buf.charCodeAt(end - 1) === CR) end--;
        if (end > pos) this.#onRecord(buf.slice(pos, end).split(','), this.#line);
        this.#line++;
        pos = newline + 1;
      } else {
        const next = this.#quotedRecord(buf, pos, final);
        if (next === -1) break;
        pos = next;
      }
    }
    if (pos < length) this.#hold(buf.slice(pos));
  }

  #hold(piece: string): void {
    if (piece.length === 0) return;
    if (this.#pendingLength + piece.length > this.#maxRecordLength) {
      this.#pending = [];
      this.#pendingLength = 0;
      throw new CsvError(
        `record longer than ${this.#maxRecordLength} characters without an end (unbalanced quote or no line breaks?)`,
        this.#line,
      );
    }
    this.#pending.push(piece);
    this.#pendingLength += piece.length;
  }

  /**
   * Parses one record containing a quote, starting at `start`. Returns the position after its line break, or -1
   * when the record is not complete in `buf` yet (it is then re-parsed once more data arrives).
   */
  #quotedRecord(buf: string, start: number, final: boolean): number {
    const length = buf.length;
    const cells: string[] = [];
    let embeddedLines = 0;
    let i = start;
    for (;;) {
      if (buf.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const close = buf.indexOf('"', from);
          if (close === -1 || (close + 1 === length && !final)) {
            // Without the next character, a closing quote cannot be told from the first half of a "" escape.
            if (final)
              throw new CsvError('quoted field is not closed before the end of the data', this.#line);
            return -1;
          }
          if (buf.charCodeAt(close + 1) === QUOTE) {
            value += buf.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          value += buf.slice(from, close);
          i = close + 1;
          break;
        }
        embeddedLines += countLineFeeds(value);
        cells.push(value);
        if (i >= length) return this.#emit(cells, embeddedLines, length);
        const after = buf.charCodeAt(i);
        if (after === COMMA) {
          i++;
          continue;
        }
        if (after === LF) return this.#emit(cells, embeddedLines, i + 1);
        if (after === CR) {
          if (i + 1 === length) return final ? this.#emit(cells, embeddedLines, length) : -1;
          if (buf.charCodeAt(i + 1) === LF) return this.#emit(cells, embeddedLines, i + 2);
        }
        throw new CsvError(
          `unexpected ${JSON.stringify(buf[i])} after the closing quote of field ${cells.length}`,
          this.#line + embeddedLines,
        );
      }
      const comma = buf.indexOf(',', i);
      const newline = buf.indexOf('\n', i);
      if (comma !== -1 && (newline === -1 || comma < newline)) {
        cells.push(buf.slice(i, comma));
        i = comma + 1;
        continue;
      }
      if (newline === -1) {
        if (!final) return -1;
        cells.push(buf.slice(i));
        return this.#emit(cells, embeddedLines, length);
      }
      const end = newline > i && buf.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
      cells.push(buf.slice(i, end));
      return this.#emit(cells, embeddedLines, newline + 1);
    }
  }

  #emit(cells: string[], embeddedLines: number, next: number): number {
    this.#onRecord(cells, this.#line);
    this.#line += 1 + embeddedLines;
    return next;
  }
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Streams records out of a byte stream (e.g. an HTTP body) without buffering the whole body: each chunk is parsed
 * as it arrives and its records are yielded before the next chunk is read.
 */
export async function* parseCsv(
  chunks: AsyncIterable<Uint8Array>,
  options?: CsvParserOptions,
): AsyncGenerator<string[]> {
  let ready: string[][] = [];
  const parser = new CsvParser((cells) => {
    ready.push(cells);
  }, options);
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (ready.length > 0) {
      const batch = ready;
      ready = [];
      yield* batch;
    }
  }
  parser.end();
  yield* ready;
}

/** Header names are matched after trimming and collapsing inner whitespace: Microsoft's headers drift in spacing. */
export function normalizeHeaderName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}
