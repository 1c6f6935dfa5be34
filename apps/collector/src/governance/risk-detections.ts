import type { EventRecord } from '@m365-otel/mappers';
import type { RetainingStateStore } from '../state/retaining-store.js';
import {
  advanceRiskCursor,
  newRiskDetections,
  parseRiskCursor,
  type RiskDetectionLike,
  riskCursorKey,
  riskDetectionsSince,
  serializeRiskCursor,
} from './risk-cursor.js';

export interface RiskDetectionFeedOptions<Detection extends RiskDetectionLike> {
  tenantId: string;
  state: RetainingStateStore;
  /** Lists the detections detected at or after `since` (an ISO time), every page. */
  list(since: string, signal: AbortSignal): Promise<Detection[]>;
  /** The log record of one new detection. */
  event(detection: Detection): EventRecord;
  signal: AbortSignal;
  nowMs: number;
}

/**
 * The risk-detection part of the risky-users signal: the new detections since the tenant's cursor as log records,
 * and the commit that moves the cursor past them, for the governance poll to run once the backend acknowledged
 * the records (a crash or a refused export before it sends them again).
 */
export async function newRiskDetectionEvents<Detection extends RiskDetectionLike>(
  options: RiskDetectionFeedOptions<Detection>,
): Promise<{ events: EventRecord[]; commit: (signal: AbortSignal) => Promise<void> }> {
  const { state, nowMs } = options;
  const key = riskCursorKey(options.tenantId);
  const loaded = await state.load(key, parseRiskCursor, {
    signal: options.signal,
    rebuilding:
      'the risk-detection cursor is rebuilt from now: the detections listed now are recorded as delivered, without a log record',
  });
  const cursor = loaded.status === 'found' ? loaded.value : undefined;
  // Rebuilt: neither the first run's look-back nor a re-send; the listing a cursor at now would make is recorded.
  const baseline = loaded.status === 'rebuilt';
  const since = riskDetectionsSince(baseline ? { highWater: nowMs, delivered: new Map() } : cursor, nowMs);
  const listed = await options.list(since, options.signal);
  const fresh = newRiskDetections(cursor, listed);
  return {
    events: baseline ? [] : fresh.map((detection) => options.event(detection)),
    commit: async (signal) => {
      const next = advanceRiskCursor(cursor, fresh, nowMs);
      await state.write(key, serializeRiskCursor(next), { signal });
    },
  };
}
