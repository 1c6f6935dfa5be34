import { type Attributes, type Meter, ValueType } from '@opentelemetry/api';
import type { MetricDefinition } from './catalog-model.js';

/**
 * Records a value into one metric of a catalog section: adds it to a sum, records it in a histogram or sets a
 * gauge, as the catalog declares the metric. The metric, its attributes and their values are type-checked.
 */
export type MetricRecorder<AttributeSets> = <M extends keyof AttributeSets & string>(
  metric: M,
  value: number,
  attributes: AttributeSets[M],
) => void;

type RecordInto = (value: number, attributes: Attributes) => void;

function instrument(meter: Meter, definition: MetricDefinition): RecordInto {
  const options = {
    description: definition.description,
    unit: definition.unit,
    valueType: definition.valueType === 'int' ? ValueType.INT : ValueType.DOUBLE,
  };
  switch (definition.instrument) {
    case 'sum': {
      const counter = meter.createCounter(definition.name, options);
      return (value, attributes) => counter.add(value, attributes);
    }
    case 'gauge': {
      const gauge = meter.createGauge(definition.name, options);
      return (value, attributes) => gauge.record(value, attributes);
    }
    case 'histogram': {
      const histogram = meter.createHistogram(definition.name, {
        ...options,
        ...(definition.bucketBoundaries === undefined
          ? {}
          : { advice: { explicitBucketBoundaries: [...definition.bucketBoundaries] } }),
      });
      return (value, attributes) => histogram.record(value, attributes);
    }
  }
}

/** Creates every metric of the definitions on the meter, with its instrument, description, unit and value type. */
export function createMetricRecorder<AttributeSets>(
  meter: Meter,
  definitions: readonly MetricDefinition[],
): MetricRecorder<AttributeSets> {
  const instruments = new Map(
    definitions.map((definition) => [definition.name, instrument(meter, definition)]),
  );
  return (metric, value, attributes) => {
    instruments.get(metric)?.(value, attributes as Attributes);
  };
}
