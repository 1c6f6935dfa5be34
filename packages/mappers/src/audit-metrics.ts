import type { Meter } from '@opentelemetry/api';
import { createRecordedMetricRecorder, type RecordedMetricRecorder } from './recorded-metrics.js';

/** Records into one of the audit log's tenant metrics (`m365.audit.*`), type-checked against the catalog. */
export type AuditMetricRecorder = RecordedMetricRecorder<'m365.audit.'>;

/** Creates the audit log's recorded tenant metrics on the meter of the tenant's Resource. */
export function createAuditMetricRecorder(meter: Meter): AuditMetricRecorder {
  return createRecordedMetricRecorder(meter, 'm365.audit.');
}
