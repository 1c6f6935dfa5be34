import {
  METRIC_CATALOG,
  type MetricDefinition,
  type MetricObservation,
  METRIC_M365_REPORT_AGE as REPORT_AGE_METRIC,
  ATTR_M365_REPORT_NAME as REPORT_NAME_ATTRIBUTE,
  type ReportSnapshot,
  reportAgeSeconds,
} from '@m365-otel/mappers';
import { type HrTime, ValueType } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  type DataPoint,
  DataPointType,
  type GaugeMetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { SCOPE } from '../version.js';

export { REPORT_AGE_METRIC };

export interface ReportMetricsInput {
  resource: Resource;
  /** The snapshots to export for one tenant (at most one per report). */
  snapshots: readonly ReportSnapshot[];
  /** Observations of sources without a report day (service health), exported the same way. */
  observations?: readonly MetricObservation[];
  enabledMetrics: ReadonlySet<string>;
  /** Collection time: every point is stamped with it (`latest` time mode). */
  nowMs: number;
  catalog?: readonly MetricDefinition[];
}

/**
 * Builds one tenant's ResourceMetrics straight from its snapshots. Deliberately not an observable instrument: the
 * SDK keeps re-sending attribute sets that are no longer observed (opentelemetry-js #4096), which would turn a cell
 * that became empty into a stale value. Here a series exists only when the current snapshot has an observation.
 */
export function buildReportMetrics(input: ReportMetricsInput): ResourceMetrics {
  const { snapshots, enabledMetrics, nowMs } = input;
  const time: HrTime = millisToHrTime(nowMs);
  const pointsByMetric = new Map<string, DataPoint<number>[]>();
  const addPoint = (metric: string, attributes: Readonly<Record<string, string>>, value: number) => {
    if (!enabledMetrics.has(metric)) return;
    const points = pointsByMetric.get(metric) ?? [];
    pointsByMetric.set(metric, points);
    points.push({ startTime: time, endTime: time, attributes: { ...attributes }, value });
  };

  for (const snapshot of snapshots) {
    for (const observation of snapshot.observations)
      addPoint(observation.metric, observation.attributes, observation.value);
    // Age is computed now, not at fetch time: re-exports between fetches must show the data getting older.
    if (snapshot.reportDate !== undefined) {
      addPoint(
        REPORT_AGE_METRIC,
        { [REPORT_NAME_ATTRIBUTE]: snapshot.report },
        reportAgeSeconds(snapshot.reportDate, nowMs),
      );
    }
  }
  for (const observation of input.observations ?? [])
    addPoint(observation.metric, observation.attributes, observation.value);

  const metrics: GaugeMetricData[] = [];
  for (const definition of input.catalog ?? METRIC_CATALOG) {
    const dataPoints = pointsByMetric.get(definition.name);
    if (!dataPoints) continue;
    metrics.push({
      descriptor: {
        name: definition.name,
        description: definition.description,
        unit: definition.unit,
        valueType: definition.valueType === 'int' ? ValueType.INT : ValueType.DOUBLE,
      },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.GAUGE,
      dataPoints,
    });
  }
  return { resource: input.resource, scopeMetrics: [{ scope: SCOPE, metrics }] };
}
