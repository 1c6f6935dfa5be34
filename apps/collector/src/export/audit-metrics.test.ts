import type { AuditEvent } from '@m365-otel/mappers';
import { DataPointType, type HistogramMetricData, type SumMetricData } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { AuditMetrics } from './audit-metrics.js';
import { serviceResource, tenantResource } from './resource.js';
import { SelfMetrics } from './self-metrics.js';

const TENANT = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const base = serviceResource({}).resource;
if (!base) throw new Error('no base resource');

const event = (
  timestampMs: number | undefined,
  workload: 'Exchange' | 'AzureActiveDirectory',
): AuditEvent => ({
  eventName: 'm365.audit.record',
  timestampMs,
  severity: 'INFO',
  attributes: {},
  body: {},
  recordsMetric: {
    'm365.audit.content_type': 'Audit.Exchange',
    'm365.audit.workload': workload,
    'm365.audit.result': 'success',
  },
});

describe('AuditMetrics', () => {
  it('counts records on the tenant resource, with the event lag, and the streams’ counters as self-metrics', async () => {
    const self = new SelfMetrics(base);
    const metrics = new AuditMetrics(tenantResource(base, TENANT), self);
    const created = Date.parse('2026-11-30T12:00:00Z');
    metrics.delivered(
      'Audit.Exchange',
      [
        event(created - 120_000, 'Exchange'),
        event(undefined, 'Exchange'),
        event(created - 10_000, 'AzureActiveDirectory'),
      ],
      [created, created, created],
    );
    metrics.listingLag('Audit.Exchange', 42);
    metrics.duplicates('Audit.Exchange', 3);
    metrics.blobSkipped('Audit.Exchange', 'expired');
    metrics.retentionLost('Audit.Exchange', 3600);

    const tenant = await metrics.collect();
    expect(tenant.resource.attributes['m365.tenant.id']).toBe(TENANT);
    const byName = new Map(
      tenant.scopeMetrics.flatMap((scope) => scope.metrics).map((m) => [m.descriptor.name, m]),
    );
    const records = byName.get('m365.audit.records') as SumMetricData;
    expect(records.dataPoints.map((point) => [point.attributes['m365.audit.workload'], point.value])).toEqual(
      [
        ['Exchange', 2],
        ['AzureActiveDirectory', 1],
      ],
    );
    const lag = byName.get('m365.audit.event.lag') as HistogramMetricData;
    expect(lag.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(lag.dataPoints[0]?.value.count).toBe(2);
    expect(lag.dataPoints[0]?.value.sum).toBe(130);
    expect(byName.get('m365.audit.listing.lag')?.dataPoints[0]?.value).toBe(42);

    const own = await self.collect();
    const selfNames = own.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .map((m) => [m.descriptor.name, m.dataPoints[0]?.value]);
    expect(selfNames).toEqual(
      expect.arrayContaining([
        ['m365otel.audit.duplicates', 3],
        ['m365otel.audit.blobs_skipped', 1],
        ['m365otel.audit.retention_lost', 3600],
      ]),
    );
    await Promise.all([metrics.shutdown(), self.shutdown()]);
  });
});
