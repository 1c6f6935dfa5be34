import type { ReportColumnType, ReportDefinition } from '@m365-otel/report-catalog';
import type { ReportSource } from './catalog-model.js';
import { utcDayStartMs } from './cells.js';
import { REPORT_REFRESH_DATE } from './entity-columns.js';
import type { MetricName } from './generated/catalog.js';
import { ProblemLog } from './problems.js';
import { describeBadCell, readNumber } from './report-cells.js';
import type {
  AccumulatorOptions,
  MetricObservation,
  ReportAccumulator,
  ReportDay,
  ReportMapping,
  ReportSnapshot,
  Row,
} from './types.js';

const REPORT_DATE = 'Report Date';

/** A daily report has one row per day of its period: D180 is the longest. */
export const MAX_REPORT_DAYS = 180;

/** A catalog metric read from a counts or summary report. */
export interface ReportMetric {
  readonly name: MetricName;
  readonly source: ReportSource;
}

interface Series {
  readonly metric: MetricName;
  readonly attributes: Readonly<Record<string, string>>;
  readonly category: ReportSource['category'];
  readonly terms: ReportSource['series'][number]['terms'];
}

/** The values of one row: per series, by index; undefined when the row has no value for it. */
interface RowValues {
  readonly category: string | undefined;
  readonly values: readonly (number | undefined)[];
}

/**
 * Any counts report (one row per `Report Date`, or per date and category) or summary report (one row, or one per
 * category, for the whole period: its day is the Report Refresh Date), read by the metrics' series: each value is
 * a column, or columns added and subtracted, read by the column's type.
 */
export function countsMapping(report: ReportDefinition, metrics: readonly ReportMetric[]): ReportMapping {
  const series: Series[] = metrics.flatMap((metric) =>
    metric.source.series.map((one) => ({
      metric: metric.name,
      attributes: one.attributes,
      category: metric.source.category,
      terms: one.terms,
    })),
  );
  const dayColumn = report.shape === 'daily' ? REPORT_DATE : REPORT_REFRESH_DATE;
  const categoryColumn = metrics.find((metric) => metric.source.category !== undefined)?.source.category
    ?.column;
  const valueColumns = [...new Set(series.flatMap((one) => one.terms.map((term) => term.column)))];
  const requiredColumns = [dayColumn, ...(categoryColumn === undefined ? [] : [categoryColumn])];
  return {
    report: report.name,
    metrics: metrics.map((metric) => metric.name),
    requiredColumns,
    columns: [...new Set([...requiredColumns, REPORT_REFRESH_DATE, ...valueColumns])],
    createAccumulator: (options) =>
      new CountsAccumulator(report, series, { dayColumn, categoryColumn, valueColumns }, options),
  };
}

interface Layout {
  readonly dayColumn: string;
  readonly categoryColumn: string | undefined;
  readonly valueColumns: readonly string[];
}

class CountsAccumulator implements ReportAccumulator {
  readonly #report: ReportDefinition;
  readonly #series: readonly Series[];
  readonly #layout: Layout;
  readonly #problems = new ProblemLog();
  /** Per report day, the rows read (one per category), with the first line of each, to refuse a second. */
  readonly #days = new Map<string, Map<string | undefined, RowValues & { line: number }>>();
  #refreshDate: string | undefined;

  constructor(
    report: ReportDefinition,
    series: readonly Series[],
    layout: Layout,
    options?: AccumulatorOptions,
  ) {
    this.#report = report;
    this.#series = series;
    this.#layout = layout;
    const header = options?.header?.columns;
    if (header !== undefined) {
      for (const column of [
        layout.dayColumn,
        ...(layout.categoryColumn === undefined ? [] : [layout.categoryColumn]),
        ...layout.valueColumns,
      ]) {
        if (!header.includes(column)) this.#problems.reject(1, column, undefined, 'missing from the header');
      }
    }
  }

