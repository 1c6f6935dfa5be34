import type { AuditStreamResult } from '../audit/stream.js';
import type { CallQualityResult } from '../pipeline/call-quality.js';
import type { SourceResult } from '../pipeline/cycle.js';
import { GovernancePartialError, type GovernanceResult } from '../pipeline/governance.js';
import type { ServiceHealthResult } from '../pipeline/service-health.js';
import type { SourceOutcome } from './board.js';
import { reasonOf } from './failure.js';

/** Failed reports named in a degraded tenant's reason at most: the log has every one. */
const REPORTS_NAMED = 3;

/**
 * A tenant's report cycle as one source: succeeded when every report was read, partial when some were, failed
 * (with the first report's error, which tells a refused credential) when none was. `freshAsOfMs`: 00:00 UTC of
 * the newest report day the tenant's snapshots hold. Undefined for a tenant without reports.
 */
export function reportsOutcome(
  results: readonly SourceResult[],
  freshAsOfMs: number | undefined,
): SourceOutcome | undefined {
  const failed = results.flatMap((result) => (result.ok ? [] : [result]));
  const [first] = failed;
  if (results.length === 0) return undefined;
  if (first === undefined) return { kind: 'succeeded', ...(freshAsOfMs !== undefined && { freshAsOfMs }) };
  if (failed.length === results.length) return { kind: 'failed', error: first.error };
  const named = failed
    .slice(0, REPORTS_NAMED)
    .map(({ report, error }) => `${report}: ${reasonOf(error)}`)
    .join('; ');
  const more = failed.length > REPORTS_NAMED ? `; ${failed.length - REPORTS_NAMED} more in the log` : '';
  return {
    kind: 'partial',
    error: new Error(`${failed.length} of ${results.length} reports failed: ${named}${more}`),
    ...(freshAsOfMs !== undefined && { freshAsOfMs }),
  };
}

export function serviceHealthOutcome(result: ServiceHealthResult): SourceOutcome {
  return result.ok ? { kind: 'succeeded' } : { kind: 'failed', error: result.error };
}

/** A signal whose calls partly failed delivered the rest: degraded, not failed. */
export function governanceOutcome(result: GovernanceResult): SourceOutcome {
  if (result.ok) return { kind: 'succeeded' };
  return result.error instanceof GovernancePartialError
    ? { kind: 'partial', error: result.error }
    : { kind: 'failed', error: result.error };
}

export function callQualityOutcome(result: CallQualityResult): SourceOutcome {
  return result.ok ? { kind: 'succeeded' } : { kind: 'failed', error: result.error };
}

/**
 * An audit poll. A complete one moved the high-water to Microsoft's time at its start (`startedMs` on this host's
 * clock), which is how fresh its data is; one that delivered everything but whose commits the disk refused, or
 * whose records the backend rejected in part, is degraded. A poll stopped for shutdown says nothing new.
 */
export function auditOutcome(result: AuditStreamResult, startedMs: number): SourceOutcome | undefined {
  if (result.failure) return { kind: 'failed', error: result.failure.error };
  if (result.status === 'stopped') return undefined;
  if (result.ok) return { kind: 'succeeded', freshAsOfMs: startedMs };
  const problems = [
    ...(result.commitFailures > 0
      ? [`${result.commitFailures} checkpoint commits the state directory refused`]
      : []),
    ...(result.rejected > 0 ? [`${result.rejected} records the OTLP backend rejected`] : []),
  ];
  return { kind: 'partial', error: new Error(problems.join('; ')), freshAsOfMs: startedMs };
}
