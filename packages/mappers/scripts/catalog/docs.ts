// Renders docs/metrics.md, laid out like the documentation.md that the OTel Collector's mdatagen writes, so it
// reads familiar to Collector users. Prose comes from metadata.yaml; this file only lays it out.

import {
  ACTIVITY_STATE_ATTRIBUTE,
  COLUMN_ATTRIBUTE_RULE,
  columnAttributeName,
  RECORD_FIXED_COLUMNS,
} from '../../src/entity-columns.ts';
import { prometheusMetricName } from '../../src/prometheus-names.ts';
import type { Attribute, AttributeUse, Catalog, Metric, ReportInfo, SignalEvent, Source } from './model.ts';

const VALUE_TYPE_LABEL = { int: 'Int', double: 'Double' } as const;
const INSTRUMENT_LABEL = { gauge: 'Gauge', sum: 'Sum', histogram: 'Histogram' } as const;
const STABILITY_LABEL = { development: 'Development' } as const;

/** Said of every extensible enum, so the docs tell the same thing wherever Microsoft may add a value. */
const UNLISTED_VALUE_NOTE = 'A value outside the list (one Microsoft added later) appears as sent.';

export function renderMetricsDoc(catalog: Catalog, command: string): string {
  return [
    '[comment]: <> (Generated from the signal catalog packages/mappers/metadata.yaml. DO NOT EDIT.)',
    '',
    '# m365-otel metrics',
    '',
    'This file is generated from the signal catalog (`packages/mappers/metadata.yaml`); do not edit it by hand.',
    'After changing the catalog, regenerate it (and the typed constants) from the repository root:',
    '',
    '```sh',
    command,
    '```',
    '',
    'A test in `packages/mappers` fails while this file differs from the catalog.',
    '',
    ...catalog.documentation.flatMap((section) => [`## ${section.title}`, '', section.text, '']),
    metricSection(
      'Default Metrics',
      'The following metrics are emitted by default. Each of them can be disabled by applying the following configuration:',
      false,
      catalog.metrics.filter((metric) => metric.enabledByDefault),
    ),
    metricSection(
      'Optional Metrics',
      'The following metrics are not emitted by default. Each of them can be enabled by applying the following configuration:',
      true,
      catalog.metrics.filter((metric) => !metric.enabledByDefault),
    ),
    recordedMetricSection(catalog.recordedMetrics),
    eventSection(catalog.events, catalog.reports),
    '## Resource Attributes',
    '',
    'Every metric and event above carries these on its Resource (one Resource per tenant); they cannot be turned off.',
    "Those present `when set` are added once the tenant's `organization` was read (the `governance:` section).",
    '',
    attributeTable(catalog.resourceAttributes, true),
    selfMetricSection(catalog.selfMetrics),
    codeTableSection(catalog.attributes.filter((attribute) => attribute.codes !== undefined)),
  ].join('\n');
}

