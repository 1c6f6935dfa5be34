/**
 * Metric exports one at a time, coalesced: a request made while an export waits to start joins it. Each export
 * carries every tenant's current metrics, so the cycles of many tenants ending together cost one export after the
 * one under way, never one each; a request made once an export has started gets the next one, which sees its data.
 */
export class ExportQueue {
  readonly #exportOnce: (trigger: string) => Promise<void>;
  #last: Promise<void> = Promise.resolve();
  #waiting: Promise<void> | undefined;

  /** `exportOnce` never rejects (it logs its own failures). */
  constructor(exportOnce: (trigger: string) => Promise<void>) {
    this.#exportOnce = exportOnce;
  }

  /** Resolves when an export that started after this request has ended. */
  request(trigger: string): Promise<void> {
    if (this.#waiting) return this.#waiting;
    const next = this.#last.then(() => {
      this.#waiting = undefined;
      return this.#exportOnce(trigger);
    });
    this.#waiting = next;
    this.#last = next;
    return next;
  }
}
