import type { ReportSnapshot } from '@m365-otel/mappers';
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
