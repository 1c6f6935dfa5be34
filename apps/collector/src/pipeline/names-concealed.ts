import { ReportError } from '@m365-otel/graph-reports';
import {
  METRIC_M365_REPORT_NAMES_CONCEALED,
  type MetricObservation,
  type ReportSnapshot,
} from '@m365-otel/mappers';
import type { Logger } from '../logging/logger.js';
import type { TenantSource } from './tenant-source.js';

const FORBIDDEN = 403;

/** Where the admin setting is, for the log line that explains concealed names. */
const REVEAL =
  'Microsoft 365 admin center > Settings > Org settings > Services > Reports: turn off "Display concealed user, group, and site names in all reports"';

/**
 * `m365.report.names_concealed` for one tenant: from its report settings (`admin/reportSettings`), or, when the app
 * lacks ReportSettings.Read.All (403) or the call fails, from what the per-entity reports' rows showed (true when
 * their names were 32-hex hashes, false when real names were seen). Undefined when neither tells. `announced`
 * holds the tenants whose concealed names were already logged, so the explanation is logged once per process.
 */
export async function namesConcealed(
  source: Pick<TenantSource, 'tenantId' | 'reportSettings'>,
  snapshots: readonly ReportSnapshot[],
  context: { signal: AbortSignal; logger: Logger; announced: Set<string> },
): Promise<MetricObservation | undefined> {
  const { tenantId } = source;
  let concealed: boolean | undefined;
  try {
    concealed = (await source.reportSettings(context.signal)).displayConcealedNames;
  } catch (error) {
    if (context.signal.aborted) return undefined;
    const forbidden = error instanceof ReportError && error.status === FORBIDDEN;
    if (!context.announced.has(`${tenantId}/settings`)) {
      context.announced.add(`${tenantId}/settings`);
      context.logger.warn(
        forbidden
          ? 'report settings not readable (grant ReportSettings.Read.All): names_concealed comes from the rows of per-entity reports'
          : 'report settings not read: names_concealed comes from the rows of per-entity reports',
        { tenantId, error },
      );
    }
    const seen = snapshots.map((snapshot) => snapshot.concealedNames).filter((value) => value !== undefined);
    concealed = seen.length === 0 ? undefined : seen.some((value) => value);
  }
  if (concealed === undefined) return undefined;
  if (concealed && !context.announced.has(tenantId)) {
    context.announced.add(tenantId);
    context.logger.warn('the tenant conceals user, group and site names in its usage reports', {
      tenantId,
      reveal: REVEAL,
    });
  }
  return { metric: METRIC_M365_REPORT_NAMES_CONCEALED, attributes: {}, value: concealed ? 1 : 0 };
}
