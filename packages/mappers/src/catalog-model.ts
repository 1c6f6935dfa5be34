import type { EnumValue } from '@m365-otel/service-health';

/**
 * The shapes of the signal catalog (metadata.yaml) as src/generated/catalog.ts declares it: what the docs, the
 * exporter and the config read at run time. The names and attribute sets are typed in the generated file itself.
 */

export interface AttributeDefinition {
  name: string;
  description: string;
  type: 'string' | 'bool' | 'int';
  /** The closed enum of values; absent for free-form values. */
  values?: readonly string[];
  /**
   * Set on an attribute that names a number Microsoft sends (RecordType, UserType): the name of each number, in
   * the order of `values`. A number outside the table has no name, so the attribute is left out.
   */
  codes?: Readonly<Record<string, string>>;
  /** Microsoft adds values to this enum over time: one outside the list is exported as sent. */
  extensible: boolean;
}

/** 'when set': left out when there is no value (Microsoft sent null, or an empty list). */
export type Presence = 'always' | 'when set';

export interface AttributeUse {
  attribute: AttributeDefinition;
  presence: Presence;
}

/** One column of a series' value, added or subtracted (`Total - Active`). */
export interface ValueTerm {
  column: string;
  sign: 1 | -1;
}

/**
 * One series of a metric read from a report: its attribute values and how its value is computed from a row. A
 * counts or summary report gives the series the sum of its terms on each row; a per-entity report sums that over
 * its rows, or counts the rows when there are no terms.
 */
export interface ReportSeries {
  attributes: Readonly<Record<string, string>>;
  terms: readonly ValueTerm[];
}

/** A column whose cell splits a report's rows (`Site Type`, `Product Type`) and the attribute that carries it. */
export interface CategorySplit {
  column: string;
  attribute: string;
  /** The attribute value of each cell text; a text outside the map is exported as sent. */
  values?: Readonly<Record<string, string>>;
}

/** How a per-entity report's rows are folded into a bounded metric. */
export interface EntityAggregate {
  /** Rows whose `Is Deleted` is True are left out: they are no longer the tenant's live data. */
  skipDeleted: boolean;
  /**
   * Splits the rows by m365.activity.state: active when this date column falls within the report period ending
   * on the refresh date, inactive otherwise (empty included).
   */
  activityColumn?: string;
}

/** A Graph report function and the CSV columns of @m365-otel/report-catalog the value is computed from. */
export interface ReportSource {
  kind: 'report';
  report: string;
  /** Every column the metric reads, for the docs. */
  columns: readonly string[];
  /** How the columns become the value, when it is more than one column per series. */
  computation?: string;
  series: readonly ReportSeries[];
  category?: CategorySplit;
  /** Set on a metric of a per-entity report. */
  aggregate?: EntityAggregate;
}

/** Every per-entity report of one entity kind in @m365-otel/report-catalog. */
export interface EntityReportsSource {
  kind: 'entity-reports';
  entity: EntityKind;
  reports: readonly string[];
}

/** Graph API resources (paths under /v1.0) and the JSON fields read from each. */
export interface ApiSource {
  kind: 'api';
  fields: Readonly<Record<string, readonly string[] | string>>;
}

/** Azure Resource Manager resources (paths on management.azure.com) and the JSON fields read from each. */
export interface ArmApiSource {
  kind: 'arm-api';
  fields: Readonly<Record<string, readonly string[] | string>>;
}

/** Worked out by the collector rather than read from one source. */
export interface ComputedSource {
  kind: 'computed';
  description: string;
}

/** Office 365 Management Activity API operations (paths under /api/v1.0/{tenant}/activity/feed) and their fields. */
export interface ActivityApiSource {
  kind: 'activity-api';
  fields: Readonly<Record<string, readonly string[] | string>>;
}

export type SignalSource =
  | ReportSource
  | EntityReportsSource
  | ApiSource
  | ArmApiSource
  | ComputedSource
  | ActivityApiSource;

export interface MetricDefinition {
  name: string;
  description: string;
  extendedDocumentation?: string;
  /** UCUM, as the OTel semantic conventions require: `By`, `s`, or an annotation such as `{message}`. */
  unit: string;
  instrument: 'gauge' | 'sum' | 'histogram';
  valueType: 'int' | 'double';
  /**
   * snapshot: a gauge built from the last report or poll at each export; live: an SDK instrument the collector
   * records into as things happen (every sum and histogram, and gauges such as a lag measured at each listing).
   */
  recording: 'snapshot' | 'live';
  /** A histogram's explicit bucket boundaries, ascending, in the metric's unit. */
  bucketBoundaries?: readonly number[];
  enabledByDefault: boolean;
  stability: 'development';
  attributes: readonly AttributeUse[];
  /**
   * Set on a state metric (the OTel pattern of k8s.pod.status.phase): the enum attribute that takes one series per
   * value, 1 for the current value and 0 for every other. Such an attribute may bear the metric's own name.
   */
  stateAttribute?: string;
  source?: SignalSource;
  /** The application permission (or Azure role) the app registration needs for the metric. */
  permission?: string;
  /** The licence the tenant needs for the metric, when one beyond Microsoft 365 itself is needed. */
  licence?: string;
}

/** A log record with an event name, key fields as attributes, the detail as a structured body. */
export interface EventDefinition {
  name: string;
  description: string;
  /** When a record is emitted. */
  emitted: string;
  /** What the record's timestamp is. */
  timestamp: string;
  /** What the record's observed timestamp is, when the collector sets one of its own. */
  observedTimestamp?: string;
  /** How the record's severity is chosen, when it varies. */
  severity?: string;
  attributes: readonly AttributeUse[];
  body: Readonly<Record<string, string>>;
  /** Set when the body holds more than the fields listed: what the others are. */
  bodyOtherFields?: string;
  source: SignalSource;
  /** Set on the event of a per-entity report's rows. */
  entity?: EntityEventDefinition;
  /** The application permission (or Azure role) the app registration needs for the event. */
  permission?: string;
  /** The licence the tenant needs for the event, when one beyond Microsoft 365 itself is needed. */
  licence?: string;
}

/** The entity kinds of @m365-otel/graph-reports' per-entity reports. */
export type EntityKind = 'user' | 'mailbox' | 'site' | 'group' | 'team' | 'account';

/** The filter lists an entity kind is matched against (a OneDrive account by its site). */
export type EntityFilterKind = 'user' | 'mailbox' | 'site' | 'group' | 'team';

/** How a per-entity report's row becomes the event's record. */
export interface EntityEventDefinition {
  kind: EntityKind;
  filteredAs: EntityFilterKind;
  /** The identity columns and the attribute each becomes (OpenTelemetry's names where they exist). */
  identity: Readonly<Record<string, string>>;
  /** The identity columns the filters match, in order. */
  names: readonly string[];
}

declare const unlisted: unique symbol;

/**
 * A value of an extensible enum that is not in the catalog's list: one Microsoft added later, exported as sent.
 * Only `sentValue` makes one, so a typo in a listed value is still a compile error.
 */
export type Unlisted = string & { readonly [unlisted]: true };

/** A value of an extensible enum: a listed one, or one Microsoft sent that the list does not hold. */
export type Extensible<V extends string> = V | Unlisted;

/**
 * An enum value as Microsoft sent it (canonical spelling when the client knows it), typed for an extensible
 * attribute: listed or not, it is exported as it is.
 */
export function sentValue<V extends string>(field: EnumValue | string): Extensible<V> {
  return (typeof field === 'string' ? field : field.value) as Extensible<V>;
}
