import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { REPORT_CATALOG, type ReportDefinition, type ReportName } from '@m365-otel/report-catalog';
import { formatDay } from './dates.js';
import { TenantEntities } from './entities.js';
import { createPopulations, type Population, type PopulationName } from './populations.js';
import {
  type Aggregate,
  type Cell,
  createReportViews,
  type DailyView,
  type EntityQuery,
  type EntityView,
  isoDuration,
  RETIRED,
  type ReportView,
  type Row,
  type SummaryView,
} from './report-views.js';
import { periodReportDays, type ResolvedQuery } from './reports.js';
import type { TenantModel, UserProfile } from './tenant.js';
import type { Quantities } from './workloads.js';

/** Entities per slice of an aggregate pass; between slices the event loop runs other requests. */
const ENTITIES_PER_SLICE = 10_000;

/** Sums and non-zero counts of each quantity over a set of entities. */
class Totals {
  entities = 0;
  readonly sum: Record<string, number> = {};
  readonly nonZero: Record<string, number> = {};

  add(q: Quantities): void {
    this.entities += 1;
    for (const key in q) {
      const value = q[key] ?? 0;
      this.sum[key] = (this.sum[key] ?? 0) + value;
      if (value > 0) this.nonZero[key] = (this.nonZero[key] ?? 0) + 1;
    }
  }

  value(aggregate: Aggregate): Cell {
    if ('value' in aggregate) return aggregate.value;
    if ('sum' in aggregate) return this.sum[aggregate.sum] ?? 0;
    if ('users' in aggregate) return this.nonZero[aggregate.users] ?? 0;
    if ('inactive' in aggregate) return this.entities - (this.nonZero[aggregate.inactive] ?? 0);
    // Teams writes no duration on a day nobody was active.
    return (this.nonZero.active ?? 0) === 0 ? null : isoDuration(this.sum[aggregate.seconds] ?? 0);
  }

  /** Byte sums of a million entities approach 2^53: refuse to publish a silently rounded total. */
  checkExact(what: string): void {
    for (const [key, value] of Object.entries(this.sum)) {
      if (!Number.isSafeInteger(value))
        throw new Error(`${key} total for ${what} exceeds exact integer range`);
    }
  }
}

/** The fixed columns every report's engine fills itself. */
const REFRESH_DATE = 'Report Refresh Date';
const REPORT_DATE = 'Report Date';
const REPORT_PERIOD = 'Report Period';

/** Header names as a tolerant reader compares them: case and runs of spaces do not matter. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Every report of the catalog as a view of one tenant model: its rows, typed, in file order. Daily and summary
 * reports read aggregates computed in passes over the entities (cached per day or period: the model is a pure
 * function of the seed and the day); detail reports are generated one entity at a time, so a million rows stream in
 * flat memory.
 */
export class ReportEngine {
  readonly #model: TenantModel;
  readonly #populations: Readonly<Record<PopulationName, Population>>;
  readonly #views: Readonly<Record<string, ReportView | typeof RETIRED>>;
  readonly #dayTotals = new Map<string, Totals>();
  readonly #periodTotals = new Map<string, Map<string, Totals>>();
  /** Per catalog column, the key of the view's row (or of the frame) that holds it, found once per report. */
  readonly #columnKeys = new Map<ReportName, readonly { key: string; inFrame: boolean }[]>();
  #serial: Promise<void> = Promise.resolve();

  constructor(model: TenantModel) {
    this.#model = model;
    const entities = new TenantEntities(model);
    this.#populations = createPopulations(model, entities);
    this.#views = createReportViews(model, entities);
  }

  /** The view of a report; a retired product (Skype for Business) has none: nothing happens in it. */
  view(report: ReportName): ReportView | typeof RETIRED {
    const view = this.#views[report];
    if (view !== undefined) return view;
    if (REPORT_CATALOG[report].retired === true) return RETIRED;
    throw new Error(`internal: no view for ${report}`);
  }

