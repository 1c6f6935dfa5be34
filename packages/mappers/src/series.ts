import type { CountCells, DailySeries } from './daily-counts.js';
import type { MetricAttributes, MetricName } from './generated/catalog.js';
import type { MetricObservation } from './types.js';

/**
 * A catalog metric's point: the metric name, the attribute names and their enum values are checked against the
 * catalog at compile time.
 */
export function observation<M extends MetricName>(
  metric: M,
  attributes: MetricAttributes[M],
  value: number,
): MetricObservation {
  return { metric, attributes: attributes as Readonly<Record<string, string>>, value };
}

/** A series whose value is worked out from integer columns; undefined when an input is missing. */
export function computedSeries<M extends MetricName>(
  metric: M,
  attributes: MetricAttributes[M],
  inputs: readonly string[],
  value: (cells: CountCells) => number | undefined,
): DailySeries {
  return { metric, attributes: attributes as Readonly<Record<string, string>>, inputs, value };
}

/** A series whose value is one integer column as it stands. */
export function columnSeries<M extends MetricName>(
  metric: M,
  attributes: MetricAttributes[M],
  column: string,
): DailySeries {
  return computedSeries(metric, attributes, [column], (cells) => cells.get(column));
}

/**
 * One series per value of a metric's enum attribute, each read from its own column. The record's type demands a
 * column for every value the catalog lists, so the catalog and the mapping cannot disagree on the value set.
 */
export function seriesPerValue<M extends MetricName, A extends keyof MetricAttributes[M] & string>(
  metric: M,
  // Only a metric whose one attribute this is: a second attribute would be missing from every series.
  attribute: A & (Exclude<keyof MetricAttributes[M], A> extends never ? unknown : never),
  values: readonly (MetricAttributes[M][A] & string)[],
  columns: Readonly<Record<MetricAttributes[M][A] & string, string>>,
): DailySeries[] {
  return values.map((value) =>
    columnSeries(metric, { [attribute]: value } as MetricAttributes[M], columns[value]),
  );
}
