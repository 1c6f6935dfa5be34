// How a Prometheus that an OpenTelemetry Collector feeds by remote write names our metrics and attributes, declared
// once for the generated docs, the shipped dashboards and alert rules, and the tests that read Prometheus.

/** The part of a catalog metric its Prometheus name depends on. */
export interface PrometheusNamedMetric {
  name: string;
  unit: string;
  instrument: 'gauge' | 'sum' | 'histogram';
}

/** The suffix a unit adds; an annotation such as `{message}` adds none. `1` adds `_ratio` to a gauge only. */
const UNIT_SUFFIXES: Readonly<Record<string, string>> = { By: 'bytes', s: 'seconds', '1': 'ratio' };

/** The series a histogram adds to its name. */
export const PROMETHEUS_HISTOGRAM_SERIES = ['bucket', 'count', 'sum'] as const;

/**
 * The name the Collector's `prometheus_remote_write` exporter (v0.161.0, its default translation strategy
 * UnderscoreEscapingWithSuffixes) gives a metric: dots become underscores, the unit adds a suffix (`By` _bytes,
 * `s` _seconds, and for a gauge `1` _ratio) unless the name already ends with it, and a monotonic sum ends in
 * `_total`. A histogram's series add `_bucket`, `_count` and `_sum` to this name.
 */
export function prometheusMetricName(metric: PrometheusNamedMetric): string {
  const base = metric.name.replaceAll('.', '_');
  const unit = metric.instrument !== 'gauge' && metric.unit === '1' ? undefined : metric.unit;
  const suffix = unit === undefined ? undefined : UNIT_SUFFIXES[unit];
  const named = suffix === undefined || base.endsWith(`_${suffix}`) ? base : `${base}_${suffix}`;
  return metric.instrument === 'sum' ? `${named}_total` : named;
}

/**
 * The label an attribute becomes: dots become underscores. A resource attribute is a label on every series only
 * where the Collector is told to keep it (`resource_constant_labels`); `service.name` arrives as `job`.
 */
export function prometheusLabelName(attribute: string): string {
  return attribute === 'service.name' ? 'job' : attribute.replaceAll('.', '_');
}

/**
 * Every Prometheus series name the metrics give (a histogram's three), mapped to its metric, to check that a
 * dashboard or rule names only metrics that exist.
 */
export function prometheusSeriesNames<M extends PrometheusNamedMetric>(
  metrics: readonly M[],
): ReadonlyMap<string, M> {
  const names = new Map<string, M>();
  for (const metric of metrics) {
    const name = prometheusMetricName(metric);
    if (metric.instrument === 'histogram')
      for (const series of PROMETHEUS_HISTOGRAM_SERIES) names.set(`${name}_${series}`, metric);
    else names.set(name, metric);
  }
  return names;
}
