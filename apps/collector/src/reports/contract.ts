import { REPORT_CATALOG, type ReportName } from '@m365-otel/graph-reports';
import type { ReportSnapshot } from '@m365-otel/mappers';
import type { ReportDay } from './high-water.js';

// The one place that bridges to the parts of contracts C1 (@m365-otel/graph-reports) and C3 (@m365-otel/mappers)
// this branch does not have yet. Each function names what replaces it once they land.

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

/** C1 `ReportDefinition.shape === 'daily'`: one row per Report Date, so the period decides which days come back. */
export function isDailyReport(report: ReportName): boolean {
  const shape: string = REPORT_CATALOG[report].shape;
  return shape === 'daily' || shape === 'daily-counts';
}

/** C1 `ReadOptions.knownRefreshDate`/`etag`: what lets the client answer `unchanged` without a download. */
export interface ConditionalRead {
  knownRefreshDate?: string;
  etag?: string;
}

/** C1 `ReportsClient.read`'s answer, seen through the fields report-date mode uses. */
export type ConditionalAnswer<S> =
  | { status: 'read'; state: S; rows: number; refreshDate: string | undefined; etag: string | undefined }
  | { status: 'unchanged'; refreshDate: string | undefined; etag: string | undefined };

/** Reads C1's answer, or today's (always a download, no refresh date or ETag) before C1 lands. */
export function conditionalAnswer<S>(answer: { state: S; rows: number }): ConditionalAnswer<S> {
  const extended = answer as { state: S; rows: number } & Partial<{
    status: 'read' | 'unchanged';
    refreshDate: string;
    etag: string;
  }>;
  if (extended.status === 'unchanged')
    return { status: 'unchanged', refreshDate: extended.refreshDate, etag: extended.etag };
  return {
    status: 'read',
    state: answer.state,
    rows: answer.rows,
    refreshDate: extended.refreshDate,
    etag: extended.etag,
  };
}
