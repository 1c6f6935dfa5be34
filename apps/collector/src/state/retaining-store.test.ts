import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from './memory-store.js';
import { RetainingStateStore } from './retaining-store.js';
import type { StateStore } from './store.js';

const KEY = 'tenant-a/service-health';

describe('RetainingStateStore', () => {
  it('keeps a value the store refused, answers reads with it, and saves it once the store works again', async () => {
    const disk = new MemoryStateStore();
    let writable = false;
    const store = new RetainingStateStore({
      read: (key) => disk.read(key),
      write: async (key, value) => {
        if (!writable) throw new Error('EROFS: read-only file system');
        await disk.write(key, value);
      },
    } satisfies StateStore);
    await expect(store.write(KEY, { v: 1 })).rejects.toThrow('EROFS');
    expect(store.isUnsaved(KEY)).toBe(true);
    expect(await store.read(KEY)).toEqual({ v: 1 });
    expect(await disk.read(KEY)).toBeUndefined();
    writable = true;
    await store.write(KEY, { v: 1 });
    expect(store.isUnsaved(KEY)).toBe(false);
    expect(await disk.read(KEY)).toEqual({ v: 1 });
  });

  it('reads through to the store until something is written, and copies what it keeps', async () => {
    const disk = new MemoryStateStore();
    await disk.write(KEY, { v: 'on disk' });
    const store = new RetainingStateStore(disk);
    expect(await store.read(KEY)).toEqual({ v: 'on disk' });
    const value = { v: 'new' };
    await store.write(KEY, value);
    value.v = 'mutated';
    expect(await store.read(KEY)).toEqual({ v: 'new' });
    expect(store.isUnsaved(KEY)).toBe(false);
  });
});
