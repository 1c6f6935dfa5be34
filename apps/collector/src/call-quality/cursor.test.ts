import { describe, expect, it } from 'vitest';
import { at, HOUR, NOW } from '../governance/__fixtures__/hours-before-now.js';
import {
  advanceCallQualityCursor,
  CALL_RECORD_LATE_HORIZON_MS,
  CALL_RECORD_SETTLE_MS,
  type CallRecordListing,
  callQualityCursorKey,
  callRecordsToRead,
  callRecordWindow,
  firstCallQualityCursor,
  markCallRecordsRead,
  parseCallQualityCursor,
  serializeCallQualityCursor,
} from './cursor.js';

/** A record that started `started` hours ago, ended `ended` hours ago (undefined: none yet), last changed `modified`. */
function record(id: string, started: number, ended: number | undefined, modified = ended): CallRecordListing {
  return {
    id,
    startDateTime: at(started),
    ...(ended !== undefined && { endDateTime: at(ended) }),
    lastModifiedDateTime: at(modified ?? started),
  };
}

describe('call-quality cursor', () => {
  it('is kept per tenant under call-quality/cursor', () => {
    expect(callQualityCursorKey('t1')).toBe('t1/call-quality/cursor');
  });

  it('lists the last day on the first run, and the late horizon before the cursor later', () => {
    expect(callRecordWindow(firstCallQualityCursor(NOW), NOW)).toEqual({ from: at(24), to: at(0) });
    const cursor = { cursor: NOW - 2 * HOUR, read: new Map() };
    expect(callRecordWindow(cursor, NOW)).toEqual({
      from: at(2 + CALL_RECORD_LATE_HORIZON_MS / HOUR),
      to: at(0),
    });
  });

  it('reads a record once, when it ended and has not changed for the settle time, oldest start first', () => {
    const cursor = firstCallQualityCursor(NOW);
    const listed = [
      record('settled', 3, 2),
      record('changed-recently', 5, 4, 0.5),
      record('early', 10, 9),
      record('no-end', 1, undefined, 1.5),
      { id: 'no-modified', startDateTime: at(6), endDateTime: at(5) },
    ];
    expect(callRecordsToRead(cursor, listed, NOW).map((r) => r.id)).toEqual([
      'early',
      'no-modified',
      'settled',
    ]);
    const read = markCallRecordsRead(cursor, [record('early', 10, 9)]);
    expect(callRecordsToRead(read, listed, NOW).map((r) => r.id)).toEqual(['no-modified', 'settled']);
    expect(read.cursor).toBe(cursor.cursor);
  });

  it('moves to the earliest record not read yet, at most to now less the settle time, and never back', () => {
    const start = { cursor: NOW - 20 * HOUR, read: new Map<string, number>() };
    const listed = [record('a', 10, 9), record('long-call', 6, 0.5), record('b', 3, 2)];
    const read = markCallRecordsRead(start, [record('a', 10, 9), record('b', 3, 2)]);
    // long-call is still settling: the cursor waits at its start, so it is listed again.
    const held = advanceCallQualityCursor(read, listed, NOW);
    expect(held.cursor).toBe(NOW - 6 * HOUR);
    const all = markCallRecordsRead(held, [record('long-call', 6, 0.5)]);
    expect(advanceCallQualityCursor(all, listed, NOW + 2 * HOUR).cursor).toBe(
      NOW + 2 * HOUR - CALL_RECORD_SETTLE_MS,
    );
    // An unread record older than the cursor (a read that failed) does not move it back.
    expect(advanceCallQualityCursor(held, [record('older', 8, 7)], NOW).cursor).toBe(held.cursor);
  });

  it('prunes the ids a listing from the new cursor can no longer show', () => {
    const cursor = markCallRecordsRead({ cursor: NOW - 40 * HOUR, read: new Map() }, [
      record('gone', 35, 34),
      record('kept', 20, 19),
    ]);
    const next = advanceCallQualityCursor(cursor, [], NOW);
    expect(next.cursor).toBe(NOW - CALL_RECORD_SETTLE_MS);
    // The next listing starts 25 h back: 'gone' (35 h) cannot come again, 'kept' (20 h) can.
    expect([...next.read.keys()]).toEqual(['kept']);
  });

  it('round-trips through its JSON form and refuses what the collector did not write', () => {
    const cursor = markCallRecordsRead(firstCallQualityCursor(NOW), [record('a', 3, 2)]);
    const key = callQualityCursorKey('t1');
    expect(
      parseCallQualityCursor(JSON.parse(JSON.stringify(serializeCallQualityCursor(cursor))), key),
    ).toEqual(cursor);
    expect(parseCallQualityCursor(undefined, key)).toBeUndefined();
    expect(() => parseCallQualityCursor('x', key)).toThrow(
      'state t1/call-quality/cursor: not a JSON object; expected {"cursor": ISO time, "read": {id: ISO time}}',
    );
    expect(() => parseCallQualityCursor({ cursor: at(1), read: [] }, key)).toThrow('"read" is not an object');
    expect(() => parseCallQualityCursor({ cursor: at(1), read: { a: 'x' } }, key)).toThrow(
      '"read.a" is not an ISO time',
    );
  });
});
