import { CONTENT_TYPES } from '@m365-otel/management-api';
import {
  ATTR_M365_AUDIT_CONTENT_TYPE,
  ATTR_M365OTEL_GOVERNANCE_SIGNAL,
  ATTR_M365OTEL_SOURCE,
  METRIC_M365OTEL_SOURCE_LAST_SUCCESS,
  METRIC_M365OTEL_SOURCE_STALENESS,
  SELF_METRIC_CATALOG,
  type SelfMetricAttributes,
} from '@m365-otel/mappers';
import { millisToHrTime } from '@opentelemetry/core';
import type { DataPoint, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { gauges } from '../export/report-metrics.js';
import { GOVERNANCE_SIGNAL_ATTRIBUTE, GOVERNANCE_SIGNALS } from '../governance/signals.js';
import { SCOPE } from '../version.js';
import type { SourceFreshness } from './board.js';
import { auditSource, governanceSource, type SourceName } from './source.js';

type SourceAttributes = SelfMetricAttributes[typeof METRIC_M365OTEL_SOURCE_LAST_SUCCESS];

/** A source's gauge attributes: its kind, and the content type or governance signal that tells it from its kin. */
export function sourceAttributes(source: SourceName): SourceAttributes {
  if (source === 'reports') return { [ATTR_M365OTEL_SOURCE]: 'reports' };
  if (source === 'service-health') return { [ATTR_M365OTEL_SOURCE]: 'service_health' };
  if (source === 'call-quality') return { [ATTR_M365OTEL_SOURCE]: 'call_quality' };
  const audit = CONTENT_TYPES.find((contentType) => source === auditSource(contentType));
  if (audit !== undefined) return { [ATTR_M365OTEL_SOURCE]: 'audit', [ATTR_M365_AUDIT_CONTENT_TYPE]: audit };
  const signal = GOVERNANCE_SIGNALS.find((known) => source === governanceSource(known));
  if (signal === undefined) throw new Error(`not a source name: ${source}`);
  return {
    [ATTR_M365OTEL_SOURCE]: 'governance',
    [ATTR_M365OTEL_GOVERNANCE_SIGNAL]: GOVERNANCE_SIGNAL_ATTRIBUTE[signal],
  };
}

/**
 * One tenant's `m365otel.source.last_success` and `m365otel.source.staleness`, stamped `nowMs`, added to the
 * tenant's gauges (its ResourceMetrics as buildReportMetrics made it): built from the board at export time like
 * the report gauges, so a series exists only while the board has a value for it and the staleness grows between
 * polls. A source that never succeeded or delivered has no point.
 */
export function withSourceGauges(
  tenantMetrics: ResourceMetrics,
  sources: readonly SourceFreshness[],
  nowMs: number,
): ResourceMetrics {
  const time = millisToHrTime(nowMs);
  const lastSuccess: DataPoint<number>[] = [];
  const staleness: DataPoint<number>[] = [];
  for (const { source, lastSuccessMs, freshAsOfMs } of sources) {
    const attributes = { ...sourceAttributes(source) };
    if (lastSuccessMs !== undefined)
      lastSuccess.push({ startTime: time, endTime: time, attributes, value: lastSuccessMs / 1000 });
    if (freshAsOfMs !== undefined)
      staleness.push({
        startTime: time,
        endTime: time,
        attributes,
        value: Math.max(0, nowMs - freshAsOfMs) / 1000,
      });
  }
  const points = new Map<string, DataPoint<number>[]>();
  if (lastSuccess.length > 0) points.set(METRIC_M365OTEL_SOURCE_LAST_SUCCESS, lastSuccess);
  if (staleness.length > 0) points.set(METRIC_M365OTEL_SOURCE_STALENESS, staleness);
  if (points.size === 0) return tenantMetrics;
  const [scope, ...others] = tenantMetrics.scopeMetrics;
  const metrics = gauges(points, SELF_METRIC_CATALOG);
  return {
    resource: tenantMetrics.resource,
    scopeMetrics: scope
      ? [{ scope: scope.scope, metrics: [...scope.metrics, ...metrics] }, ...others]
      : [{ scope: SCOPE, metrics }],
  };
}
