import { EVENT_M365_SERVICE_ISSUE } from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../state/memory-store.js';
import { RetainingStateStore } from '../state/retaining-store.js';
import { at, HOUR, NOW } from './__fixtures__/hours-before-now.js';
import { riskCursorKey } from './risk-cursor.js';
import { newRiskDetectionEvents } from './risk-detections.js';

describe('newRiskDetectionEvents', () => {
  it('sends each detection once: the commit after the acknowledgement moves the cursor past what was sent', async () => {
    const state = new RetainingStateStore(new MemoryStateStore());
    const graph = [
      { id: 'a', detectedDateTime: at(30) },
      { id: 'b', detectedDateTime: at(3) },
    ];
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
    const ids = (events: { attributes: Record<string, unknown> }[]) =>
      events.map((event) => event.attributes['m365.service.issue.id']);

    const first = await poll(NOW);
    expect(sinces).toEqual([at(24)]);
    expect(ids(first.events)).toEqual(['b']);
    // Not committed (the export failed): the next poll sends 'b' again.
    expect(ids((await poll(NOW)).events)).toEqual(['b']);
    await first.commit(new AbortController().signal);
    expect(await state.read(riskCursorKey('t1'))).toEqual({ highWater: at(3), delivered: { b: at(3) } });
    graph.push({ id: 'c', detectedDateTime: at(4) });
    const second = await poll(NOW + HOUR);
    expect(sinces.at(-1)).toBe(at(9));
    expect(ids(second.events)).toEqual(['c']);
  });
});
