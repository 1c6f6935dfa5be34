import { randomBytes } from 'node:crypto';
import { type FileHandle, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { untilAborted } from '@m365-otel/http';
import { makeDirectory, syncDirectory } from './directory.js';
import {
  keySegments,
  QUARANTINE_MARK,
  type Quarantine,
  quarantineSuffix,
  StateError,
  type StateIoOptions,
  type StateRead,
  type StateStore,
} from './store.js';

const SUFFIX = '.json';
const TEMP_SUFFIX = '.tmp';

/**
 * One JSON file per key under a directory (`<dir>/<tenant id>/service-health.json`), replaced atomically: the new
 * content goes to a temp file in the same directory, is fsynced, renamed over the old file, and the directory is
 * fsynced so the rename itself survives a power loss. A reader therefore sees the old file or the new one, never a
 * torn mix. A crash before the rename leaves only a temp file behind, which `read` never looks at (its name does
 * not end in .json) and which the next successful write of that key removes. A file that is not JSON (truncated or
 * damaged by something else: a disk, a restore, a hand edit) is moved aside as `<file>.corrupt-<UTC time>`, where
 * the operator can look at it, and read as `quarantined`. Every call gives up when its signal aborts, so a hung
 * file system never holds up shutdown.
 */
export class FileStateStore implements StateStore {
  readonly directory: string;
  /** Directories known to exist: checked once, not on every write (a write that finds one gone makes it again). */
  readonly #present = new Set<string>();
  /** Keys whose leftovers were looked for: other processes' temp files can only predate this one's first write. */
  readonly #tidied = new Set<string>();

  readonly #now: () => number;

  constructor(directory: string, options: { now?: () => number } = {}) {
    this.directory = directory;
    this.#now = options.now ?? Date.now;
  }

  /** The file a key is stored in (for messages and operators). */
  fileOf(key: string): string {
    return `${join(this.directory, ...keySegments(key))}${SUFFIX}`;
  }

  async read(key: string, options: StateIoOptions = {}): Promise<StateRead> {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await untilAborted(readFile(file, 'utf8'), options.signal);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT')
        throw new StateError(file, `cannot read state file ${file} (${(error as Error).message})`, {
          cause: error,
        });
      const pending = await untilAborted(quarantinedEarlier(file), options.signal).catch(() => undefined);
      return pending === undefined ? { status: 'absent' } : { status: 'quarantined', quarantine: pending };
    }
    try {
      return { status: 'found', value: JSON.parse(text) };
    } catch (error) {
      const reason = `not JSON (${(error as Error).message})`;
      return { status: 'quarantined', quarantine: await this.quarantine(key, reason, options) };
    }
  }

  async quarantine(key: string, reason: string, options: StateIoOptions = {}): Promise<Quarantine> {
    const file = this.fileOf(key);
    const movedTo = `${file}${quarantineSuffix(this.#now())}`;
    const moveAside = async () => {
      const { mtimeMs } = await stat(file);
      await rename(file, movedTo);
      await syncDirectory(dirname(file));
      return mtimeMs;
    };
    try {
      const lastWrittenMs = await untilAborted(moveAside(), options.signal);
      return { file, movedTo, reason, lastWrittenMs };
    } catch (error) {
      throw new StateError(
        file,
        `state file ${file} is unusable (${reason}) and cannot be moved aside to ${movedTo} (${(error as Error).message})`,
        { cause: error },
      );
    }
  }

  async write(key: string, value: unknown, options: StateIoOptions = {}): Promise<void> {
    const file = this.fileOf(key);
    const directory = dirname(file);
    const name = keySegments(key).at(-1) ?? '';
    const temp = join(directory, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
    const replace = async () => {
      const handle = await this.#createIn(directory, temp);
      try {
        await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
      await syncDirectory(directory);
    };
    try {
      await untilAborted(replace(), options.signal);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      // Node's message names the failing call and path (`EEXIST: file already exists, mkdir '/state/t'`).
      throw new StateError(file, `cannot write state file ${file} (${(error as Error).message})`, {
        cause: error,
      });
    }
    if (this.#tidied.has(key)) return;
    this.#tidied.add(key);
    // Tidying only: a leftover that cannot be removed is harmless, so it must not fail a write that succeeded.
    await removeLeftovers(directory, name).catch(() => undefined);
  }

  /** Creates `file` (exclusively) in `directory`, making the directory first when it is not known to exist. */
  async #createIn(directory: string, file: string): Promise<FileHandle> {
    if (this.#present.has(directory)) {
      try {
        return await open(file, 'wx', 0o600);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
        this.#present.delete(directory);
      }
    }
    await makeDirectory(directory);
    this.#present.add(directory);
    return open(file, 'wx', 0o600);
  }
}

/**
 * A file quarantined before and not written since: the process that moved it aside stopped before its owner
 * committed the rebuilt value, so this start rebuilds too (rather than taking the key for a first run, which would
 * send the history again).
 */
async function quarantinedEarlier(file: string): Promise<Quarantine | undefined> {
  const prefix = `${basename(file)}${QUARANTINE_MARK}`;
  const directory = dirname(file);
  const newest = (await readdir(directory))
    .filter((entry) => entry.startsWith(prefix))
    .sort()
    .at(-1);
  if (newest === undefined) return undefined;
  const movedTo = join(directory, newest);
  const { mtimeMs } = await stat(movedTo);
  return {
    file,
    movedTo,
    reason: 'moved aside by an earlier start, not rebuilt yet',
    lastWrittenMs: mtimeMs,
  };
}

/** Temp files of this key left by a process that crashed between writing and renaming. */
async function removeLeftovers(directory: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  const own = `${prefix}${process.pid}.`;
  for (const entry of await readdir(directory)) {
    // This process's own temp files belong to writes still in flight.
    if (entry.startsWith(prefix) && entry.endsWith(TEMP_SUFFIX) && !entry.startsWith(own)) {
      await rm(join(directory, entry), { force: true });
    }
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
