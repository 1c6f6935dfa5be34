import type { Meter } from '@opentelemetry/api';
import {
  RECORDED_METRIC_CATALOG,
  type RecordedMetricAttributes,
  type RecordedMetricName,
} from './generated/catalog.js';
import { createMetricRecorder, type MetricRecorder } from './metric-recorder.js';

const AUDIT_PREFIX = 'm365.audit.';
type AuditMetricName = Extract<RecordedMetricName, `${typeof AUDIT_PREFIX}${string}`>;

/** Records into one of the audit log's tenant metrics (`m365.audit.*`), type-checked against the catalog. */
export type AuditMetricRecorder = MetricRecorder<Pick<RecordedMetricAttributes, AuditMetricName>>;

/**
 * Creates the audit log's recorded tenant metrics on the meter of the tenant's Resource: a counter, a histogram
 * with the catalog's bucket boundaries, or a gauge.
 */
export function createAuditMetricRecorder(meter: Meter): AuditMetricRecorder {
  return createMetricRecorder(
    meter,
    RECORDED_METRIC_CATALOG.filter((metric) => metric.name.startsWith(AUDIT_PREFIX)),
  );
}
