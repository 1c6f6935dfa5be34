// PromQL for the dashboards, built from the signal catalog: a metric is named by its OpenTelemetry name and stored
// under the name prometheusMetricName gives it, a label is one of the metric's catalog attributes, so a renamed or
// removed metric or attribute fails the generator instead of leaving a panel that silently shows nothing.
import {
  ATTR_M365_TENANT_ID,
  METRIC_CATALOG,
  METRIC_M365OTEL_SOURCE_LAST_SUCCESS,
  METRIC_M365OTEL_SOURCE_STALENESS,
  type MetricDefinition,
  type PROMETHEUS_HISTOGRAM_SERIES,
  prometheusLabelName,
  prometheusMetricName,
  RECORDED_METRIC_CATALOG,
  SELF_METRIC_CATALOG,
} from '@m365-otel/mappers';

/** The dashboards' tenant variable, a multi-value one (Grafana writes a regex of the chosen tenants). */
export const TENANT_VARIABLE = 'tenant';
/** The label the Collector's `resource_constant_labels` makes of the tenant's resource attribute. */
export const TENANT_LABEL = prometheusLabelName(ATTR_M365_TENANT_ID);
/** What a rate or increase looks back over: Grafana's interval that always holds at least two scrapes. */
export const RATE_INTERVAL = '$__rate_interval';
/** The dashboard's time range, for totals over it. */
export const RANGE = '$__range';

/**
 * The self-metrics that describe one tenant's sources and so carry its Resource (docs/metrics.md, Self-metrics);
 * the other self-metrics carry the collector's own Resource, without a tenant.
 */
const TENANT_SELF_METRICS: ReadonlySet<string> = new Set([
  METRIC_M365OTEL_SOURCE_LAST_SUCCESS,
  METRIC_M365OTEL_SOURCE_STALENESS,
]);

const DEFINITIONS: ReadonlyMap<string, { definition: MetricDefinition; perTenant: boolean }> = new Map([
  ...[...METRIC_CATALOG, ...RECORDED_METRIC_CATALOG].map(
    (definition) => [definition.name, { definition, perTenant: true }] as const,
  ),
  ...SELF_METRIC_CATALOG.map(
    (definition) =>
      [definition.name, { definition, perTenant: TENANT_SELF_METRICS.has(definition.name) }] as const,
  ),
]);

function entry(metric: string): { definition: MetricDefinition; perTenant: boolean } {
  const found = DEFINITIONS.get(metric);
  if (found === undefined) throw new Error(`${metric} is not a metric of the catalog`);
  return found;
}

/** Whether the metric's series carry the tenant label (every metric of a tenant's Resource). */
export function perTenant(metric: string): boolean {
  return entry(metric).perTenant;
}

export type HistogramPart = (typeof PROMETHEUS_HISTOGRAM_SERIES)[number];

/** The Prometheus name of a catalog metric, or of one series of a histogram. */
export function seriesName(metric: string, part?: HistogramPart): string {
  const { definition } = entry(metric);
  const name = prometheusMetricName(definition);
  if (definition.instrument === 'histogram') {
    if (part === undefined) throw new Error(`${metric} is a histogram: name its bucket, count or sum series`);
    return `${name}_${part}`;
  }
  if (part !== undefined) throw new Error(`${metric} is not a histogram: it has no ${part} series`);
  return name;
}

/** The label of one of the metric's attributes (the tenant's for a metric on a tenant's Resource). */
export function label(metric: string, attribute: string): string {
  const { definition, perTenant } = entry(metric);
  const known =
    definition.attributes.some((use) => use.attribute.name === attribute) ||
    (perTenant && attribute === ATTR_M365_TENANT_ID);
  if (!known) throw new Error(`${attribute} is not an attribute of ${metric}`);
  return prometheusLabelName(attribute);
}

/** The metric's catalog attributes, the tenant's first where its series carry one (what tells its series apart). */
export function attributesOf(metric: string): string[] {
  const { definition, perTenant } = entry(metric);
  return [
    ...(perTenant ? [ATTR_M365_TENANT_ID] : []),
    ...definition.attributes.map((use) => use.attribute.name),
  ];
}

/** The labels of attributes of the metric, comma-separated (for `by`, `on`, `without`). */
export function labels(metric: string, attributes: readonly string[]): string {
  return attributes.map((attribute) => label(metric, attribute)).join(', ');
}

