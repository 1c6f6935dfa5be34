// Reads metadata.yaml: validates its shape with zod, resolves the vocabularies it borrows from the client packages,
// and checks every cross-reference, so a mistake in the catalog stops the generator with the path and the reason.

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type {
  AttributeDefinition,
  EntityKind,
  EventDefinition,
  MetricDefinition,
  ReportSeries,
  AttributeUse as RuntimeAttributeUse,
  SignalSource,
  ValueTerm,
} from '../../src/catalog-model.ts';
import {
  ACTIVITY_STATE_ATTRIBUTE,
  columnAttributeName,
  RECORD_FIXED_COLUMNS,
} from '../../src/entity-columns.ts';

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
/**
 * A metric's series: maps nested one level per attribute of the metric (in its order; the category and activity
 * attributes left out), the leaves being a value: a column, columns joined by ` + ` and ` - `, or `rows` (the
 * number of rows of a per-entity report). A metric without such attributes has the value itself.
 */
type RawSeries = string | { [value: string]: RawSeries };
const seriesSchema: z.ZodType<RawSeries> = z.lazy(() =>
  z.union([text, z.record(z.string(), seriesSchema).refine((map) => Object.keys(map).length > 0, 'empty')]),
);
const reportSourceSchema = z.strictObject({
  report: z.string(),
  series: seriesSchema,
  category: z
    .strictObject({
      column: text,
      attribute: text,
      values: z.record(z.string(), text).optional(),
    })
    .optional(),
  skip_deleted: z.boolean().optional(),
  activity: text.optional(),
  computation: text.optional(),
});
const sourceSchema = z.union([
  reportSourceSchema,
  z.strictObject({ entity_reports: z.enum(['user', 'mailbox', 'site', 'group', 'team', 'account']) }),
  z.strictObject({ api: apiFields }),
  z.strictObject({ arm: apiFields }),
  z.strictObject({ computed: text }),
  z.strictObject({ activity_api: apiFields }),
]);

/** What the app registration needs for a signal: its permission (or Azure role) and, when one is needed, the licence. */
const access = {
  permission: text.optional(),
  licence: text.optional(),
};

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
  ...access,
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

const recordedMetricSchema = z.strictObject({ ...common, ...instruments, source: sourceSchema, ...access });

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
  ...access,
  entity: z
    .strictObject({
      filtered_as: z.enum(['user', 'mailbox', 'site', 'group', 'team']),
      identity: z.record(text, text),
      names: z.array(text).min(1),
    })
    .optional(),
});

const metadataSchema = z.strictObject({
  vocabularies: z.record(z.string(), vocabularySchema),
  resource_attributes: z.record(
    z.string(),
    z.strictObject({ description: text, type: z.literal('string'), presence: presence.default('always') }),
  ),
  attributes: z.record(z.string(), attributeSchema),
  documentation: z.array(z.strictObject({ title: text, text })),
  metrics: z.record(z.string(), metricSchema),
  recorded_metrics: z.record(z.string(), recordedMetricSchema),
  events: z.record(z.string(), eventSchema),
  self_metrics: z.record(z.string(), selfMetricSchema),
});

type Metadata = z.infer<typeof metadataSchema>;
type RawSource = z.infer<typeof sourceSchema>;
type RawReportSource = z.infer<typeof reportSourceSchema>;

/** What a report source is checked against: the metric's unit and attributes. */
interface RawMetricContext {
  unit: string;
  attributes: readonly AttributeUse[];
}
type RawLiveMetric = z.infer<typeof selfMetricSchema> & { permission?: string; licence?: string };

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
  resourceAttributes: readonly AttributeUse[];
  attributes: readonly Attribute[];
  documentation: readonly { title: string; text: string }[];
  metrics: readonly Metric[];
  /** Tenant metrics the collector records into as things happen (the audit log's). */
  recordedMetrics: readonly Metric[];
  events: readonly SignalEvent[];
  selfMetrics: readonly Metric[];
  /** report-catalog's report functions, for the docs of the per-entity events. */
  reports: readonly ReportInfo[];
}

