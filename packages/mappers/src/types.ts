import type { ReportName } from '@m365-otel/graph-reports';
import type { MetricName } from './generated/catalog.js';

/** One data row of a report, read by column name: @m365-otel/graph-reports' ReportRow fits it. */
export interface Row {
  /** Line number in the CSV, for problems an administrator can look up. */
  readonly line: number;
  /** The trimmed cell; undefined when the cell is empty or the column absent. */
  get(column: string): string | undefined;
}

/** One point of a catalog metric; `observation()` builds one with its attribute set type-checked. */
export interface MetricObservation {
  metric: MetricName;
  attributes: Readonly<Record<string, string>>;
  value: number;
}

export interface RowProblem {
  line: number;
  column: string;
  /** The cell as read ('' when it was empty or absent). */
  value: string;
  reason: string;
}

export interface ReportSnapshot {
  /** The report function (a ReportName when a mapping made it). */
  report: string;
  /** The report day (YYYY-MM-DD) the observations describe; undefined when no row had a usable date. */
  reportDate: string | undefined;
  observations: MetricObservation[];
  /** Rows with at least one problem, all of them counted. */
  rejectedRows: number;
  /** The first problems only (MAX_PROBLEMS), enough to diagnose without holding a broken report in memory. */
  problems: RowProblem[];
}

export interface ReportAccumulator {
  add(row: Row): void;
  finish(): ReportSnapshot;
}

export interface ReportMapping {
  report: ReportName;
  /** The catalog metrics this report produces. */
  metrics: readonly MetricName[];
  /** The CSV columns the mapping reads; a report lacking one of them yields fewer (or no) observations. */
  requiredColumns: readonly string[];
  createAccumulator(): ReportAccumulator;
}
