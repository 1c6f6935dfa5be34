import type { ReportName } from '@m365-otel/graph-reports';
import {
  type ReportAccumulator,
  type ReportMapping,
  type ReportSnapshot,
  reportsFor,
} from '@m365-otel/mappers';
import type { ReportDay } from './high-water.js';

// The one place that bridges to the parts of contract C3 (@m365-otel/mappers) this branch does not have yet. Each
// function names what replaces it once it lands.

/** C3 `ReportSnapshot.days`: every report day with its observations, oldest first. */
export function snapshotDays(snapshot: ReportSnapshot): readonly ReportDay[] {
  const { days } = snapshot as ReportSnapshot & { days?: readonly ReportDay[] };
  if (days !== undefined) return days;
  return snapshot.reportDate === undefined
    ? []
    : [{ date: snapshot.reportDate, observations: snapshot.observations }];
}

/** C3 `ReportSnapshot.refreshDate`: the answer's Report Refresh Date. */
export function snapshotRefreshDate(snapshot: ReportSnapshot): string | undefined {
  return (snapshot as ReportSnapshot & { refreshDate?: string }).refreshDate;
}

/** C3 `EntityIdentity`: the names a per-entity row is known by, which the filters match. */
export interface EntityIdentity {
  kind: 'user' | 'mailbox' | 'site' | 'group' | 'team';
  names: readonly string[];
}

/** C3 `EntityRecord`: one per-entity row as a log record. */
export interface EntityRecord {
  eventName: string;
  timestampMs: number;
  attributes: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** C3 `createAccumulator({ entities })`: which rows are kept, and where their records go as the rows stream by. */
export interface EntitySink {
  filter(identity: EntityIdentity): boolean;
  onRecord(record: EntityRecord): void;
}

/** C3 `mapping.createAccumulator({ entities })`. */
export function createAccumulator(
  mapping: ReportMapping,
  entities: EntitySink | undefined,
): ReportAccumulator {
  const create = mapping.createAccumulator as (options?: { entities?: EntitySink }) => ReportAccumulator;
  return create.call(mapping, entities === undefined ? {} : { entities });
}

/** C3 `reportsFor(enabledMetrics, detailReports)`: the reports feeding an enabled metric or an enabled log. */
export function mappingsFor(
  enabledMetrics: ReadonlySet<string>,
  detailReports: ReadonlySet<ReportName>,
): ReportMapping[] {
  const select = reportsFor as (
    enabled: ReadonlySet<string>,
    details?: ReadonlySet<ReportName>,
  ) => ReportMapping[];
  return select(enabledMetrics, detailReports);
}

/** C3 `METRIC_M365_REPORT_NAMES_CONCEALED`. */
export const NAMES_CONCEALED_METRIC = 'm365.report.names_concealed';

/** C3 `ReportSnapshot.concealedNames`: per-entity reports say whether the names they carried were concealed. */
export function snapshotConcealedNames(snapshot: ReportSnapshot): boolean | undefined {
  return (snapshot as ReportSnapshot & { concealedNames?: boolean }).concealedNames;
}
