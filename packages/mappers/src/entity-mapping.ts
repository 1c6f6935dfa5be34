import { normalizeHeaderName } from '@m365-otel/graph-reports';
import { isConcealedName, type ReportColumnType, type ReportDefinition } from '@m365-otel/report-catalog';
import { AttributeObjects } from './attribute-objects.js';
import type { EntityAggregate, EventDefinition, ReportSource } from './catalog-model.js';
import { parseCount, parseTrueFalse, utcDayStartMs } from './cells.js';
import type { ReportMetric } from './counts-mapping.js';
import {
  ACTIVITY_STATE_ATTRIBUTE,
  columnAttributeName,
  RECORD_FIXED_COLUMNS,
  REPORT_REFRESH_DATE,
} from './entity-columns.js';
import {
  ATTR_M365_REPORT_DATE,
  ATTR_M365_REPORT_NAME,
  ATTR_M365_REPORT_NAMES_CONCEALED,
  type EventName,
  type M365ActivityState,
} from './generated/catalog.js';
import { ProblemLog } from './problems.js';
import { describeBadCell, readAttributeValue, readNumber } from './report-cells.js';
import type {
  AccumulatorOptions,
  EntityAttributeValue,
  EntityIdentity,
  MetricObservation,
  ReportAccumulator,
  ReportMapping,
  ReportSnapshot,
  Row,
} from './types.js';

const IS_DELETED = 'Is Deleted';
/** The attributes every record starts with, before its columns' (names_concealed only on rows with a name). */
const RECORD_LEADING_ATTRIBUTES = [
  ATTR_M365_REPORT_NAME,
  ATTR_M365_REPORT_DATE,
  ATTR_M365_REPORT_NAMES_CONCEALED,
] as const;
const REPORT_PERIOD = 'Report Period';
const DAY_MS = 86_400_000;

/** A per-entity report's metric with its aggregate, and the running totals of its series. */
interface Aggregate {
  readonly metric: ReportMetric['name'];
  readonly source: ReportSource & { aggregate: EntityAggregate };
  /** Per category cell (undefined without category), per series and activity state, the running sum. */
  readonly totals: Map<string | undefined, Total[]>;
}

interface Total {
  readonly attributes: Readonly<Record<string, string>>;
  value: number;
  /** A count of rows is known (0 included) once the report has rows; a sum only once a cell contributed. */
  seen: boolean;
}

/** How one column of the report reaches a log record. */
interface RecordColumn {
  readonly column: string;
  readonly attribute: string;
  /** undefined for an identity column: its text as sent. */
  readonly type: ReportColumnType | undefined;
}

/**
 * A per-entity report (one row per user, mailbox, site, group, team or account): folded into bounded metrics as
 * the rows stream by, and, with `entities`, each kept row handed over as a log record. Memory is O(1) in the
 * rows: a tenant can have a million users.
 */
export function entityMapping(
  report: ReportDefinition,
  metrics: readonly ReportMetric[],
  event: EventDefinition | undefined,
): ReportMapping {
  const columns = [REPORT_REFRESH_DATE, ...new Set(metrics.flatMap((metric) => metric.source.columns))];
  return {
    report: report.name,
    metrics: metrics.map((metric) => metric.name),
    ...(event === undefined ? {} : { eventName: event.name as EventName }),
    requiredColumns: [REPORT_REFRESH_DATE],
    columns: [...new Set(columns)],
    createAccumulator: (options) => new EntityAccumulator(report, metrics, event, columns, options),
  };
}

class EntityAccumulator implements ReportAccumulator {
  readonly #report: ReportDefinition;
  readonly #event: EventDefinition | undefined;
  readonly #options: AccumulatorOptions | undefined;
  readonly #aggregates: Aggregate[];
  readonly #skipDeleted: boolean;
  readonly #recordColumns: readonly RecordColumn[];
  readonly #attributeObjects: AttributeObjects;
  /** The values of the row being made a record, reused from row to row. */
  readonly #recordValues: (EntityAttributeValue | undefined)[];
  readonly #problems = new ProblemLog();
  /** The refresh date of the previous valid row: rows repeat one date, so most rows skip re-validating it. */
  #lastRefreshDate: string | undefined;
  #lastRefreshDayMs = 0;
  #reportDate: string | undefined;
  #concealedSeen = false;
  #realNameSeen = false;
  #periodText: string | undefined;
  #periodDays: number | undefined;

