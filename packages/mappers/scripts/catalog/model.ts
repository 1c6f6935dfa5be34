// Reads metadata.yaml: validates its shape with zod, resolves the vocabularies it borrows from the client packages,
// and checks every cross-reference, so a mistake in the catalog stops the generator with the path and the reason.

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type {
  AttributeDefinition,
  EventDefinition,
  MetricDefinition,
  AttributeUse as RuntimeAttributeUse,
  SignalSource,
} from '../../src/catalog-model.ts';

const NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const UCUM_UNIT = /^(1|By|s|\{[a-z_]+\})$/;

const text = z.string().trim().min(1);
/** Why a signal or attribute name breaks OpenTelemetry's naming rules, or undefined when it keeps them. */
function nameProblem(value: string): string | undefined {
  if (!NAME.test(value)) return 'lower case, dot-separated namespaces, `_` inside a word group';
  if (/[._]total($|[._])/.test(value)) return 'no `total` in a name: a sum says so by its type';
  return undefined;
}

const vocabularySchema = z.strictObject({
  package: z.string().startsWith('@m365-otel/'),
  export: z.string(),
});

const attributeSchema = z.strictObject({
  name_override: z.string().optional(),
  description: text,
  type: z.enum(['string', 'bool', 'int']),
  enum: z.array(text).min(1).optional(),
  // The name of each number Microsoft sends in another attribute (RecordType, UserType), keyed by the number.
  codes: z.record(z.string().regex(/^\d+$/), text).optional(),
  vocabulary: z.string().optional(),
  extensible: z.boolean().default(false),
});

const presence = z.enum(['always', 'when set']);
const attributeRef = z.union([
  z.string(),
  z.strictObject({ attribute: z.string(), presence: presence.default('always') }),
]);

const apiFields = z.record(z.string(), z.union([z.array(text).min(1), text]));
const sourceSchema = z.union([
  z.strictObject({ report: z.string(), columns: z.array(text).min(1), computation: text.optional() }),
  z.strictObject({ api: apiFields }),
  z.strictObject({ computed: text }),
  z.strictObject({ activity_api: apiFields }),
]);

const common = {
  description: text,
  extended_documentation: text.optional(),
  unit: z.string().regex(UCUM_UNIT, 'a UCUM unit: 1, By, s or an annotation such as {message}'),
  stability: z.literal('development'),
  attributes: z.array(attributeRef),
};

const metricSchema = z.strictObject({
  ...common,
  enabled: z.boolean(),
  gauge: z.strictObject({ value_type: z.enum(['int', 'double']) }),
  state_attribute: z.string().optional(),
  healthy_statuses: z.strictObject({ attribute: z.string(), default: z.array(text).min(1) }).optional(),
  source: sourceSchema,
});

const valueType = z.enum(['int', 'double']);
/** A metric recorded live declares exactly one instrument, as mdatagen does. */
const instruments = {
  gauge: z.strictObject({ value_type: valueType }).optional(),
  sum: z.strictObject({ value_type: valueType, monotonic: z.literal(true) }).optional(),
  histogram: z
    .strictObject({ value_type: valueType, bucket_boundaries: z.array(z.number().nonnegative()).min(1) })
    .optional(),
};

const recordedMetricSchema = z.strictObject({ ...common, ...instruments, source: sourceSchema });

const selfMetricSchema = z.strictObject({ ...common, ...instruments, source: sourceSchema.optional() });

const eventSchema = z.strictObject({
  description: text,
  emitted: text,
  timestamp: text,
  observed_timestamp: text.optional(),
  severity: text.optional(),
  attributes: z.array(attributeRef).min(1),
  body: z.record(z.string(), text),
  body_other_fields: text.optional(),
  source: sourceSchema,
});

const metadataSchema = z.strictObject({
  vocabularies: z.record(z.string(), vocabularySchema),
  resource_attributes: z.record(z.string(), z.strictObject({ description: text, type: z.literal('string') })),
  attributes: z.record(z.string(), attributeSchema),
  documentation: z.array(z.strictObject({ title: text, text })),
  metrics: z.record(z.string(), metricSchema),
  recorded_metrics: z.record(z.string(), recordedMetricSchema),
  events: z.record(z.string(), eventSchema),
  self_metrics: z.record(z.string(), selfMetricSchema),
});

type Metadata = z.infer<typeof metadataSchema>;
type RawSource = z.infer<typeof sourceSchema>;
type RawLiveMetric = z.infer<typeof selfMetricSchema>;

