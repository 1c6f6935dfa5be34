import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDirectory, syncDirectory } from '../state/directory.js';
import { keySegments, StateError } from '../state/store.js';
import { RecentIds } from './recent-ids.js';

/**
 * The persisted side of a stream's record-Id cache: an append-only list of Ids, oldest first. Appending is cheap
 * (one small write and an fsync per acknowledged batch, however large the cache); the whole list is rewritten
 * only when it has grown to twice what is kept.
 */
export interface RecordIdLog {
  /** Every Id appended since the last rewrite, oldest first; [] when there is none yet. */
  load(): Promise<string[]>;
  /** Durable when the promise resolves. */
  append(ids: readonly string[]): Promise<void>;
  /** Replaces the whole list atomically (a crash leaves the old list or the new one). */
  rewrite(ids: readonly string[]): Promise<void>;
}

/** Opens the log of a state key (`<tenant id>/audit/<content type>`). */
export type RecordIdLogs = (key: string) => RecordIdLog;

const SUFFIX = '.ids';

/** `<state directory>/<tenant id>/audit/<content type>.ids`: one Id per line. */
export function fileRecordIdLogs(directory: string): RecordIdLogs {
  return (key) => new FileRecordIdLog(`${join(directory, ...keySegments(key))}${SUFFIX}`);
}

export class FileRecordIdLog implements RecordIdLog {
  readonly file: string;
  /** Its directory exists (made once, not on every append). */
  #directoryMade = false;

  constructor(file: string) {
    this.file = file;
  }

  async load(): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new StateError(
        this.file,
        `cannot read record-Id log ${this.file} (${(error as Error).message})`,
        {
          cause: error,
        },
      );
    }
    // A line without its newline is an append a crash cut short; its batch was never committed, so it is dropped
    // and cut off, or the next append would glue an Id to it.
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      await truncate(this.file, Buffer.byteLength(text.slice(0, end))).catch((error: unknown) => {
        throw new StateError(
          this.file,
          `cannot repair record-Id log ${this.file} (${(error as Error).message})`,
          {
            cause: error,
          },
        );
      });
    }
    return text
      .slice(0, end)
      .split('\n')
      .filter((line) => line !== '');
  }

  async append(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      if (!this.#directoryMade) await makeDirectory(dirname(this.file));
      this.#directoryMade = true;
      const handle = await open(this.file, 'a', 0o600);
      try {
        await handle.writeFile(`${ids.join('\n')}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new StateError(
        this.file,
        `cannot append to record-Id log ${this.file} (${(error as Error).message})`,
        {
          cause: error,
        },
      );
    }
  }

  async rewrite(ids: readonly string[]): Promise<void> {
    const directory = dirname(this.file);
    const temp = join(
      directory,
      `.${this.file.slice(directory.length + 1)}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      await makeDirectory(directory);
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(ids.length === 0 ? '' : `${ids.join('\n')}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
      await syncDirectory(directory);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new StateError(
        this.file,
        `cannot rewrite record-Id log ${this.file} (${(error as Error).message})`,
        {
          cause: error,
        },
      );
    }
  }
}

/** For the demo, whose simulated tenant is new on every start. */
export function memoryRecordIdLogs(): RecordIdLogs {
  const logs = new Map<string, string[]>();
  return (key) => {
    keySegments(key);
    return {
      load: async () => [...(logs.get(key) ?? [])],
      append: async (ids) => {
        logs.set(key, [...(logs.get(key) ?? []), ...ids]);
      },
      rewrite: async (ids) => {
        logs.set(key, [...ids]);
      },
    };
  };
}

/**
 * The Ids of the most recent `limit` records a stream delivered, in memory for lookups and in a RecordIdLog for
 * restarts. Ids are added only once the backend acknowledged their records. When the log cannot be written the
 * Ids still count in memory (nothing is sent twice by this process) and are written with the next batch.
 */
export class RecordIdCache {
  readonly #log: RecordIdLog;
  readonly #limit: number;
  readonly #ids: RecentIds;
  /** Lines in the log since its last rewrite. */
  #logged = 0;
  /** Acknowledged Ids the log refused, written first next time (at most `limit`: older ones are evicted anyway). */
  #unsaved: string[] = [];

  private constructor(log: RecordIdLog, limit: number) {
    this.#log = log;
    this.#limit = limit;
    this.#ids = new RecentIds(limit);
  }

  static async open(log: RecordIdLog, limit: number): Promise<RecordIdCache> {
    const cache = new RecordIdCache(log, limit);
    const ids = await log.load();
    cache.#logged = ids.length;
    // Of the last `limit` lines, each Id once, where it was last written (a line repeats an Id that was evicted and
    // delivered again).
    const latest = new Set<string>();
    for (let index = ids.length - 1; index >= Math.max(0, ids.length - limit); index--) {
      latest.add(ids[index] as string);
    }
    for (const id of [...latest].reverse()) cache.#ids.add(id);
    return cache;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  get size(): number {
    return this.#ids.size;
  }

  /**
   * Remembers acknowledged Ids and makes them durable; rejects with the log's error (the Ids are remembered in this
   * process all the same). An Id with a line break cannot be a line of the log: it is remembered in memory only.
   */
  async add(ids: Iterable<string>): Promise<void> {
    const fresh: string[] = [];
    for (const id of ids) {
      if (this.#ids.add(id) && fitsALine(id)) fresh.push(id);
    }
    const pending = this.#unsaved.length > 0 ? [...this.#unsaved, ...fresh].slice(-this.#limit) : fresh;
    if (pending.length === 0) return;
    try {
      if (this.#logged + pending.length > 2 * this.#limit) {
        const kept = [...this.#ids.values()].filter(fitsALine);
        await this.#log.rewrite(kept);
        this.#logged = kept.length;
      } else {
        await this.#log.append(pending);
        this.#logged += pending.length;
      }
      this.#unsaved = [];
    } catch (error) {
      this.#unsaved = pending;
      throw error;
    }
  }
}

function fitsALine(id: string): boolean {
  return !id.includes('\n') && !id.includes('\r');
}