  add(row: Row): void {
    const refreshDate = row.get(REPORT_REFRESH_DATE);
    if (refreshDate !== undefined && (this.#refreshDate === undefined || refreshDate > this.#refreshDate)) {
      if (utcDayStartMs(refreshDate) !== undefined) this.#refreshDate = refreshDate;
    }
    const { dayColumn, categoryColumn } = this.#layout;
    const date = row.get(dayColumn);
    if (date === undefined || utcDayStartMs(date) === undefined) {
      this.#problems.reject(
        row.line,
        dayColumn,
        date,
        date === undefined ? 'missing' : 'not a YYYY-MM-DD day',
      );
      return;
    }
    const category = categoryColumn === undefined ? undefined : row.get(categoryColumn);
    if (categoryColumn !== undefined && category === undefined) {
      this.#problems.reject(row.line, categoryColumn, undefined, 'missing');
      return;
    }
    // Every row is validated (the reports are at most a few hundred rows), so the problems reported do not depend
    // on the order of the rows.
    const values = this.#values(row);
    const rows = this.#days.get(date) ?? new Map();
    const first = rows.get(category);
    if (first !== undefined) {
      // A day has one row (per category); with two, picking either would be a guess.
      const which = category === undefined ? '' : ` and ${categoryColumn} ${category}`;
      const reason = `second row for report day ${date}${which} (the first is line ${first.line})`;
      this.#problems.reject(row.line, dayColumn, date, reason);
      return;
    }
    if (!this.#days.has(date) && this.#days.size >= MAX_REPORT_DAYS) {
      this.#problems.reject(row.line, dayColumn, date, `more than ${MAX_REPORT_DAYS} report days`);
      return;
    }
    rows.set(category, { category, values, line: row.line });
    this.#days.set(date, rows);
  }

  finish(): ReportSnapshot {
    const days: (ReportDay & { complete: boolean })[] = [...this.#days.keys()].sort().map((date) => {
      const observations: MetricObservation[] = [];
      let complete = true;
      for (const row of this.#days.get(date)?.values() ?? []) {
        this.#series.forEach((series, index) => {
          const value = row.values[index];
          if (value === undefined) {
            complete = false;
            return;
          }
          observations.push({
            metric: series.metric,
            attributes: this.#attributes(series, row.category),
            value,
          });
        });
      }
      return { date, observations, complete };
    });
    // Microsoft fills the newest days late (empty cells), so the newest day with every value is the one that
    // describes the tenant; only when no day is complete does the newest day give what it has.
    const latest = days.findLast((day) => day.complete) ?? days.at(-1);
    return {
      report: this.#report.name,
      reportDate: latest?.date,
      observations: latest?.observations ?? [],
      refreshDate: this.#refreshDate,
      days: days.map(({ date, observations }) => ({ date, observations })),
      concealedNames: undefined,
      ...this.#problems.summary(),
    };
  }

  #attributes(series: Series, category: string | undefined): Readonly<Record<string, string>> {
    if (series.category === undefined || category === undefined) return series.attributes;
    const value = series.category.values?.[category] ?? category;
    return { ...series.attributes, [series.category.attribute]: value };
  }

  #values(row: Row): (number | undefined)[] {
    const cells = new Map<string, number>();
    for (const column of this.#layout.valueColumns) {
      const text = row.get(column);
      if (text === undefined) continue;
      const type: ReportColumnType = this.#report.columnTypes[column] ?? 'count';
      const value = readNumber(type, text);
      if (value !== undefined) cells.set(column, value);
      else this.#problems.reject(row.line, column, text, describeBadCell(type, text));
    }
    const values = this.#series.map((series) => seriesValue(series, cells));
    // A difference below zero (more active than in total) means one of the cells is wrong, and nothing says which:
    // the row yields nothing.
    const broken = this.#series.find((_, index) => (values[index] ?? 0) < 0);
    if (broken === undefined) return values;
    const subtracted = broken.terms.find((term) => term.sign < 0);
    const added = broken.terms.filter((term) => term.sign > 0);
    if (subtracted !== undefined) {
      const sum = added.reduce((total, term) => total + (cells.get(term.column) ?? 0), 0);
      const reason = `exceeds ${added.map((term) => term.column).join(' + ')} (${sum})`;
      this.#problems.reject(row.line, subtracted.column, row.get(subtracted.column), reason);
    }
    return values.map(() => undefined);
  }
}

/** The series' value on a row; undefined when a term's cell is empty or rejected: no point rather than a guess. */
function seriesValue(series: Series, cells: ReadonlyMap<string, number>): number | undefined {
  let value = 0;
  for (const term of series.terms) {
    const cell = cells.get(term.column);
    if (cell === undefined) return undefined;
    value += term.sign * cell;
  }
  return value;
}
