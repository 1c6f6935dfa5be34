import { REPORT_CATALOG, type ReportPeriod } from '@m365-otel/graph-reports';
import type { ReportDay, ReportMapping, ReportSnapshot } from '@m365-otel/mappers';
import type { ExportOutcome } from '../export/exporter.js';
import type { SelfMetrics } from '../export/self-metrics.js';
import type { Logger } from '../logging/logger.js';
import { addDays, utcDay } from '../reports/days.js';
import { type DayPoint, oldestNewest, planExport } from '../reports/high-water.js';
import { BACKFILL_DAYS, reportDatePeriod } from '../reports/period.js';
import {
  parseReportState,
  type ReportState,
  reportStateKey,
  restoredSnapshot,
  selectionOf,
  serializeReportState,
  storedSnapshot,
} from '../reports/report-state.js';
import type { RetainingStateStore } from '../state/retaining-store.js';
import { type EntityRecords, recordsFor } from './entity-records.js';
import { type ReportStage, ReportStageError } from './report-error.js';
import type { TenantSource } from './tenant-source.js';

export interface ReportDateOptions {
  /** reports.period: the least period asked for. */
  period: ReportPeriod;
  refetchDays: number;
  enabledMetrics: ReadonlySet<string>;
  /** Retaining: a commit the disk refused still holds in this process, so nothing acknowledged is sent again. */
  state: RetainingStateStore;
  /** Exports one tenant's points and resolves with the backend's answer. */
  exportPoints(tenantId: string, points: readonly DayPoint[]): Promise<ExportOutcome>;
  selfMetrics: SelfMetrics;
  logger: Logger;
  signal: AbortSignal;
  now: () => number;
  entities?: EntityRecords;
}

export type ReportDateRead =
  /** `restored`: the snapshot the state kept of the answer, for the export's report age and names_concealed. */
  | { status: 'unchanged'; refreshDate: string | undefined; restored?: ReportSnapshot }
  | { status: 'read'; snapshot: ReportSnapshot; rows: number; exported: number; revised: number };

const REVISIONS_LOGGED = 5;

/**
 * One report of one tenant in report-date mode: read its high-water marks, ask for the period that reaches back to
 * the oldest day still to read (D30 on the first run), pass the known refresh date and ETag so an unchanged report
 * is not downloaded, export the (series, day) points not sent before, and only after the backend acknowledged them
 * commit the new marks. A failure before the commit leaves the state as it was, so the same points go out next
 * time; a partial success commits (what the backend rejected must not be sent again) and then fails.
 */
