/**
 * Progress that must survive a restart (service-health versions already announced, later audit cursors). Keys are
 * slash-separated names such as `<tenant id>/service-health`; values are JSON-compatible. A replica owns a disjoint
 * set of tenants, and the file store's directory is locked by one process, so a store is never written by two.
 */
export interface StateStore {
  /** The stored value, or undefined when nothing was ever written under the key. */
  read(key: string, options?: StateIoOptions): Promise<unknown | undefined>;
  /** Replaces the value; when the promise resolves the value is durable (a crash afterwards keeps it). */
  write(key: string, value: unknown, options?: StateIoOptions): Promise<void>;
}

export interface StateIoOptions {
  /** Gives up waiting (rejecting with the signal's reason) when aborted: shutdown, or the cycle's deadline. */
  signal?: AbortSignal;
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
