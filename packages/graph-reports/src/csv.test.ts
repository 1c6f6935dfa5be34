import { describe, expect, it } from 'vitest';
import { CsvError, CsvParser, normalizeHeaderName, parseCsv } from './csv.js';

const encoder = new TextEncoder();

function parseBytes(
  bytes: Uint8Array,
  chunkSize = bytes.length || 1,
): Array<{ cells: string[]; line: number }> {
  const records: Array<{ cells: string[]; line: number }> = [];
  const parser = new CsvParser((cells, line) => records.push({ cells, line }));
  for (let at = 0; at < bytes.length; at += chunkSize) parser.write(bytes.subarray(at, at + chunkSize));
  parser.end();
  return records;
}

const parse = (text: string, chunkSize?: number) => parseBytes(encoder.encode(text), chunkSize);
const cellsOf = (text: string, chunkSize?: number) => parse(text, chunkSize).map((record) => record.cells);

describe('CsvParser', () => {
  it('splits LF and CRLF lines and keeps empty cells', () => {
    expect(cellsOf('a,b,c\n1,,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
    expect(cellsOf('a,b,c\r\n1,2,\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', ''],
    ]);
  });

  it('drops the UTF-8 BOM Microsoft puts before the header', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...encoder.encode('Report Refresh Date,Send\n2024-05-01,3\n'),
    ]);
    expect(parseBytes(bytes)[0]?.cells).toEqual(['Report Refresh Date', 'Send']);
    expect(parseBytes(bytes, 1)[0]?.cells).toEqual(['Report Refresh Date', 'Send']);
  });

  it('decodes bytes that are not UTF-8 as U+FFFD, keeping the row and its other cells, however the chunks fall', () => {
    const bytes = new Uint8Array([
      ...encoder.encode('Display Name,Items\n'),
      0x80,
      0xff,
      ...encoder.encode('Jos'),
      0xe9, // Latin-1 'é', not UTF-8
      ...encoder.encode(',3\n'),
    ]);
    const expected = [
      ['Display Name', 'Items'],
      ['\uFFFD\uFFFDJos\uFFFD', '3'],
    ];
    expect(parseBytes(bytes).map((record) => record.cells)).toEqual(expected);
    expect(parseBytes(bytes, 1).map((record) => record.cells)).toEqual(expected);
  });

  it('handles RFC 4180 quotes: commas, "" escapes, line breaks, empty quoted cells', () => {
    const text = 'name,products,n\r\n"Doe, Jane","A+""B""\r\nC",1\r\n"",x,"2"\n';
    expect(cellsOf(text)).toEqual([
      ['name', 'products', 'n'],
      ['Doe, Jane', 'A+"B"\r\nC', '1'],
      ['', 'x', '2'],
    ]);
  });

  it('tolerates a quote inside an unquoted cell', () => {
    expect(cellsOf('a,b"c,d\n')).toEqual([['a', 'b"c', 'd']]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = '\uFEFFh1,h2,h3\r\n"x\n""y""",é😀ü,3\r\nplain,"q,uoted",\nlast,"end",no-newline';
    const expected = cellsOf(text);
    expect(expected).toEqual([
      ['h1', 'h2', 'h3'],
      ['x\n"y"', 'é😀ü', '3'],
      ['plain', 'q,uoted', ''],
      ['last', 'end', 'no-newline'],
    ]);
    const bytes = encoder.encode(text);
    for (let size = 1; size <= bytes.length; size++) {
      expect(parseBytes(bytes, size).map((record) => record.cells)).toEqual(expected);
    }
  });

  it('reports the physical line each record starts on and skips empty lines', () => {
    const records = parse('h1,h2\n"multi\nline",1\n\nx,2\r\n\r\n"a","b"');
    expect(records.map((record) => [record.line, record.cells[0]])).toEqual([
      [1, 'h1'],
      [2, 'multi\nline'],
      [5, 'x'],
      [7, 'a'],
    ]);
  });

  it('emits nothing for an empty body', () => {
    expect(cellsOf('')).toEqual([]);
    expect(parseBytes(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual([]);
  });

  it('fails precisely on an unterminated quote and on text after a closing quote', () => {
    expect(() => parse('h\n"never closed\n')).toThrow(
      new CsvError('quoted field is not closed before the end of the data', 2),
    );
    expect(() => parse('h1,h2\n"ab"c,d\n')).toThrow(
      'line 2: unexpected "c" after the closing quote of field 1',
    );
  });

  it('bounds the memory held for a record that never ends', () => {
    const parser = new CsvParser(() => {}, { maxRecordLength: 100 });
    expect(() => parser.write(encoder.encode(`"${'x'.repeat(200)}`))).toThrow(
      'line 1: record longer than 100 characters without an end (unbalanced quote or no line breaks?)',
    );
  });

  it('holds an endless row in the pieces it came in, never more than the cut', () => {
    const max = 64 * 1024;
    const records: string[][] = [];
    const parser = new CsvParser((cells) => records.push(cells), { maxRecordLength: max });
    parser.write(encoder.encode('h1,h2\nfirst,'));
    expect(records).toEqual([['h1', 'h2']]);
    expect(parser.retainedLength).toBe('first,'.length);
    const piece = encoder.encode('x'.repeat(4096));
    let written = 'first,'.length;
    let error: unknown;
    for (let chunk = 0; chunk < 64 && error === undefined; chunk++) {
      try {
        parser.write(piece);
        written += piece.length;
        expect(parser.retainedLength).toBe(written);
      } catch (caught) {
        error = caught;
      }
      expect(parser.retainedLength).toBeLessThanOrEqual(max);
    }
    expect(error).toBeInstanceOf(CsvError);
    expect(String(error)).toContain('line 2: record longer than 65536 characters without an end');
    expect(written).toBeGreaterThan(max - piece.length);
  });

  it('still finds a record that a later piece ends, after holding the pieces before it', () => {
    const records: string[][] = [];
    const parser = new CsvParser((cells) => records.push(cells));
    for (const piece of ['\uFEFFh1,', 'h2\n"a', ',b",', 'c\r', '\nd,e']) parser.writeText(piece);
    parser.end();
    expect(records).toEqual([
      ['h1', 'h2'],
      ['a,b', 'c'],
      ['d', 'e'],
    ]);
    expect(parser.retainedLength).toBe(0);
  });

  it('refuses writes after end()', () => {
    const parser = new CsvParser(() => {});
    parser.end();
    expect(() => parser.write(encoder.encode('a'))).toThrow('CsvParser.write() after end()');
  });
});

describe('parseCsv', () => {
  it('streams records from async chunks, yielding each chunk’s records before reading the next', async () => {
    const reads: string[] = [];
    async function* chunks() {
      for (const part of ['a,b\n1,', '2\n3,4', '\n5,"6"']) {
        reads.push(part);
        yield encoder.encode(part);
      }
    }
    const seen: Array<[string[], number]> = [];
    for await (const record of parseCsv(chunks())) seen.push([record, reads.length]);
    expect(seen).toEqual([
      [['a', 'b'], 1],
      [['1', '2'], 2],
      [['3', '4'], 3],
      [['5', '6'], 3],
    ]);
  });
});

describe('normalizeHeaderName', () => {
  it('trims and collapses inner whitespace', () => {
    expect(normalizeHeaderName('  Storage   Used\t(Byte) ')).toBe('Storage Used (Byte)');
    expect(normalizeHeaderName('\uFEFFReport Refresh Date')).toBe('Report Refresh Date');
  });
});
