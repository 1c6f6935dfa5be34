/** The longest delay a Node timer holds (2^31-1 ms, about 24.8 days); a longer one fires after 1 ms instead. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * Waits `ms` (any length) or until `signal` aborts, whichever comes first; never rejects. Long waits are a chain
 * of timers each within MAX_TIMER_DELAY_MS, so an interval of 30 days waits 30 days instead of firing at once.
 */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let remaining = ms;
  while (remaining > 0 && !signal.aborted) {
    const step = Math.min(remaining, MAX_TIMER_DELAY_MS);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, step);
      signal.addEventListener('abort', done, { once: true });
    });
    remaining -= step;
  }
}
