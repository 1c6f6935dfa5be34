import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { mkdir, open, rm, stat, statfs } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { untilAborted } from '@m365-otel/http';
import { StateError } from './store.js';

/**
 * Kernel interfaces that look like directories but store nothing (statfs magic numbers from linux/magic.h). Node's
 * recursive mkdir never settles under /proc (it spins at full CPU in a worker thread, and the process cannot exit).
 */
const PSEUDO_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x62656570, 'configfs'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
]);
/** Also refused by path, for systems where statfs does not tell (the type is Linux's). */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];
const PSEUDO_EXCEPTIONS = ['/dev/shm'];

/** The first existing directory at or above `path` (the root always exists). */
async function nearestExisting(path: string): Promise<string> {
  for (let current = path; ; current = dirname(current)) {
    try {
      await stat(current);
      return current;
    } catch (error) {
      if (dirname(current) === current) throw error;
    }
  }
}

/**
 * The pseudo file system root (/proc, /sys, /dev) that `directory` lies under, by its path or, through symlinks, by
 * where it really is; undefined when it is elsewhere. Synchronous and cheap, so the config schema can say it early.
 */
export function pseudoRootOf(directory: string): string | undefined {
  const absolute = resolve(directory);
  return pseudoRootByPath(absolute) ?? pseudoRootByPath(realLocation(absolute));
}

function pseudoRootByPath(absolute: string): string | undefined {
  const under = (root: string) => absolute === root || absolute.startsWith(`${root}${sep}`);
  if (PSEUDO_EXCEPTIONS.some(under)) return undefined;
  return PSEUDO_ROOTS.find(under);
}

/** `path` with the symlinks of its existing part resolved; the part that does not exist yet is kept as written. */
function realLocation(path: string): string {
  const missing: string[] = [];
  for (let existing = path; ; existing = dirname(existing)) {
    try {
      return join(realpathSync(existing), ...missing);
    } catch {
      if (dirname(existing) === existing) return path;
      missing.unshift(basename(existing));
    }
  }
}

/** Why `directory` lies on a pseudo file system, or undefined when it does not. */
export async function pseudoFilesystemOf(directory: string): Promise<string | undefined> {
  const root = pseudoRootOf(directory);
  if (root !== undefined) return `it is under ${root}`;
  const { type } = await statfs(await nearestExisting(resolve(directory)));
  const name = PSEUDO_FILESYSTEMS.get(type);
  return name === undefined ? undefined : `it is on a ${name} file system`;
}

/**
 * mkdir -p that creates one level at a time (Node's recursive mkdir can spin forever on a pseudo file system),
 * fsyncing the parent of each directory it created so the new entries are durable too.
 */
export async function makeDirectory(directory: string): Promise<void> {
  const existing = await nearestExisting(directory);
  // A file in the way: mkdir says so in Node's usual words (EEXIST: file already exists, mkdir '...').
  if (!(await stat(existing)).isDirectory()) await mkdir(existing);
  const missing: string[] = [];
  for (let current = directory; current !== existing; current = dirname(current)) missing.unshift(current);
  for (const entry of missing) {
    try {
      await mkdir(entry);
    } catch (error) {
      // Another writer may have made it meanwhile; anything else (a file in the way) is for the caller.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !(await stat(entry)).isDirectory())
        throw error;
    }
    await syncDirectory(dirname(entry));
  }
}

export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot fsync a directory; the rename is then as durable as that file system makes it.
    if (!['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? ''))
      throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Makes sure the state directory can hold state before anything is announced: not a pseudo file system, created
 * when absent, and writable (a probe file is written, synced and removed). Throws a StateError saying what is wrong.
 */
export async function checkStateDirectory(directory: string): Promise<void> {
  const pseudo = await pseudoFilesystemOf(directory);
  if (pseudo !== undefined) {
    throw new StateError(
      directory,
      `state directory ${directory} cannot hold state: ${pseudo}, which is a kernel interface, not storage`,
    );
  }
  const probe = join(directory, `.probe.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    await makeDirectory(directory);
    const handle = await open(probe, 'wx', 0o600);
    try {
      await handle.writeFile('probe\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new StateError(
      directory,
      `state directory ${directory} is not writable (${(error as Error).message}); events would be announced ` +
        'again after every restart',
      { cause: error },
    );
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** How long the check at start may take: a hung mount must not hang `validate` or `run` before they begin. */
const CHECK_TIMEOUT_MS = 30_000;

/** checkStateDirectory as a config problem (`state.directory: reason`), or undefined when the directory is fine. */
export async function stateDirectoryProblem(directory: string): Promise<string | undefined> {
  try {
    const timeout = new AbortController();
    const timer = setTimeout(
      () =>
        timeout.abort(
          new Error(`state directory ${directory} did not answer within ${CHECK_TIMEOUT_MS / 1000} s`),
        ),
      CHECK_TIMEOUT_MS,
    );
    await untilAborted(checkStateDirectory(directory), timeout.signal).finally(() => clearTimeout(timer));
    return undefined;
  } catch (error) {
    return `state.directory: ${(error as Error).message}`;
  }
}