export async function readReportDate(
  source: Pick<TenantSource, 'tenantId' | 'fetch'>,
  mapping: ReportMapping,
  options: ReportDateOptions,
): Promise<ReportDateRead> {
  const { tenantId } = source;
  const { report } = mapping;
  const { signal, logger } = options;
  const key = reportStateKey(tenantId, report);
  let stage: ReportStage = 'state';
  try {
    const loaded = await options.state.load(key, parseReportState, {
      signal,
      rebuilding:
        "the report's high-water marks are rebuilt from its next answer, whose points and log records are taken as sent",
    });
    const previous = loaded.status === 'found' ? loaded.value : undefined;
    // Rebuilt marks must not send the backfill's days again: the next answer only sets the marks (the points of days
    // published between the last commit and now are not sent).
    const baseline = loaded.status === 'rebuilt';
    const marks = previous?.marks ?? new Map();
    const selection = selectionOf(
      mapping,
      options.enabledMetrics,
      options.entities?.reports.has(report) ?? false,
    );
    // Only a daily report's days follow the period; other reports total over it, so theirs stays as configured.
    const { period, reaches } =
      REPORT_CATALOG[report].shape === 'daily'
        ? reportDatePeriod({
            configured: options.period,
            oldestNewest: oldestNewest(marks),
            refetchDays: options.refetchDays,
            today: utcDay(options.now()),
          })
        : { period: options.period, reaches: true };
    if (!reaches)
      logger.warn(
        'report-date: the collector was away longer than the longest period reaches back; older days are lost',
        {
          tenantId,
          report,
          oldestNewest: oldestNewest(marks),
          period,
        },
      );

    stage = 'fetch';
    // Another selection of metrics needs the rows again even when Microsoft did not refresh the report, and so does a
    // state written before it kept the snapshot the export needs.
    const known =
      previous?.snapshot !== undefined && previous.selection === selection
        ? { ...previous, snapshot: previous.snapshot }
        : undefined;
    const records = baseline ? undefined : recordsFor(tenantId, mapping, options.entities);
    const fetched = await source.fetch(
      mapping,
      {
        period,
        ...(known?.refreshDate !== undefined && { knownRefreshDate: known.refreshDate }),
        ...(known?.etag !== undefined && { etag: known.etag }),
        ...(records && { records: records.sink }),
      },
      signal,
    );
    if (fetched.status === 'unchanged')
      return {
        status: 'unchanged',
        refreshDate: fetched.refreshDate,
        ...(known && { restored: restoredSnapshot(report, known) }),
      };
    stage = 'export';
    await records?.acknowledged(options.selfMetrics);

    const days = enabledDays(fetched.snapshot.days, options.enabledMetrics);
    const refreshDate = fetched.refreshDate ?? days.at(-1)?.date;
    const plan = planExport(marks, days, {
      refetchDays: options.refetchDays,
      ...(refreshDate !== undefined && { backfillFrom: addDays(refreshDate, 1 - BACKFILL_DAYS) }),
    });
    if (plan.revisions.length > 0) {
      options.selfMetrics.recordRevisions(report, plan.revisions.length);
      logger.warn('report values changed after they were exported; the first value stays', {
        tenantId,
        report,
        revisions: plan.revisions.length,
        first: plan.revisions.slice(0, REVISIONS_LOGGED),
      });
    }

    stage = 'export';
    const send = baseline ? [] : plan.send;
    let partialSuccess: ReportStageError | undefined;
    if (send.length > 0) {
      const outcome = await options.exportPoints(tenantId, send);
      if (!outcome.delivered)
        throw new ReportStageError(
          stage,
          `the OTLP backend did not acknowledge the points: ${outcome.errors.join('; ')}`,
        );
      if (outcome.rejected > 0) {
        options.selfMetrics.recordRejected('metrics', outcome.rejected);
        partialSuccess = new ReportStageError(
          stage,
          `the OTLP backend rejected some points: ${outcome.errors.join('; ')}`,
        );
      }
    }

    stage = 'commit';
    const next: ReportState = {
      refreshDate: fetched.refreshDate,
      etag: fetched.etag,
      selection,
      marks: plan.next,
      // The points went out with their days; what the export still needs is the report age and names_concealed.
      snapshot: storedSnapshot(fetched.snapshot, false),
    };
    await options.state.write(key, serializeReportState(next), { signal });
    if (partialSuccess !== undefined) throw partialSuccess;
    return {
      status: 'read',
      snapshot: fetched.snapshot,
      rows: fetched.rows,
      exported: send.length,
      revised: plan.revisions.length,
    };
  } catch (error) {
    if (stage === 'commit') options.selfMetrics.recordStateCommitFailure();
    // The client's errors (ReportError, AuthError) keep their type: the cycle tells a rejected credential by it.
    if (stage === 'fetch' || error instanceof ReportStageError || signal.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReportStageError(stage, `report-date ${stage} failed: ${reason}`, { cause: error });
  }
}

/** The observations of metrics the configuration exports: a disabled metric's series get no mark. */
function enabledDays(days: readonly ReportDay[], enabled: ReadonlySet<string>): ReportDay[] {
  return days.map(({ date, observations }) => ({
    date,
    observations: observations.filter((observation) => enabled.has(observation.metric)),
  }));
}
