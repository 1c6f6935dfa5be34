import { randomBytes } from 'node:crypto';
import { type FileHandle, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { untilAborted } from '@m365-otel/http';
import { makeDirectory, syncDirectory } from './directory.js';
import { keySegments, StateError, type StateIoOptions, type StateStore } from './store.js';

const SUFFIX = '.json';
const TEMP_SUFFIX = '.tmp';

/**
 * One JSON file per key under a directory (`<dir>/<tenant id>/service-health.json`), replaced atomically: the new
 * content goes to a temp file in the same directory, is fsynced, renamed over the old file, and the directory is
 * fsynced so the rename itself survives a power loss. A reader therefore sees the old file or the new one, never a
 * torn mix. A crash before the rename leaves only a temp file behind, which `read` never looks at (its name does
 * not end in .json) and which the next successful write of that key removes. Every call gives up when its signal
 * aborts, so a hung file system never holds up shutdown.
 */
export class FileStateStore implements StateStore {
  readonly directory: string;
  /** Directories known to exist: checked once, not on every write (a write that finds one gone makes it again). */
  readonly #present = new Set<string>();
  /** Keys whose leftovers were looked for: other processes' temp files can only predate this one's first write. */
  readonly #tidied = new Set<string>();

  constructor(directory: string) {
    this.directory = directory;
  }

  /** The file a key is stored in (for messages and operators). */
  fileOf(key: string): string {
    return `${join(this.directory, ...keySegments(key))}${SUFFIX}`;
  }

  async read(key: string, options: StateIoOptions = {}): Promise<unknown | undefined> {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = await untilAborted(readFile(file, 'utf8'), options.signal);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw new StateError(file, `cannot read state file ${file} (${(error as Error).message})`, {
        cause: error,
      });
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new StateError(
        file,
        `state file ${file} is corrupt (${(error as Error).message}); move it away to start over ` +
          '(what it recorded, such as events already announced, is then forgotten)',
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
