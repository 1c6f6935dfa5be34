import { CsvParser, normalizeHeaderName } from '@m365-otel/graph-reports';
import type { AccumulatorOptions, ReportMapping, ReportSnapshot, Row } from '../types.js';

/**
 * Rows of a CSV written inline in a test, read by graph-reports' own parser (quotes, BOM, CRLF, line numbers as
 * in a file with the header on line 1) and looked up by normalised header name. get() answers as the client's
 * rows do: the trimmed cell, undefined when it is empty or the column absent. The text is trimmed first, so a
 * test may indent its rows.
 */
export function csvRows(text: string): { header: string[]; rows: Row[] } {
  let index: ReadonlyMap<string, number> | undefined;
  let header: string[] = [];
  const rows: Row[] = [];
  const parser = new CsvParser((cells, line) => {
    if (index === undefined) {
      header = cells.map(normalizeHeaderName);
      index = new Map(header.map((name, at) => [name, at]));
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
  return { header, rows };
}

/**
 * Streams the CSV through a fresh accumulator of the mapping, as the collector does with a downloaded report: the
 * header as read goes with the options.
 */
export function mapCsv(
  mapping: ReportMapping,
  text: string,
  options: Omit<AccumulatorOptions, 'header'> = {},
): ReportSnapshot {
  const { header, rows } = csvRows(text);
  const accumulator = mapping.createAccumulator({ ...options, header: { columns: header } });
  for (const row of rows) accumulator.add(row);
  return accumulator.finish();
}

/** The fields of a snapshot the `latest` time mode reads, as the tests before report-date mode compared them. */
export function latest(snapshot: ReportSnapshot) {
  const { report, reportDate, observations, rejectedRows, problems } = snapshot;
  return { report, reportDate, observations, rejectedRows, problems };
}
