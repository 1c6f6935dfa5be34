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
  serializeReportState,
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
  | { status: 'unchanged'; refreshDate: string | undefined }
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
    const previous = parseReportState(await options.state.read(key, { signal }), key);
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
    // Another selection of metrics needs the rows again even when Microsoft did not refresh the report.
    const known = previous !== undefined && previous.selection === selection ? previous : undefined;
    const records = recordsFor(tenantId, mapping, options.entities);
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
    if (fetched.status === 'unchanged') return { status: 'unchanged', refreshDate: fetched.refreshDate };
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
    let partialSuccess: ReportStageError | undefined;
    if (plan.send.length > 0) {
      const outcome = await options.exportPoints(tenantId, plan.send);
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
    };
    await options.state.write(key, serializeReportState(next), { signal });
    if (partialSuccess !== undefined) throw partialSuccess;
    return {
      status: 'read',
      snapshot: fetched.snapshot,
      rows: fetched.rows,
      exported: plan.send.length,
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

/** What a report is read for: its enabled metrics, in catalog order, and its log records when details are on. */
function selectionOf(mapping: ReportMapping, enabled: ReadonlySet<string>, details: boolean): string {
  const metrics = mapping.metrics.filter((metric) => enabled.has(metric)).join(',');
  return details ? `${metrics};details` : metrics;
}
