import { parseTimedIds, serializeTimedIds } from '../governance/timed-ids-state.js';

/**
 * Where a tenant's call-record feed stands, stored under `<tenant id>/call-quality/cursor`:
 *
 * - `cursor`: records are listed by startDateTime from `cursor − CALL_RECORD_LATE_HORIZON_MS` to now. Microsoft
 *   creates a call record only after the call ended, so a call that lasted hours is listed hours after it started:
 *   every poll lists the late horizon again. The cost: each poll lists a day of record summaries (one list call
 *   and its pages, `$select`ed), and a call longer than the horizon plus the settle time is never read.
 * - `read`: id → startDateTime of every record read (and acknowledged) that a listing from the cursor can still
 *   show, so none is read twice; older ids are pruned as the cursor moves.
 *
 * A listed record is read once, when final: it has an endDateTime and its lastModifiedDateTime is at least
 * CALL_RECORD_SETTLE_MS old (Microsoft keeps adding to a record for a while after it is created, and documents no
 * bound). Every `nowMs` here is Graph's now, the clock that stamps the records (the caller's CallRecordsReader). The cursor
 * moves, never back, to the earliest start among the listed records not read yet, and at most to
 * `now − settle`. The first run lists from `now − CALL_RECORD_FIRST_LOOKBACK_MS` (Microsoft keeps 30 days).
 */
export interface CallQualityCursor {
  cursor: number;
  read: ReadonlyMap<string, number>;
}

/** A listed call record as the cursor needs it (Graph's callRecord, `$select`ed). */
export interface CallRecordListing {
  id: string;
  startDateTime: string;
  endDateTime?: string | undefined;
  lastModifiedDateTime?: string | undefined;
}

/** How long after its start a call record may first be listed (calls last up to a day in practice). */
export const CALL_RECORD_LATE_HORIZON_MS = 24 * 3_600_000;
/** How long a record must be unchanged before it counts as final and is read. */
export const CALL_RECORD_SETTLE_MS = 3_600_000;
/** The first run's lookback. */
export const CALL_RECORD_FIRST_LOOKBACK_MS = 24 * 3_600_000;

export function callQualityCursorKey(tenantId: string): string {
  return `${tenantId}/call-quality/cursor`;
}

const FORMAT = { time: 'cursor', ids: 'read' } as const;

/** undefined = nothing stored yet (the first run). Throws a precise error for anything the collector did not write. */
export function parseCallQualityCursor(value: unknown, key: string): CallQualityCursor | undefined {
  const parsed = parseTimedIds(value, key, FORMAT);
  return parsed && { cursor: parsed.time, read: parsed.ids };
}

export function serializeCallQualityCursor(cursor: CallQualityCursor): Record<string, unknown> {
  return serializeTimedIds({ time: cursor.cursor, ids: cursor.read }, FORMAT);
}

/** The first run's cursor: its listing starts CALL_RECORD_FIRST_LOOKBACK_MS before now. */
export function firstCallQualityCursor(nowMs: number): CallQualityCursor {
  return { cursor: nowMs - CALL_RECORD_FIRST_LOOKBACK_MS + CALL_RECORD_LATE_HORIZON_MS, read: new Map() };
}

/**
 * The cursor in place of one quarantined: at now, as a poll that just caught up would leave it; its listing still
 * reaches CALL_RECORD_LATE_HORIZON_MS back, for the records to take as read.
 */
export function rebuiltCallQualityCursor(nowMs: number): CallQualityCursor {
  return { cursor: nowMs - CALL_RECORD_SETTLE_MS, read: new Map() };
}

/** The startDateTime window to list, `[from, to)`, as ISO times. */
export function callRecordWindow(cursor: CallQualityCursor, nowMs: number): { from: string; to: string } {
  return {
    from: new Date(cursor.cursor - CALL_RECORD_LATE_HORIZON_MS).toISOString(),
    to: new Date(nowMs).toISOString(),
  };
}

/** Final (ended, and unchanged for the settle time) and not read yet: to read now, oldest start first. */
export function callRecordsToRead<T extends CallRecordListing>(
  cursor: CallQualityCursor,
  listed: readonly T[],
  nowMs: number,
): T[] {
  return listed
    .filter((record) => !cursor.read.has(record.id) && isFinal(record, nowMs))
    .sort((a, b) => Date.parse(a.startDateTime) - Date.parse(b.startDateTime));
}

/** The cursor once `records` were read and the backend acknowledged what they became: commit it then. */
export function markCallRecordsRead(
  cursor: CallQualityCursor,
  records: readonly CallRecordListing[],
): CallQualityCursor {
  const read = new Map(cursor.read);
  for (const record of records) read.set(record.id, Date.parse(record.startDateTime));
  return { cursor: cursor.cursor, read };
}

/**
 * The cursor at the end of a poll that listed `listed` completely: moved (never back) to the earliest start of a
 * listed record not read yet (still in progress, or its read failed), at most to `now − settle`; the ids a listing
 * from there can no longer show are pruned.
 */
export function advanceCallQualityCursor(
  cursor: CallQualityCursor,
  listed: readonly CallRecordListing[],
  nowMs: number,
): CallQualityCursor {
  let next = nowMs - CALL_RECORD_SETTLE_MS;
  for (const record of listed) {
    const start = Date.parse(record.startDateTime);
    if (!cursor.read.has(record.id) && !Number.isNaN(start)) next = Math.min(next, start);
  }
  const moved = Math.max(cursor.cursor, next);
  const horizon = moved - CALL_RECORD_LATE_HORIZON_MS;
  return { cursor: moved, read: new Map([...cursor.read].filter(([, start]) => start >= horizon)) };
}

/** A record without lastModifiedDateTime was last changed, as far as can be told, when its call ended. */
function isFinal(record: CallRecordListing, nowMs: number): boolean {
  if (record.endDateTime === undefined || Number.isNaN(Date.parse(record.startDateTime))) return false;
  const modified = Date.parse(record.lastModifiedDateTime ?? record.endDateTime);
  return !Number.isNaN(modified) && modified <= nowMs - CALL_RECORD_SETTLE_MS;
}
