import {
  METRIC_CATALOG,
  type MetricAttributeDefinition,
  type MetricDefinition,
  REPORT_NAMES,
  RESOURCE_ATTRIBUTES,
} from './catalog.js';

/** The command that rewrites docs/metrics.md; quoted by the file itself and by the test that finds it stale. */
export const REGENERATE_DOCS_COMMAND = 'node packages/mappers/scripts/generate-docs.ts';

const VALUE_TYPE_LABEL = { int: 'Int', double: 'Double' } as const;
const INSTRUMENT_LABEL = { gauge: 'Gauge' } as const;
const STABILITY_LABEL = { development: 'Development' } as const;

/**
 * docs/metrics.md, laid out like the documentation.md that the OTel Collector's mdatagen writes, so it reads
 * familiar to Collector users.
 */
export function renderMetricsDoc(catalog: readonly MetricDefinition[] = METRIC_CATALOG): string {
  return [
    '[comment]: <> (Generated from the metric catalog in packages/mappers/src/catalog.ts. DO NOT EDIT.)',
    '',
    '# m365-otel metrics',
    '',
    'This file is generated from the metric catalog (`packages/mappers/src/catalog.ts`); do not edit it by hand.',
    'After changing the catalog, regenerate it from the repository root:',
    '',
    '```sh',
    REGENERATE_DOCS_COMMAND,
    '```',
    '',
    'A test in `packages/mappers` fails while this file differs from the catalog.',
    '',
    '## Time mode `latest`',
    '',
    "Microsoft's usage reports describe past days, 48 hours or more behind. In the default time mode, `latest`,",
    'each gauge reports the newest *complete* day of its report: Microsoft often leaves cells of the newest days',
    'empty until its data catches up, so the newest day on which every column of the report has a value is used, and',
    'only when no day is complete does the newest day give the values it has. A per-entity report describes its',
    'refresh date. Points are stamped at collection time; `m365.report.age` tells how far behind the reported day',
    'is. An empty report cell means no point for that series, never 0.',
    '',
    metricSection(
      'Default Metrics',
      'The following metrics are emitted by default. Each of them can be disabled by applying the following configuration:',
      false,
      catalog.filter((metric) => metric.enabledByDefault),
    ),
    metricSection(
      'Optional Metrics',
      'The following metrics are not emitted by default. Each of them can be enabled by applying the following configuration:',
      true,
      catalog.filter((metric) => !metric.enabledByDefault),
    ),
    '## Resource Attributes',
    '',
    'Every metric carries these on its Resource (one Resource per tenant); they cannot be turned off.',
    '',
    table(
      ['Name', 'Description', 'Values'],
      RESOURCE_ATTRIBUTES.map((attribute) => [attribute.name, attribute.description, valuesCell(attribute)]),
    ),
  ].join('\n');
}

function metricSection(
  title: string,
  intro: string,
  enabled: boolean,
  metrics: readonly MetricDefinition[],
): string {
  const lines = [
    `## ${title}`,
    '',
    intro,
    '',
    '```yaml',
    'metrics:',
    '  <metric_name>:',
    `    enabled: ${enabled}`,
    '```',
    '',
  ];
  if (metrics.length === 0) lines.push('None at present.', '');
  for (const metric of metrics) lines.push(metricEntry(metric));
  return lines.join('\n');
}

function metricEntry(metric: MetricDefinition): string {
  const lines = [
    `### ${metric.name}`,
    '',
    metric.description,
    '',
    table(
      ['Unit', 'Metric Type', 'Value Type', 'Stability'],
      [
        [
          metric.unit,
          INSTRUMENT_LABEL[metric.instrument],
          VALUE_TYPE_LABEL[metric.valueType],
          STABILITY_LABEL[metric.stability],
        ],
      ],
    ),
  ];
  if (metric.attributes.length > 0) {
    lines.push(
      '#### Attributes',
      '',
      table(
        ['Name', 'Description', 'Values'],
        metric.attributes.map((attribute) => [attribute.name, attribute.description, valuesCell(attribute)]),
      ),
    );
  }
  lines.push(
    '#### Source',
    '',
    `Microsoft Graph report: ${reportCell(metric.source.report)}; CSV columns: ${metric.source.columns}.`,
    '',
  );
  return lines.join('\n');
}

/** Report function names as code; prose (a computed metric's source) as it is. */
function reportCell(report: string): string {
  return (REPORT_NAMES as readonly string[]).includes(report) ? `\`${report}\`` : report;
}

/** mdatagen's notation: the enum as Str: ``a``, ``b``, or Any Str for free-form values. */
function valuesCell(attribute: MetricAttributeDefinition): string {
  return attribute.values === undefined
    ? 'Any Str'
    : `Str: ${attribute.values.map((value) => `\`\`${value}\`\``).join(', ')}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map((name) => '-'.repeat(name.length))), ...rows.map(line), ''].join(
    '\n',
  );
}