function metricSection(title: string, intro: string, enabled: boolean, metrics: readonly Metric[]): string {
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

function metricEntry(metric: Metric): string {
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
  lines.push(prometheusLine(metric), '');
  if (metric.extendedDocumentation !== undefined) lines.push(metric.extendedDocumentation, '');
  if (metric.bucketBoundaries !== undefined)
    lines.push(`Bucket boundaries (${metric.unit}): ${metric.bucketBoundaries.join(', ')}.`, '');
  if (metric.healthyStatuses !== undefined) {
    const { attribute, defaults } = metric.healthyStatuses;
    const others = (attribute.values ?? []).filter((value) => !defaults.includes(value));
    lines.push(
      `- Healthy by default: ${code(defaults)}.`,
      `- Unhealthy: ${code(others)}, and any status outside the enum.`,
      '',
    );
  }
  if (metric.attributes.length > 0) lines.push('#### Attributes', '', attributeTable(metric.attributes));
  if (metric.stateAttribute !== undefined) {
    lines.push(
      `State metric: one series per value of \`${metric.stateAttribute}\`, 1 for the current value and 0 for every other.`,
      '',
    );
  }
  if (metric.source !== undefined) lines.push('#### Source', '', sourceLine(metric.source), '');
  lines.push(...accessLines(metric));
  if (metric.source?.kind === 'report') lines.push(seriesTable(metric.source));
  return lines.join('\n');
}

/** The name dashboards and alert rules use where the Collector feeds Prometheus by remote write. */
function prometheusLine(metric: Metric): string {
  const name = prometheusMetricName(metric);
  const series =
    metric.instrument === 'histogram' ? ` (series \`${name}_bucket\`, \`_count\`, \`_sum\`)` : '';
  return `In Prometheus (Collector remote write): \`${name}\`${series}.`;
}

/** Which cells give each series, and how the rows are split. */
function seriesTable(source: Extract<Source, { kind: 'report' }>): string {
  const names = [...new Set(source.series.flatMap((series) => Object.keys(series.attributes)))];
  const value = (terms: (typeof source.series)[number]['terms']) =>
    terms.length === 0
      ? 'the number of rows'
      : terms
          .map((term, index) => `${index === 0 ? '' : term.sign < 0 ? ' - ' : ' + '}\`${term.column}\``)
          .join('');
  const lines = [
    table(
      [...names, source.aggregate === undefined ? 'Value' : 'Value (summed over the rows)'],
      source.series.map((series) => [
        ...names.map((name) => series.attributes[name] ?? ''),
        value(series.terms),
      ]),
    ),
  ];
  if (source.category !== undefined)
    lines.push(
      `One series per \`${source.category.column}\` of the rows, its text in \`${source.category.attribute}\`${
        source.category.values === undefined
          ? ' as sent.'
          : ` (${Object.entries(source.category.values)
              .map(([text, attribute]) => `\`${text}\` as \`${attribute}\``)
              .join(', ')}; any other as sent).`
      }`,
      '',
    );
  if (source.aggregate?.skipDeleted) lines.push('Rows whose `Is Deleted` is True are left out.', '');
  if (source.aggregate?.activityColumn !== undefined)
    lines.push(
      `\`${ACTIVITY_STATE_ATTRIBUTE}\`: active when \`${source.aggregate.activityColumn}\` falls within the report period ending on the Report Refresh Date, inactive otherwise (empty included).`,
      '',
    );
  return lines.join('\n');
}

/** Each resource or operation, with the fields read from it. */
function fieldsRead(fields: Readonly<Record<string, readonly string[] | string>>): string {
  return Object.entries(fields)
    .map(([path, read]) => `\`${path}\` (${typeof read === 'string' ? read : read.join(', ')})`)
    .join(', ');
}

function sourceLine(source: Source): string {
  switch (source.kind) {
    case 'report': {
      const computation = source.computation === undefined ? '' : `; ${source.computation}`;
      return `Microsoft Graph report: \`${source.report}\`; CSV columns: ${source.columns.join(', ')}${computation}.`;
    }
    case 'entity-reports':
      return `Microsoft Graph reports, one row per ${source.entity}: ${source.reports.map((report) => `\`${report}\``).join(', ')}.`;
    case 'api':
      return `Microsoft Graph API: ${fieldsRead(source.fields)}.`;
    case 'arm-api':
      return `Azure Resource Manager: ${fieldsRead(source.fields)}.`;
    case 'computed':
      return `Computed ${source.description}.`;
    case 'activity-api':
      return `Office 365 Management Activity API: ${fieldsRead(source.fields)}.`;
  }
}

/** What the app registration and the tenant need for a signal. */
function accessLines(signal: { permission?: string; licence?: string }): string[] {
  return [
    ...(signal.permission === undefined ? [] : [`Permission: ${signal.permission}.`, '']),
    ...(signal.licence === undefined ? [] : [`Licence: ${signal.licence}.`, '']),
  ];
}

function recordedMetricSection(metrics: readonly Metric[]): string {
  const lines = [
    '## Recorded Metrics',
    '',
    "Recorded by SDK instruments as the collector reads the audit log (the configuration's `audit:` section) and",
    "Teams call records (`callQuality:`), on the tenant's Resource; the `metrics:` switches do not apply to them.",
    '',
  ];
  for (const metric of metrics) lines.push(metricEntry(metric));
  return lines.join('\n');
}

function eventSection(events: readonly SignalEvent[], reports: readonly ReportInfo[]): string {
  const lines = [
    '## Events',
    '',
    "Events are OTLP log records with an event name (the log record's EventName field, not the deprecated",
    '`event.name` attribute): fields worth comparing across events are attributes, the detail is a structured body.',
    'The collector keeps the version of each issue and message it has announced in its state directory and commits',
    'it only once the export was acknowledged, so a restart neither repeats nor drops an event.',
    '',
    'The rows of a per-entity report (`m365.report.user`, `m365.report.mailbox`, ...) become records whose',
    'attributes are its columns: the identity columns take the names each event lists, the Report Refresh Date is',
    `\`m365.report.date\`, and ${COLUMN_ATTRIBUTE_RULE} Counts, bytes and periods are integers, durations seconds,`,
    'True/False and Yes/No booleans, `Assigned Products` a list of strings, the rest text as sent; an empty cell',
    'leaves its attribute out, and a column Microsoft adds later arrives as text under the same rule.',
    '',
  ];
  if (events.length === 0) lines.push('None at present.', '');
  for (const event of events) lines.push(eventEntry(event, reports));
  return lines.join('\n');
}

