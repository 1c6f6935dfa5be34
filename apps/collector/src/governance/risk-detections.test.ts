import { EVENT_M365_SERVICE_ISSUE } from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import { retainingStore, storedValue } from '../state/__fixtures__/retaining.js';
import { MemoryStateStore } from '../state/memory-store.js';
import type { RetainingStateStore } from '../state/retaining-store.js';
import { at, HOUR, NOW } from './__fixtures__/hours-before-now.js';
import { type RiskDetectionLike, riskCursorKey } from './risk-cursor.js';
import { newRiskDetectionEvents } from './risk-detections.js';

/**
 * Polls tenant t1's risk detections from `graph` (what Graph lists since the time asked, as it is at each poll),
 * recording each `since` the cursor asked for.
 */
function poller(state: RetainingStateStore, graph: readonly RiskDetectionLike[]) {
  const sinces: string[] = [];
  const poll = (nowMs: number) =>
    newRiskDetectionEvents({
      tenantId: 't1',
      state,
      list: async (since) => {
        sinces.push(since);
        return graph.filter((detection) => detection.detectedDateTime >= since);
      },
      event: (detection) => ({
        eventName: EVENT_M365_SERVICE_ISSUE,
        timestamp: detection.detectedDateTime,
        attributes: { 'm365.service.issue.id': detection.id },
        body: {},
      }),
      signal: new AbortController().signal,
      nowMs,
    });
  return { sinces, poll };
}

describe('newRiskDetectionEvents', () => {
  it('sends each detection once: the commit after the acknowledgement moves the cursor past what was sent', async () => {
    const state = retainingStore(new MemoryStateStore()).state;
    const graph = [
      { id: 'a', detectedDateTime: at(30) },
      { id: 'b', detectedDateTime: at(3) },
    ];
    const { sinces, poll } = poller(state, graph);
    const ids = (events: { attributes: Record<string, unknown> }[]) =>
      events.map((event) => event.attributes['m365.service.issue.id']);

    const first = await poll(NOW);
    expect(sinces).toEqual([at(24)]);
    expect(ids(first.events)).toEqual(['b']);
    // Not committed (the export failed): the next poll sends 'b' again.
    expect(ids((await poll(NOW)).events)).toEqual(['b']);
    await first.commit(new AbortController().signal);
    expect(await storedValue(state, riskCursorKey('t1'))).toEqual({
      highWater: at(3),
      delivered: { b: at(3) },
    });
    graph.push({ id: 'c', detectedDateTime: at(4) });
    const second = await poll(NOW + HOUR);
    expect(sinces.at(-1)).toBe(at(9));
    expect(ids(second.events)).toEqual(['c']);
  });

  it('rebuilds a quarantined cursor from now: what is listed then is recorded, not sent, and later detections are', async () => {
    const { state, errors } = retainingStore(new MemoryStateStore());
    await state.write(riskCursorKey('t1'), { highWater: 'not a time', delivered: {} });
    const graph = [
      { id: 'old', detectedDateTime: at(20) },
      { id: 'recent', detectedDateTime: at(2) },
    ];
    const { sinces, poll } = poller(state, graph);
    const rebuilt = await poll(NOW);
    // Not the first run's day of look-back: the overlap before now, and nothing sent.
    expect(sinces).toEqual([at(6)]);
    expect(rebuilt.events).toEqual([]);
    expect(errors).toEqual(['quarantine']);
    await rebuilt.commit(new AbortController().signal);
    expect(await storedValue(state, riskCursorKey('t1'))).toMatchObject({ delivered: { recent: at(2) } });
    graph.push({ id: 'new', detectedDateTime: at(1) });
    const next = await poll(NOW + HOUR);
    expect(next.events.map((event) => event.attributes['m365.service.issue.id'])).toEqual(['new']);
  });
});
