import type { SelfMetrics } from '../export/self-metrics.js';
import type { Logger } from '../logging/logger.js';
import type { Quarantine, StateIoOptions, StateRead, StateStore } from './store.js';

/** What a source found of its state: nothing yet, its value, or a value it must rebuild (the old one quarantined). */
export type LoadedState<T> =
  | { status: 'absent' }
  | { status: 'found'; value: T }
  | { status: 'rebuilt'; quarantine: Quarantine };

export interface LoadOptions extends StateIoOptions {
  /** What the owner rebuilds when the value is unusable, for the operator (the log line names the file too). */
  rebuilding: string;
}

/** Where the store's failures are told: an error line each, and `m365otel.state.errors` by operation. */
export interface StateObserver {
  logger: Logger;
  selfMetrics: Pick<SelfMetrics, 'recordStateError'>;
}

/**
 * A store in front of another that the process believes first: every value written is kept in memory, also when
 * the underlying store refuses it (a full disk, a directory turned read-only). Reads answer from memory, so a
 * commit that failed after the backend acknowledged the events still counts within this process and nothing is
 * announced twice; the caller writes the value again (`isUnsaved`) until the store has it. Failures are counted
 * here, by operation, whichever source met them.
 */
export class RetainingStateStore implements StateStore {
  readonly #store: StateStore;
  readonly #observer: StateObserver;
  /** JSON text, so a caller mutating its object later cannot change what was committed. */
  readonly #values = new Map<string, string>();
  readonly #unsaved = new Set<string>();

  constructor(store: StateStore, observer: StateObserver) {
    this.#store = store;
    this.#observer = observer;
  }

  async read(key: string, options?: StateIoOptions): Promise<StateRead> {
    const text = this.#values.get(key);
    if (text !== undefined) return { status: 'found', value: JSON.parse(text) };
    try {
      return await this.#store.read(key, options);
    } catch (error) {
      if (!options?.signal?.aborted) this.#observer.selfMetrics.recordStateError('read');
      throw error;
    }
  }

  /**
   * Reads the key's value through `parse` (which throws on a value of the wrong shape). A value the store could not
   * read as JSON, or that `parse` refuses, is quarantined: moved aside, counted, and logged with what the owner
   * rebuilds, which the `rebuilt` answer tells it to do (never guessed from an absent value, which is a first run).
   */
  async load<T>(
    key: string,
    parse: (value: unknown, key: string) => T | undefined,
    options: LoadOptions,
  ): Promise<LoadedState<T>> {
    const read = await this.read(key, options);
    if (read.status === 'absent') return read;
    let quarantine: Quarantine;
    if (read.status === 'quarantined') quarantine = read.quarantine;
    else {
      try {
        const value = parse(read.value, key);
        // A parser answers undefined only for undefined, which no stored JSON is.
        return value === undefined ? { status: 'absent' } : { status: 'found', value };
      } catch (error) {
        quarantine = await this.quarantine(key, (error as Error).message, options);
      }
    }
    this.reportQuarantine(key, quarantine, options.rebuilding);
    return { status: 'rebuilt', quarantine };
  }

  /** Tells of a value set aside as unusable (here or beside the store, as the audit record-Id log): logged, counted. */
  reportQuarantine(key: string, quarantine: Quarantine, rebuilding: string): void {
    this.#observer.selfMetrics.recordStateError('quarantine');
    this.#observer.logger.error(
      `state file quarantined: it cannot be used, so ${rebuilding}; it was moved aside for inspection`,
      { key, file: quarantine.file, movedTo: quarantine.movedTo, reason: quarantine.reason },
    );
  }

  /** Remembers the value, then writes it through; rejects with the store's error, the value still remembered. */
  async write(key: string, value: unknown, options?: StateIoOptions): Promise<void> {
    this.#values.set(key, JSON.stringify(value));
    this.#unsaved.add(key);
    try {
      await this.#store.write(key, value, options);
    } catch (error) {
      if (!options?.signal?.aborted) this.#observer.selfMetrics.recordStateError('write');
      throw error;
    }
    this.#unsaved.delete(key);
  }

  async quarantine(key: string, reason: string, options?: StateIoOptions): Promise<Quarantine> {
    this.#values.delete(key);
    this.#unsaved.delete(key);
    return this.#store.quarantine(key, reason, options);
  }

  /** True while the last value written under the key has not reached the store. */
  isUnsaved(key: string): boolean {
    return this.#unsaved.has(key);
  }
}
