import type { Meter } from '@opentelemetry/api';
import { RECORDED_METRIC_CATALOG, type RecordedMetricAttributes } from './generated/catalog.js';
import { createMetricRecorder, type MetricRecorder } from './metric-recorder.js';

/** Records into one of the audit log's tenant metrics (`m365.audit.*`), type-checked against the catalog. */
export type AuditMetricRecorder = MetricRecorder<RecordedMetricAttributes>;

/**
 * Creates every recorded tenant metric of the catalog (at present all the audit log's) on the meter of the
 * tenant's Resource: a counter, a histogram with the catalog's bucket boundaries, or a gauge.
 */
export function createAuditMetricRecorder(meter: Meter): AuditMetricRecorder {
  return createMetricRecorder<RecordedMetricAttributes>(meter, RECORDED_METRIC_CATALOG);
}
