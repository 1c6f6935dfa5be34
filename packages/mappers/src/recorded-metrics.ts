import type { Meter } from '@opentelemetry/api';
import {
  RECORDED_METRIC_CATALOG,
  type RecordedMetricAttributes,
  type RecordedMetricName,
} from './generated/catalog.js';
import { createMetricRecorder, type MetricRecorder } from './metric-recorder.js';

/** Records into the recorded tenant metrics named `<prefix>*`, type-checked against the catalog. */
export type RecordedMetricRecorder<Prefix extends string> = MetricRecorder<
  Pick<RecordedMetricAttributes, Extract<RecordedMetricName, `${Prefix}${string}`>>
>;

/**
 * Creates the recorded tenant metrics named `<prefix>*` (one source's share of the catalog, such as the audit log's
 * `m365.audit.`) on the meter of the tenant's Resource: a counter, a histogram with the catalog's bucket
 * boundaries, or a gauge.
 */
export function createRecordedMetricRecorder<Prefix extends string>(
  meter: Meter,
  prefix: Prefix,
): RecordedMetricRecorder<Prefix> {
  return createMetricRecorder(
    meter,
    RECORDED_METRIC_CATALOG.filter((metric) => metric.name.startsWith(prefix)),
  );
}
