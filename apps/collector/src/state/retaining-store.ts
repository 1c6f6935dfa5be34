import type { StateIoOptions, StateStore } from './store.js';

/**
 * A store in front of another that the process believes first: every value written is kept in memory, also when
 * the underlying store refuses it (a full disk, a directory turned read-only). Reads answer from memory, so a
 * commit that failed after the backend acknowledged the events still counts within this process and nothing is
 * announced twice; the caller writes the value again (`isUnsaved`) until the store has it.
 */
export class RetainingStateStore implements StateStore {
  readonly #store: StateStore;
  /** JSON text, so a caller mutating its object later cannot change what was committed. */
  readonly #values = new Map<string, string>();
  readonly #unsaved = new Set<string>();

  constructor(store: StateStore) {
    this.#store = store;
  }

  async read(key: string, options?: StateIoOptions): Promise<unknown | undefined> {
    const text = this.#values.get(key);
    return text === undefined ? this.#store.read(key, options) : JSON.parse(text);
  }

  /** Remembers the value, then writes it through; rejects with the store's error, the value still remembered. */
  async write(key: string, value: unknown, options?: StateIoOptions): Promise<void> {
    this.#values.set(key, JSON.stringify(value));
    this.#unsaved.add(key);
    await this.#store.write(key, value, options);
    this.#unsaved.delete(key);
  }

  /** True while the last value written under the key has not reached the store. */
  isUnsaved(key: string): boolean {
    return this.#unsaved.has(key);
  }
}