  constructor(
    report: ReportDefinition,
    metrics: readonly ReportMetric[],
    event: EventDefinition | undefined,
    columns: readonly string[],
    options: AccumulatorOptions | undefined,
  ) {
    this.#report = report;
    this.#event = event;
    this.#options = options;
    this.#aggregates = metrics.flatMap((metric) => {
      const aggregate = metric.source.aggregate;
      return aggregate === undefined
        ? []
        : [{ metric: metric.name, source: { ...metric.source, aggregate }, totals: new Map() }];
    });
    this.#skipDeleted = this.#aggregates.some((aggregate) => aggregate.source.aggregate.skipDeleted);
    const header = options?.header?.columns;
    if (header !== undefined) {
      for (const column of columns) {
        if (!header.includes(column)) this.#problems.reject(1, column, undefined, 'missing from the header');
      }
    }
    this.#recordColumns =
      event === undefined || options?.entities === undefined ? [] : recordColumns(report, event, header);
    this.#attributeObjects = new AttributeObjects([
      ...RECORD_LEADING_ATTRIBUTES,
      ...this.#recordColumns.map((column) => column.attribute),
    ]);
    this.#recordValues = new Array(RECORD_LEADING_ATTRIBUTES.length + this.#recordColumns.length);
  }

  add(row: Row): void {
    const refreshDate = row.get(REPORT_REFRESH_DATE);
    if (refreshDate === undefined) {
      this.#problems.reject(row.line, REPORT_REFRESH_DATE, refreshDate, 'missing');
      return;
    }
    if (refreshDate !== this.#lastRefreshDate) {
      const dayMs = utcDayStartMs(refreshDate);
      if (dayMs === undefined) {
        this.#problems.reject(row.line, REPORT_REFRESH_DATE, refreshDate, 'not a YYYY-MM-DD day');
        return;
      }
      this.#lastRefreshDate = refreshDate;
      this.#lastRefreshDayMs = dayMs;
      if (this.#reportDate === undefined || refreshDate > this.#reportDate) this.#reportDate = refreshDate;
    }

    const concealed = this.#concealed(row);
    const entities = this.#options?.entities;
    if (entities !== undefined && this.#event?.entity !== undefined) {
      const identity: EntityIdentity = { kind: this.#event.entity.filteredAs, names: this.#names(row) };
      if (!entities.filter(identity)) return;
      entities.onRecord({
        eventName: this.#event.name as EventName,
        timestampMs: this.#lastRefreshDayMs,
        attributes: this.#recordAttributes(row, refreshDate, concealed),
      });
    }
    this.#aggregate(row);
  }

  finish(): ReportSnapshot {
    const observations: MetricObservation[] = [];
    for (const aggregate of this.#aggregates) {
      for (const [category, totals] of aggregate.totals) {
        for (const total of totals) {
          if (!total.seen) continue;
          const category_ = aggregate.source.category;
          const attributes =
            category_ === undefined || category === undefined
              ? total.attributes
              : { ...total.attributes, [category_.attribute]: category_.values?.[category] ?? category };
          observations.push({ metric: aggregate.metric, attributes, value: total.value });
        }
      }
    }
    const date = this.#reportDate;
    return {
      report: this.#report.name,
      reportDate: date,
      observations,
      refreshDate: date,
      days: date === undefined ? [] : [{ date, observations }],
      concealedNames: this.#realNameSeen ? false : this.#concealedSeen ? true : undefined,
      ...this.#problems.summary(),
    };
  }

  /** Whether the row's names are concealed; undefined when it has none. */
  #concealed(row: Row): boolean | undefined {
    const names = this.#event?.entity?.names ?? [];
    for (const column of names) {
      const name = row.get(column);
      if (name === undefined) continue;
      const concealed = isConcealedName(name);
      if (concealed) this.#concealedSeen = true;
      else this.#realNameSeen = true;
      return concealed;
    }
    return undefined;
  }

  #names(row: Row): string[] {
    const names: string[] = [];
    for (const column of this.#event?.entity?.names ?? []) {
      const name = row.get(column);
      if (name !== undefined) names.push(name);
    }
    return names;
  }

  #recordAttributes(
    row: Row,
    refreshDate: string,
    concealed: boolean | undefined,
  ): Record<string, EntityAttributeValue> {
    const values = this.#recordValues;
    values[0] = this.#report.name;
    values[1] = refreshDate;
    values[2] = concealed;
    const columns = this.#recordColumns;
    for (let index = 0; index < columns.length; index++) {
      const { column, type } = columns[index] as RecordColumn;
      const text = row.get(column);
      let value: EntityAttributeValue | undefined = text;
      if (text !== undefined && type !== undefined) {
        value = readAttributeValue(type, text);
        if (value === undefined) this.#problems.reject(row.line, column, text, describeBadCell(type, text));
      }
      values[RECORD_LEADING_ATTRIBUTES.length + index] = value;
    }
    return this.#attributeObjects.build(values);
  }

  #aggregate(row: Row): void {
    if (this.#aggregates.length === 0) return;
    let deleted = false;
    if (this.#skipDeleted) {
      const text = row.get(IS_DELETED);
      // Microsoft writes Is Deleted as True or False in every report.
      const isDeleted = text === undefined ? undefined : parseTrueFalse(text);
      if (isDeleted === undefined) {
        this.#problems.reject(
          row.line,
          IS_DELETED,
          text,
          text === undefined ? 'missing' : 'expected True or False',
        );
        return;
      }
      deleted = isDeleted;
    }
    for (const aggregate of this.#aggregates) {
      const { aggregate: rule, category: split, series } = aggregate.source;
      if (deleted && rule.skipDeleted) continue;
      let category: string | undefined;
      if (split !== undefined) {
        category = row.get(split.column);
        if (category === undefined) {
          this.#problems.reject(row.line, split.column, undefined, 'missing');
          continue;
        }
      }
      const state = rule.activityColumn === undefined ? undefined : this.#activity(row, rule.activityColumn);
      if (state === null) continue;
      const totals = this.#totals(aggregate, category);
      series.forEach((one, index) => {
        const total = totals[state === 'inactive' ? series.length + index : index];
        if (total === undefined) return;
        if (one.terms.length === 0) {
          total.value += 1;
          total.seen = true;
          return;
        }
        for (const term of one.terms) {
          const text = row.get(term.column);
          if (text === undefined) continue;
          const type = this.#report.columnTypes[term.column] ?? 'count';
          const value = readNumber(type, text);
          if (value === undefined) {
            this.#problems.reject(row.line, term.column, text, describeBadCell(type, text));
            continue;
          }
          total.value += term.sign * value;
          total.seen = true;
        }
      });
    }
  }

  /** The totals of an aggregate for a category: per series, then (with activity) the same again for inactive. */
  #totals(aggregate: Aggregate, category: string | undefined): Total[] {
    let totals = aggregate.totals.get(category);
    if (totals !== undefined) return totals;
    const { series, aggregate: rule } = aggregate.source;
    const states: (M365ActivityState | undefined)[] =
      rule.activityColumn === undefined ? [undefined] : ['active', 'inactive'];
    totals = states.flatMap((state) =>
      series.map((one) => ({
        attributes:
          state === undefined ? one.attributes : { ...one.attributes, [ACTIVITY_STATE_ATTRIBUTE]: state },
        value: 0,
        // A count of rows is 0 rather than absent for a state no row has.
        seen: one.terms.length === 0,
      })),
    );
    aggregate.totals.set(category, totals);
    return totals;
  }

  /**
   * active when the date falls within the report period ending on the refresh date, inactive otherwise (no date
   * included); null when the row cannot tell (a problem is counted).
   */
  #activity(row: Row, column: string): M365ActivityState | null {
    const periodDays = this.#period(row);
    if (periodDays === undefined) return null;
    const text = row.get(column);
    if (text === undefined) return 'inactive';
    const dayMs = utcDayStartMs(text);
    if (dayMs === undefined) {
      this.#problems.reject(row.line, column, text, 'not a YYYY-MM-DD day');
      return null;
    }
    const sinceMs = this.#lastRefreshDayMs - (periodDays - 1) * DAY_MS;
    return dayMs >= sinceMs ? 'active' : 'inactive';
  }

  /** The Report Period in days; every row repeats it, so it is parsed once. */
  #period(row: Row): number | undefined {
    const text = row.get(REPORT_PERIOD);
    if (text !== undefined && text === this.#periodText) return this.#periodDays;
    const days = text === undefined ? 0 : parseCount(text);
    if (text === undefined || days < 1) {
      this.#problems.reject(
        row.line,
        REPORT_PERIOD,
        text,
        text === undefined ? 'missing' : 'not a number of days',
      );
      return undefined;
    }
    this.#periodText = text;
    this.#periodDays = days;
    return days;
  }
}

/**
 * The columns a record carries, in the header's order when known. Rows are read by normalised header name
 * (Microsoft writes `Used  Chrome OS` with two spaces), so the catalog's columns are looked up the same way.
 */
function recordColumns(
  report: ReportDefinition,
  event: EventDefinition,
  header: readonly string[] | undefined,
): RecordColumn[] {
  const identity = new Map(
    Object.entries(event.entity?.identity ?? {}).map(([column, attribute]) => [
      normalizeHeaderName(column),
      attribute,
    ]),
  );
  const types = new Map(
    report.columns.map((column) => [normalizeHeaderName(column), report.columnTypes[column] ?? 'text']),
  );
  return (header ?? report.columns.map(normalizeHeaderName))
    .filter((column) => !RECORD_FIXED_COLUMNS.includes(column))
    .map((column) => {
      const attribute = identity.get(column);
      if (attribute !== undefined) return { column, attribute, type: undefined };
      return { column, attribute: columnAttributeName(column), type: types.get(column) ?? 'text' };
    });
}
