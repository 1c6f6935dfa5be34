import {
  DEFAULT_HEALTHY_STATUSES,
  EVENT_CATALOG,
  type EventAttributeDefinition,
  type EventDefinition,
  METRIC_CATALOG,
  type MetricAttributeDefinition,
  type MetricDefinition,
  type MetricSource,
  REPORT_NAMES,
  RESOURCE_ATTRIBUTES,
  SERVICE_HEALTH_STATUSES,
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
export function renderMetricsDoc(
  catalog: readonly MetricDefinition[] = METRIC_CATALOG,
  events: readonly EventDefinition[] = EVENT_CATALOG,
): string {
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
    serviceHealthSection(),
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
    eventSection(events),
    '## Resource Attributes',
    '',
    'Every metric and event carries these on its Resource (one Resource per tenant); they cannot be turned off.',
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
  if (metric.stateAttribute !== undefined) {
    lines.push(
      `State metric: one series per value of \`${metric.stateAttribute}\`, 1 for the current value and 0 for every other.`,
      '',
    );
  }
  lines.push('#### Source', '', sourceLine(metric.source), '');
  return lines.join('\n');
}

function sourceLine(source: MetricSource): string {
  if ('report' in source)
    return `Microsoft Graph report: ${reportCell(source.report)}; CSV columns: ${source.columns}.`;
  return `Microsoft Graph API: ${source.api.map((path) => `\`${path}\``).join(', ')}; fields: ${source.fields}.`;
}

function serviceHealthSection(): string {
  const unhealthy = SERVICE_HEALTH_STATUSES.filter((status) => !DEFAULT_HEALTHY_STATUSES.includes(status));
  const code = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(', ');
  return [
    '## Service health',
    '',
    "The `m365.service.*` metrics come from Microsoft Graph's service communications API",
    '(`admin/serviceAnnouncement`, application permission `ServiceHealth.Read.All`), read every',
    '`serviceHealth.interval`; their points are stamped at collection time.',
    '',
    '`m365.service.status` and `m365.service.feature.status` follow the OpenTelemetry state-metric pattern (as',
    '`k8s.pod.status.phase` does): one series per value of the serviceHealthStatus enum, 1 for the current status and',
    '0 for every other, so the set of series stays fixed and a query for the 1s always sees exactly one status per',
    'service. The status is never the value of a single series: the OpenTelemetry JS SDK keeps exporting attribute',
    'sets that are no longer observed (opentelemetry-js #4096), so such a service would show its old status beside',
    'its new one. Enum values are spelled in camelCase whatever case Microsoft sends. A status outside the enum (one',
    'Microsoft adds later) stays visible: every enum value at 0 and one more series, the value as sent, at 1.',
    '',
    '### Healthy statuses',
    '',
    "`m365.service.healthy` is 1 when a service's status is one of the healthy statuses, else 0.",
    '`serviceHealth.healthyStatuses` replaces the list; each entry must be a value of the enum.',
    '',
    `- Healthy by default: ${code(DEFAULT_HEALTHY_STATUSES)}.`,
    `- Unhealthy: ${code(unhealthy)}, and any status outside the enum.`,
    '',
    '### Filters',
    '',
    '```yaml',
    'serviceHealth:',
    '  include:',
    '    services: [Exchange Online, /^microsoft teams$/i]',
    '  exclude:',
    '    features: [/calendar/i]',
    '  healthyStatuses: [serviceOperational, serviceRestored]',
    '```',
    '',
    '- An entry is an exact name, compared case-insensitively, or a regular expression written `/pattern/flags`',
    '  (JavaScript syntax; it matches anywhere in the name unless anchored; the flags `g` and `y` are refused). A',
    '  broken expression stops the configuration with an error naming the entry.',
    '- An include list keeps only what matches one of its entries (an empty list restricts nothing); the exclude',
    '  list then removes what matches one of its entries.',
    "- Service entries match a service's display name (`Exchange Online`) or its id (`Exchange`). They apply to the",
    "  health overviews and to issues (an issue matches by its service's display name, or the id of the overview",
    '  with that name).',
    '- Feature entries match the feature (`Sites`) or the feature group (`SharePoint Features`) of an issue; an issue',
    '  that names no feature fails a non-empty feature include list.',
    '- An issue the filters drop is neither counted in `m365.service.issues` or `m365.service.feature.status` nor',
    '  announced as an event.',
    '',
  ].join('\n');
}

function eventSection(events: readonly EventDefinition[]): string {
  const lines = [
    '## Events',
    '',
    "Events are OTLP log records with an event name (the log record's EventName field, not the deprecated",
    '`event.name` attribute): fields worth comparing across events are attributes, the detail is a structured body.',
    'The collector keeps the version of each issue and message it has announced in its state directory and commits',
    'it only once the export was acknowledged, so a restart neither repeats nor drops an event.',
    '',
  ];
  if (events.length === 0) lines.push('None at present.', '');
  for (const event of events) lines.push(eventEntry(event));
  return lines.join('\n');
}

function eventEntry(event: EventDefinition): string {
  return [
    `### ${event.name}`,
    '',
    event.description,
    '',
    `Emitted ${event.emitted}`,
    '',
    `Timestamp: ${event.timestamp}.`,
    '',
    '#### Attributes',
    '',
    table(
      ['Name', 'Description', 'Values', 'Present'],
      event.attributes.map((attribute) => [
        attribute.name,
        attribute.description,
        eventValuesCell(attribute),
        attribute.presence,
      ]),
    ),
    '#### Body',
    '',
    table(
      ['Field', 'Description'],
      event.body.map((field) => [field.name, field.description]),
    ),
    '#### Source',
    '',
    sourceLine(event.source),
    '',
  ].join('\n');
}

function eventValuesCell(attribute: EventAttributeDefinition): string {
  return attribute.type === 'boolean' ? 'Any Bool' : valuesCell(attribute);
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
