import type { Meter } from '@opentelemetry/api';
import { SELF_METRIC_CATALOG, type SelfMetricAttributes } from './generated/catalog.js';
import { createMetricRecorder, type MetricRecorder } from './metric-recorder.js';

/** Records into one of the collector's own metrics; the metric, its attributes and their values are type-checked. */
export type SelfMetricRecorder = MetricRecorder<SelfMetricAttributes>;

/** Creates every self-metric of the catalog on the meter, as the catalog declares it. */
export function createSelfMetricRecorder(meter: Meter): SelfMetricRecorder {
  return createMetricRecorder<SelfMetricAttributes>(meter, SELF_METRIC_CATALOG);
}
