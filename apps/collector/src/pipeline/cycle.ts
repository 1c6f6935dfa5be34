import { AuthError } from '@m365-otel/auth';
import type { ReportPeriod } from '@m365-otel/graph-reports';
import type { ReportMapping, ReportSnapshot } from '@m365-otel/mappers';
import type { SelfMetrics } from '../export/self-metrics.js';
import type { Logger } from '../logging/logger.js';
import {
  latestReportStateKey,
  parseReportState,
  restoredSnapshot,
  selectionOf,
  serializeReportState,
  storedSnapshot,
} from '../reports/report-state.js';
import type { RetainingStateStore } from '../state/retaining-store.js';
import { type EntityRecords, recordsFor } from './entity-records.js';
import { namesConcealed } from './names-concealed.js';
import { type ReportDateOptions, readReportDate } from './report-date.js';
import { ReportStageError } from './report-error.js';
import type { ReportValidators, SnapshotStore } from './snapshot-store.js';
import type { TenantSource } from './tenant-source.js';

/** `unchanged`: Microsoft had not refreshed the report since the last answer used, so nothing was downloaded. */
export type SourceResult =
  | { tenantId: string; report: string; ok: true; unchanged: boolean }
  | { tenantId: string; report: string; ok: false; error: unknown };

export interface CycleOptions {
  sources: readonly Pick<TenantSource, 'tenantId' | 'fetch' | 'reportSettings'>[];
  mappings: readonly ReportMapping[];
  period: ReportPeriod;
  store: SnapshotStore;
  selfMetrics: SelfMetrics;
  logger: Logger;
  signal: AbortSignal;
  /** Set when m365.report.names_concealed is enabled: the tenants whose concealed names were logged already. */
  namesConcealed?: Set<string>;
  /** Per-entity log records: for these reports, rows the filter keeps become records sent through `stream`. */
  entities?: EntityRecords;
  /**
   * Latest mode: where each report's refresh date, ETag and snapshot outlive the process, so a restart neither
   * downloads nor sends an unchanged report again and still exports its gauges and age.
   */
  latestState?: { state: RetainingStateStore; enabledMetrics: ReadonlySet<string> };
  /** Report-date mode (reports.time: report-date): how each report is read, exported and committed. */
  reportDate?: Omit<ReportDateOptions, 'period' | 'selfMetrics' | 'logger' | 'signal' | 'entities'>;
}

const PROBLEMS_LOGGED = 5;

/**
 * Reads every needed report of every tenant once. Tenants run side by side; a tenant's reports run one after the
 * other, which keeps connections and memory per tenant small (Microsoft's rate limit is per report anyway).
 * Successful snapshots replace the stored ones; a failure leaves the store as it was (see SnapshotStore).
 */
export async function runCycle(options: CycleOptions): Promise<SourceResult[]> {
  const perTenant = await Promise.all(options.sources.map((source) => runTenant(source, options)));
  return perTenant.flat();
}

async function runTenant(
  source: Pick<TenantSource, 'tenantId' | 'fetch' | 'reportSettings'>,
  options: CycleOptions,
): Promise<SourceResult[]> {
  const { logger, selfMetrics } = options;
  const results: SourceResult[] = [];
  // A credential Entra rejects (wrong secret, expired certificate, missing consent) fails every report the same way:
  // once seen, the tenant's remaining reports fail with it instead of hammering the token endpoint.
  let credentialError: AuthError | undefined;
  for (const mapping of options.mappings) {
    const context = { tenantId: source.tenantId, report: mapping.report };
    if (options.signal.aborted || credentialError) {
      const error = credentialError ?? options.signal.reason;
      selfMetrics.recordFetch(mapping.report, 'failure');
      results.push({ ...context, ok: false, error });
      continue;
    }
    const startedMs = Date.now();
    try {
      const read = await readReport(source, mapping, options);
      selfMetrics.recordFetch(mapping.report, 'success');
      if (read.status === 'unchanged') {
        // After a restart, what the state kept of the answer stands in for it until Microsoft refreshes the report.
        if (
          read.restored &&
          !options.store.snapshots(source.tenantId).some(({ report }) => report === mapping.report)
        )
          options.store.put(source.tenantId, read.restored, read.validators);
        logger.info('report unchanged since the last read', { ...context, refreshDate: read.refreshDate });
        results.push({ ...context, ok: true, unchanged: true });
        continue;
      }
      const { snapshot, rows } = read;
      options.store.put(source.tenantId, snapshot, read.validators);
      selfMetrics.recordRows(mapping.report, rows - snapshot.rejectedRows, snapshot.rejectedRows);
      logger.info('report mapped', {
        ...context,
        reportDate: snapshot.reportDate,
        rows,
        rejectedRows: snapshot.rejectedRows,
        observations: snapshot.observations.length,
        ...(read.exported !== undefined && { exportedPoints: read.exported }),
      });
      if (snapshot.problems.length > 0) {
        logger.warn('report rows rejected', {
          ...context,
          rejectedRows: snapshot.rejectedRows,
          problems: snapshot.problems.slice(0, PROBLEMS_LOGGED),
        });
      }
      results.push({ ...context, ok: true, unchanged: false });
    } catch (caught) {
      // Aborted (the cycle's deadline, or shutdown): the signal's reason says why; the client's error only "aborted".
      const error = options.signal.aborted ? options.signal.reason : caught;
      selfMetrics.recordFetch(mapping.report, 'failure');
      logger.error('report failed', {
        ...context,
        ...(error instanceof ReportStageError && { stage: error.stage }),
        error,
        durationMs: Date.now() - startedMs,
      });
      results.push({ ...context, ok: false, error });
      if (error instanceof AuthError && !error.transient) {
        credentialError = error;
        logger.error("credential rejected: skipping the tenant's other reports this cycle", {
          tenantId: source.tenantId,
        });
      }
    }
  }
  if (options.namesConcealed && !options.signal.aborted && !credentialError) {
    const observation = await namesConcealed(source, options.store.snapshots(source.tenantId), {
      signal: options.signal,
      logger,
      announced: options.namesConcealed,
    });
    options.store.putTenantObservations(source.tenantId, observation ? [observation] : []);
  }
  return results;
}

