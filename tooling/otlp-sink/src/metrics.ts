import { type Encoding, exportRequestObject } from './generated.js';
import { type CapturedRequest, jsonEncoding } from './request.js';
import { double, int64, keyValues, list, object, optionalObject, optionalString, uint64 } from './values.js';

export interface DecodedPoint {
  resource: Record<string, string>;
  metric: string;
  unit: string;
  kind: 'gauge' | 'sum' | 'histogram';
  attributes: Record<string, string>;
  /** A histogram's count of values. */
  value: number;
  /** A histogram's sum of values, bucket bounds and counts (one more count than bounds). */
  histogram?: { sum: number | undefined; explicitBounds: number[]; bucketCounts: number[] };
  timeUnixNano: string;
  startTimeUnixNano: string;
}

const DATA_FIELDS = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] as const;

/**
 * Decodes one ExportMetricsServiceRequest body into one row per data point. Throws on anything that is not valid
 * OTLP, and on metric types other than gauge, sum and histogram, which the collector does not export.
 */
export function decodeExportMetricsRequest(bytes: Uint8Array, encoding: Encoding): DecodedPoint[] {
  const points: DecodedPoint[] = [];
  const root = object(exportRequestObject('metrics', bytes, encoding), 'request');
  for (const [r, resourceMetrics] of list(root.resourceMetrics, 'resourceMetrics').entries()) {
    const rPath = `resourceMetrics[${r}]`;
    const rm = object(resourceMetrics, rPath);
    const resource = optionalObject(rm.resource, `${rPath}.resource`);
    const resourceAttributes = stringAttributes(resource.attributes, `${rPath}.resource.attributes`);
    for (const [s, scopeMetrics] of list(rm.scopeMetrics, `${rPath}.scopeMetrics`).entries()) {
      const sPath = `${rPath}.scopeMetrics[${s}]`;
      for (const [m, metricValue] of list(
        object(scopeMetrics, sPath).metrics,
        `${sPath}.metrics`,
      ).entries()) {
        const path = `${sPath}.metrics[${m}]`;
        const metric = object(metricValue, path);
        const data = DATA_FIELDS.filter((field) => metric[field] !== undefined);
        const [kind, ...others] = data;
        if (kind === undefined || others.length > 0) {
          throw new Error(
            `${path}: expected exactly one of ${DATA_FIELDS.join(', ')}, got ${data.join(', ') || 'none'}`,
          );
        }
        if (kind !== 'gauge' && kind !== 'sum' && kind !== 'histogram')
          throw new Error(`${path}: ${kind} points are not read by this sink`);
        const name = optionalString(metric.name, `${path}.name`);
        const unit = optionalString(metric.unit, `${path}.unit`);
        const dataPath = `${path}.${kind}.dataPoints`;
        for (const [p, pointValue] of list(
          object(metric[kind], `${path}.${kind}`).dataPoints,
          dataPath,
        ).entries()) {
          const pointPath = `${dataPath}[${p}]`;
          const point = object(pointValue, pointPath);
          points.push({
            resource: resourceAttributes,
            metric: name,
            unit,
            kind,
            attributes: stringAttributes(point.attributes, `${pointPath}.attributes`),
            ...(kind === 'histogram'
              ? histogramPoint(point, pointPath)
              : { value: pointNumber(point, pointPath) }),
            timeUnixNano: uint64(point.timeUnixNano, `${pointPath}.timeUnixNano`),
            startTimeUnixNano: uint64(point.startTimeUnixNano, `${pointPath}.startTimeUnixNano`),
          });
        }
      }
    }
  }
  return points;
}

/** The collector's resource and metric attributes are all strings (docs/metrics.md): anything else is refused. */
function stringAttributes(value: unknown, path: string): Record<string, string> {
  const { values, types } = keyValues(value, path);
  for (const [key, type] of Object.entries(types)) {
    if (type !== 'string') throw new Error(`${path}: attribute ${key} is ${type}, expected a string`);
  }
  return values as Record<string, string>;
}

/** NumberDataPoint's value oneof: asInt or asDouble, exactly one. */
function pointNumber(point: Record<string, unknown>, path: string): number {
  if (point.asInt !== undefined && point.asDouble !== undefined)
    throw new Error(`${path}: more than one value of a oneof: asInt, asDouble`);
  if (point.asInt !== undefined) return Number(int64(point.asInt, `${path}.asInt`));
  if (point.asDouble !== undefined) return double(point.asDouble, `${path}.asDouble`);
  throw new Error(`${path}: a data point without a value`);
}

/** HistogramDataPoint: the count as the value, with the sum and the explicit buckets. */
function histogramPoint(
  point: Record<string, unknown>,
  path: string,
): Pick<DecodedPoint, 'value' | 'histogram'> {
  const bounds = list(point.explicitBounds, `${path}.explicitBounds`).map((bound, index) =>
    double(bound, `${path}.explicitBounds[${index}]`),
  );
  const counts = list(point.bucketCounts, `${path}.bucketCounts`).map((count, index) =>
    Number(uint64(count, `${path}.bucketCounts[${index}]`)),
  );
  if (counts.length > 0 && counts.length !== bounds.length + 1)
    throw new Error(`${path}: ${counts.length} bucket counts for ${bounds.length} bounds`);
  return {
    value: Number(uint64(point.count, `${path}.count`)),
    histogram: {
      sum: point.sum === undefined ? undefined : double(point.sum, `${path}.sum`),
      explicitBounds: bounds,
      bucketCounts: counts,
    },
  };
}

/** Strictly decodes the OTLP/JSON metric export requests (POSTed to /v1/metrics) among `requests`. */
export function decodeJsonExports(requests: readonly CapturedRequest[]): DecodedPoint[] {
  return requests
    .filter((request) => request.path === '/v1/metrics')
    .flatMap((request) => decodeExportMetricsRequest(request.body, jsonEncoding(request)));
}
