import { describe, expect, it } from 'vitest';
import { retainingStore, storedValue } from './__fixtures__/retaining.js';
import { MemoryStateStore } from './memory-store.js';
import { StateError, type StateStore } from './store.js';

const KEY = 'tenant-a/service-health';

function parseVersion(value: unknown, key: string): { v: number } {
  if (typeof value !== 'object' || value === null || typeof (value as { v?: unknown }).v !== 'number')
    throw new Error(`state ${key}: "v" is not a number`);
  return value as { v: number };
}

const REBUILDING = 'the versions are rebuilt as a baseline';

describe('RetainingStateStore', () => {
  it('keeps a value the store refused, answers reads with it, and saves it once the store works again', async () => {
    const disk = new MemoryStateStore();
    let writable = false;
    const { state: store, errors } = retainingStore({
      read: (key) => disk.read(key),
      write: async (key, value) => {
        if (!writable) throw new Error('EROFS: read-only file system');
        await disk.write(key, value);
      },
      quarantine: (key, reason) => disk.quarantine(key, reason),
    } satisfies StateStore);
    await expect(store.write(KEY, { v: 1 })).rejects.toThrow('EROFS');
    expect(errors).toEqual(['write']);
    expect(store.isUnsaved(KEY)).toBe(true);
    expect(await store.read(KEY)).toEqual({ status: 'found', value: { v: 1 } });
    expect(await disk.read(KEY)).toEqual({ status: 'absent' });
    writable = true;
    await store.write(KEY, { v: 1 });
    expect(store.isUnsaved(KEY)).toBe(false);
    expect(await storedValue(disk, KEY)).toEqual({ v: 1 });
    expect(errors).toEqual(['write']);
  });

  it('reads through to the store until something is written, and copies what it keeps', async () => {
    const disk = new MemoryStateStore();
    await disk.write(KEY, { v: 'on disk' });
    const { state: store } = retainingStore(disk);
    expect(await storedValue(store, KEY)).toEqual({ v: 'on disk' });
    const value = { v: 'new' };
    await store.write(KEY, value);
    value.v = 'mutated';
    expect(await storedValue(store, KEY)).toEqual({ v: 'new' });
    expect(store.isUnsaved(KEY)).toBe(false);
  });

  it('loads a value through its parser, and tells a first run (absent) from a value to rebuild', async () => {
    const disk = new MemoryStateStore();
    const { state, lines, errors } = retainingStore(disk);
    expect(await state.load(KEY, parseVersion, { rebuilding: REBUILDING })).toEqual({ status: 'absent' });
    await disk.write(KEY, { v: 3 });
    expect(await state.load(KEY, parseVersion, { rebuilding: REBUILDING })).toEqual({
      status: 'found',
      value: { v: 3 },
    });
    expect(lines).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('quarantines a value its parser refuses: moved aside, logged with what is rebuilt, counted', async () => {
    const disk = new MemoryStateStore();
    await disk.write(KEY, { v: 'not a number' });
    const { state, lines, errors } = retainingStore(disk);
    const loaded = await state.load(KEY, parseVersion, { rebuilding: REBUILDING });
    expect(loaded).toMatchObject({
      status: 'rebuilt',
      quarantine: { file: KEY, reason: `state ${KEY}: "v" is not a number` },
    });
    const movedTo = loaded.status === 'rebuilt' ? loaded.quarantine.movedTo : '';
    expect(movedTo).toMatch(/^tenant-a\/service-health\.corrupt-\d{8}T\d{6}\.\d{3}Z$/);
    expect(await storedValue(disk, movedTo)).toEqual({ v: 'not a number' });
    expect(await disk.read(KEY)).toEqual({ status: 'absent' });
    expect(errors).toEqual(['quarantine']);
    expect(lines).toMatchObject([
      {
        level: 'error',
        msg: `state file quarantined: it cannot be used, so ${REBUILDING}; it was moved aside for inspection`,
        key: KEY,
        file: KEY,
        movedTo,
      },
    ]);
  });

  it('rebuilds what the store itself quarantined (a file that is not JSON)', async () => {
    const quarantine = {
      file: '/state/t/service-health.json',
      movedTo: '/state/x',
      reason: 'not JSON',
      lastWrittenMs: 5,
    };
    const { state, errors } = retainingStore({
      read: async () => ({ status: 'quarantined', quarantine }),
      write: async () => undefined,
      quarantine: async () => quarantine,
    });
    expect(await state.load(KEY, parseVersion, { rebuilding: REBUILDING })).toEqual({
      status: 'rebuilt',
      quarantine,
    });
    expect(errors).toEqual(['quarantine']);
  });

  it('counts a read the store fails (an unreadable file) and passes its error on', async () => {
    const { state, errors } = retainingStore({
      read: async () => {
        throw new StateError('/state/t/service-health.json', 'cannot read state file (EACCES)');
      },
      write: async () => undefined,
      quarantine: async () => {
        throw new Error('not called');
      },
    });
    await expect(state.load(KEY, parseVersion, { rebuilding: REBUILDING })).rejects.toThrow('EACCES');
    expect(errors).toEqual(['read']);
  });
});
