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
import type { ReportTimeMode } from '../config/choices.js';
import { dayStartMs } from '../reports/days.js';
import type { DayPoint } from '../reports/high-water.js';
import { SCOPE } from '../version.js';

export { REPORT_AGE_METRIC };

export interface ReportMetricsInput {
  resource: Resource;
  /** The snapshots to export for one tenant (at most one per report). */
  snapshots: readonly ReportSnapshot[];
  /** Observations of sources without a report day (service health), exported the same way. */
  observations?: readonly MetricObservation[];
  enabledMetrics: ReadonlySet<string>;
  /** Collection time: every point is stamped with it. */
  nowMs: number;
  /**
   * `report-date`: the snapshots' observations went out stamped with their report days (buildDayPointMetrics), so
   * only what describes the present is built here (each report's age). Default `latest`.
   */
  time?: ReportTimeMode;
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
    if (input.time !== 'report-date')
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

  return {
    resource: input.resource,
    scopeMetrics: [{ scope: SCOPE, metrics: gauges(pointsByMetric, input.catalog) }],
  };
}

export interface DayPointMetricsInput {
  resource: Resource;
  /** Points of report days (report-date mode), each stamped at 00:00 UTC of its day. */
  points: readonly DayPoint[];
  enabledMetrics: ReadonlySet<string>;
  catalog?: readonly MetricDefinition[];
}

/**
 * One tenant's report-date points as ResourceMetrics: a gauge point per (series, day), its time and start time
 * both 00:00 UTC of the report day (a gauge describes an instant; start <= time holds).
 */
export function buildDayPointMetrics(input: DayPointMetricsInput): ResourceMetrics {
  const pointsByMetric = new Map<string, DataPoint<number>[]>();
  for (const point of input.points) {
    if (!input.enabledMetrics.has(point.metric)) continue;
    const time = millisToHrTime(dayStartMs(point.day));
    const points = pointsByMetric.get(point.metric) ?? [];
    pointsByMetric.set(point.metric, points);
    points.push({ startTime: time, endTime: time, attributes: { ...point.attributes }, value: point.value });
  }
  return {
    resource: input.resource,
    scopeMetrics: [{ scope: SCOPE, metrics: gauges(pointsByMetric, input.catalog) }],
  };
}

/** A gauge per catalog metric that has points, in catalog order, with the catalog's descriptor. */
export function gauges(
  pointsByMetric: ReadonlyMap<string, DataPoint<number>[]>,
  catalog: readonly MetricDefinition[] = METRIC_CATALOG,
): GaugeMetricData[] {
  const metrics: GaugeMetricData[] = [];
  for (const definition of catalog) {
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
  return metrics;
}