/** What the catalog needs to know of a report function of @m365-otel/report-catalog. */
export interface ReportInfo {
  name: string;
  shape: 'daily' | 'summary' | 'per-entity';
  entity?: EntityKind;
  category?: string;
  retired?: boolean;
  columns: readonly string[];
  columnTypes: Readonly<Record<string, string>>;
}

/** What the catalog is checked against: the clients' exports, and report-catalog's report functions. */
export interface Vocabularies {
  /** The named export of a workspace package. */
  load(pkg: string, name: string): Promise<unknown>;
  /** Every report function of @m365-otel/report-catalog. */
  reports(): Promise<readonly ReportInfo[]>;
}

/** The column types a metric's value can be read from, and the unit each asks for. */
const VALUE_COLUMN_UNITS: Readonly<Record<string, (unit: string) => boolean>> = {
  count: (unit) => unit !== 'By' && unit !== 's',
  bytes: (unit) => unit === 'By',
  duration: (unit) => unit === 's',
};

/** Counts the rows of a per-entity report instead of summing a column. */
export const ROWS = 'rows';

/** `A`, `A + B`, `A - B`: the terms of a series' value; column names never hold ` + ` or ` - `. */
function parseTerms(expression: string): ValueTerm[] {
  const terms: ValueTerm[] = [];
  let sign: 1 | -1 = 1;
  for (const part of expression.split(/ ([+-]) /)) {
    if (part === '+') sign = 1;
    else if (part === '-') sign = -1;
    else terms.push({ column: part.trim(), sign });
  }
  return terms;
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

  const reports = new Map((await clients.reports()).map((report) => [report.name, report]));
  const source = async (path: string, raw: RawSource, metric?: RawMetricContext): Promise<Source> => {
    if ('report' in raw) return reportSource(path, raw, reports, attributes, problems, metric);
    if ('entity_reports' in raw) {
      const entity = raw.entity_reports;
      return {
        kind: 'entity-reports',
        entity,
        reports: [...reports.values()]
          .filter((report) => report.entity === entity)
          .map((report) => report.name),
      };
    }
    if ('api' in raw) return { kind: 'api', fields: raw.api };
    if ('arm' in raw) return { kind: 'arm-api', fields: raw.arm };
    if ('activity_api' in raw) return { kind: 'activity-api', fields: raw.activity_api };
    return { kind: 'computed', description: raw.computed };
  };

  const metrics: Metric[] = [];
  for (const [metricName, raw] of Object.entries(data.metrics)) {
    const path = `metrics.${metricName}`;
    const metricUses = uses(path, raw.attributes);
    for (const { attribute } of metricUses) {
      if (attribute.type !== 'string')
        problems.push(
          `${path}.attributes: ${attribute.name} is of type ${attribute.type}; a snapshot point's attributes are strings`,
        );
    }
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
      source: await source(path, raw.source, { unit: raw.unit, attributes: metricUses }),
      ...accessOf(raw),
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
      ...accessOf(raw),
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
    const eventUses = uses(path, raw.attributes);
    const eventSource = await source(path, raw.source);
    const entity =
      eventSource.kind === 'entity-reports' && raw.entity !== undefined
        ? entityEvent(path, eventSource.entity, raw.entity, eventUses, eventSource.reports, reports, problems)
        : undefined;
    if ((eventSource.kind === 'entity-reports') !== (raw.entity !== undefined))
      problems.push(`${path}: an event of entity_reports declares its entity, and only such an event`);
    events.push({
      name: eventName,
      description: raw.description,
      emitted: raw.emitted,
      timestamp: raw.timestamp,
      ...(raw.observed_timestamp === undefined ? {} : { observedTimestamp: raw.observed_timestamp }),
      ...(raw.severity === undefined ? {} : { severity: raw.severity }),
      attributes: eventUses,
      body: raw.body,
      ...(raw.body_other_fields === undefined ? {} : { bodyOtherFields: raw.body_other_fields }),
      source: eventSource,
      ...accessOf(raw),
      ...(entity === undefined ? {} : { entity }),
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
      attribute: {
        id,
        name: id,
        description: raw.description,
        type: raw.type,
        valuesAreVocabulary: false,
        extensible: false,
      },
      presence: raw.presence,
    })),
    attributes: [...attributes.values()],
    documentation: data.documentation,
    metrics,
    recordedMetrics,
    events,
    selfMetrics,
    reports: [...reports.values()],
  };
}