/** Each report of the event's entity kind: its columns and the attribute each becomes. */
function entityColumns(event: SignalEvent, reports: readonly ReportInfo[]): string[] {
  const entity = event.entity;
  if (entity === undefined || event.source.kind !== 'entity-reports') return [];
  const lines = [
    '#### Columns',
    '',
    `Filtered as ${entity.filteredAs}s by the names in ${entity.names.map((name) => `\`${name}\``).join(', ')}.`,
    '',
  ];
  for (const name of event.source.reports) {
    const report = reports.find((candidate) => candidate.name === name);
    if (report === undefined) continue;
    lines.push(
      `\`${name}\`${report.retired ? ' (retired)' : ''}:`,
      '',
      table(
        ['Column', 'Attribute', 'Type'],
        report.columns
          .filter((column) => !RECORD_FIXED_COLUMNS.includes(column))
          .map((column) => [
            column,
            entity.identity[column] ?? columnAttributeName(column),
            report.columnTypes[column] ?? 'text',
          ]),
      ),
    );
  }
  return lines;
}

function eventEntry(event: SignalEvent, reports: readonly ReportInfo[]): string {
  return [
    `### ${event.name}`,
    '',
    event.description,
    '',
    `Emitted ${event.emitted}`,
    '',
    `Timestamp: ${event.timestamp}.`,
    '',
    ...(event.observedTimestamp === undefined ? [] : [`Observed timestamp: ${event.observedTimestamp}.`, '']),
    ...(event.severity === undefined ? [] : [`Severity: ${event.severity}`, '']),
    '#### Attributes',
    '',
    attributeTable(event.attributes, true),
    ...entityColumns(event, reports),
    ...(Object.keys(event.body).length === 0
      ? []
      : ['#### Body', '', table(['Field', 'Description'], Object.entries(event.body))]),
    ...(event.bodyOtherFields === undefined ? [] : [event.bodyOtherFields, '']),
    '#### Source',
    '',
    sourceLine(event.source),
    '',
    ...accessLines(event),
  ].join('\n');
}

function selfMetricSection(metrics: readonly Metric[]): string {
  const lines = [
    '## Self-metrics',
    '',
    "The collector's own metrics. They ride along with every metrics export and cannot be turned off. The counters",
    "carry the collector's Resource (`service.name`, `service.version`, no `m365.tenant.id`); the `m365otel.source.*`",
    "gauges describe one tenant's sources and carry the tenant's Resource.",
    '',
  ];
  for (const metric of metrics) lines.push(metricEntry(metric));
  return lines.join('\n');
}

function codeTableSection(attributes: readonly Attribute[]): string {
  const lines = ['## Code Tables', '', 'The names given to the numbers Microsoft sends.', ''];
  for (const attribute of attributes) {
    lines.push(`### ${attribute.name}`, '', table(['Number', 'Name'], Object.entries(attribute.codes ?? {})));
  }
  return lines.join('\n');
}

function attributeTable(uses: readonly AttributeUse[], withPresence = false): string {
  const header = ['Name', 'Description', 'Values', ...(withPresence ? ['Present'] : [])];
  return table(
    header,
    uses.map(({ attribute, presence }) => [
      attribute.name,
      description(attribute),
      valuesCell(attribute),
      ...(withPresence ? [presence] : []),
    ]),
  );
}

function description(attribute: Attribute): string {
  return attribute.extensible ? `${attribute.description} ${UNLISTED_VALUE_NOTE}` : attribute.description;
}

/** mdatagen's notation: the enum as Str: ``a``, ``b``; Any Str or Any Bool for free-form values. */
function valuesCell(attribute: Attribute): string {
  if (attribute.type === 'bool') return 'Any Bool';
  if (attribute.type === 'int') return 'Any Int';
  if (attribute.codes !== undefined)
    return `Str: the number's name, [Code Tables](#${attribute.name.replaceAll('.', '')})`;
  return attribute.values === undefined
    ? 'Any Str'
    : `Str: ${attribute.values.map((value) => `\`\`${value}\`\``).join(', ')}`;
}

function code(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map((name) => '-'.repeat(name.length))), ...rows.map(line), ''].join(
    '\n',
  );
}
