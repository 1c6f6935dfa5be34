import type { ReportName } from '@m365-otel/report-catalog';
import type { EntityFilterKind } from './catalog-model.js';
import type { EventName, MetricName } from './generated/catalog.js';

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

/** One report day and the points it has: a day with empty cells has fewer points, never zeros. */
export interface ReportDay {
  /** YYYY-MM-DD. */
  date: string;
  observations: MetricObservation[];
}

export interface ReportSnapshot {
  /** The report function (a ReportName when a mapping made it). */
  report: string;
  /**
   * The report day (YYYY-MM-DD) the observations describe, the `latest` time mode's: the newest complete day of a
   * daily report, the refresh date of the others; undefined when no row had a usable date.
   */
  reportDate: string | undefined;
  /** The `latest` time mode's points: those of reportDate. */
  observations: MetricObservation[];
  /** The Report Refresh Date (the newest one read, should rows disagree). */
  refreshDate: string | undefined;
  /**
   * Every report day with its points, oldest first: a daily report's days (at most MAX_REPORT_DAYS), the refresh
   * date alone for summary and per-entity reports; empty when no row had a usable date.
   */
  days: readonly ReportDay[];
  /**
   * Per-entity reports: true when the names read are concealed (32 hexadecimal characters), false once a real
   * name was seen; undefined for other reports and when no name was read.
   */
  concealedNames: boolean | undefined;
  /** Rows with at least one problem, all of them counted. */
  rejectedRows: number;
  /** The first problems only (MAX_PROBLEMS), enough to diagnose without holding a broken report in memory. */
  problems: RowProblem[];
}

export interface ReportAccumulator {
  add(row: Row): void;
  finish(): ReportSnapshot;
}

/** A value of a log record attribute. */
export type EntityAttributeValue = string | number | boolean | readonly string[];

/** Who a per-entity row is about, for the include/exclude filters. */
export interface EntityIdentity {
  kind: EntityFilterKind;
  /** The row's names the filters match (UPN and display name; site URL; group or team name), empty cells left out. */
  names: readonly string[];
}

/** One per-entity row as a log record of the entity kind's event. */
export interface EntityRecord {
  eventName: EventName;
  /** 00:00 UTC of the report day (the Report Refresh Date). */
  timestampMs: number;
  attributes: Readonly<Record<string, EntityAttributeValue>>;
}

export interface AccumulatorOptions {
  /**
   * The header as read (normalised names): a column the mapping reads that is missing is counted as a problem (on
   * line 1), and a column the catalog does not know still reaches the log records, as text.
   */
  header?: { readonly columns: readonly string[] };
  /**
   * Per-entity reports: onRecord receives every row the filter keeps as a log record, as the rows stream (nothing
   * is held). A row the filter drops feeds neither records nor the report's metrics.
   */
  entities?: {
    filter: (identity: EntityIdentity) => boolean;
    onRecord: (record: EntityRecord) => void;
  };
}

export interface ReportMapping {
  report: ReportName;
  /** The catalog metrics this report produces. */
  metrics: readonly MetricName[];
  /** Set on a per-entity report: the event its rows become with `entities`. */
  eventName?: EventName;
  /**
   * The columns without which no row can be placed (its day): a report lacking another column the mapping reads
   * yields fewer observations and a problem, not a failed read.
   */
  requiredColumns: readonly string[];
  /** Every column the mapping reads for its metrics, requiredColumns included. */
  columns: readonly string[];
  createAccumulator(options?: AccumulatorOptions): ReportAccumulator;
}