/** A signal's permission and licence, as far as metadata.yaml names them. */
function accessOf(raw: { permission?: string | undefined; licence?: string | undefined }): {
  permission?: string;
  licence?: string;
} {
  return {
    ...(raw.permission === undefined ? {} : { permission: raw.permission }),
    ...(raw.licence === undefined ? {} : { licence: raw.licence }),
  };
}

/** The series of a metric read from a report, checked against the report's columns and the metric. */
function reportSource(
  path: string,
  raw: RawReportSource,
  reports: ReadonlyMap<string, ReportInfo>,
  attributes: ReadonlyMap<string, Attribute>,
  problems: string[],
  metric: RawMetricContext | undefined,
): Source {
  const report = reports.get(raw.report);
  if (report === undefined)
    problems.push(`${path}.report: ${raw.report} is not in @m365-otel/report-catalog`);
  const perEntity = report?.shape === 'per-entity';
  const hasColumn = (column: string, field: string) => {
    if (report !== undefined && !report.columns.includes(column))
      problems.push(`${path}.${field}: ${raw.report} has no column ${JSON.stringify(column)}`);
  };

  if (raw.category !== undefined) {
    hasColumn(raw.category.column, 'category');
    if (!attributes.has(raw.category.attribute))
      problems.push(`${path}.category: ${raw.category.attribute} is not declared under attributes`);
  }
  if (report?.category !== undefined && !perEntity && raw.category?.column !== report.category)
    problems.push(`${path}.category: ${raw.report} has a row per ${report.category}; split by it`);
  if (!perEntity && (raw.skip_deleted !== undefined || raw.activity !== undefined))
    problems.push(`${path}: skip_deleted and activity are for per-entity reports`);
  if (raw.activity !== undefined) {
    hasColumn(raw.activity, 'activity');
    if (report !== undefined && report.columnTypes[raw.activity] !== 'date')
      problems.push(`${path}.activity: ${raw.activity} is not a date column`);
  }

  // The series nest one level per attribute the series set, in the metric's order.
  const split = new Set([
    raw.category?.attribute,
    raw.activity === undefined ? undefined : ACTIVITY_STATE_ATTRIBUTE,
  ]);
  const levels = (metric?.attributes ?? []).filter((use) => !split.has(use.attribute.name));
  if (
    metric !== undefined &&
    raw.activity !== undefined &&
    !metric.attributes.some((use) => use.attribute.name === ACTIVITY_STATE_ATTRIBUTE)
  )
    problems.push(`${path}.activity: the metric has no ${ACTIVITY_STATE_ATTRIBUTE} attribute`);
  const series: ReportSeries[] = [];
  const valueTypes = new Set<string>();
  const walk = (node: RawSeries, depth: number, values: Record<string, string>, at: string) => {
    const level = levels[depth];
    if (typeof node === 'string') {
      if (level !== undefined) {
        problems.push(`${at}: a value of ${level.attribute.name} is expected, not a value`);
        return;
      }
      const terms = node === ROWS ? [] : parseTerms(node);
      if (node === ROWS && !perEntity) problems.push(`${at}: rows counts a per-entity report's rows`);
      for (const term of terms) {
        hasColumn(term.column, at.slice(path.length + 1));
        const type = report?.columnTypes[term.column];
        if (type !== undefined && VALUE_COLUMN_UNITS[type] === undefined)
          problems.push(`${at}: ${term.column} is a ${type} column, not a count, bytes or duration`);
        else if (type !== undefined) valueTypes.add(type);
      }
      series.push({ attributes: values, terms });
      return;
    }
    if (level === undefined) {
      problems.push(`${at}: a value is expected, not a map`);
      return;
    }
    for (const [value, child] of Object.entries(node)) {
      const enumValues = level.attribute.values;
      if (enumValues !== undefined && !enumValues.includes(value))
        problems.push(`${at}: ${value} is not a value of ${level.attribute.name}`);
      walk(child, depth + 1, { ...values, [level.attribute.name]: value }, `${at}.${value}`);
    }
  };
  walk(raw.series, 0, {}, `${path}.series`);
  if (valueTypes.size > 1) problems.push(`${path}.series: mixes ${[...valueTypes].join(' and ')} columns`);
  const [valueType] = valueTypes;
  if (metric !== undefined && valueType !== undefined && !VALUE_COLUMN_UNITS[valueType]?.(metric.unit))
    problems.push(`${path}: the unit ${metric.unit} does not fit ${valueType} columns`);

  const columns = [
    ...new Set([
      ...series.flatMap((one) => one.terms.map((term) => term.column)),
      ...(raw.category === undefined ? [] : [raw.category.column]),
      ...(raw.activity === undefined ? [] : [raw.activity]),
      ...(raw.skip_deleted ? [DELETED_COLUMN] : []),
    ]),
  ];
  return {
    kind: 'report',
    report: raw.report,
    columns,
    ...(raw.computation === undefined ? {} : { computation: raw.computation }),
    series,
    ...(raw.category === undefined
      ? {}
      : {
          category: {
            column: raw.category.column,
            attribute: raw.category.attribute,
            ...(raw.category.values === undefined ? {} : { values: raw.category.values }),
          },
        }),
    ...(perEntity
      ? {
          aggregate: {
            skipDeleted: raw.skip_deleted ?? false,
            ...(raw.activity === undefined ? {} : { activityColumn: raw.activity }),
          },
        }
      : {}),
  };
}

