import { AuthError } from '@m365-otel/auth';
import type { ReportPeriod } from '@m365-otel/graph-reports';
import type { ReportMapping, ReportSnapshot } from '@m365-otel/mappers';
import type { SelfMetrics } from '../export/self-metrics.js';
import type { Logger } from '../logging/logger.js';
import type { SnapshotStore } from './snapshot-store.js';
import type { TenantSource } from './tenant-source.js';

export type SourceResult =
  | { tenantId: string; report: string; ok: true; snapshot: ReportSnapshot }
  | { tenantId: string; report: string; ok: false; error: unknown };

export interface CycleOptions {
  sources: readonly TenantSource[];
  mappings: readonly ReportMapping[];
  period: ReportPeriod;
  store: SnapshotStore;
  selfMetrics: SelfMetrics;
  logger: Logger;
  signal: AbortSignal;
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

async function runTenant(source: TenantSource, options: CycleOptions): Promise<SourceResult[]> {
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
      const { snapshot, rows } = await source.fetch(mapping, options.period, options.signal);
      options.store.put(source.tenantId, snapshot);
      selfMetrics.recordFetch(mapping.report, 'success');
      selfMetrics.recordRows(mapping.report, rows - snapshot.rejectedRows, snapshot.rejectedRows);
      logger.info('report mapped', {
        ...context,
        reportDate: snapshot.reportDate,
        rows,
        rejectedRows: snapshot.rejectedRows,
        observations: snapshot.observations.length,
      });
      if (snapshot.problems.length > 0) {
        logger.warn('report rows rejected', {
          ...context,
          rejectedRows: snapshot.rejectedRows,
          problems: snapshot.problems.slice(0, PROBLEMS_LOGGED),
        });
      }
      results.push({ ...context, ok: true, snapshot });
    } catch (caught) {
      // Aborted (the cycle's deadline, or shutdown): the signal's reason says why; the client's error only "aborted".
      const error = options.signal.aborted ? options.signal.reason : caught;
      selfMetrics.recordFetch(mapping.report, 'failure');
      logger.error('report failed', { ...context, error, durationMs: Date.now() - startedMs });
      results.push({ ...context, ok: false, error });
      if (error instanceof AuthError && !error.transient) {
        credentialError = error;
        logger.error("credential rejected: skipping the tenant's other reports this cycle", {
          tenantId: source.tenantId,
        });
      }
    }
  }
  return results;
}
