import type { ReportMapping, ReportSnapshot, Row } from '../types.js';

/**
 * Rows from a small CSV written inline in a test: one line per row, the first one the header, no quoting. Lines
 * are numbered as in a file (header = line 1), and get() behaves like graph-reports' rows: trimmed, undefined when
 * the cell is empty or the column absent.
 */
export function csvRows(text: string): Row[] {
  const [header = '', ...lines] = text.trim().split('\n');
  const columns = header.split(',').map((name) => name.trim());
  return lines.map((line, index) => {
    const cells = line.split(',');
    return {
      line: index + 2,
      get(column: string) {
        const position = columns.indexOf(column);
        const cell = position < 0 ? undefined : cells[position]?.trim();
        return cell === '' ? undefined : cell;
      },
    };
  });
}

/** Streams the CSV through a fresh accumulator of the mapping, as the collector does with a downloaded report. */
export function mapCsv(mapping: ReportMapping, text: string): ReportSnapshot {
  const accumulator = mapping.createAccumulator();
  for (const row of csvRows(text)) accumulator.add(row);
  return accumulator.finish();
}