const DELETED_COLUMN = 'Is Deleted';

/** The event of one entity kind: its identity columns, checked against the reports of the kind. */
function entityEvent(
  path: string,
  kind: EntityKind,
  raw: NonNullable<Metadata['events'][string]['entity']>,
  eventUses: readonly AttributeUse[],
  reportNames: readonly string[],
  reports: ReadonlyMap<string, ReportInfo>,
  problems: string[],
): NonNullable<SignalEvent['entity']> {
  const declared = new Set(eventUses.map((use) => use.attribute.name));
  for (const [column, attribute] of Object.entries(raw.identity)) {
    if (!declared.has(attribute))
      problems.push(`${path}.entity.identity: ${attribute} (${column}) is not among the event's attributes`);
  }
  for (const name of raw.names) {
    if (raw.identity[name] === undefined)
      problems.push(`${path}.entity.names: ${name} is not an identity column`);
  }
  if (reportNames.length === 0) problems.push(`${path}: report-catalog has no per-entity report of ${kind}s`);
  for (const reportName of reportNames) {
    const report = reports.get(reportName);
    if (report === undefined) continue;
    if (!raw.names.some((name) => report.columns.includes(name)))
      problems.push(`${path}.entity.names: ${reportName} has none of these columns`);
    for (const column of report.columns) {
      if (raw.identity[column] !== undefined || RECORD_FIXED_COLUMNS.includes(column)) continue;
      const attribute = columnAttributeName(column);
      if (declared.has(attribute))
        problems.push(
          `${path}: ${reportName}'s column ${column} would be ${attribute}, an attribute of the event`,
        );
    }
  }
  return { kind, filteredAs: raw.filtered_as, identity: raw.identity, names: raw.names };
}
