import type { CollectorRuns } from '../cycles.js';

/** One cycle deadline for every source, for a collector double whose test is about one deadline at a time. */
export function sameDeadlineForEverySource(deadlineMs: number): CollectorRuns['deadlines'] {
  return {
    reportsMs: deadlineMs,
    serviceHealthMs: deadlineMs,
    auditMs: deadlineMs,
    governanceMs: deadlineMs,
    callQualityMs: deadlineMs,
  };
}
