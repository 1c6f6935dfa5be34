import { keySegments, type Quarantine, quarantineSuffix, type StateRead, type StateStore } from './store.js';

/** A store that forgets on exit: for the demo, which starts a fresh simulated tenant every time. */
export class MemoryStateStore implements StateStore {
  readonly #values = new Map<string, string>();

  async read(key: string): Promise<StateRead> {
    keySegments(key);
    const text = this.#values.get(key);
    return text === undefined ? { status: 'absent' } : { status: 'found', value: JSON.parse(text) };
  }

  async write(key: string, value: unknown): Promise<void> {
    keySegments(key);
    // Stored as JSON so a caller mutating its object afterwards cannot change what was "persisted", exactly as with
    // the file store.
    this.#values.set(key, JSON.stringify(value));
  }

  /** Keeps the value under `<key>.corrupt-<UTC time>`, as the file store keeps the file. */
  async quarantine(key: string, reason: string): Promise<Quarantine> {
    keySegments(key);
    const movedTo = `${key}${quarantineSuffix(Date.now())}`;
    const text = this.#values.get(key);
    if (text !== undefined) this.#values.set(movedTo, text);
    this.#values.delete(key);
    return { file: key, movedTo, reason, lastWrittenMs: undefined };
  }
}
