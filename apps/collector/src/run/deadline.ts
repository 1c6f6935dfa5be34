/** The longest a cycle may run when its interval is longer: a hanging Graph must not hold `run --once` for hours. */
export const MAX_CYCLE_DEADLINE_MS = 30 * 60_000;

/** A cycle's deadline: its interval (the next cycle is due then anyway), at most MAX_CYCLE_DEADLINE_MS. */
export function cycleDeadlineMs(intervalMs: number): number {
  return Math.min(intervalMs, MAX_CYCLE_DEADLINE_MS);
}

/** The reason a source was aborted when its cycle ran out of time. */
export class CycleDeadlineError extends Error {
  constructor(cycle: string, deadlineMs: number) {
    super(
      `the ${cycle} did not finish within its deadline of ${Math.round(deadlineMs / 1000)} s ` +
        `(its interval, at most ${MAX_CYCLE_DEADLINE_MS / 60_000} min); what was still running was aborted`,
    );
    this.name = 'CycleDeadlineError';
  }
}

/**
 * A signal that aborts with `parent` or, with a CycleDeadlineError, once `deadlineMs` has passed; `dispose` clears
 * the timer when the cycle ends first. A plain timer rather than AbortSignal.timeout, so fake clocks drive it.
 */
export function cycleSignal(
  parent: AbortSignal,
  cycle: string,
  deadlineMs: number,
): { signal: AbortSignal; dispose: () => void } {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new CycleDeadlineError(cycle, deadlineMs)), deadlineMs);
  return { signal: AbortSignal.any([parent, deadline.signal]), dispose: () => clearTimeout(timer) };
}
