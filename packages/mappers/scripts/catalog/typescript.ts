// Renders src/generated/catalog.ts: the catalog's names as constants (the @opentelemetry/semantic-conventions
// habit: ATTR_*, METRIC_*, EVENT_*), its enums as value lists and types, the attribute set of every metric and
// event as a type (so a wrong name or enum value does not compile), and the definitions the docs, the exporter
// and the config's `metrics:` switches read at run time.

import type { Attribute, AttributeUse, Catalog, Metric, SignalEvent, Source } from './model.ts';

export const GENERATED_HEADER = (command: string) =>
  `// Generated from packages/mappers/metadata.yaml by \`${command}\`. DO NOT EDIT.`;

const constant = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
const typeName = (id: string) =>
  id
    .split(/[^a-zA-Z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
const literal = (value: unknown) => JSON.stringify(value);

const attrConstant = (attribute: Attribute) => `ATTR_${constant(attribute.name)}`;
const valuesConstant = (attribute: Attribute) => `${constant(attribute.id)}_VALUES`;
const codesConstant = (attribute: Attribute) => `${constant(attribute.id)}_BY_CODE`;
const definitionKey = (attribute: Attribute) => literal(attribute.id);

function valueType(attribute: Attribute): string {
  if (attribute.type === 'bool') return 'boolean';
  if (attribute.type === 'int') return 'number';
  if (attribute.values === undefined) return 'string';
  return attribute.extensible ? `Extensible<${typeName(attribute.id)}>` : typeName(attribute.id);
}

function attributeSetType(uses: readonly AttributeUse[]): string {
  if (uses.length === 0) return '{ readonly [attribute: string]: never }';
  const members = uses.map(
    ({ attribute, presence }) =>
      `readonly ${literal(attribute.name)}${presence === 'when set' ? '?' : ''}: ${valueType(attribute)};`,
  );
  return `{ ${members.join(' ')} }`;
}

function sourceLiteral(source: Source): string {
  return literal(source);
}

function usesLiteral(uses: readonly AttributeUse[]): string {
  return `[${uses.map(({ attribute, presence }) => `{ attribute: ATTRIBUTES[${definitionKey(attribute)}], presence: ${literal(presence)} }`).join(', ')}]`;
}

function metricLiteral(metric: Metric): string {
  const fields = [
    `name: METRIC_${constant(metric.name)}`,
    `description: ${literal(metric.description)}`,
    ...(metric.extendedDocumentation === undefined
      ? []
      : [`extendedDocumentation: ${literal(metric.extendedDocumentation)}`]),
    `unit: ${literal(metric.unit)}`,
    `instrument: ${literal(metric.instrument)}`,
    `valueType: ${literal(metric.valueType)}`,
    `enabledByDefault: ${metric.enabledByDefault}`,
    `recording: ${literal(metric.recording)}`,
    ...(metric.bucketBoundaries === undefined
      ? []
      : [`bucketBoundaries: ${literal(metric.bucketBoundaries)}`]),
    `stability: ${literal(metric.stability)}`,
    `attributes: ${usesLiteral(metric.attributes)}`,
    ...(metric.stateAttribute === undefined ? [] : [`stateAttribute: ${literal(metric.stateAttribute)}`]),
    ...(metric.source === undefined ? [] : [`source: ${sourceLiteral(metric.source)}`]),
    ...accessFields(metric),
  ];
  return `{ ${fields.join(', ')} }`;
}

function accessFields(signal: { permission?: string; licence?: string }): string[] {
  return [
    ...(signal.permission === undefined ? [] : [`permission: ${literal(signal.permission)}`]),
    ...(signal.licence === undefined ? [] : [`licence: ${literal(signal.licence)}`]),
  ];
}

function eventLiteral(event: SignalEvent): string {
  return `{ ${[
    `name: EVENT_${constant(event.name)}`,
    `description: ${literal(event.description)}`,
    `emitted: ${literal(event.emitted)}`,
    `timestamp: ${literal(event.timestamp)}`,
    ...(event.observedTimestamp === undefined
      ? []
      : [`observedTimestamp: ${literal(event.observedTimestamp)}`]),
    ...(event.severity === undefined ? [] : [`severity: ${literal(event.severity)}`]),
    `attributes: ${usesLiteral(event.attributes)}`,
    `body: ${literal(event.body)}`,
    ...(event.bodyOtherFields === undefined ? [] : [`bodyOtherFields: ${literal(event.bodyOtherFields)}`]),
    `source: ${sourceLiteral(event.source)}`,
    ...(event.entity === undefined ? [] : [`entity: ${literal(event.entity)}`]),
    ...accessFields(event),
  ].join(', ')} }`;
}

function attributeLiteral(attribute: Attribute): string {
  return `{ ${[
    `name: ${attrConstant(attribute)}`,
    `description: ${literal(attribute.description)}`,
    `type: ${literal(attribute.type)}`,
    ...(attribute.values === undefined ? [] : [`values: ${valuesConstant(attribute)}`]),
    ...(attribute.codes === undefined ? [] : [`codes: ${literal(attribute.codes)}`]),
    `extensible: ${attribute.extensible}`,
  ].join(', ')} }`;
}

/** The source of src/generated/catalog.ts, before formatting. */
export function renderCatalogModule(catalog: Catalog, command: string): string {
  const lines: string[] = [GENERATED_HEADER(command), ''];

  const imports = new Map<string, Set<string>>();
  for (const attribute of catalog.attributes) {
    if (attribute.vocabulary === undefined) continue;
    const names = imports.get(attribute.vocabulary.package) ?? new Set<string>();
    names.add(attribute.vocabulary.export);
    imports.set(attribute.vocabulary.package, names);
  }
  for (const [pkg, names] of [...imports].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`import { ${[...names].sort().join(', ')} } from ${literal(pkg)};`);
  lines.push(
    "import type { AttributeDefinition, AttributeUse, EventDefinition, Extensible, MetricDefinition } from '../catalog-model.js';",
    '',
  );

  lines.push('// Attribute names.');
  const attributeNames = new Set<string>();
  const resourceAttributes = catalog.resourceAttributes.map((use) => use.attribute);
  for (const attribute of [...resourceAttributes, ...catalog.attributes]) {
    if (attributeNames.has(attribute.name)) continue;
    attributeNames.add(attribute.name);
    lines.push(`export const ${attrConstant(attribute)} = ${literal(attribute.name)};`);
  }
  lines.push('', '// Enum values, and their types.');
  for (const attribute of catalog.attributes) {
    if (attribute.values === undefined) continue;
    const vocabulary = attribute.vocabulary;
    const values = attribute.valuesAreVocabulary
      ? vocabulary?.export
      : `${literal(attribute.values)} as const${vocabulary === undefined ? '' : ` satisfies readonly (typeof ${vocabulary.export})[number][]`}`;
    lines.push(
      `export const ${valuesConstant(attribute)} = ${values};`,
      `export type ${typeName(attribute.id)} = (typeof ${valuesConstant(attribute)})[number];`,
    );
    if (attribute.codes !== undefined) {
      const entries = Object.entries(attribute.codes).map(([code, name]) => `[${code}, ${literal(name)}]`);
      lines.push(
        `/** The ${attribute.name} of each number Microsoft sends; a number not in the map has none. */`,
        `export const ${codesConstant(attribute)}: ReadonlyMap<number, ${typeName(attribute.id)}> = new Map<number, ${typeName(attribute.id)}>([${entries.join(', ')}]);`,
      );
    }
  }

  lines.push('', '// Signal names.');
  for (const metric of [...catalog.metrics, ...catalog.recordedMetrics])
    lines.push(`export const METRIC_${constant(metric.name)} = ${literal(metric.name)};`);
  for (const metric of catalog.selfMetrics)
    lines.push(`export const METRIC_${constant(metric.name)} = ${literal(metric.name)};`);
  for (const event of catalog.events)
    lines.push(`export const EVENT_${constant(event.name)} = ${literal(event.name)};`);

  const typeMap = (name: string, doc: string, entries: readonly { name: string; type: string }[]) => {
    lines.push('', `/** ${doc} */`, `export type ${name} = {`);
    for (const entry of entries) lines.push(`  ${literal(entry.name)}: ${entry.type};`);
    lines.push('};');
  };
  lines.push(
    '',
    "/** The tenant Resource's attributes (those set only once the tenant's details were read are optional). */",
    `export type ResourceAttributes = ${attributeSetType(catalog.resourceAttributes)};`,
  );
  typeMap(
    'MetricAttributes',
    "Each catalog metric's attribute set.",
    catalog.metrics.map((metric) => ({ name: metric.name, type: attributeSetType(metric.attributes) })),
  );
  typeMap(
    'RecordedMetricAttributes',
    "Each recorded tenant metric's attribute set.",
    catalog.recordedMetrics.map((metric) => ({
      name: metric.name,
      type: attributeSetType(metric.attributes),
    })),
  );
  typeMap(
    'SelfMetricAttributes',
    "Each self-metric's attribute set.",
    catalog.selfMetrics.map((metric) => ({ name: metric.name, type: attributeSetType(metric.attributes) })),
  );
  typeMap(
    'EventAttributes',
    "Each event's attribute set (a per-entity event's records add one per report column, by the naming rule).",
    catalog.events.map((event) => ({ name: event.name, type: attributeSetType(event.attributes) })),
  );
  typeMap(
    'EventBody',
    "Each event's body fields.",
    catalog.events.map((event) => {
      const fields = [
        ...Object.keys(event.body).map((field) => `readonly ${field}: unknown;`),
        ...(event.bodyOtherFields === undefined ? [] : ['readonly [field: string]: unknown;']),
      ];
      return {
        name: event.name,
        type: fields.length === 0 ? '{ readonly [field: string]: never }' : `{ ${fields.join(' ')} }`,
      };
    }),
  );
  lines.push(
    'export type MetricName = keyof MetricAttributes;',
    'export type RecordedMetricName = keyof RecordedMetricAttributes;',
    'export type SelfMetricName = keyof SelfMetricAttributes;',
    'export type EventName = keyof EventAttributes;',
    '',
  );

  lines.push(
    '/** Every attribute of the catalog, by its key in metadata.yaml. */',
    'export const ATTRIBUTES = {',
  );
  for (const attribute of catalog.attributes)
    lines.push(`  ${definitionKey(attribute)}: ${attributeLiteral(attribute)},`);
  lines.push('} as const satisfies Record<string, AttributeDefinition>;', '');

  lines.push(
    '/** The Resource attributes of every catalog metric and event (one Resource per tenant). */',
    'export const RESOURCE_ATTRIBUTES: readonly AttributeUse[] = [',
    ...catalog.resourceAttributes.map(
      ({ attribute, presence }) =>
        `  { attribute: ${attributeLiteral(attribute)}, presence: ${literal(presence)} },`,
    ),
    '];',
    '',
    "/** The tenant metrics, in the catalog's order. */",
    'export const METRIC_CATALOG: readonly MetricDefinition[] = [',
    ...catalog.metrics.map((metric) => `  ${metricLiteral(metric)},`),
    '];',
    '',
    '/** The tenant metrics the collector records into as things happen (SDK instruments). */',
    'export const RECORDED_METRIC_CATALOG: readonly MetricDefinition[] = [',
    ...catalog.recordedMetrics.map((metric) => `  ${metricLiteral(metric)},`),
    '];',
    '',
    "/** The collector's own metrics, on the collector's Resource. */",
    'export const SELF_METRIC_CATALOG: readonly MetricDefinition[] = [',
    ...catalog.selfMetrics.map((metric) => `  ${metricLiteral(metric)},`),
    '];',
    '',
    'export const EVENT_CATALOG: readonly EventDefinition[] = [',
    ...catalog.events.map((event) => `  ${eventLiteral(event)},`),
    '];',
    '',
    "/** The names the config's `metrics:` switches take, in the catalog's order. */",
    `export const METRIC_NAMES = [${catalog.metrics.map((metric) => `METRIC_${constant(metric.name)}`).join(', ')}] as const satisfies readonly MetricName[];`,
    '',
    '/** Whether each metric is on when the config does not switch it. */',
    'export const METRICS_ENABLED_BY_DEFAULT: { readonly [M in MetricName]: boolean } = {',
    ...catalog.metrics.map((metric) => `  [METRIC_${constant(metric.name)}]: ${metric.enabledByDefault},`),
    '};',
  );

  for (const metric of catalog.metrics) {
    if (metric.healthyStatuses === undefined) continue;
    const { attribute, defaults } = metric.healthyStatuses;
    lines.push(
      '',
      `/** The ${attribute.name} values ${metric.name} counts as healthy unless the config says otherwise. */`,
      `export const DEFAULT_HEALTHY_STATUSES: readonly ${typeName(attribute.id)}[] = ${literal(defaults)};`,
    );
  }
  return `${lines.join('\n')}\n`;
}
