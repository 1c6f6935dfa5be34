import type { Quarantine, StateIoOptions, StateRead, StateStore } from '../state/store.js';
import type { SourceStatusBoard } from './board.js';

/**
 * The collector's state store, each write's outcome told to the board: readiness needs a store that writes. A write
 * given up because its poll was aborted (shutdown, a deadline) says nothing about the disk and is not told.
 */
export class WatchedStateStore implements StateStore {
  readonly #store: StateStore;
  readonly #board: Pick<SourceStatusBoard, 'stateWritten' | 'stateWriteFailed'>;

  constructor(store: StateStore, board: Pick<SourceStatusBoard, 'stateWritten' | 'stateWriteFailed'>) {
    this.#store = store;
    this.#board = board;
  }

  read(key: string, options?: StateIoOptions): Promise<StateRead> {
    return this.#store.read(key, options);
  }

  quarantine(key: string, reason: string, options?: StateIoOptions): Promise<Quarantine> {
    return this.#store.quarantine(key, reason, options);
  }

  async write(key: string, value: unknown, options?: StateIoOptions): Promise<void> {
    try {
      await this.#store.write(key, value, options);
    } catch (error) {
      if (!options?.signal?.aborted) this.#board.stateWriteFailed(error);
      throw error;
    }
    this.#board.stateWritten();
  }
}
