/**
 * How Microsoft's headers drift from what the catalog says, one kind at a time:
 * - reorder: the columns after Report Refresh Date come in reverse order (the live Teams user detail order differs
 *   from the documented one);
 * - rename: one value column is written with other case and spacing (`Used  Chrome OS`, `Team type`);
 * - missing: one value column is left out (older files lack newer columns);
 * - extra: a column the catalog does not know is added, empty (a newly introduced column).
 */
export const HEADER_DRIFTS = ['reorder', 'rename', 'missing', 'extra'] as const;
export type HeaderDrift = (typeof HEADER_DRIFTS)[number];

export function isHeaderDrift(value: unknown): value is HeaderDrift {
  return (HEADER_DRIFTS as readonly unknown[]).includes(value);
}

/** The column added by the `extra` drift. */
export const EXTRA_COLUMN = 'Extra Column';

/** One column of a drifted file: its name as written, and the catalog column whose values it carries (if any). */
export interface FileColumn {
  name: string;
  source: string | undefined;
}

const FRAME_COLUMNS = new Set(['Report Refresh Date', 'Report Date', 'Report Period']);

/** The column the rename and missing drifts act on: the last one that is not a date or period frame column. */
function lastValueColumn(columns: readonly string[]): string | undefined {
  return columns.findLast((column) => !FRAME_COLUMNS.has(column));
}

/** `Storage Used (Byte)` -> `Storage  used (byte)`: the same name to a reader that ignores case and spacing. */
export function respelled(column: string): string {
  const [first = '', ...rest] = column.split(' ');
  return [first, ...rest.map((word) => word.toLowerCase())].join(' ').replace(' ', '  ');
}

export function driftedColumns(columns: readonly string[], drift: HeaderDrift | undefined): FileColumn[] {
  const plain = columns.map((name) => ({ name, source: name }));
  const target = lastValueColumn(columns);
  switch (drift) {
    case undefined:
      return plain;
    case 'reorder': {
      const [first, ...rest] = plain;
      return first === undefined ? [] : [first, ...rest.reverse()];
    }
    case 'rename':
      return plain.map((column) =>
        column.name === target ? { name: respelled(column.name), source: column.source } : column,
      );
    case 'missing':
      return plain.filter((column) => column.name !== target);
    case 'extra':
      return [...plain, { name: EXTRA_COLUMN, source: undefined }];
  }
}
