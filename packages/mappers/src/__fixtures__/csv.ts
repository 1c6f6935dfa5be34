import { CsvParser, normalizeHeaderName } from '@m365-otel/graph-reports';
import type { ReportMapping, ReportSnapshot, Row } from '../types.js';

/**
 * Rows of a CSV written inline in a test, read by graph-reports' own parser (quotes, BOM, CRLF, line numbers as
 * in a file with the header on line 1) and looked up by normalised header name. get() answers as the client's
 * rows do: the trimmed cell, undefined when it is empty or the column absent. The text is trimmed first, so a
 * test may indent its rows.
 */
export function csvRows(text: string): Row[] {
  let index: ReadonlyMap<string, number> | undefined;
  const rows: Row[] = [];
  const parser = new CsvParser((cells, line) => {
    if (index === undefined) {
      index = new Map(cells.map((name, at) => [normalizeHeaderName(name), at]));
      return;
    }
    const columns = index;
    rows.push({
      line,
      get(column) {
        const at = columns.get(column);
        const cell = at === undefined ? undefined : cells[at]?.trim();
        return cell === '' ? undefined : cell;
      },
    });
  });
  parser.writeText(text.trim());
  parser.end();
  return rows;
}

/** Streams the CSV through a fresh accumulator of the mapping, as the collector does with a downloaded report. */
export function mapCsv(mapping: ReportMapping, text: string): ReportSnapshot {
  const accumulator = mapping.createAccumulator();
  for (const row of csvRows(text)) accumulator.add(row);
  return accumulator.finish();
}
