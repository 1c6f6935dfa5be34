import { DataPointType } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { instrumentsCreatedBy, sdkMeter, shutDownSdkMeters } from './__fixtures__/sdk-meter.js';
import { type AuditMetricRecorder, createAuditMetricRecorder } from './audit-metrics.js';
import {
  ATTR_M365_AUDIT_CONTENT_TYPE,
  ATTR_M365_AUDIT_RESULT,
  ATTR_M365_AUDIT_WORKLOAD,
  ATTR_M365_CALL_TYPE,
  ATTR_M365_REPORT_NAME,
  ATTR_M365OTEL_AUDIT_SKIP_REASON,
  ATTR_M365OTEL_OUTCOME,
  METRIC_M365_AUDIT_EVENT_LAG,
  METRIC_M365_AUDIT_LISTING_LAG,
  METRIC_M365_AUDIT_RECORDS,
  METRIC_M365_CALL_RECORDS,
  METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED,
  METRIC_M365OTEL_AUDIT_RETENTION_LOST,
  METRIC_M365OTEL_REPORT_FETCHES,
  RECORDED_METRIC_CATALOG,
} from './generated/catalog.js';
import { createSelfMetricRecorder, type SelfMetricRecorder } from './self-metrics.js';

afterEach(shutDownSdkMeters);

describe('createAuditMetricRecorder', () => {
  it('adds to the records counter, sets the listing lag gauge and records the event lag in the declared buckets', async () => {
    const { meter, collected } = sdkMeter();
    const record = createAuditMetricRecorder(meter);
    const exchange = { [ATTR_M365_AUDIT_CONTENT_TYPE]: 'Audit.Exchange' } as const;
    const succeeded = {
      ...exchange,
      [ATTR_M365_AUDIT_WORKLOAD]: 'Exchange',
      [ATTR_M365_AUDIT_RESULT]: 'success',
    } as const;
    record(METRIC_M365_AUDIT_RECORDS, 2, succeeded);
    record(METRIC_M365_AUDIT_RECORDS, 3, succeeded);
    record(METRIC_M365_AUDIT_LISTING_LAG, 900, exchange);
    record(METRIC_M365_AUDIT_LISTING_LAG, 120.5, exchange);
    record(METRIC_M365_AUDIT_EVENT_LAG, 30, exchange);
    record(METRIC_M365_AUDIT_EVENT_LAG, 4000, exchange);

    const metrics = await collected();
    const records = metrics.get(METRIC_M365_AUDIT_RECORDS);
    expect(records?.dataPointType).toBe(DataPointType.SUM);
    expect(records?.descriptor.unit).toBe('{record}');
    expect(records?.dataPoints).toEqual([expect.objectContaining({ attributes: succeeded, value: 5 })]);

    const listingLag = metrics.get(METRIC_M365_AUDIT_LISTING_LAG);
    expect(listingLag?.dataPointType).toBe(DataPointType.GAUGE);
    expect(listingLag?.dataPoints).toEqual([expect.objectContaining({ attributes: exchange, value: 120.5 })]);

    const eventLag = metrics.get(METRIC_M365_AUDIT_EVENT_LAG);
    const declared = RECORDED_METRIC_CATALOG.find((metric) => metric.name === METRIC_M365_AUDIT_EVENT_LAG);
    expect(eventLag?.dataPointType).toBe(DataPointType.HISTOGRAM);
    const [point] = eventLag?.dataPoints ?? [];
    expect(point?.value).toMatchObject({
      count: 2,
      sum: 4030,
      buckets: { boundaries: declared?.bucketBoundaries, counts: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0] },
    });
  });

  it("creates the audit log's metrics only", () => {
    const { meter } = sdkMeter();
    expect(instrumentsCreatedBy(meter, () => createAuditMetricRecorder(meter))).toEqual(
      RECORDED_METRIC_CATALOG.map((metric) => metric.name)
        .filter((name) => name.startsWith('m365.audit.'))
        .sort(),
    );
  });
});

describe('createSelfMetricRecorder', () => {
  it('keeps the existing counters as they were, and adds to the audit counters', async () => {
    const { meter, collected } = sdkMeter();
    const record = createSelfMetricRecorder(meter);
    record(METRIC_M365OTEL_REPORT_FETCHES, 1, {
      [ATTR_M365_REPORT_NAME]: 'getEmailActivityCounts',
      [ATTR_M365OTEL_OUTCOME]: 'success',
    });
    const expired = {
      [ATTR_M365_AUDIT_CONTENT_TYPE]: 'DLP.All',
      [ATTR_M365OTEL_AUDIT_SKIP_REASON]: 'expired',
    } as const;
    record(METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED, 1, expired);
    record(METRIC_M365OTEL_AUDIT_RETENTION_LOST, 1800.5, { [ATTR_M365_AUDIT_CONTENT_TYPE]: 'DLP.All' });

    const metrics = await collected();
    const fetches = metrics.get(METRIC_M365OTEL_REPORT_FETCHES);
    expect(fetches?.dataPointType).toBe(DataPointType.SUM);
    expect(fetches?.descriptor).toMatchObject({ unit: '{fetch}', valueType: 1 });
    expect(metrics.get(METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED)?.dataPoints).toEqual([
      expect.objectContaining({ attributes: expired, value: 1 }),
    ]);
    expect(metrics.get(METRIC_M365OTEL_AUDIT_RETENTION_LOST)?.dataPoints).toEqual([
      expect.objectContaining({ value: 1800.5 }),
    ]);
  });
});

/**
 * Never called: typecheck (`pnpm lint`) fails when one of these lines compiles, since an unused @ts-expect-error is
 * an error.
 */
export function wrongAuditMetricsDoNotCompile(record: AuditMetricRecorder, self: SelfMetricRecorder): void {
  // @ts-expect-error: a self-metric is not recorded on the tenant's Resource
  record(METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED, 1, { [ATTR_M365_AUDIT_CONTENT_TYPE]: 'Audit.Exchange' });
  // @ts-expect-error: no such metric in the catalog
  record('m365.audit.record_count', 1, { [ATTR_M365_AUDIT_CONTENT_TYPE]: 'Audit.Exchange' });
  // @ts-expect-error: the call-quality metrics are the call-quality recorder's
  record(METRIC_M365_CALL_RECORDS, 1, { [ATTR_M365_CALL_TYPE]: 'groupCall' });
  record(METRIC_M365_AUDIT_LISTING_LAG, 1, {
    [ATTR_M365_AUDIT_CONTENT_TYPE]: 'Audit.Exchange',
    // @ts-expect-error: the listing lag has no result
    [ATTR_M365_AUDIT_RESULT]: 'success',
  });
  record(METRIC_M365_AUDIT_RECORDS, 1, {
    [ATTR_M365_AUDIT_CONTENT_TYPE]: 'Audit.Exchange',
    // @ts-expect-error: the result is a closed enum
    [ATTR_M365_AUDIT_RESULT]: 'Succeeded',
  });
  // @ts-expect-error: the records counter needs its result
  record(METRIC_M365_AUDIT_RECORDS, 1, { [ATTR_M365_AUDIT_CONTENT_TYPE]: 'Audit.Exchange' });
  self(METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED, 1, {
    [ATTR_M365_AUDIT_CONTENT_TYPE]: 'Audit.Exchange',
    // @ts-expect-error: gone is not a reason a blob is skipped
    [ATTR_M365OTEL_AUDIT_SKIP_REASON]: 'gone',
  });
}
