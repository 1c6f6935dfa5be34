import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { storedValue } from './__fixtures__/retaining.js';
import { FileStateStore } from './file-store.js';
import { MemoryStateStore } from './memory-store.js';

const KEY = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f/service-health';

/** 2026-11-30T13:45:02.123Z, the store's clock: the name a quarantined file gets is fixed. */
const NOW = Date.UTC(2026, 10, 30, 13, 45, 2, 123);

let dir: string;
let store: FileStateStore;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'm365-otel-state-')), 'nested', 'state');
  store = new FileStateStore(dir, { now: () => NOW });
});

describe('FileStateStore', () => {
  it('reads absent before the first write, creating nothing', async () => {
    expect(await store.read(KEY)).toEqual({ status: 'absent' });
    expect(() => readdirSync(dir)).toThrow();
  });

  it('creates the directories and round-trips JSON, one file per key', async () => {
    await store.write(KEY, { initialized: true, issues: { EX1: 'v1' } });
    await store.write('other-tenant/service-health', { initialized: true });
    expect(await storedValue(store, KEY)).toEqual({ initialized: true, issues: { EX1: 'v1' } });
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
    expect(await storedValue(store, KEY)).toEqual({ issues: { EX2: 'v2' } });
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
    expect(await storedValue(restarted, KEY)).toEqual({ issues: { EX1: 'committed' } });
    await restarted.write(KEY, { issues: { EX1: 'next' } });
    expect(readdirSync(tenantDir)).toEqual(['service-health.json']);
    expect(await storedValue(restarted, KEY)).toEqual({ issues: { EX1: 'next' } });
  });

  it('makes a directory again when it was removed after a first write', async () => {
    await store.write(KEY, { issues: { EX1: 'v1' } });
    rmSync(dir, { recursive: true, force: true });
    await store.write(KEY, { issues: { EX1: 'v2' } });
    expect(await storedValue(store, KEY)).toEqual({ issues: { EX1: 'v2' } });
  });

  it('quarantines a file that is not JSON: moved aside with its UTC time, read as quarantined, never overwritten', async () => {
    const file = store.fileOf(KEY);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '{"initialized": tru');
    const lastWrittenMs = Date.UTC(2026, 10, 30, 12, 0, 0);
    utimesSync(file, lastWrittenMs / 1000, lastWrittenMs / 1000);
    const movedTo = `${file}.corrupt-20261130T134502.123Z`;
    expect(await store.read(KEY)).toEqual({
      status: 'quarantined',
      quarantine: { file, movedTo, reason: expect.stringMatching(/^not JSON \(.*JSON.*\)$/), lastWrittenMs },
    });
    expect(readFileSync(movedTo, 'utf8')).toBe('{"initialized": tru');
    expect(readdirSync(join(file, '..'))).toEqual(['service-health.json.corrupt-20261130T134502.123Z']);
  });

  it('treats an empty file (a torn write by some other tool) and a block of zeros as not JSON too', async () => {
    const file = store.fileOf(KEY);
    mkdirSync(join(file, '..'), { recursive: true });
    for (const content of ['', '\0'.repeat(4096)]) {
      writeFileSync(file, content);
      expect(await store.read(KEY)).toMatchObject({ status: 'quarantined', quarantine: { file } });
      await store.write(KEY, { rebuilt: true });
      expect(await storedValue(store, KEY)).toEqual({ rebuilt: true });
    }
  });

  it('reads a key quarantined by an earlier start and not written since as quarantined still, until it is rebuilt', async () => {
    const file = store.fileOf(KEY);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, 'garbage');
    await store.read(KEY);
    // The process stopped before the owner committed its rebuilt value: the next start rebuilds too.
    const restarted = new FileStateStore(dir);
    expect(await restarted.read(KEY)).toMatchObject({
      status: 'quarantined',
      quarantine: { file, movedTo: `${file}.corrupt-20261130T134502.123Z` },
    });
    await restarted.write(KEY, { rebuilt: true });
    expect(await storedValue(restarted, KEY)).toEqual({ rebuilt: true });
    // Another key of the same directory is not concerned.
    expect(await restarted.read(`${KEY}-other`)).toEqual({ status: 'absent' });
  });

  it('quarantines a value its owner cannot use on request', async () => {
    await store.write(KEY, { initialized: 'yes' });
    const file = store.fileOf(KEY);
    expect(await store.quarantine(KEY, '"initialized" is not true')).toMatchObject({
      file,
      movedTo: `${file}.corrupt-20261130T134502.123Z`,
      reason: '"initialized" is not true',
    });
    expect(JSON.parse(readFileSync(`${file}.corrupt-20261130T134502.123Z`, 'utf8'))).toEqual({
      initialized: 'yes',
    });
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
    expect(await memory.read(KEY)).toEqual({ status: 'absent' });
    await memory.write(KEY, value);
    value.issues.EX2 = 'v2';
    expect(await memory.read(KEY)).toEqual({ status: 'found', value: { issues: { EX1: 'v1' } } });
  });
});
