/** At most `limit` holders at a time; the others wait in arrival order. */
export class Semaphore {
  readonly #limit: number;
  #held = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Resolves with the release of one slot once one is free; an abort while waiting gives up the turn. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#held < this.#limit) {
      this.#held++;
    } else {
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.#waiting.splice(this.#waiting.indexOf(turn), 1);
          reject(signal?.reason);
        };
        this.#waiting.push(turn);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // A waiter inherits the slot directly, so a newcomer cannot overtake it.
      const next = this.#waiting.shift();
      if (next === undefined) this.#held--;
      else next();
    };
  }
}