  /** Columns empty on the refresh date's row of a daily report. */
  pendingColumns(report: ReportName): readonly string[] {
    const view = this.view(report);
    return view !== RETIRED && view.shape === 'daily' ? (view.pending ?? []) : [];
  }

  /** Computes what `rows` will need, yielding to the event loop between slices (big tenants). */
  prepare(report: ReportName, query: ResolvedQuery, refreshDay: number): Promise<void> {
    const run = this.#serial.then(async () => {
      for (const _ of this.#passes(report, query, refreshDay)) await yieldToEventLoop();
    });
    // A failed pass must not poison later ones.
    this.#serial = run.catch(() => undefined);
    return run;
  }

  /** The same, at once: for the in-process ground truth (tests with small tenants). */
  prepareSync(report: ReportName, query: ResolvedQuery, refreshDay: number): void {
    for (const _ of this.#passes(report, query, refreshDay)) {
      // Each step is one slice of a pass.
    }
  }

  *#passes(report: ReportName, query: ResolvedQuery, refreshDay: number): Generator<void> {
    const view = this.view(report);
    if (view === RETIRED || view.shape === 'per-entity') return;
    if (view.shape === 'daily') {
      if (query.kind !== 'period') throw new Error(`internal: ${report} takes a period`);
      const days = periodReportDays(refreshDay, query.days).filter(
        (day) => !this.#dayTotals.has(`${view.population}|${day}`),
      );
      if (days.length > 0) yield* this.#dayPass(view.population, days);
      return;
    }
    const [first, last] = summarySpan(view, query, refreshDay);
    if (!this.#periodTotals.has(`${view.population}|${first}|${last}`)) {
      yield* this.#periodPass(view.population, first, last);
    }
  }

  *#dayPass(name: PopulationName, days: readonly number[]): Generator<void> {
    const population = this.#populations[name];
    const totals = days.map(() => new Totals());
    for (let index = 0; index < population.size; index += 1) {
      if (index > 0 && index % ENTITIES_PER_SLICE === 0) yield;
      const entity = population.entity(index);
      days.forEach((day, slot) => {
        const q = population.day(entity, day);
        if (q !== undefined) totals[slot]?.add(q);
      });
    }
    days.forEach((day, slot) => {
      const dayTotals = totals[slot] as Totals;
      dayTotals.checkExact(formatDay(day));
      this.#dayTotals.set(`${name}|${day}`, dayTotals);
    });
  }

  /** Entities that exist on `last`, each with its quantities summed over [first, last], per category. */
  *#periodPass(name: PopulationName, first: number, last: number): Generator<void> {
    const population = this.#populations[name];
    const totals = new Map<string, Totals>();
    for (let index = 0; index < population.size; index += 1) {
      if (index > 0 && index % ENTITIES_PER_SLICE === 0) yield;
      const entity = population.entity(index);
      const lifetime = population.lifetime(entity);
      if (last < lifetime.createdDay || last >= lifetime.deletedDay) continue;
      const category = population.category?.(entity) ?? '';
      let categoryTotals = totals.get(category);
      if (categoryTotals === undefined) {
        categoryTotals = new Totals();
        totals.set(category, categoryTotals);
      }
      categoryTotals.add(sumDays(population, entity, first, last));
    }
    for (const [category, t] of totals) t.checkExact(`${name} ${category}`);
    this.#periodTotals.set(`${name}|${first}|${last}`, totals);
  }

  /** The rows of a report in file order, keyed by the catalog's columns (see `cells`). */
  *rows(report: ReportName, query: ResolvedQuery, refreshDay: number, concealed: boolean): Generator<Row> {
    const columns = REPORT_CATALOG[report].columns;
    for (const cells of this.cells(report, query, refreshDay, concealed)) {
      const row: Row = {};
      columns.forEach((column, i) => {
        row[column] = cells[i] ?? null;
      });
      yield row;
    }
  }

  /**
   * The rows of a report in file order as cells in the catalog's column order (null = empty cell). Daily and summary
   * reports need `prepare` (or `prepareSync`) first.
   */
  *cells(
    report: ReportName,
    query: ResolvedQuery,
    refreshDay: number,
    concealed: boolean,
  ): Generator<Cell[]> {
    const definition = REPORT_CATALOG[report];
    const view = this.view(report);
    const refresh = formatDay(refreshDay);
    const period = query.kind === 'period' ? query.days : query.kind === 'date' ? 1 : null;
    const fixed = (row: Row, reportDate?: string): Row => {
      row[REFRESH_DATE] = refresh;
      if (period !== null) row[REPORT_PERIOD] = period;
      if (reportDate !== undefined) row[REPORT_DATE] = reportDate;
      return row;
    };
    if (view === RETIRED) {
      yield* this.#retiredRows(definition, query, refreshDay, concealed, fixed);
      return;
    }
    let source: Iterable<Row>;
    if (view.shape === 'daily') source = this.#dailyRows(view, query, refreshDay, fixed);
    else if (view.shape === 'summary') source = this.#summaryRows(view, query, refreshDay, fixed);
    else {
      // Detail rows are many: their refresh date and period are taken from `frame` rather than added to each.
      const frame: Row = fixed({});
      for (const row of this.#entityRows(view, query, refreshDay, concealed)) {
        yield this.#inCatalogOrder(definition, row, frame);
      }
      return;
    }
    for (const row of source) yield this.#inCatalogOrder(definition, row);
  }

  *#dailyRows(
    view: DailyView,
    query: ResolvedQuery,
    refreshDay: number,
    fixed: (row: Row, reportDate?: string) => Row,
  ): Generator<Row> {
    if (query.kind !== 'period') throw new Error('internal: a daily report takes a period');
    for (const day of periodReportDays(refreshDay, query.days)) {
      const totals = this.#dayTotals.get(`${view.population}|${day}`);
      if (totals === undefined) throw new Error(`internal: totals for ${formatDay(day)} were not computed`);
      const row: Row = {};
      for (const [column, aggregate] of Object.entries(view.columns)) {
        row[column] = day === refreshDay && view.pending?.includes(column) ? null : totals.value(aggregate);
      }
      yield fixed(row, formatDay(day));
    }
  }

  *#summaryRows(
    view: SummaryView,
    query: ResolvedQuery,
    refreshDay: number,
    fixed: (row: Row) => Row,
  ): Generator<Row> {
    const [first, last] = summarySpan(view, query, refreshDay);
    const totals = this.#periodTotals.get(`${view.population}|${first}|${last}`);
    if (totals === undefined) throw new Error('internal: period totals were not computed');
    // A tenant where nobody holds anything still answers one row of zeros.
    const categories = totals.size > 0 ? totals : new Map([['', new Totals()]]);
    for (const [category, t] of categories) {
      const row: Row = {};
      if (view.categoryColumn !== undefined) row[view.categoryColumn] = category;
      for (const [column, aggregate] of Object.entries(view.columns)) row[column] = t.value(aggregate);
      yield fixed(row);
    }
  }

  *#entityRows(
    view: EntityView,
    query: ResolvedQuery,
    refreshDay: number,
    concealed: boolean,
  ): Generator<Row> {
    // Days after the refresh day are not processed yet: the file has its header and nothing else.
    if (query.kind === 'date' && query.day > refreshDay) return;
    const population = this.#populations[view.population];
    const asOf = query.kind === 'date' ? query.day : refreshDay;
    const first = query.kind === 'period' ? refreshDay - query.days + 1 : asOf;
    const entityQuery: EntityQuery = { refreshDay, asOf, date: query.kind === 'date', concealed };
    for (let index = 0; index < population.size; index += 1) {
      const entity = population.entity(index);
      const lifetime = population.lifetime(entity);
      if (lifetime.createdDay > asOf) continue;
      if (!view.listsDeleted && lifetime.deletedDay <= asOf) continue;
      const sums =
        view.stateOnly === true && query.kind !== 'date'
          ? NO_SUMS
          : sumDays(population, entity, first, asOf, view.pending, refreshDay);
      // A one-day file lists only the entities active that day.
      if (query.kind === 'date' && (sums.active ?? 0) === 0) continue;
      const row = view.row(entity as never, sums, entityQuery);
      if (row !== undefined) yield row;
    }
  }

  /** A retired product's reports: users are listed with nothing done, counts are 0, dates empty. */
  *#retiredRows(
    definition: ReportDefinition,
    query: ResolvedQuery,
    refreshDay: number,
    concealed: boolean,
    fixed: (row: Row, reportDate?: string) => Row,
  ): Generator<Cell[]> {
    const nothing = (): Row => {
      const row: Row = {};
      for (const column of definition.columns) {
        const type = definition.columnTypes[column];
        row[column] = type === 'count' || type === 'bytes' ? 0 : null;
      }
      return row;
    };
    if (definition.shape === 'daily') {
      if (query.kind !== 'period') throw new Error('internal: a daily report takes a period');
      for (const day of periodReportDays(refreshDay, query.days)) {
        yield this.#inCatalogOrder(definition, fixed(nothing(), formatDay(day)));
      }
      return;
    }
    if (definition.shape === 'summary') {
      yield this.#inCatalogOrder(definition, fixed(nothing()));
      return;
    }
    // Nobody was active on any one day.
    if (query.kind === 'date') return;
    const model = this.#model;
    for (let index = 0; index < model.users; index += 1) {
      const user: UserProfile = model.profile(index);
      if (user.createdDay > refreshDay) continue;
      const deleted = user.deletedDay <= refreshDay;
      const row: Row = {
        ...nothing(),
        'User Principal Name': model.userPrincipalName(index, concealed),
        'Display Name': model.displayName(index, concealed),
        'Is Deleted': deleted,
        'Deleted Date': deleted ? formatDay(user.deletedDay) : null,
        'Assigned Products': user.assignedProducts,
      };
      yield this.#inCatalogOrder(definition, fixed(row));
    }
  }

  /**
   * The row's cells in the catalog's column order, the frame columns (refresh date, period) from `frame` when given;
   * a column the view does not fill is a bug.
   */
  #inCatalogOrder(definition: ReportDefinition, row: Row, frame?: Row): Cell[] {
    let keys = this.#columnKeys.get(definition.name);
    if (keys === undefined) {
      const byNormalized = new Map(Object.keys(row).map((key) => [normalized(key), key]));
      keys = definition.columns.map((column) => {
        if (frame !== undefined && column in frame) return { key: column, inFrame: true };
        const key = column in row ? column : byNormalized.get(normalized(column));
        if (key === undefined) {
          throw new Error(`internal: the ${definition.name} view has no value for column '${column}'`);
        }
        return { key, inFrame: false };
      });
      this.#columnKeys.set(definition.name, keys);
    }
    const cells: Cell[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i += 1) {
      const { key, inFrame } = keys[i] as { key: string; inFrame: boolean };
      cells[i] = (inFrame ? frame?.[key] : row[key]) ?? null;
    }
    return cells;
  }
}

/** What a state-only row is told of its activity: nothing. */
const NO_SUMS: Quantities = Object.freeze({});

/** The days a summary report aggregates: its period, or the refresh day alone for a parameterless report. */
function summarySpan(view: SummaryView, query: ResolvedQuery, refreshDay: number): [number, number] {
  if (view.periodless === true || query.kind !== 'period') return [refreshDay, refreshDay];
  return [refreshDay - query.days + 1, refreshDay];
}

/** An entity's quantities summed over [first, last]; `pending` quantities of the refresh day are not counted yet. */
function sumDays(
  population: Population,
  entity: unknown,
  first: number,
  last: number,
  pending?: readonly string[],
  refreshDay?: number,
): Quantities {
  const sums: Quantities = {};
  for (let day = first; day <= last; day += 1) {
    const q = population.day(entity, day);
    if (q === undefined) continue;
    for (const key in q) {
      if (day === refreshDay && pending?.includes(key)) continue;
      sums[key] = (sums[key] ?? 0) + (q[key] ?? 0);
    }
  }
  return sums;
}
