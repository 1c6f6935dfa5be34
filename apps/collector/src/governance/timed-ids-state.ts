/**
 * A feed's cursor as its state file holds it: one time and the ids read around it, each with its own time, all
 * ISO 8601 UTC in the file and epoch milliseconds in memory (`{"<time>": ISO time, "<ids>": {id: ISO time}}`).
 * The call-record and the risk-detection cursors are both of this shape, under their own field names.
 */
export interface TimedIds {
  time: number;
  ids: ReadonlyMap<string, number>;
}

/** The file's field names of a cursor. */
export interface TimedIdsFormat {
  time: string;
  ids: string;
}

/** undefined = nothing stored yet (the first run). Throws a precise error for anything the collector did not write. */
export function parseTimedIds(value: unknown, key: string, format: TimedIdsFormat): TimedIds | undefined {
  if (value === undefined) return undefined;
  const fail = (reason: string): never => {
    throw new Error(
      `state ${key}: ${reason}; expected {"${format.time}": ISO time, "${format.ids}": {id: ISO time}}`,
    );
  };
  if (!isRecord(value)) return fail('not a JSON object');
  const time = (raw: unknown, what: string): number => {
    const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    return Number.isNaN(ms) ? fail(`"${what}" is not an ISO time`) : ms;
  };
  const rawIds = value[format.ids];
  if (!isRecord(rawIds)) return fail(`"${format.ids}" is not an object`);
  const ids = new Map<string, number>();
  for (const [id, at] of Object.entries(rawIds)) ids.set(id, time(at, `${format.ids}.${id}`));
  return { time: time(value[format.time], format.time), ids };
}

export function serializeTimedIds(cursor: TimedIds, format: TimedIdsFormat): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    [format.time]: iso(cursor.time),
    [format.ids]: Object.fromEntries([...cursor.ids].map(([id, at]) => [id, iso(at)])),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
