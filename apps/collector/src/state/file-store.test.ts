import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FileStateStore } from './file-store.js';
import { MemoryStateStore } from './memory-store.js';
import { StateError } from './store.js';

const KEY = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f/service-health';

let dir: string;
let store: FileStateStore;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'm365-otel-state-')), 'nested', 'state');
  store = new FileStateStore(dir);
});

describe('FileStateStore', () => {
  it('reads undefined before the first write, creating nothing', async () => {
    expect(await store.read(KEY)).toBeUndefined();
    expect(() => readdirSync(dir)).toThrow();
  });

  it('creates the directories and round-trips JSON, one file per key', async () => {
    await store.write(KEY, { initialized: true, issues: { EX1: 'v1' } });
    await store.write('other-tenant/service-health', { initialized: true });
    expect(await store.read(KEY)).toEqual({ initialized: true, issues: { EX1: 'v1' } });
    expect(JSON.parse(readFileSync(store.fileOf(KEY), 'utf8'))).toEqual({
      initialized: true,
      issues: { EX1: 'v1' },
    });
    expect(store.fileOf(KEY)).toBe(join(dir, '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'service-health.json'));
    expect(readdirSync(dir).sort()).toEqual(['6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'other-tenant']);
  });

  it('replaces the whole value and leaves no temp file behind', async () => {
    await store.write(KEY, { issues: { EX1: 'v1', EX2: 'v1' } });
    await store.write(KEY, { issues: { EX2: 'v2' } });
    expect(await store.read(KEY)).toEqual({ issues: { EX2: 'v2' } });
    expect(readdirSync(join(dir, '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'))).toEqual(['service-health.json']);
  });

  it('ignores a temp file left by a crash before the rename, and the next write removes it', async () => {
    await store.write(KEY, { issues: { EX1: 'committed' } });
    const tenantDir = join(dir, '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f');
    // What a process killed mid-write leaves: a half-written temp file under another pid.
    const leftover = join(tenantDir, '.service-health.999999.deadbeef.tmp');
    writeFileSync(leftover, '{"issues": {"EX1": "uncommit');
    // The restarted process reads the committed value, and its first write of the key tidies up.
    const restarted = new FileStateStore(dir);
    expect(await restarted.read(KEY)).toEqual({ issues: { EX1: 'committed' } });
    await restarted.write(KEY, { issues: { EX1: 'next' } });
    expect(readdirSync(tenantDir)).toEqual(['service-health.json']);
    expect(await restarted.read(KEY)).toEqual({ issues: { EX1: 'next' } });
  });

  it('makes a directory again when it was removed after a first write', async () => {
    await store.write(KEY, { issues: { EX1: 'v1' } });
    rmSync(dir, { recursive: true, force: true });
    await store.write(KEY, { issues: { EX1: 'v2' } });
    expect(await store.read(KEY)).toEqual({ issues: { EX1: 'v2' } });
  });

  it('names the file when it is corrupt, and never overwrites it by reading', async () => {
    const file = store.fileOf(KEY);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '{"initialized": tru');
    const error = await store.read(KEY).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateError);
    expect((error as StateError).file).toBe(file);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^state file ${file.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is corrupt \\(.*JSON.*\\); move it away to start over`,
      ),
    );
    expect(readFileSync(file, 'utf8')).toBe('{"initialized": tru');
  });

  it('treats an empty file (a torn write by some other tool) as corrupt too', async () => {
    const file = store.fileOf(KEY);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '');
    await expect(store.read(KEY)).rejects.toThrow(`state file ${file} is corrupt`);
  });

  it('names the file and the reason when it cannot write', async () => {
    // A file where the tenant's directory should be: fails for root too, unlike a permission test.
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'blocked'), 'not a directory');
    await expect(store.write('blocked/service-health', { a: 1 })).rejects.toThrow(
      `cannot write state file ${join(dir, 'blocked', 'service-health.json')} (EEXIST: file already exists, mkdir '${join(dir, 'blocked')}')`,
    );
  });

  it('rejects keys that would leave the directory', async () => {
    for (const key of ['../escape', 'a/../../b', '/abs', 'a//b', '.hidden', '']) {
      await expect(store.read(key)).rejects.toThrow(`invalid state key ${JSON.stringify(key)}`);
    }
  });
});

describe('MemoryStateStore', () => {
  it('round-trips a copy, so later mutation of the caller’s object is not "persisted"', async () => {
    const memory = new MemoryStateStore();
    const value = { issues: { EX1: 'v1' } as Record<string, string> };
    expect(await memory.read(KEY)).toBeUndefined();
    await memory.write(KEY, value);
    value.issues.EX2 = 'v2';
    expect(await memory.read(KEY)).toEqual({ issues: { EX1: 'v1' } });
  });
});
