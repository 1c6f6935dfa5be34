import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  FileRecordIdLog,
  fileRecordIdLogs,
  memoryRecordIdLogs,
  RecordIdCache,
  type RecordIdLog,
} from './record-ids.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'm365-otel-ids-'));
});

describe('FileRecordIdLog', () => {
  it('lives beside the checkpoint, appends lines durably and reads them back in order', async () => {
    const log = fileRecordIdLogs(dir)('tenant/audit/DLP.All') as FileRecordIdLog;
    expect(log.file).toBe(join(dir, 'tenant', 'audit', 'DLP.All.ids'));
    expect([...(await log.load())]).toEqual([]);
    await log.append(['a', 'b']);
    await log.append([]);
    await log.append(['c']);
    expect(readFileSync(log.file, 'utf8')).toBe('a\nb\nc\n');
    expect([...(await log.load())]).toEqual(['a', 'b', 'c']);
    await log.rewrite(['c']);
    expect([...(await log.load())]).toEqual(['c']);
  });

  it('drops and cuts off a line a crash left without its newline, so the next append starts clean', async () => {
    const log = new FileRecordIdLog(join(dir, 'x.ids'));
    writeFileSync(log.file, 'a\nb\npartial-i');
    expect([...(await log.load())]).toEqual(['a', 'b']);
    await log.append(['c']);
    expect(readFileSync(log.file, 'utf8')).toBe('a\nb\nc\n');
  });

  it('reads each line back as the UTF-8 it was written in, and skips empty lines', async () => {
    const log = new FileRecordIdLog(join(dir, 'x.ids'));
    await log.append(['été-1', '', 'b']);
    const lines = await log.load();
    expect(lines.length).toBe(2);
    expect([lines.at(0), lines.at(1), lines.at(2)]).toEqual(['été-1', 'b', undefined]);
  });

  it('survives garbage in the middle (a block of zeros, bytes that are not text): set aside, cut out, the Ids kept', async () => {
    const log = new FileRecordIdLog(join(dir, 'x.ids'), () => Date.UTC(2026, 10, 30, 13, 45, 2, 123));
    const garbage = Buffer.concat([
      Buffer.from('a\nb\n'),
      Buffer.alloc(512),
      Buffer.from('\n'),
      Buffer.from([0xff, 0xfe, 0x41, 0x0a]),
      Buffer.from('c\n'),
    ]);
    writeFileSync(log.file, garbage);
    const lines = await log.load();
    expect([...lines]).toEqual(['a', 'b', 'c']);
    expect(lines.quarantine).toEqual({
      file: log.file,
      movedTo: `${log.file}.corrupt-20261130T134502.123Z`,
      reason: '2 line(s) that are not record Ids',
      lastWrittenMs: undefined,
    });
    expect(readFileSync(`${log.file}.corrupt-20261130T134502.123Z`)).toEqual(garbage);
    expect(readFileSync(log.file, 'utf8')).toBe('a\nb\nc\n');
    await log.append(['d']);
    const reloaded = await log.load();
    expect([...reloaded]).toEqual(['a', 'b', 'c', 'd']);
    expect(reloaded.quarantine).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(['x.ids', 'x.ids.corrupt-20261130T134502.123Z']);
  });

  it('names the file when it cannot write', async () => {
    writeFileSync(join(dir, 'blocked'), 'a file where a directory should be');
    const log = fileRecordIdLogs(dir)('blocked/audit/DLP.All');
    await expect(log.append(['a'])).rejects.toThrow(
      `cannot append to record-Id log ${join(dir, 'blocked', 'audit', 'DLP.All.ids')}`,
    );
  });
});

