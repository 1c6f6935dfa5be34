import { resourceFromAttributes } from '@opentelemetry/resources';
import { DataPointType, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { SCOPE } from '../version.js';
import { SourceStatusBoard } from './board.js';
import { sourceAttributes, withSourceGauges } from './source-metrics.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const T0 = Date.parse('2026-11-30T12:00:00Z');
const resource = resourceFromAttributes({ 'm365.tenant.id': TENANT });
const tenantGauges = (): ResourceMetrics => ({ resource, scopeMetrics: [{ scope: SCOPE, metrics: [] }] });

describe('sourceAttributes', () => {
  it.each([
    ['reports', { 'm365otel.source': 'reports' }],
    ['service-health', { 'm365otel.source': 'service_health' }],
    ['call-quality', { 'm365otel.source': 'call_quality' }],
    ['audit DLP.All', { 'm365otel.source': 'audit', 'm365.audit.content_type': 'DLP.All' }],
    [
      'governance appCredentials',
      { 'm365otel.source': 'governance', 'm365otel.governance.signal': 'app_credentials' },
    ],
  ] as const)('%s', (source, attributes) => {
    expect(sourceAttributes(source)).toEqual(attributes);
  });
});

describe('withSourceGauges', () => {
  it('adds nothing while no source succeeded or delivered', () => {
    const board = new SourceStatusBoard([TENANT], () => T0);
    board.expect(TENANT, 'reports');
    board.record(TENANT, 'service-health', { kind: 'failed', error: new Error('down') });
    const gauges = tenantGauges();
    expect(withSourceGauges(gauges, board.freshness(TENANT), T0)).toBe(gauges);
  });

  it('tells each source’s last success and staleness at the export’s time, on the tenant’s Resource', () => {
    let nowMs = T0;
    const board = new SourceStatusBoard([TENANT], () => nowMs);
    const reportDay = Date.parse('2026-11-28T00:00:00Z');
    board.record(TENANT, 'reports', { kind: 'succeeded', freshAsOfMs: reportDay });
    board.record(TENANT, 'audit Audit.General', { kind: 'succeeded', freshAsOfMs: T0 - 30_000 });
    // A degraded signal delivered nothing dated: no point for it.
    board.record(TENANT, 'governance licences', { kind: 'partial', error: new Error('403') });
    nowMs = T0 + 90_000;
    board.record(TENANT, 'service-health', { kind: 'succeeded' });
    const exportMs = T0 + 120_000;

    const built = withSourceGauges(tenantGauges(), board.freshness(TENANT), exportMs);
    expect(built.resource).toBe(resource);
    const metrics = built.scopeMetrics[0]?.metrics ?? [];
    expect(
      metrics.map((metric) => [metric.descriptor.name, metric.descriptor.unit, metric.dataPointType]),
    ).toEqual([
      ['m365otel.source.last_success', 's', DataPointType.GAUGE],
      ['m365otel.source.staleness', 's', DataPointType.GAUGE],
    ]);
    const values = (index: number) =>
      metrics[index]?.dataPoints.map((point) => [point.attributes['m365otel.source'], point.value]);
    expect(values(0)).toEqual([
      ['reports', T0 / 1000],
      ['audit', T0 / 1000],
      ['service_health', (T0 + 90_000) / 1000],
    ]);
    expect(values(1)).toEqual([
      ['reports', (exportMs - reportDay) / 1000],
      ['audit', 150],
      ['service_health', 30],
    ]);
    expect(metrics[1]?.dataPoints[1]?.attributes).toEqual({
      'm365otel.source': 'audit',
      'm365.audit.content_type': 'Audit.General',
    });
  });
});