export interface Vocabulary {
  id: string;
  package: string;
  export: string;
  values: readonly string[];
}

/** An attribute as the generator sees it: the runtime definition, plus where its values come from. */
export interface Attribute extends AttributeDefinition {
  /** The key in metadata.yaml; the name unless name_override gives another. */
  id: string;
  /** The client export the values are, or must stay within. */
  vocabulary?: Vocabulary;
  /** Whether `values` is the vocabulary itself (the generated code then imports it). */
  valuesAreVocabulary: boolean;
}

export interface AttributeUse extends Omit<RuntimeAttributeUse, 'attribute'> {
  attribute: Attribute;
}

export type Source = SignalSource;

/** A metric as the generator sees it: the runtime definition with resolved attributes and healthy statuses. */
export interface Metric extends Omit<MetricDefinition, 'attributes'> {
  attributes: readonly AttributeUse[];
  healthyStatuses?: { attribute: Attribute; defaults: readonly string[] };
}

export interface SignalEvent extends Omit<EventDefinition, 'attributes'> {
  attributes: readonly AttributeUse[];
}

export interface Catalog {
  vocabularies: readonly Vocabulary[];
  resourceAttributes: readonly Attribute[];
  attributes: readonly Attribute[];
  documentation: readonly { title: string; text: string }[];
  metrics: readonly Metric[];
  /** Tenant metrics the collector records into as things happen (the audit log's). */
  recordedMetrics: readonly Metric[];
  events: readonly SignalEvent[];
  selfMetrics: readonly Metric[];
}

/** What the catalog is checked against: the clients' exports, and graph-reports' report columns. */
export interface Vocabularies {
  /** The named export of a workspace package. */
  load(pkg: string, name: string): Promise<unknown>;
  /** The CSV header of a report function, or undefined for a name graph-reports does not know. */
  reportColumns(report: string): Promise<readonly string[] | undefined>;
}

