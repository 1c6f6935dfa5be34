import type { CallRecord, CallRecordSummary } from '@m365-otel/call-records';
import { callRecordEvent } from '@m365-otel/mappers';
import type { CallQualityWiring } from '../collector.js';
import { TenantCallQualityMetrics } from '../export/call-quality-metrics.js';

/**
 * Teams call quality as `run` wires it: each tenant's call records read by its Graph call-records client (the
 * tenant's connection pool and token), counted into its `m365.call.*` metrics, and, with callQuality.records, one
 * `m365.call.record` log record per call record.
 */
export const CALL_QUALITY_WIRING: CallQualityWiring<CallRecordSummary, CallRecord> = {
  tenant: (source, resource) => ({
    reader: source.callRecords,
    metrics: new TenantCallQualityMetrics(resource),
  }),
  event: callRecordEvent,
};