/** `by (a, b)` over attributes of the metric; `le` joins a histogram's bucket series where `buckets` asks. */
export function by(metric: string, attributes: readonly string[], buckets = false): string {
  const labels = attributes.map((attribute) => label(metric, attribute));
  if (buckets) {
    if (entry(metric).definition.instrument !== 'histogram') throw new Error(`${metric} has no buckets`);
    labels.push('le');
  }
  return `by (${labels.join(', ')})`;
}

/** A legend of attribute values: `{{m365_service_name}}`. */
export function legend(metric: string, ...attributes: string[]): string {
  return attributes.map((attribute) => `{{${label(metric, attribute)}}}`).join(' ');
}

type MatchValue = string | { not: string } | { regex: string } | { notRegex: string };

export interface SelectOptions {
  part?: HistogramPart;
  /** Matchers on the metric's attributes, by OpenTelemetry name. */
  where?: Readonly<Record<string, MatchValue>>;
}

function matcher(name: string, value: MatchValue): string {
  if (typeof value === 'string') return `${name}=${JSON.stringify(value)}`;
  if ('not' in value) return `${name}!=${JSON.stringify(value.not)}`;
  if ('regex' in value) return `${name}=~${JSON.stringify(value.regex)}`;
  return `${name}!~${JSON.stringify(value.notRegex)}`;
}

/**
 * A selector of the metric, narrowed to the chosen tenants when its series carry the tenant: the tenant variable
 * is matched as a regex, which is how Grafana writes a multi-value variable (and `.*` for All).
 */
export function select(metric: string, options: SelectOptions = {}): string {
  const matchers = Object.entries(options.where ?? {}).map(([attribute, value]) =>
    matcher(label(metric, attribute), value),
  );
  if (perTenant(metric)) matchers.unshift(`${TENANT_LABEL}=~"$${TENANT_VARIABLE}"`);
  const name = seriesName(metric, options.part);
  return matchers.length === 0 ? name : `${name}{${matchers.join(', ')}}`;
}

/** `sum by (...) (selector)` of a gauge (`sum(selector)` without attributes), over the chosen tenants. */
export function sumBy(metric: string, attributes: readonly string[], options: SelectOptions = {}): string {
  return `sum${grouping(metric, attributes)} (${select(metric, options)})`;
}

/** ` by (a, b)`, or nothing without attributes (a sum over everything). */
function grouping(metric: string, attributes: readonly string[]): string {
  return attributes.length === 0 ? '' : ` ${by(metric, attributes)}`;
}

/** `sum by (...) (rate(selector[$__rate_interval]))`: a counter's rate per second by the attributes. */
export function rateBy(metric: string, attributes: readonly string[], options: SelectOptions = {}): string {
  return `sum${grouping(metric, attributes)} (rate(${select(metric, options)}[${RATE_INTERVAL}]))`;
}

/** `sum by (...) (increase(selector[$__range]))`: what a counter counted over the dashboard's time range. */
export function increaseBy(
  metric: string,
  attributes: readonly string[],
  options: SelectOptions = {},
): string {
  return `sum${grouping(metric, attributes)} (increase(${select(metric, options)}[${RANGE}]))`;
}

/**
 * A query of `aggregate` (sumBy, rateBy, increaseBy) by the attributes, its legend their values, after
 * `legendPrefix` where the panel has other queries to tell it from.
 */
export function grouped(
  aggregate: (metric: string, attributes: readonly string[], options?: SelectOptions) => string,
  metric: string,
  attributes: readonly string[],
  options: SelectOptions & { legendPrefix?: string } = {},
): { expr: string; legend: string } {
  const { legendPrefix, ...select } = options;
  const values = legend(metric, ...attributes);
  return {
    expr: aggregate(metric, attributes, select),
    legend: legendPrefix === undefined ? values : `${legendPrefix} ${values}`,
  };
}

/** A quantile of a histogram's rate, by the attributes. */
export function quantileBy(
  quantile: number,
  metric: string,
  attributes: readonly string[],
  options: Omit<SelectOptions, 'part'> = {},
): string {
  const buckets = select(metric, { ...options, part: 'bucket' });
  return `histogram_quantile(${quantile}, sum ${by(metric, attributes, true)} (rate(${buckets}[${RATE_INTERVAL}])))`;
}