type ReportRead =
  | {
      status: 'unchanged';
      refreshDate: string | undefined;
      restored?: ReportSnapshot;
      validators?: ReportValidators;
    }
  | {
      status: 'read';
      snapshot: ReportSnapshot;
      rows: number;
      validators: ReportValidators;
      /** Report-date mode: the points exported. */
      exported?: number;
    };

/**
 * Latest mode asks with the refresh date and ETag of the snapshot it holds, so an unchanged report keeps it without
 * a download; report-date mode keeps them in the state with its high-water marks (readReportDate).
 */
async function readReport(
  source: Pick<TenantSource, 'tenantId' | 'fetch'>,
  mapping: ReportMapping,
  options: CycleOptions,
): Promise<ReportRead> {
  const { signal } = options;
  if (options.reportDate) {
    const read = await readReportDate(source, mapping, {
      ...options.reportDate,
      period: options.period,
      selfMetrics: options.selfMetrics,
      logger: options.logger,
      signal,
      ...(options.entities && { entities: options.entities }),
    });
    return read.status === 'unchanged'
      ? read
      : { ...read, validators: { refreshDate: undefined, etag: undefined } };
  }
  const details = options.entities?.reports.has(mapping.report) ?? false;
  const persisted = options.latestState && {
    ...options.latestState,
    key: latestReportStateKey(source.tenantId, mapping.report),
    selection: selectionOf(mapping, options.latestState.enabledMetrics, details),
  };
  let known = options.store.validators(source.tenantId, mapping.report);
  let restored: ReportSnapshot | undefined;
  // A rebuilt state does not know which refresh's log records went out: this download's are taken as sent.
  let baseline = false;
  if (known === undefined && persisted) {
    const loaded = await stage('state', () =>
      persisted.state.load(persisted.key, parseReportState, {
        signal,
        rebuilding:
          "the report's refresh date, ETag and gauges are rebuilt from its next download, whose log records are taken as sent",
      }),
    );
    baseline = loaded.status === 'rebuilt';
    const stored = loaded.status === 'found' ? loaded.value : undefined;
    if (stored?.snapshot !== undefined && stored.selection === persisted.selection) {
      known = { refreshDate: stored.refreshDate, etag: stored.etag };
      restored = restoredSnapshot(mapping.report, {
        refreshDate: stored.refreshDate,
        snapshot: stored.snapshot,
      });
    }
  }
  const records = baseline ? undefined : recordsFor(source.tenantId, mapping, options.entities);
  const fetched = await source.fetch(
    mapping,
    {
      period: options.period,
      ...(known?.refreshDate !== undefined && { knownRefreshDate: known.refreshDate }),
      ...(known?.etag !== undefined && { etag: known.etag }),
      ...(records && { records: records.sink }),
    },
    signal,
  );
  if (fetched.status === 'unchanged')
    return { ...fetched, ...(restored && known && { restored, validators: known }) };
  const validators = { refreshDate: fetched.refreshDate, etag: fetched.etag };
  // The gauges stand whether or not the backend takes the records or the disk the state; the refresh date and ETag
  // are held only once the records are acknowledged, so refused records are read and sent again next cycle.
  options.store.put(source.tenantId, fetched.snapshot);
  await records?.acknowledged(options.selfMetrics);
  options.store.put(source.tenantId, fetched.snapshot, validators);
  if (persisted) {
    const state = serializeReportState({
      ...validators,
      selection: persisted.selection,
      marks: new Map(),
      snapshot: storedSnapshot(fetched.snapshot, true),
    });
    await stage('commit', () => persisted.state.write(persisted.key, state, { signal }), options.selfMetrics);
  }
  return { status: 'read', snapshot: fetched.snapshot, rows: fetched.rows, validators };
}

/** Runs a state step of latest mode, its failure a ReportStageError of that stage (a failed commit counted). */
async function stage<T>(
  name: 'state' | 'commit',
  step: () => Promise<T>,
  selfMetrics?: SelfMetrics,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (name === 'commit') selfMetrics?.recordStateCommitFailure();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReportStageError(name, `report ${name} failed: ${reason}`, { cause: error });
  }
}
