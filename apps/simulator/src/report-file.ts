import { REPORT_CATALOG, type ReportColumnType, type ReportName } from '@m365-otel/report-catalog';
import { driftedColumns, type FileColumn, type HeaderDrift } from './header-drift.js';
import type { ReportEngine } from './report-engine.js';
import type { Cell, Row } from './report-views.js';
import type { ResolvedQuery } from './reports.js';

/** What one download serves: captured at the report call, so the file matches that moment. */
export interface ReportRequest {
  report: ReportName;
  query: ResolvedQuery;
  refreshDay: number;
  concealed: boolean;
  drift: HeaderDrift | undefined;
}

// Most flags are Yes/No in the CSV; these (the older Exchange, activation and licence columns) are True/False.
const TRUE_FALSE = /^(Is Deleted|Has Archive|Activated On Shared Computer|Has .+ License)$/;

function csvCell(trueFalse: boolean, cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return trueFalse ? (cell ? 'True' : 'False') : cell ? 'Yes' : 'No';
  if (typeof cell === 'number') return String(cell);
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The file's columns: the catalog's header, drifted as asked. */
export function fileColumns(request: ReportRequest): FileColumn[] {
  return driftedColumns(REPORT_CATALOG[request.report].columns, request.drift);
}

/** The file's columns with, for each, its index in the catalog's cells (undefined: a column the catalog lacks). */
function columnSources(
  request: ReportRequest,
): { name: string; index: number | undefined; trueFalse: boolean }[] {
  const catalog = REPORT_CATALOG[request.report].columns;
  return fileColumns(request).map((column) => ({
    name: column.name,
    index: column.source === undefined ? undefined : catalog.indexOf(column.source),
    trueFalse: column.source !== undefined && TRUE_FALSE.test(column.source),
  }));
}

function cellsOf(engine: ReportEngine, request: ReportRequest): Generator<Cell[]> {
  return engine.cells(request.report, request.query, request.refreshDay, request.concealed);
}

/** The rows a file carries, keyed by its (drifted) column names, typed. */
export function* fileRows(engine: ReportEngine, request: ReportRequest): Generator<Row> {
  const columns = columnSources(request);
  for (const cells of cellsOf(engine, request)) {
    const row: Row = {};
    for (const column of columns)
      row[column.name] = column.index === undefined ? null : (cells[column.index] ?? null);
    yield row;
  }
}

const BOM = '\uFEFF';
const CHUNK_BYTES = 64 * 1024;

/** Collects text into ~64 KiB buffers; `append` returns a full buffer when one is ready. */
class Chunker {
  #chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  #used = 0;

  append(text: string): Buffer | undefined {
    const size = Buffer.byteLength(text, 'utf8');
    let full: Buffer | undefined;
    if (this.#used + size > this.#chunk.length) {
      full = this.#chunk.subarray(0, this.#used);
      this.#chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, size));
      this.#used = 0;
    }
    this.#used += this.#chunk.write(text, this.#used, 'utf8');
    return full;
  }

  rest(): Buffer {
    return this.#chunk.subarray(0, this.#used);
  }
}

/**
 * The CSV file as it is downloaded: UTF-8 BOM, the header, CRLF rows. Produced lazily in ~64 KiB chunks, so the
 * consumer's pace (Readable.from pulls only when the socket drains) bounds memory, whatever the tenant size. Rows
 * are encoded straight into the chunk buffer: each row string dies young instead of growing a long-lived
 * concatenation, which keeps the heap (and so RSS) flat while millions of rows go by.
 */
export async function* reportCsv(
  engine: ReportEngine,
  request: ReportRequest,
  stats?: { reportRowsGenerated: number },
): AsyncGenerator<Buffer> {
  await engine.prepare(request.report, request.query, request.refreshDay);
  const columns = columnSources(request);
  const chunker = new Chunker();
  chunker.append(`${BOM}${columns.map((column) => column.name).join(',')}\r\n`);
  for (const cells of cellsOf(engine, request)) {
    const line = columns.map((column) =>
      column.index === undefined ? '' : csvCell(column.trueFalse, cells[column.index] ?? null),
    );
    const full = chunker.append(`${line.join(',')}\r\n`);
    if (stats !== undefined) stats.reportRowsGenerated += 1;
    if (full !== undefined) yield full;
  }
  yield chunker.rest();
}

/** `Storage Used (Byte)` -> `storageUsedInBytes`, `Used iOS` -> `usediOS`: Graph's JSON names of CSV columns. */
export function jsonName(column: string): string {
  const words = column
    .replace('(Byte)', 'In Bytes')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/);
  return words
    .map((word, i) =>
      i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join('');
}

function jsonValue(type: ReportColumnType | undefined, cell: Cell): unknown {
  if (type === 'products' && typeof cell === 'string') return cell === '' ? [] : cell.split('+');
  return cell;
}

/** One JSON property per file column: its Graph name, the catalog column it shows, and how its cells are written. */
interface JsonColumn {
  name: string;
  key: string;
  source: string | undefined;
  type: ReportColumnType | undefined;
}

function jsonObject(columns: readonly JsonColumn[], row: Row): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const column of columns) item[column.key] = jsonValue(column.type, row[column.name] ?? null);
  return item;
}

