import { METRIC_CATALOG, type ReportSnapshot, reportAgeSeconds } from '@m365-otel/mappers';
import { ValueType } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { DataPointType, type GaugeMetricData } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { buildDayPointMetrics, buildReportMetrics, REPORT_AGE_METRIC } from './report-metrics.js';
import { serviceResource, tenantResource } from './resource.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const TENANT = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const base = serviceResource({}).resource;
if (!base) throw new Error('no base resource');
const resource = tenantResource(base, TENANT);

const emailCounts: ReportSnapshot = {
  report: 'getEmailActivityCounts',
  reportDate: '2026-03-08',
  // The Read cell was empty: the mapper produced no observation for it, so there must be no point.
  observations: [
    { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'sent' }, value: 120 },
    { metric: 'm365.email.messages', attributes: { 'm365.email.action': 'received' }, value: 480 },
    { metric: 'm365.email.meetings', attributes: { 'm365.email.meeting.action': 'created' }, value: 7 },
  ],
  refreshDate: '2026-03-08',
  days: [],
  concealedNames: undefined,
  rejectedRows: 0,
  problems: [],
};
const storage: ReportSnapshot = {
  report: 'getMailboxUsageStorage',
  reportDate: '2026-03-08',
  observations: [{ metric: 'm365.mailbox.storage.usage', attributes: {}, value: 5_000_000_000 }],
  refreshDate: '2026-03-08',
  days: [],
  concealedNames: undefined,
  rejectedRows: 0,
  problems: [],
};
const allMetrics = new Set(METRIC_CATALOG.map((metric) => metric.name));

function metricsOf(snapshots: ReportSnapshot[], enabled: ReadonlySet<string> = allMetrics) {
  const result = buildReportMetrics({ resource, snapshots, enabledMetrics: enabled, nowMs: NOW });
  expect(result.scopeMetrics).toHaveLength(1);
  return { result, metrics: (result.scopeMetrics[0]?.metrics ?? []) as GaugeMetricData[] };
}

describe('snapshot -> ResourceMetrics', () => {
  it('carries the tenant resource and the collector scope', () => {
    const { result } = metricsOf([emailCounts]);
    expect(result.resource.attributes['m365.tenant.id']).toBe(TENANT);
    expect(result.resource.attributes['service.name']).toBe('m365-otel');
    expect(result.scopeMetrics[0]?.scope).toEqual({ name: '@m365-otel/collector', version: '0.1.0' });
  });

  it('makes one gauge per metric with catalog descriptors and only the observed series', () => {
    const { metrics } = metricsOf([emailCounts]);
    const messages = metrics.find((metric) => metric.descriptor.name === 'm365.email.messages');
    const definition = METRIC_CATALOG.find((metric) => metric.name === 'm365.email.messages');
    expect(messages?.dataPointType).toBe(DataPointType.GAUGE);
    expect(messages?.descriptor).toEqual({
      name: 'm365.email.messages',
      description: definition?.description,
      unit: '{message}',
      valueType: ValueType.INT,
    });
    // sent and received only: the empty Read cell has no point (never a 0, never a stale value).
    expect(messages?.dataPoints.map((point) => [point.attributes, point.value])).toEqual([
      [{ 'm365.email.action': 'sent' }, 120],
      [{ 'm365.email.action': 'received' }, 480],
    ]);
  });

  it('leaves out metrics without observations', () => {
    const { metrics } = metricsOf([emailCounts]);
    expect(metrics.map((metric) => metric.descriptor.name)).toEqual([
      'm365.email.messages',
      'm365.email.meetings',
      REPORT_AGE_METRIC,
    ]);
  });

  it('stamps every point at collection time with startTime <= endTime', () => {
    const { metrics } = metricsOf([emailCounts, storage]);
    for (const point of metrics.flatMap((metric) => metric.dataPoints)) {
      expect(hrTimeToMilliseconds(point.endTime)).toBe(NOW);
      expect(hrTimeToMilliseconds(point.startTime)).toBeLessThanOrEqual(hrTimeToMilliseconds(point.endTime));
    }
  });

  it('computes m365.report.age per report at collection time, as a double in seconds', () => {
    const { metrics } = metricsOf([emailCounts, storage]);
    const age = metrics.find((metric) => metric.descriptor.name === REPORT_AGE_METRIC);
    expect(age?.descriptor).toMatchObject({ unit: 's', valueType: ValueType.DOUBLE });
    expect(age?.dataPoints.map((point) => [point.attributes, point.value])).toEqual([
      [{ 'm365.report.name': 'getEmailActivityCounts' }, reportAgeSeconds('2026-03-08', NOW)],
      [{ 'm365.report.name': 'getMailboxUsageStorage' }, reportAgeSeconds('2026-03-08', NOW)],
    ]);
    expect(age?.dataPoints[0]?.value).toBe(2.5 * 86_400);
  });

  it('has no age point for a report without a report day', () => {
    const { metrics } = metricsOf([{ ...storage, reportDate: undefined, observations: [] }]);
    expect(metrics).toEqual([]);
  });

  it('exports only enabled metrics', () => {
    const { metrics } = metricsOf([emailCounts, storage], new Set(['m365.mailbox.storage.usage']));
    expect(metrics.map((metric) => metric.descriptor.name)).toEqual(['m365.mailbox.storage.usage']);
  });
});

describe('report-date mode', () => {
  it('stamps each day point at 00:00 UTC of its report day, with start time = time', () => {
    const result = buildDayPointMetrics({
      resource,
      points: [
        { metric: 'm365.mailbox.storage.usage', attributes: {}, value: 1, day: '2026-03-07' },
        { metric: 'm365.mailbox.storage.usage', attributes: {}, value: 2, day: '2026-03-08' },
        {
          metric: 'm365.email.messages',
          attributes: { 'm365.email.action': 'sent' },
          value: 3,
          day: '2026-03-08',
        },
      ],
      enabledMetrics: new Set(['m365.mailbox.storage.usage']),
    });
    const metrics = (result.scopeMetrics[0]?.metrics ?? []) as GaugeMetricData[];
    expect(metrics.map((metric) => metric.descriptor.name)).toEqual(['m365.mailbox.storage.usage']);
    expect(
      metrics[0]?.dataPoints.map((point) => [
        hrTimeToMilliseconds(point.startTime),
        hrTimeToMilliseconds(point.endTime),
        point.value,
      ]),
    ).toEqual([
      [Date.parse('2026-03-07T00:00:00Z'), Date.parse('2026-03-07T00:00:00Z'), 1],
      [Date.parse('2026-03-08T00:00:00Z'), Date.parse('2026-03-08T00:00:00Z'), 2],
    ]);
  });

  it('leaves the report observations to the day points and keeps each report age stamped now', () => {
    const result = buildReportMetrics({
      resource,
      snapshots: [emailCounts],
      enabledMetrics: allMetrics,
      nowMs: NOW,
      time: 'report-date',
    });
    const metrics = (result.scopeMetrics[0]?.metrics ?? []) as GaugeMetricData[];
    expect(metrics.map((metric) => metric.descriptor.name)).toEqual([REPORT_AGE_METRIC]);
  });
});
