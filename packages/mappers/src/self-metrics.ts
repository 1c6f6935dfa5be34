import { type Meter, ValueType } from '@opentelemetry/api';
import { SELF_METRIC_CATALOG, type SelfMetricAttributes, type SelfMetricName } from './generated/catalog.js';

/** Adds to one of the collector's own counters; the counter, its attributes and their values are type-checked. */
export type SelfMetricRecorder = <M extends SelfMetricName>(
  metric: M,
  value: number,
  attributes: SelfMetricAttributes[M],
) => void;

/** Creates every self-metric of the catalog on the meter, as a counter with its description, unit and value type. */
export function createSelfMetricRecorder(meter: Meter): SelfMetricRecorder {
  const counters = new Map(
    SELF_METRIC_CATALOG.map((definition) => [
      definition.name,
      meter.createCounter(definition.name, {
        description: definition.description,
        unit: definition.unit,
        valueType: definition.valueType === 'int' ? ValueType.INT : ValueType.DOUBLE,
      }),
    ]),
  );
  return (metric, value, attributes) => {
    counters.get(metric)?.add(value, attributes);
  };
}
