/**
 * Beyond this, the local clock is not trusted for Microsoft's time limits. The `Date` header has whole seconds and
 * an answer's latency is in it, both far inside a minute; a caller's own margins absorb what is left.
 */
export const CLOCK_SKEW_TOLERANCE_MS = 60_000;

/**
 * The server's time as its answers' `Date` headers tell it: local time corrected by the latest estimate of the
 * skew (server minus local) once that exceeds the tolerance. `onChange` hears each change of the skew in use by
 * more than the tolerance (a clock going wrong, or being fixed).
 */
export class ServerClock {
  readonly #localNow: () => number;
  readonly #onChange: (skewMs: number) => void;
  #appliedMs = 0;

  constructor(localNow: () => number, onChange: (skewMs: number) => void) {
    this.#localNow = localNow;
    this.#onChange = onChange;
  }

  now(): number {
    return this.#localNow() + this.#appliedMs;
  }

  /** One answer's `Date` header, as received at local time `receivedAtMs`; a missing or unreadable one is ignored. */
  observe(dateHeader: string | undefined, receivedAtMs: number): void {
    const dateMs = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
    if (Number.isNaN(dateMs)) return;
    // The header is cut to the second: the server's moment lies within the second that follows it.
    const skewMs = dateMs + 500 - receivedAtMs;
    const applied = Math.abs(skewMs) > CLOCK_SKEW_TOLERANCE_MS ? skewMs : 0;
    const changed = Math.abs(applied - this.#appliedMs) > CLOCK_SKEW_TOLERANCE_MS;
    this.#appliedMs = applied;
    if (changed) this.#onChange(skewMs);
  }
}