describe('RecordIdCache', () => {
  it('keeps the most recent `limit` Ids, also across a restart', async () => {
    const logs = memoryRecordIdLogs();
    const cache = await RecordIdCache.open(logs('t/audit/DLP.All'), 3);
    await cache.add(['a', 'b', 'c', 'd']);
    expect(['a', 'b', 'c', 'd'].map((id) => cache.has(id))).toEqual([false, true, true, true]);
    const reopened = await RecordIdCache.open(logs('t/audit/DLP.All'), 3);
    expect(['a', 'b', 'c', 'd'].map((id) => reopened.has(id))).toEqual([false, true, true, true]);
  });

  it('rewrites the log only once it holds twice the limit, keeping what is remembered', async () => {
    const log = new FileRecordIdLog(join(dir, 'x.ids'));
    const cache = await RecordIdCache.open(log, 2);
    await cache.add(['a', 'b']);
    await cache.add(['c']);
    await cache.add(['d']);
    expect(readFileSync(log.file, 'utf8')).toBe('a\nb\nc\nd\n');
    await cache.add(['e']);
    expect(readFileSync(log.file, 'utf8')).toBe('d\ne\n');
    appendFileSync(log.file, 'f\n');
    const reopened = await RecordIdCache.open(log, 2);
    expect(['d', 'e', 'f'].map((id) => reopened.has(id))).toEqual([false, true, true]);
  });

  it('evicts the Id remembered longest ago, an Id the log repeats counting from its latest line', async () => {
    const log = new FileRecordIdLog(join(dir, 'x.ids'));
    writeFileSync(log.file, 'a\nb\na\nc\n');
    const cache = await RecordIdCache.open(log, 3);
    await cache.add(['d']);
    expect(['a', 'b', 'c', 'd'].map((id) => cache.has(id))).toEqual([true, false, true, true]);
    await cache.add(['e', 'f']);
    expect(readFileSync(log.file, 'utf8')).toBe('d\ne\nf\n');
    expect(cache.size).toBe(3);
  });

  it('keeps exactly the most recent `limit` Ids, in order, through many evictions', async () => {
    const logs = memoryRecordIdLogs();
    const cache = await RecordIdCache.open(logs('t/audit/DLP.All'), 2000);
    const ids = Array.from({ length: 10_000 }, (_, i) => `id-${i}`);
    for (let from = 0; from < ids.length; from += 512) await cache.add(ids.slice(from, from + 512));
    expect(cache.size).toBe(2000);
    expect(ids.filter((id) => cache.has(id))).toEqual(ids.slice(-2000));
    expect([...(await logs('t/audit/DLP.All').load())].slice(-2000)).toEqual(ids.slice(-2000));
  });

  it('writes GUIDs and Ids of other shapes to the log as they came, and reads them back alike', async () => {
    const guid = '80c76bd2-9d81-4c57-a97a-accfc3443dca';
    const ids = [guid, guid.toUpperCase(), 'not-a-guid', `80C76BD2${guid.slice(8)}`];
    const log = new FileRecordIdLog(join(dir, 'x.ids'));
    const cache = await RecordIdCache.open(log, 3);
    await cache.add(ids);
    expect(readFileSync(log.file, 'utf8')).toBe(`${ids.join('\n')}\n`);
    const reopened = await RecordIdCache.open(log, 3);
    expect(ids.map((id) => reopened.has(id))).toEqual([false, true, true, true]);
    expect(reopened.has(guid.replace('80c7', '80c8'))).toBe(false);
    await reopened.add(['another', 'and-one-more', 'the-last']);
    expect(readFileSync(log.file, 'utf8')).toBe('another\nand-one-more\nthe-last\n');
  });

  it('remembers Ids the log refused and writes them with the next batch', async () => {
    const written: string[] = [];
    let failing = true;
    const log: RecordIdLog = {
      load: async () => [],
      append: async (ids) => {
        if (failing) throw new Error('ENOSPC: no space left on device');
        written.push(...ids);
      },
      rewrite: async () => undefined,
    };
    const cache = await RecordIdCache.open(log, 100);
    await expect(cache.add(['a', 'b'])).rejects.toThrow('ENOSPC');
    expect(cache.has('a')).toBe(true);
    failing = false;
    await cache.add(['c', 'a']);
    expect(written).toEqual(['a', 'b', 'c']);
  });

  it('remembers an Id with a line break in memory only, so the log keeps one Id per line', async () => {
    const log = new FileRecordIdLog(join(dir, 'x.ids'));
    const cache = await RecordIdCache.open(log, 10);
    await cache.add(['a\nb', 'c']);
    expect(cache.has('a\nb')).toBe(true);
    expect(readFileSync(log.file, 'utf8')).toBe('c\n');
  });
});
