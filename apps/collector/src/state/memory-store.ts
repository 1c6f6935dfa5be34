import { keySegments, type StateStore } from './store.js';

/** A store that forgets on exit: for the demo, which starts a fresh simulated tenant every time. */
export class MemoryStateStore implements StateStore {
  readonly #values = new Map<string, string>();

  async read(key: string): Promise<unknown | undefined> {
    keySegments(key);
    const text = this.#values.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  async write(key: string, value: unknown): Promise<void> {
    keySegments(key);
    // Stored as JSON so a caller mutating its object afterwards cannot change what was "persisted", exactly as with
    // the file store.
    this.#values.set(key, JSON.stringify(value));
  }
}
