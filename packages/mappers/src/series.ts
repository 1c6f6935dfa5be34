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
