import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** What each record adds beyond its body and attributes (times, severity, ids): a rough share of the request. */
const RECORD_OVERHEAD_BYTES = 64;

/**
 * A log batch's size for the export buffer's budget: the JSON of each record's body and attributes, the bulk of an
 * OTLP request (the Resource is sent once per request and is left out).
 */
export function logBatchBytes(records: readonly ReadableLogRecord[]): number {
  let bytes = 0;
  for (const record of records)
    bytes +=
      RECORD_OVERHEAD_BYTES +
      (record.eventName ?? '').length +
      (JSON.stringify(record.body) ?? '').length +
      JSON.stringify(record.attributes).length;
  return bytes;
}

/** A metrics batch's size for the export buffer's budget: the JSON of its scopes' metrics (the Resource left out). */
export function metricBatchBytes(batch: ResourceMetrics): number {
  return JSON.stringify(batch.scopeMetrics).length;
}

/** The data points of a metrics batch, as m365otel.export.dropped counts them. */
export function dataPointsOf(batch: ResourceMetrics): number {
  let points = 0;
  for (const scope of batch.scopeMetrics)
    for (const metric of scope.metrics) points += metric.dataPoints.length;
  return points;
}
