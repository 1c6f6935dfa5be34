import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../state/memory-store.js';
import type { StateStore } from '../state/store.js';
import { SourceStatusBoard } from './board.js';
import { WatchedStateStore } from './watched-state.js';

const TENANT = '11111111-1111-4111-8111-111111111111';

/** A store whose disk is full until `healed`. */
function fullDisk(): StateStore & { healed: boolean } {
  const memory = new MemoryStateStore();
  const store = {
    healed: false,
    read: (key: string) => memory.read(key),
    quarantine: (key: string, reason: string) => memory.quarantine(key, reason),
    async write(key: string, value: unknown) {
      if (!store.healed) throw new Error('ENOSPC: no space left on device, write');
      await memory.write(key, value);
    },
  };
  return store;
}

describe('WatchedStateStore', () => {
  it('tells the board a refused write, and the next one that succeeds', async () => {
    const board = new SourceStatusBoard([TENANT]);
    board.record(TENANT, 'reports', { kind: 'succeeded' });
    const disk = fullDisk();
    const store = new WatchedStateStore(disk, board);
    await expect(store.write('a/b', { n: 1 })).rejects.toThrow('ENOSPC');
    expect(board.readiness().checks.stateStore).toBe('failed: ENOSPC: no space left on device, write');
    disk.healed = true;
    await store.write('a/b', { n: 2 });
    expect(board.readiness().ready).toBe(true);
    expect(await store.read('a/b')).toEqual({ status: 'found', value: { n: 2 } });
  });

  it('does not blame the disk for a write given up at shutdown', async () => {
    const board = new SourceStatusBoard([TENANT]);
    const stopped = new AbortController();
    stopped.abort(new Error('the collector is shutting down'));
    await expect(
      new WatchedStateStore(fullDisk(), board).write('a/b', {}, { signal: stopped.signal }),
    ).rejects.toThrow();
    expect(board.readiness().checks.stateStore).toBe('ok');
  });
});
