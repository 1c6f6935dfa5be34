/**
 * Progress that must survive a restart (service-health versions already announced, audit checkpoints, cursors).
 * Keys are slash-separated names such as `<tenant id>/service-health`; values are JSON-compatible. A replica owns a
 * disjoint set of tenants, and the file store's directory is locked by one process, so a store is never written by
 * two.
 */
export interface StateStore {
  /**
   * What is stored under the key: nothing yet (the first run), the value, or `quarantined` when what was stored
   * cannot be used (a corrupt or truncated file): it was moved aside and the key reads as absent from then on.
   */
  read(key: string, options?: StateIoOptions): Promise<StateRead>;
  /** Replaces the value; when the promise resolves the value is durable (a crash afterwards keeps it). */
  write(key: string, value: unknown, options?: StateIoOptions): Promise<void>;
  /**
   * Moves the key's value aside where an operator can look at it (a value the store could read but its owner
   * cannot use), so the owner can rebuild it; the key reads as absent afterwards.
   */
  quarantine(key: string, reason: string, options?: StateIoOptions): Promise<Quarantine>;
}

export type StateRead =
  | { readonly status: 'absent' }
  | { readonly status: 'found'; readonly value: unknown }
  | { readonly status: 'quarantined'; readonly quarantine: Quarantine };

/** A stored value set aside as unusable. */
export interface Quarantine {
  /** Where the value was (the state file). */
  file: string;
  /** Where it is now: `<file>.corrupt-<UTC time>`. */
  movedTo: string;
  /** Why it could not be used. */
  reason: string;
  /**
   * When the value was last written, as far as the store can tell (the file's modification time; a file is
   * written at each commit), or undefined.
   */
  lastWrittenMs: number | undefined;
}

export interface StateIoOptions {
  /** Gives up waiting (rejecting with the signal's reason) when aborted: shutdown, or the cycle's deadline. */
  signal?: AbortSignal;
}

/** What a quarantined value's name has after the key's: `.corrupt-` and the UTC time. */
export const QUARANTINE_MARK = '.corrupt-';

/** The suffix a quarantined value is moved aside under: `.corrupt-20261130T134502.123Z`, sortable and unique enough. */
export function quarantineSuffix(nowMs: number): string {
  return `${QUARANTINE_MARK}${new Date(nowMs).toISOString().replaceAll(/[-:]/g, '')}`;
}

/** A state file that cannot be used as it is: unreadable, or not the JSON the collector wrote. */
export class StateError extends Error {
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StateError';
    this.file = file;
  }
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Keys become file paths: each segment is checked so no key can climb out of the state directory. */
export function keySegments(key: string): string[] {
  const segments = key.split('/');
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) {
      throw new Error(
        `invalid state key ${JSON.stringify(key)}: segments are letters, digits, '.', '_' and '-', starting with a letter or digit`,
      );
    }
  }
  return segments;
}
