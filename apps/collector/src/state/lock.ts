import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Lives in the state directory and holds the pid of the process that owns the directory. */
export const LOCK_FILE = '.lock';

/** Another live process holds the state directory. */
export class StateLockError extends Error {
  readonly pid: number;

  constructor(directory: string, pid: number) {
    super(
      `state directory ${directory} is in use by process ${pid} (lock file ${join(directory, LOCK_FILE)}): two ` +
        'collectors on one state directory would each announce every event; stop the other one, or give this one ' +
        'its own state.directory',
    );
    this.name = 'StateLockError';
    this.pid = pid;
  }
}

export interface StateLock {
  /** Removes the lock file if it is still this process's. */
  release(): Promise<void>;
}

/** Signal 0 checks that a process exists without touching it; EPERM means it exists under another user. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the state directory for this process: creates the lock file exclusively with this pid. A lock whose
 * process is gone (a crash, a kill -9) is stale and taken over; so is one holding this very pid, which in a
 * container, where the collector is pid 1 on every start, is a previous life of this process.
 */
export async function lockStateDirectory(
  directory: string,
  isAlive: (pid: number) => boolean = processIsAlive,
): Promise<StateLock> {
  const file = join(directory, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o644);
      try {
        await handle.writeFile(`${process.pid}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { release: () => releaseLock(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = await lockHolder(file);
    if (holder !== undefined && holder !== process.pid && isAlive(holder))
      throw new StateLockError(directory, holder);
    await rm(file, { force: true });
  }
}

async function lockHolder(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

async function releaseLock(file: string): Promise<void> {
  if ((await lockHolder(file)) === process.pid) await rm(file, { force: true });
}