/**
 * The Microsoft 365 Apps reports answer JSON nested, as Microsoft documents them: the daily ones one item, its
 * refresh date and period outside, a `userCounts` entry per day; the detail one an item per user, its identity
 * outside, the rest in a one-entry `details` list. Undefined for every other report, whose rows are flat.
 */
function nesting(
  report: ReportName,
  columns: readonly JsonColumn[],
): { outer: JsonColumn[]; inner: JsonColumn[]; key: 'userCounts' | 'details' } | undefined {
  const definition = REPORT_CATALOG[report];
  if (definition.family !== 'm365-apps') return undefined;
  const split = (outer: (source: string) => boolean) => ({
    outer: columns.filter((column) => column.source !== undefined && outer(column.source)),
    inner: columns.filter((column) => column.source === undefined || !outer(column.source)),
  });
  if (definition.shape === 'daily') {
    const perReport = new Set(['Report Refresh Date', 'Report Period']);
    return { ...split((source) => perReport.has(source)), key: 'userCounts' };
  }
  const identity = new Set(definition.columns.slice(0, definition.columns.indexOf('Report Period')));
  return { ...split((source) => identity.has(source)), key: 'details' };
}

/**
 * The JSON answer (`$format=application/json`, the Copilot reports' default): `{"@odata.context", "value": [...]}`
 * with each row's columns under their JSON names, flat, except the Microsoft 365 Apps reports' nesting. Streamed like
 * the CSV.
 */
export async function* reportJson(
  engine: ReportEngine,
  request: ReportRequest,
  context: string,
): AsyncGenerator<Buffer> {
  await engine.prepare(request.report, request.query, request.refreshDay);
  const definition = REPORT_CATALOG[request.report];
  const columns: JsonColumn[] = fileColumns(request).map((column) => ({
    name: column.name,
    key: jsonName(column.name),
    source: column.source,
    type: column.source === undefined ? undefined : definition.columnTypes[column.source],
  }));
  const nested = nesting(request.report, columns);
  const chunker = new Chunker();
  chunker.append(`{"@odata.context":${JSON.stringify(context)},"value":[`);
  let separator = '';
  for (const row of fileRows(engine, request)) {
    let text: string;
    if (nested === undefined) text = JSON.stringify(jsonObject(columns, row));
    else if (nested.key === 'details')
      text = JSON.stringify({ ...jsonObject(nested.outer, row), details: [jsonObject(nested.inner, row)] });
    else if (separator === '') {
      // The one item opens with the first day; its list stays open for the days after.
      const outer = JSON.stringify(jsonObject(nested.outer, row));
      text = `${outer.slice(0, -1)},"userCounts":[${JSON.stringify(jsonObject(nested.inner, row))}`;
    } else text = JSON.stringify(jsonObject(nested.inner, row));
    const full = chunker.append(`${separator}${text}`);
    separator = ',';
    if (full !== undefined) yield full;
  }
  if (nested?.key === 'userCounts' && separator !== '') chunker.append(']}');
  chunker.append(']}');
  yield chunker.rest();
}
