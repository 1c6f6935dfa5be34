import type { ContentType } from '@m365-otel/management-api';

/**
 * Where one (tenant, content type) stream stands, stored under `<tenant id>/audit/<content type>`:
 *
 * - `start`: where the first run began listing (now − startFrom); used until a first range is fully listed.
 * - `highWater`: the end of the last fully listed and delivered range (never beyond the server's now); the next
 *   listing starts `overlap` before it, for content Microsoft lists late.
 * - `processed`: contentId → contentCreated of every blob delivered whose contentCreated lies inside the overlap
 *   horizon (a listing may show it again); older ones are pruned, as no listing reaches them any more.
 * - `inFlight`: the blob whose records were delivered only in part, and how many of its records (by position,
 *   skipped ones included) the backend acknowledged: a restart skips those.
 *
 * All times are ISO 8601 UTC. The file stays small (one listing slice of blob ids at most): record Ids for
 * de-duplication live in their own append-only log (record-ids.ts).
 */
export interface AuditCheckpoint {
  start: number;
  highWater: number | undefined;
  processed: ReadonlyMap<string, number>;
  inFlight: InFlightBlob | undefined;
}

export interface InFlightBlob {
  contentId: string;
  /** Records (by position in the blob) the backend acknowledged. */
  acknowledged: number;
}

export function auditCheckpointKey(tenantId: string, contentType: ContentType): string {
  return `${tenantId}/audit/${contentType}`;
}

/** A checkpoint that is not what the collector writes: the state store quarantines it and the stream rebuilds it. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const SHAPE =
  'expected {"start": ISO time, "highWater"?: ISO time, "processed": {contentId: ISO time}, "inFlight"?: {"contentId": string, "acknowledged": count}}';

/** undefined = nothing stored yet (the first run). Throws a precise error for anything the collector did not write. */
export function parseAuditCheckpoint(value: unknown, key: string): AuditCheckpoint | undefined {
  if (value === undefined) return undefined;
  const fail = (reason: string): never => {
    throw new CheckpointError(`state ${key}: ${reason}; ${SHAPE}`);
  };
  if (!isRecord(value)) return fail('not a JSON object');
  const time = (raw: unknown, what: string): number => {
    const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    return Number.isNaN(ms) ? fail(`"${what}" is not an ISO time`) : ms;
  };
  const processedRaw = value.processed;
  if (!isRecord(processedRaw)) return fail('"processed" is not an object');
  const processed = new Map<string, number>();
  for (const [contentId, created] of Object.entries(processedRaw))
    processed.set(contentId, time(created, `processed.${contentId}`));
  let inFlight: InFlightBlob | undefined;
  if (value.inFlight !== undefined) {
    const raw = value.inFlight;
    if (
      !isRecord(raw) ||
      typeof raw.contentId !== 'string' ||
      raw.contentId === '' ||
      !Number.isSafeInteger(raw.acknowledged) ||
      (raw.acknowledged as number) < 0
    )
      return fail('"inFlight" is not {"contentId": string, "acknowledged": count}');
    inFlight = { contentId: raw.contentId, acknowledged: raw.acknowledged as number };
  }
  return {
    start: time(value.start, 'start'),
    highWater: value.highWater === undefined ? undefined : time(value.highWater, 'highWater'),
    processed,
    inFlight,
  };
}

export function serializeAuditCheckpoint(checkpoint: AuditCheckpoint): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    start: iso(checkpoint.start),
    ...(checkpoint.highWater === undefined ? {} : { highWater: iso(checkpoint.highWater) }),
    processed: Object.fromEntries([...checkpoint.processed].map(([id, created]) => [id, iso(created)])),
    ...(checkpoint.inFlight === undefined ? {} : { inFlight: checkpoint.inFlight }),
  };
}

/** Where the next listing starts: `overlap` before the high-water, or the first run's start. */
export function listingStart(checkpoint: AuditCheckpoint, overlapMs: number): number {
  return checkpoint.highWater === undefined
    ? checkpoint.start
    : Math.max(checkpoint.start, checkpoint.highWater - overlapMs);
}

/**
 * The processed blobs a listing from `listingStart` can still show: the rest are dropped. A second of slack,
 * since a listing's times are cut to whole seconds.
 */
export function pruneProcessed(
  processed: ReadonlyMap<string, number>,
  horizonMs: number,
): Map<string, number> {
  const kept = new Map<string, number>();
  for (const [contentId, created] of processed) if (created >= horizonMs - 1000) kept.set(contentId, created);
  return kept;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
