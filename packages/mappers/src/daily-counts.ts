import type { ReportName } from '@m365-otel/graph-reports';
import { describeBadCount, NOT_A_COUNT, parseCount, utcDayStartMs } from './cells.js';
import type { MetricName } from './generated/catalog.js';
import { ProblemLog } from './problems.js';
import type { MetricObservation, ReportAccumulator, ReportMapping, ReportSnapshot, Row } from './types.js';

const REPORT_DATE = 'Report Date';

/** The integer cells of one row that parsed; empty and rejected cells are absent. */
export type CountCells = ReadonlyMap<string, number>;

/** One series (metric + attribute set) of a daily-counts report. */
export interface DailySeries {
  readonly metric: MetricName;
  readonly attributes: Readonly<Record<string, string>>;
  /** The integer columns the value is computed from. */
  readonly inputs: readonly string[];
  /** undefined when an input is missing from the cells: no point rather than a guess. */
  value(cells: CountCells): number | undefined;
}

export interface DailyCountsSpec {
  readonly report: ReportName;
  readonly series: readonly DailySeries[];
  /** A rule across columns; when a row breaks it, the row yields nothing and this names the column and why. */
  readonly check?: (cells: CountCells) => { column: string; reason: string } | undefined;
}

/**
 * A report with one row per day (`Report Date`), read in latest-time mode: every series takes its value from the
 * newest complete day's row (every series has a value), or from the newest day's row when no day is complete.
 * Rows usually come newest first, but nothing here relies on that.
 */
export function dailyCountsMapping(spec: DailyCountsSpec): ReportMapping {
  const columns = [...new Set(spec.series.flatMap((series) => series.inputs))];
  return {
    report: spec.report,
    metrics: [...new Set(spec.series.map((series) => series.metric))],
    requiredColumns: [REPORT_DATE, ...columns],
    createAccumulator: () => new DailyCountsAccumulator(spec, columns),
  };
}

interface DayValues {
  readonly date: string;
  /** Per series, by index into spec.series; undefined when the day has no value for it. */
  readonly values: readonly (number | undefined)[];
}

class DailyCountsAccumulator implements ReportAccumulator {
  readonly #spec: DailyCountsSpec;
  readonly #columns: readonly string[];
  readonly #problems = new ProblemLog();
  /** First line of each report day seen, to reject a second row for the same day. */
  readonly #dayLines = new Map<string, number>();
  #newest: DayValues | undefined;
  #newestComplete: DayValues | undefined;

  constructor(spec: DailyCountsSpec, columns: readonly string[]) {
    this.#spec = spec;
    this.#columns = columns;
  }

  add(row: Row): void {
    const date = row.get(REPORT_DATE);
    if (date === undefined || utcDayStartMs(date) === undefined) {
      this.#problems.reject(
        row.line,
        REPORT_DATE,
        date,
        date === undefined ? 'missing' : 'not a YYYY-MM-DD day',
      );
      return;
    }
    // Every day is validated (the reports are at most 180 rows), so the problems reported do not depend on the
    // order of the rows.
    const cells = this.#parseCells(row);
    const broken = this.#spec.check?.(cells);
    if (broken !== undefined) {
      this.#problems.reject(row.line, broken.column, row.get(broken.column), broken.reason);
    }
    const firstLine = this.#dayLines.get(date);
    if (firstLine !== undefined) {
      // A day has one row; with two, picking either would be a guess.
      const reason = `second row for report day ${date} (the first is line ${firstLine})`;
      this.#problems.reject(row.line, REPORT_DATE, date, reason);
      return;
    }
    this.#dayLines.set(date, row.line);

    const day: DayValues = {
      date,
      values: this.#spec.series.map((series) => (broken === undefined ? series.value(cells) : undefined)),
    };
    if (this.#newest === undefined || date > this.#newest.date) this.#newest = day;
    const complete = day.values.every((value) => value !== undefined);
    if (complete && (this.#newestComplete === undefined || date > this.#newestComplete.date)) {
      this.#newestComplete = day;
    }
  }

  finish(): ReportSnapshot {
    // Microsoft fills the newest days late (empty cells), so the newest day with every value is the one that
    // describes the tenant; only when no day is complete does the newest day give what it has.
    const day = this.#newestComplete ?? this.#newest;
    const observations: MetricObservation[] = [];
    this.#spec.series.forEach((series, index) => {
      const value = day?.values[index];
      if (value !== undefined) {
        observations.push({ metric: series.metric, attributes: series.attributes, value });
      }
    });
    return {
      report: this.#spec.report,
      reportDate: day?.date,
      observations,
      ...this.#problems.summary(),
    };
  }

  #parseCells(row: Row): CountCells {
    const cells = new Map<string, number>();
    for (const column of this.#columns) {
      const text = row.get(column);
      if (text === undefined) continue;
      const value = parseCount(text);
      if (value === NOT_A_COUNT) this.#problems.reject(row.line, column, text, describeBadCount(text));
      else cells.set(column, value);
    }
    return cells;
  }
}
