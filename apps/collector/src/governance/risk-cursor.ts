import { parseTimedIds, serializeTimedIds } from './timed-ids-state.js';

/**
 * Where a tenant's risk-detection feed stands, stored under `<tenant id>/governance/risk-detections`:
 *
 * - `highWater`: the newest `detectedDateTime` among the detections delivered (acknowledged by the backend), or
 *   the last complete poll's time less the overlap when that is later.
 * - `delivered`: id → detectedDateTime of every delivered detection detected at or after `highWater − overlap`:
 *   the next listing asks again from there, so these are the ones it can show again, and they are not re-sent.
 *
 * Identity Protection lists a detection some time after its detectedDateTime (it is processed first), so each poll
 * lists again the RISK_DETECTION_OVERLAP_MS before the newest detection delivered. The first run looks back
 * RISK_DETECTION_FIRST_LOOKBACK_MS. All times are ISO 8601 UTC in the file, epoch milliseconds here.
 */
export interface RiskCursor {
  highWater: number;
  delivered: ReadonlyMap<string, number>;
}

/** A detection as the cursor needs it; Graph's riskDetection has more. */
export interface RiskDetectionLike {
  id: string;
  detectedDateTime: string;
}

/** How far before the newest delivered detection each poll lists again, for detections Microsoft lists late. */
export const RISK_DETECTION_OVERLAP_MS = 6 * 3_600_000;
/** The first run's lookback: a day of detections, not Identity Protection's whole 90-day history. */
export const RISK_DETECTION_FIRST_LOOKBACK_MS = 24 * 3_600_000;

export function riskCursorKey(tenantId: string): string {
  return `${tenantId}/governance/risk-detections`;
}

const FORMAT = {
  time: 'highWater',
  ids: 'delivered',
} as const;

/** undefined = nothing stored yet (the first run). Throws a precise error for anything the collector did not write. */
export function parseRiskCursor(value: unknown, key: string): RiskCursor | undefined {
  const parsed = parseTimedIds(value, key, FORMAT);
  return parsed && { highWater: parsed.time, delivered: parsed.ids };
}

export function serializeRiskCursor(cursor: RiskCursor): Record<string, unknown> {
  return serializeTimedIds({ time: cursor.highWater, ids: cursor.delivered }, FORMAT);
}

/** The `since` to list detections from (detectedDateTime ge since), as an ISO time. */
export function riskDetectionsSince(cursor: RiskCursor | undefined, nowMs: number): string {
  const since =
    cursor === undefined
      ? nowMs - RISK_DETECTION_FIRST_LOOKBACK_MS
      : cursor.highWater - RISK_DETECTION_OVERLAP_MS;
  return new Date(since).toISOString();
}

/**
 * The listed detections not delivered yet, oldest first. A detection whose detectedDateTime does not parse has no
 * place on the cursor: the client leaves such items out, and so does this.
 */
export function newRiskDetections<T extends RiskDetectionLike>(
  cursor: RiskCursor | undefined,
  listed: readonly T[],
): T[] {
  return listed
    .filter((detection) => !Number.isNaN(Date.parse(detection.detectedDateTime)))
    .filter((detection) => !cursor?.delivered.has(detection.id))
    .sort((a, b) => Date.parse(a.detectedDateTime) - Date.parse(b.detectedDateTime));
}

/**
 * The cursor once a poll listed every detection since its `since` and the backend acknowledged `delivered`. The
 * high-water moves to the newest detection delivered, or to `nowMs − overlap` when that is later (what was
 * detected before then has been listable for the whole overlap, so a quiet tenant's listing does not grow), and
 * never back; only the ids a listing from the new `since` can show again are kept.
 */
export function advanceRiskCursor(
  cursor: RiskCursor | undefined,
  delivered: readonly RiskDetectionLike[],
  nowMs: number,
): RiskCursor {
  const all = new Map(cursor?.delivered);
  for (const detection of delivered) {
    const detected = Date.parse(detection.detectedDateTime);
    if (!Number.isNaN(detected)) all.set(detection.id, detected);
  }
  let highWater = Math.max(cursor?.highWater ?? Number.NEGATIVE_INFINITY, nowMs - RISK_DETECTION_OVERLAP_MS);
  for (const detected of all.values()) highWater = Math.max(highWater, detected);
  const since = highWater - RISK_DETECTION_OVERLAP_MS;
  return { highWater, delivered: new Map([...all].filter(([, detected]) => detected >= since)) };
}