export class CatalogError extends Error {
  constructor(problems: readonly string[]) {
    super(`metadata.yaml:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'CatalogError';
  }
}

/** Parses and checks metadata.yaml; every problem is reported at once as `path: reason`. */
export async function loadCatalog(yamlText: string, vocabularies: Vocabularies): Promise<Catalog> {
  const parsed = metadataSchema.safeParse(parseYaml(yamlText));
  if (!parsed.success) {
    throw new CatalogError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const problems: string[] = [];
  const catalog = await resolve(parsed.data, vocabularies, problems);
  if (problems.length > 0) throw new CatalogError(problems);
  return catalog;
}

async function resolve(data: Metadata, clients: Vocabularies, problems: string[]): Promise<Catalog> {
  const vocabularies = new Map<string, Vocabulary>();
  for (const [id, vocabulary] of Object.entries(data.vocabularies)) {
    const values = await clients.load(vocabulary.package, vocabulary.export);
    if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
      problems.push(`vocabularies.${id}: ${vocabulary.package} exports no string list ${vocabulary.export}`);
      continue;
    }
    vocabularies.set(id, { id, ...vocabulary, values });
  }

  const attributes = new Map<string, Attribute>();
  for (const [id, raw] of Object.entries(data.attributes)) {
    const path = `attributes.${id}`;
    const nameIssue = nameProblem(raw.name_override ?? id);
    if (nameIssue !== undefined) problems.push(`${path}: ${nameIssue}`);
    const vocabulary = raw.vocabulary === undefined ? undefined : vocabularies.get(raw.vocabulary);
    if (raw.vocabulary !== undefined && vocabulary === undefined)
      problems.push(`${path}.vocabulary: ${raw.vocabulary} is not declared under vocabularies`);
    if (raw.type !== 'string' && (raw.enum !== undefined || raw.vocabulary !== undefined || raw.codes))
      problems.push(`${path}: only a string attribute has an enum`);
    if (raw.codes !== undefined && (raw.enum !== undefined || raw.vocabulary !== undefined))
      problems.push(`${path}.codes: the codes' names are the enum; no enum or vocabulary beside them`);
    const codeNames = raw.codes === undefined ? undefined : Object.values(raw.codes);
    if (codeNames !== undefined && new Set(codeNames).size !== codeNames.length)
      problems.push(`${path}.codes: a name is given to two numbers`);
    if (raw.enum !== undefined && new Set(raw.enum).size !== raw.enum.length)
      problems.push(`${path}.enum: a value is listed twice`);
    for (const value of raw.enum ?? []) {
      if (vocabulary !== undefined && !vocabulary.values.includes(value))
        problems.push(`${path}.enum: ${value} is not a value of ${vocabulary.package} ${vocabulary.export}`);
    }
    if (raw.extensible && raw.enum === undefined && vocabulary === undefined)
      problems.push(`${path}.extensible: only an enum grows`);
    attributes.set(id, {
      id,
      name: raw.name_override ?? id,
      description: raw.description,
      type: raw.type,
      ...(raw.enum !== undefined || vocabulary !== undefined || codeNames !== undefined
        ? { values: raw.enum ?? vocabulary?.values ?? codeNames ?? [] }
        : {}),
      ...(raw.codes === undefined ? {} : { codes: raw.codes }),
      ...(vocabulary === undefined ? {} : { vocabulary }),
      valuesAreVocabulary: raw.enum === undefined && vocabulary !== undefined,
      extensible: raw.extensible,
    });
  }

  const uses = (path: string, refs: Metadata['metrics'][string]['attributes']): AttributeUse[] => {
    const resolved: AttributeUse[] = [];
    refs.forEach((ref, index) => {
      const { attribute: id, presence } =
        typeof ref === 'string' ? { attribute: ref, presence: 'always' as const } : ref;
      const attribute = attributes.get(id);
      if (attribute === undefined)
        problems.push(`${path}.attributes[${index}]: ${id} is not declared under attributes`);
      else resolved.push({ attribute, presence });
    });
    const names = resolved.map((use) => use.attribute.name);
    if (new Set(names).size !== names.length)
      problems.push(`${path}.attributes: an attribute name appears twice`);
    return resolved;
  };

  const source = async (path: string, raw: RawSource): Promise<Source> => {
    if ('report' in raw) {
      const columns = await clients.reportColumns(raw.report);
      if (columns === undefined)
        problems.push(`${path}.report: ${raw.report} is not in @m365-otel/graph-reports`);
      for (const column of raw.columns) {
        if (columns !== undefined && !columns.includes(column))
          problems.push(`${path}.columns: ${raw.report} has no column ${JSON.stringify(column)}`);
      }
      return {
        kind: 'report',
        report: raw.report,
        columns: raw.columns,
        ...(raw.computation === undefined ? {} : { computation: raw.computation }),
      };
    }
    if ('api' in raw) return { kind: 'api', fields: raw.api };
    if ('activity_api' in raw) return { kind: 'activity-api', fields: raw.activity_api };
    return { kind: 'computed', description: raw.computed };
  };

  const metrics: Metric[] = [];
  for (const [metricName, raw] of Object.entries(data.metrics)) {
    const path = `metrics.${metricName}`;
    const metricUses = uses(path, raw.attributes);
    if (raw.state_attribute !== undefined) {
      const state = metricUses.find((use) => use.attribute.name === raw.state_attribute);
      if (state?.attribute.values === undefined)
        problems.push(`${path}.state_attribute: must name one of the metric's enum attributes`);
      if (raw.unit !== '1') problems.push(`${path}.unit: a state metric's unit is 1`);
    }
    let healthyStatuses: Metric['healthyStatuses'];
    if (raw.healthy_statuses !== undefined) {
      const attribute = attributes.get(raw.healthy_statuses.attribute);
      const unknown = raw.healthy_statuses.default.filter((value) => !attribute?.values?.includes(value));
      if (attribute === undefined || unknown.length > 0)
        problems.push(
          `${path}.healthy_statuses: not values of ${raw.healthy_statuses.attribute}: ${unknown.join(', ')}`,
        );
      else healthyStatuses = { attribute, defaults: raw.healthy_statuses.default };
    }
    metrics.push({
      name: metricName,
      description: raw.description,
      ...(raw.extended_documentation === undefined
        ? {}
        : { extendedDocumentation: raw.extended_documentation }),
      unit: raw.unit,
      instrument: 'gauge',
      valueType: raw.gauge.value_type,
      recording: 'snapshot',
      enabledByDefault: raw.enabled,
      stability: raw.stability,
      attributes: metricUses,
      ...(raw.state_attribute === undefined ? {} : { stateAttribute: raw.state_attribute }),
      ...(healthyStatuses === undefined ? {} : { healthyStatuses }),
      source: await source(path, raw.source),
    });
  }

  /** A metric the collector records into as things happen, with the one instrument it declares. */
  const liveMetric = async (path: string, metricName: string, raw: RawLiveMetric): Promise<Metric> => {
    const declared = (['gauge', 'sum', 'histogram'] as const).filter((kind) => raw[kind] !== undefined);
    const [instrument = 'sum'] = declared;
    if (declared.length !== 1) problems.push(`${path}: declares exactly one of gauge, sum and histogram`);
    const boundaries = raw.histogram?.bucket_boundaries;
    if (boundaries?.some((bound, index) => index > 0 && bound <= (boundaries[index - 1] ?? bound)))
      problems.push(`${path}.histogram.bucket_boundaries: strictly ascending`);
    return {
      name: metricName,
      description: raw.description,
      ...(raw.extended_documentation === undefined
        ? {}
        : { extendedDocumentation: raw.extended_documentation }),
      unit: raw.unit,
      instrument,
      valueType: raw[instrument]?.value_type ?? 'double',
      recording: 'live',
      ...(boundaries === undefined ? {} : { bucketBoundaries: boundaries }),
      enabledByDefault: true,
      stability: raw.stability,
      attributes: uses(path, raw.attributes),
      ...(raw.source === undefined ? {} : { source: await source(path, raw.source) }),
    };
  };
  const recordedMetrics: Metric[] = [];
  for (const [metricName, raw] of Object.entries(data.recorded_metrics))
    recordedMetrics.push(await liveMetric(`recorded_metrics.${metricName}`, metricName, raw));
  const selfMetrics: Metric[] = [];
  for (const [metricName, raw] of Object.entries(data.self_metrics))
    selfMetrics.push(await liveMetric(`self_metrics.${metricName}`, metricName, raw));
  for (const metric of selfMetrics) {
    if (!metric.name.startsWith('m365otel.')) problems.push(`self_metrics.${metric.name}: named m365otel.*`);
  }
  for (const [section, tenantMetrics] of [
    ['metrics', metrics],
    ['recorded_metrics', recordedMetrics],
  ] as const) {
    for (const metric of tenantMetrics) {
      if (metric.name.startsWith('m365otel.'))
        problems.push(`${section}.${metric.name}: m365otel.* is for self_metrics`);
    }
  }

  const events: SignalEvent[] = [];
  for (const [eventName, raw] of Object.entries(data.events)) {
    const path = `events.${eventName}`;
    events.push({
      name: eventName,
      description: raw.description,
      emitted: raw.emitted,
      timestamp: raw.timestamp,
      ...(raw.observed_timestamp === undefined ? {} : { observedTimestamp: raw.observed_timestamp }),
      ...(raw.severity === undefined ? {} : { severity: raw.severity }),
      attributes: uses(path, raw.attributes),
      body: raw.body,
      ...(raw.body_other_fields === undefined ? {} : { bodyOtherFields: raw.body_other_fields }),
      source: await source(path, raw.source),
    });
  }

  const sections = {
    resource_attributes: data.resource_attributes,
    metrics: data.metrics,
    recorded_metrics: data.recorded_metrics,
    events: data.events,
    self_metrics: data.self_metrics,
  };
  for (const [section, entries] of Object.entries(sections)) {
    for (const key of Object.keys(entries)) {
      const nameIssue = nameProblem(key);
      if (nameIssue !== undefined) problems.push(`${section}.${key}: ${nameIssue}`);
    }
  }
  const signalNames = [...metrics, ...recordedMetrics, ...selfMetrics, ...events].map(
    (signal) => signal.name,
  );
  const duplicate = signalNames.find((signalName, index) => signalNames.indexOf(signalName) !== index);
  if (duplicate !== undefined) problems.push(`${duplicate}: declared twice`);
  // Only a state metric's own state attribute may bear a metric's name (as k8s.pod.status.phase does).
  for (const metric of metrics) {
    for (const { attribute } of metric.attributes) {
      const namesake = metrics.find((candidate) => candidate.name === attribute.name);
      if (namesake !== undefined && namesake.stateAttribute !== attribute.name)
        problems.push(`metrics.${metric.name}: attribute ${attribute.name} bears a metric's name`);
    }
  }

  return {
    vocabularies: [...vocabularies.values()],
    resourceAttributes: Object.entries(data.resource_attributes).map(([id, raw]) => ({
      id,
      name: id,
      description: raw.description,
      type: raw.type,
      valuesAreVocabulary: false,
      extensible: false,
    })),
    attributes: [...attributes.values()],
    documentation: data.documentation,
    metrics,
    recordedMetrics,
    events,
    selfMetrics,
  };
}
