import { describe, expect, it } from 'vitest';
import { at, HOUR, NOW } from './__fixtures__/hours-before-now.js';
import {
  advanceRiskCursor,
  newRiskDetections,
  parseRiskCursor,
  RISK_DETECTION_OVERLAP_MS,
  type RiskCursor,
  riskCursorKey,
  riskDetectionsSince,
  serializeRiskCursor,
} from './risk-cursor.js';

const detection = (id: string, hoursBeforeNow: number) => ({ id, detectedDateTime: at(hoursBeforeNow) });

describe('risk-detection cursor', () => {
  it('is kept per tenant under governance/risk-detections', () => {
    expect(riskCursorKey('t1')).toBe('t1/governance/risk-detections');
  });

  it('looks back a day on the first run, then the overlap before the high-water', () => {
    expect(riskDetectionsSince(undefined, NOW)).toBe(at(24));
    const cursor: RiskCursor = { highWater: NOW - 2 * HOUR, delivered: new Map() };
    expect(riskDetectionsSince(cursor, NOW)).toBe(at(2 + RISK_DETECTION_OVERLAP_MS / HOUR));
  });

  it('leaves out the detections already delivered, and gives the new ones oldest first', () => {
    const cursor = advanceRiskCursor(undefined, [detection('a', 3), detection('b', 1)], NOW);
    expect(newRiskDetections(cursor, [detection('c', 0.5), detection('b', 1), detection('d', 2)])).toEqual([
      detection('d', 2),
      detection('c', 0.5),
    ]);
    expect(newRiskDetections(undefined, [{ id: 'x', detectedDateTime: 'yesterday' }])).toEqual([]);
  });

  it('moves the high-water to the newest delivered detection and keeps the ids inside the overlap', () => {
    const first = advanceRiskCursor(
      undefined,
      [detection('old', 20), detection('a', 5), detection('b', 0.5)],
      NOW,
    );
    expect(first.highWater).toBe(NOW - 0.5 * HOUR);
    // 'old' can no longer be listed: the next since is 6.5 h back.
    expect([...first.delivered.keys()]).toEqual(['a', 'b']);
    // A later poll that delivers an older, late-listed detection never moves the high-water back.
    const second = advanceRiskCursor(first, [detection('late', 4)], NOW + 0.25 * HOUR);
    expect(second.highWater).toBe(first.highWater);
    expect([...second.delivered.keys()]).toEqual(['a', 'b', 'late']);
  });

  it('follows the clock less the overlap on a quiet tenant, so the listing does not grow', () => {
    const quiet = advanceRiskCursor(undefined, [], NOW);
    expect(quiet.highWater).toBe(NOW - RISK_DETECTION_OVERLAP_MS);
    expect(riskDetectionsSince(advanceRiskCursor(quiet, [], NOW + 24 * HOUR), NOW + 24 * HOUR)).toBe(
      new Date(NOW + 24 * HOUR - 2 * RISK_DETECTION_OVERLAP_MS).toISOString(),
    );
  });

  it('round-trips through its JSON form and refuses what the collector did not write', () => {
    const cursor = advanceRiskCursor(undefined, [detection('a', 1)], NOW);
    const key = riskCursorKey('t1');
    expect(parseRiskCursor(JSON.parse(JSON.stringify(serializeRiskCursor(cursor))), key)).toEqual(cursor);
    expect(parseRiskCursor(undefined, key)).toBeUndefined();
    expect(() => parseRiskCursor([], key)).toThrow(
      'state t1/governance/risk-detections: not a JSON object; expected {"highWater": ISO time, "delivered": {id: ISO time}}',
    );
    expect(() => parseRiskCursor({ highWater: 'soon', delivered: {} }, key)).toThrow(
      '"highWater" is not an ISO time',
    );
    expect(() => parseRiskCursor({ highWater: at(1), delivered: { a: 3 } }, key)).toThrow(
      '"delivered.a" is not an ISO time',
    );
  });
});
