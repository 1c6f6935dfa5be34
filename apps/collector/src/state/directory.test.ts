import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkStateDirectory, pseudoFilesystemOf } from './directory.js';
import { FileStateStore } from './file-store.js';
import { LOCK_FILE, lockStateDirectory, StateLockError } from './lock.js';
import { StateError } from './store.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'm365-otel-state-dir-'));
});

describe('checkStateDirectory', () => {
  it('creates an absent directory and leaves nothing behind but the directory', async () => {
    const directory = join(root, 'a', 'b');
    await checkStateDirectory(directory);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('says why a directory cannot be written, before anything is announced', async () => {
    writeFileSync(join(root, 'blocked'), 'a file where the directory should be');
    const error = await checkStateDirectory(join(root, 'blocked', 'state')).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StateError);
    expect(String(error)).toContain(`state directory ${join(root, 'blocked', 'state')} is not writable (`);
  });

  it('refuses kernel interfaces, by path and by file-system type, without touching them', async () => {
    await expect(checkStateDirectory('/proc/m365-otel/state')).rejects.toThrow(
      'state directory /proc/m365-otel/state cannot hold state: it is under /proc',
    );
    expect(await pseudoFilesystemOf('/sys/fs/m365')).toBe('it is under /sys');
    expect(await pseudoFilesystemOf('/dev/shm/m365')).toBeUndefined();
    expect(await pseudoFilesystemOf(join(root, 'state'))).toBeUndefined();
  });

  it('lets a write under /proc fail instead of hanging (Node’s recursive mkdir never settles there)', async () => {
    const store = new FileStateStore('/proc/m365-otel-state');
    await expect(store.write('tenant/service-health', { a: 1 })).rejects.toThrow(
      'cannot write state file /proc/m365-otel-state/tenant/service-health.json',
    );
  });

  it('stops waiting for a file-system call when the signal aborts', async () => {
    const store = new FileStateStore(join(root, 'state'));
    const stop = new AbortController();
    stop.abort(new Error('shutting down'));
    await expect(store.write('tenant/service-health', { a: 1 }, { signal: stop.signal })).rejects.toThrow(
      'shutting down',
    );
    await expect(store.read('tenant/service-health', { signal: stop.signal })).rejects.toThrow(
      'shutting down',
    );
  });
});

describe('lockStateDirectory', () => {
  it('lets one process hold the directory and refuses another, naming the holder', async () => {
    const lock = await lockStateDirectory(root);
    expect(readFileSync(join(root, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    // Another process (pid 4242, alive) holding it:
    writeFileSync(join(root, LOCK_FILE), '4242\n');
    const error = await lockStateDirectory(root, () => true).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateLockError);
    expect((error as StateLockError).pid).toBe(4242);
    expect(String(error)).toContain(`state directory ${root} is in use by process 4242`);
    // Not ours any more: release leaves the other process's lock alone.
    await lock.release();
    expect(readFileSync(join(root, LOCK_FILE), 'utf8')).toBe('4242\n');
  });

  it('takes over a lock whose process is gone, or that holds this very pid (a restarted container)', async () => {
    writeFileSync(join(root, LOCK_FILE), '4242\n');
    const taken = await lockStateDirectory(root, () => false);
    expect(readFileSync(join(root, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    const again = await lockStateDirectory(root, () => true);
    await again.release();
    expect(readdirSync(root)).toEqual([]);
    await taken.release();
  });
});
