// What a PromQL expression of deploy/ (a dashboard's query, an alert rule) names, checked against the signal catalog
// without a PromQL parser: series, the labels of their matchers and of grouping, and the values of closed enums. The
// dashboards' own tests and the end-to-end tests of the dashboards and the alert rules use it.
import {
  type AttributeUse,
  METRIC_CATALOG,
  type MetricDefinition,
  prometheusLabelName,
  prometheusSeriesNames,
  RECORDED_METRIC_CATALOG,
  RESOURCE_ATTRIBUTES,
  SELF_METRIC_CATALOG,
} from '@m365-otel/mappers';

/** A label matcher of a selector: `name op "value"`. */
export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** What one PromQL expression names: series with their matchers, and the labels it groups or matches on. */
export interface PromQlReferences {
  selectors: Array<{ series: string; matchers: LabelMatcher[] }>;
  groupingLabels: string[];
}

/** PromQL words that are not metric names where they stand outside a function call. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;
const SELECTOR = /([a-zA-Z_:][a-zA-Z0-9_:]*)?\{([^}]*)\}/g;
const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * The series and labels a PromQL expression names, read from its text (a dashboard query as the builders write it,
 * or Prometheus' own printing of a rule's query in /api/v1/rules: no comments, regular spacing). A selector without a
 * metric name (only `{__name__=...}`) is not supported: neither needs one, and reading it as no reference would hide
 * a name.
 */
export function promQlReferences(expression: string): PromQlReferences {
  const groupingLabels: string[] = [];
  let rest = expression.replace(GROUPING, (_, labels: string) => {
    groupingLabels.push(
      ...labels
        .split(',')
        .map((label) => label.trim())
        .filter((label) => label !== ''),
    );
    return ' ';
  });
  const selectors: PromQlReferences['selectors'] = [];
  rest = rest.replace(SELECTOR, (_, series: string | undefined, body: string) => {
    if (series === undefined) throw new Error(`a selector without a metric name in ${expression}`);
    const matchers = [...body.matchAll(MATCHER)].map(([, label = '', op = '=', value = '']) => ({
      label,
      op: op as LabelMatcher['op'],
      value,
    }));
    selectors.push({ series, matchers });
    return ' ';
  });
  // What is left: bare metric names, function names (followed by a parenthesis), keywords, numbers, durations.
  rest = rest.replace(/\[[^\]]*\]/g, ' ').replace(/"(?:[^"\\]|\\.)*"/g, ' ');
  for (const match of rest.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name = '', call] = match;
    const before = rest[(match.index ?? 0) - 1];
    // A duration after `offset` (30m) or a number's exponent: a letter glued to a digit.
    if (
      call !== undefined ||
      KEYWORDS.has(name.toLowerCase()) ||
      (before !== undefined && /[0-9.]/.test(before))
    )
      continue;
    if (/^[0-9]+[smhdwy]$/.test(name)) continue;
    selectors.push({ series: name, matchers: [] });
  }
  return { selectors, groupingLabels };
}

/** The series names an expression selects, each once. */
export function metricNamesIn(expression: string): string[] {
  return [...new Set(promQlReferences(expression).selectors.map(({ series }) => series))];
}

const ALL_METRICS: readonly MetricDefinition[] = [
  ...METRIC_CATALOG,
  ...RECORDED_METRIC_CATALOG,
  ...SELF_METRIC_CATALOG,
];
const SERIES = prometheusSeriesNames(ALL_METRICS);
/** Labels every series of the Collector's remote write may carry: the tenant (resource_constant_labels) and job. */
const RESOURCE_LABELS = new Map<string, AttributeUse['attribute'] | undefined>([
  ...RESOURCE_ATTRIBUTES.map((use) => [prometheusLabelName(use.attribute.name), use.attribute] as const),
  [prometheusLabelName('service.name'), undefined],
]);

function labelsOf(metric: MetricDefinition): Map<string, AttributeUse['attribute'] | undefined> {
  const labels = new Map(RESOURCE_LABELS);
  for (const use of metric.attributes) labels.set(prometheusLabelName(use.attribute.name), use.attribute);
  if (metric.instrument === 'histogram') labels.set('le', undefined);
  return labels;
}

/** Every label any catalog series can carry. */
const ANY_LABEL = new Set(ALL_METRICS.flatMap((metric) => [...labelsOf(metric).keys()]));

/**
 * What in `expression` is not in the signal catalog: a series no catalog metric is stored as, a label its series
 * cannot carry, a value a closed enum does not list (for `=~`, each alternative of a plain `a|b` list). Empty when
 * everything the expression names exists.
 */
export function unknownReferences(expression: string): string[] {
  const problems: string[] = [];
  const { selectors, groupingLabels } = promQlReferences(expression);
  for (const { series, matchers } of selectors) {
    const metric = SERIES.get(series);
    if (metric === undefined) {
      problems.push(`series ${series} is not a catalog metric's Prometheus name`);
      continue;
    }
    const labels = labelsOf(metric);
    for (const { label, op, value } of matchers) {
      if (!labels.has(label)) {
        problems.push(`${series} has no label ${label}`);
        continue;
      }
      const values = labels.get(label)?.values;
      // An extensible enum's values are checked too: a rule names the values it knows, and a typo must not pass.
      if (values === undefined) continue;
      const listed = op === '=' || op === '!=' ? [value] : /^[\w.|-]+$/.test(value) ? value.split('|') : [];
      for (const one of listed)
        if (!values.includes(one)) problems.push(`${series}{${label}} has no value ${one}`);
    }
  }
  for (const label of groupingLabels)
    if (!ANY_LABEL.has(label)) problems.push(`no catalog series has the label ${label}`);
  if (selectors.length === 0) problems.push('names no series');
  return problems;
}
