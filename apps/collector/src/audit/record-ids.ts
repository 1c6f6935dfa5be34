import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { copyFile, open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDirectory, syncDirectory } from '../state/directory.js';
import { keySegments, type Quarantine, quarantineSuffix, StateError } from '../state/store.js';
import { RecentIds } from './recent-ids.js';

/**
 * The persisted side of a stream's record-Id cache: an append-only list of Ids, oldest first. Appending is cheap
 * (one small write and an fsync per acknowledged batch, however large the cache); the whole list is rewritten
 * only when it has grown to twice what is kept.
 */
export interface RecordIdLog {
  /** Every Id appended since the last rewrite, oldest first; none when there is none yet. */
  load(): Promise<RecordIdLines>;
  /** Durable when the promise resolves. */
  append(ids: readonly string[]): Promise<void>;
  /** Replaces the whole list atomically (a crash leaves the old list or the new one). */
  rewrite(ids: readonly string[]): Promise<void>;
}

/**
 * The Ids of a log, oldest first, each made a string when asked for: a log holds up to twice `dedupCacheSize` Ids,
 * and as strings all at once (five streams opening together) they would be a few hundred MB of heap at start. An
 * array of strings is one too.
 */
export interface RecordIdLines extends Iterable<string> {
  readonly length: number;
  /** The Id at `index`, from 0 to length − 1. */
  at(index: number): string | undefined;
  /** Set when the log held lines no Id can be (garbage a disk left): the file was copied aside and kept without them. */
  readonly quarantine?: Quarantine | undefined;
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

  readonly #now: () => number;

  constructor(file: string, now: () => number = Date.now) {
    this.file = file;
    this.#now = now;
  }

  async load(): Promise<RecordIdLines> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
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
    const end = bytes.lastIndexOf(NEWLINE) + 1;
    if (end < bytes.length) {
      await truncate(this.file, end).catch((error: unknown) => {
        throw new StateError(
          this.file,
          `cannot repair record-Id log ${this.file} (${(error as Error).message})`,
          {
            cause: error,
          },
        );
      });
    }
    const lines = new LogLines(bytes.subarray(0, end));
    if (lines.discarded === 0) return lines;
    // Garbage (a block of zeros a crash left, bytes that are not text) is set aside for the operator and cut out of
    // the log; the readable Ids are kept, so what they de-duplicate is not sent again.
    const movedTo = `${this.file}${quarantineSuffix(this.#now())}`;
    const kept = lines.bytes();
    try {
      await copyFile(this.file, movedTo);
      await this.#replace(kept);
    } catch (error) {
      throw new StateError(
        this.file,
        `cannot repair record-Id log ${this.file} (${(error as Error).message})`,
        {
          cause: error,
        },
      );
    }
    const reason = `${lines.discarded} line(s) that are not record Ids`;
    return new LogLines(kept, { file: this.file, movedTo, reason, lastWrittenMs: undefined });
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
    try {
      await this.#replace(Buffer.from(ids.length === 0 ? '' : `${ids.join('\n')}\n`, 'utf8'));
    } catch (error) {
      throw new StateError(
        this.file,
        `cannot rewrite record-Id log ${this.file} (${(error as Error).message})`,
        {
          cause: error,
        },
      );
    }
  }

  /** Replaces the file atomically: a temp file, fsynced, renamed over it, the directory fsynced. */
  async #replace(content: Buffer): Promise<void> {
    const directory = dirname(this.file);
    const temp = join(
      directory,
      `.${this.file.slice(directory.length + 1)}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      await makeDirectory(directory);
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
      await syncDirectory(directory);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }
}

const NEWLINE = 0x0a;

function isIdLine(line: Buffer): boolean {
  for (const byte of line) if (byte < 0x20 || byte === 0x7f) return false;
  return isUtf8(line);
}

/**
 * The Id lines of a log file's bytes (each ending with a newline), decoded one at a time. Empty lines are skipped,
 * and so are lines no Id can be: with a control character (a NUL block a crash left behind) or not UTF-8.
 */
class LogLines implements RecordIdLines {
  readonly #bytes: Buffer;
  /** Where each Id line starts; it ends at the next newline. */
  readonly #starts: Int32Array;
  /** Non-empty lines skipped as garbage. */
  readonly discarded: number;
  readonly quarantine: Quarantine | undefined;

  constructor(bytes: Buffer, quarantine?: Quarantine) {
    this.#bytes = bytes;
    this.quarantine = quarantine;
    let count = 0;
    let discarded = 0;
    for (let at = 0; at < bytes.length; at = bytes.indexOf(NEWLINE, at) + 1) {
      if (bytes[at] === NEWLINE) continue;
      if (isIdLine(bytes.subarray(at, bytes.indexOf(NEWLINE, at)))) count++;
      else discarded++;
    }
    this.discarded = discarded;
    this.#starts = new Int32Array(count);
    let line = 0;
    for (let at = 0; at < bytes.length; at = bytes.indexOf(NEWLINE, at) + 1)
      if (
        bytes[at] !== NEWLINE &&
        (discarded === 0 || isIdLine(bytes.subarray(at, bytes.indexOf(NEWLINE, at))))
      )
        this.#starts[line++] = at;
  }

  /** The Id lines alone, as a log file holds them. */
  bytes(): Buffer {
    return Buffer.concat(
      Array.from(this.#starts, (start) =>
        this.#bytes.subarray(start, this.#bytes.indexOf(NEWLINE, start) + 1),
      ),
    );
  }

  get length(): number {
    return this.#starts.length;
  }

  at(index: number): string | undefined {
    const start = this.#starts[index];
    return start === undefined
      ? undefined
      : this.#bytes.toString('utf8', start, this.#bytes.indexOf(NEWLINE, start));
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let index = 0; index < this.length; index++) yield this.at(index) as string;
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
  /** Garbage the log held when opened, set aside (the owner tells the operator). */
  quarantine: Quarantine | undefined;

  private constructor(log: RecordIdLog, limit: number) {
    this.#log = log;
    this.#limit = limit;
    this.#ids = new RecentIds(limit);
  }

  static async open(log: RecordIdLog, limit: number): Promise<RecordIdCache> {
    const cache = new RecordIdCache(log, limit);
    const lines = await log.load();
    cache.#logged = lines.length;
    cache.quarantine = lines.quarantine;
    // Of the last `limit` lines, each Id once, where it was last written (a line repeats an Id that was evicted and
    // delivered again): walking back from the newest line, an Id seen already is an older copy. The lines are read
    // one at a time, twice, rather than held as strings.
    const seen = new RecentIds(limit);
    const latest = new Int32Array(Math.min(limit, lines.length));
    let count = 0;
    for (let index = lines.length - 1; index >= Math.max(0, lines.length - limit); index--) {
      if (seen.add(lines.at(index) as string)) latest[count++] = index;
    }
    while (count > 0) cache.#ids.add(lines.at(latest[--count] as number) as string);
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
