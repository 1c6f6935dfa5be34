import type { CountCells, DailySeries } from './daily-counts.js';

/** A closed-enum attribute as the catalog declares it; its values type-check the mappings' attribute values. */
interface EnumAttribute<V extends string> {
  readonly name: string;
  readonly values: readonly V[];
}

/** The attribute set for one enum value (a typo in the value is a compile error). */
export function attributeSet<V extends string>(
  attribute: EnumAttribute<V>,
  value: V,
): Readonly<Record<string, string>> {
  return { [attribute.name]: value };
}

/** A series whose value is one integer column as it stands. */
export function columnSeries(
  metric: string,
  attributes: Readonly<Record<string, string>>,
  column: string,
): DailySeries {
  return { metric, attributes, inputs: [column], value: (cells: CountCells) => cells.get(column) };
}

/**
 * One series per value of a metric's single enum attribute, each read from its own column. The record's type
 * demands a column for every enum value, so the catalog and the mapping cannot disagree on the value set.
 */
export function seriesPerValue<V extends string>(
  metric: { readonly name: string; readonly attributes: readonly [EnumAttribute<V>] },
  columns: Readonly<Record<V, string>>,
): DailySeries[] {
  const [attribute] = metric.attributes;
  return attribute.values.map((value) =>
    columnSeries(metric.name, attributeSet(attribute, value), columns[value]),
  );
}
