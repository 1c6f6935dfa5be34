import { describe, expect, it } from 'vitest';
import { keySegments } from '../state/store.js';
import {
  auditCheckpointKey,
  listingStart,
  parseAuditCheckpoint,
  pruneProcessed,
  serializeAuditCheckpoint,
} from './checkpoint.js';

const T0 = Date.parse('2026-11-29T00:00:00.000Z');
const KEY = 't/audit/DLP.All';

describe('audit checkpoint', () => {
  it('is stored under <tenant id>/audit/<content type>, a key the state store accepts', () => {
    const key = auditCheckpointKey('6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'Audit.AzureActiveDirectory');
    expect(keySegments(key)).toEqual([
      '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      'audit',
      'Audit.AzureActiveDirectory',
    ]);
  });

  it('round-trips through JSON with ISO times', () => {
    const checkpoint = {
      start: T0,
      highWater: T0 + 3_600_000,
      processed: new Map([['blob-1', T0 + 60_000]]),
      inFlight: { contentId: 'blob-2', acknowledged: 512 },
    };
    const json = serializeAuditCheckpoint(checkpoint);
    expect(json).toEqual({
      start: '2026-11-29T00:00:00.000Z',
      highWater: '2026-11-29T01:00:00.000Z',
      processed: { 'blob-1': '2026-11-29T00:01:00.000Z' },
      inFlight: { contentId: 'blob-2', acknowledged: 512 },
    });
    expect(parseAuditCheckpoint(JSON.parse(JSON.stringify(json)), KEY)).toEqual(checkpoint);
    expect(parseAuditCheckpoint(undefined, KEY)).toBeUndefined();
  });

  it('names the key and the field of anything it did not write', () => {
    expect(() => parseAuditCheckpoint([], KEY)).toThrow(`state ${KEY}: not a JSON object; expected {"start"`);
    expect(() => parseAuditCheckpoint({ start: 'soon', processed: {} }, KEY)).toThrow(
      '"start" is not an ISO time',
    );
    expect(() => parseAuditCheckpoint({ start: '2026-11-29T00:00:00Z' }, KEY)).toThrow(
      '"processed" is not an object',
    );
    expect(() =>
      parseAuditCheckpoint(
        { start: '2026-11-29T00:00:00Z', processed: {}, inFlight: { contentId: 'b', acknowledged: -1 } },
        KEY,
      ),
    ).toThrow('"inFlight" is not');
  });

  it('lists from overlap before the high-water, never before the first run started', () => {
    const base = { start: T0, processed: new Map(), inFlight: undefined };
    expect(listingStart({ ...base, highWater: undefined }, 900_000)).toBe(T0);
    expect(listingStart({ ...base, highWater: T0 + 3_600_000 }, 900_000)).toBe(T0 + 2_700_000);
    expect(listingStart({ ...base, highWater: T0 + 60_000 }, 900_000)).toBe(T0);
  });

  it('prunes the blobs no listing can show again, with a second of slack for whole-second listings', () => {
    const processed = new Map([
      ['old', T0 - 1001],
      ['edge', T0 - 1000],
      ['new', T0 + 5],
    ]);
    expect([...pruneProcessed(processed, T0).keys()]).toEqual(['edge', 'new']);
  });
});
