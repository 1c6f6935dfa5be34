import { describe, expect, it } from 'vitest';
import { rateStream } from './call-quality.js';
import {
  CALL_RECORD_RETENTION_MS,
  CALL_RECORD_SETTLE_MS,
  CallRecordModel,
  compareInstants,
  finalVersion,
  formatInstant,
  type ModelCallRecord,
  parseInstant,
  SESSION_PAGE_MAX,
  type StreamFigures,
  versionAt,
} from './call-records.js';
import { TenantModel } from './tenant.js';

const NOW_MS = Date.parse('2026-11-30T12:00:00Z');
const HOUR_MS = 3_600_000;

function callRecords(seed = 1, users = 25): CallRecordModel {
  return new CallRecordModel(new TenantModel({ seed, users, concealedNames: false, anchorDay: 20_000 }));
}

const figures = (jitter: number | null, loss: number | null, roundTrip: number | null): StreamFigures => ({
  averageJitterMs: jitter,
  maxJitterMs: jitter,
  averagePacketLossRate: loss,
  maxPacketLossRate: loss,
  averageRoundTripTimeMs: roundTrip,
  maxRoundTripTimeMs: roundTrip,
  packetUtilization: jitter === null ? null : 1000,
});

describe('instants', () => {
  it('keep Graph’s seven fraction digits and compare below the millisecond', () => {
    const text = '2020-02-25T18:52:21.2169889Z';
    const instant = parseInstant(text);
    expect(instant).toEqual({ ms: Date.parse('2020-02-25T18:52:21.216Z'), sub: 9889 });
    expect(formatInstant(instant ?? { ms: 0, sub: 0 })).toBe(text);
    const later = parseInstant('2020-02-25T18:52:21.216989Z');
    expect(compareInstants(instant ?? { ms: 0, sub: 0 }, later ?? { ms: 0, sub: 0 })).toBeLessThan(0);
    expect(parseInstant('2020-02-25T19:52:21+01:00')).toEqual({
      ms: Date.parse('2020-02-25T18:52:21Z'),
      sub: 0,
    });
    expect(parseInstant('2020-02-25')).toBeUndefined();
    expect(parseInstant("'2020-02-25T18:52:21Z'")).toBeUndefined();
  });
});

describe('rateStream (the Call Quality Dashboard’s audio thresholds)', () => {
  it('is poor strictly above 30 ms jitter, 0.1 packet loss, 500 ms round trip; unrated without figures', () => {
    expect(rateStream(figures(30, 0.1, 500))).toEqual({ quality: 'good', poorBy: [] });
    expect(rateStream(figures(31, 0.1, 500))).toEqual({ quality: 'poor', poorBy: ['jitter'] });
    expect(rateStream(figures(5, 0.11, 501))).toEqual({
      quality: 'poor',
      poorBy: ['packet_loss', 'round_trip'],
    });
    expect(rateStream(figures(5, null, 20))).toEqual({ quality: 'good', poorBy: [] });
    expect(rateStream(figures(null, null, null))).toEqual({ quality: 'unrated', poorBy: [] });
  });
});

describe('CallRecordModel', () => {
  const model = callRecords();
  const records = model.recordsAt(NOW_MS);

  it('is a function of the seed, with ids that stay as the clock moves', () => {
    expect(callRecords().recordsAt(NOW_MS)).toEqual(records);
    const otherSeed = new Set(
      callRecords(2)
        .recordsAt(NOW_MS)
        .map((record) => record.id),
    );
    expect(records.some((record) => otherSeed.has(record.id))).toBe(false);
    const dayLater = new Map(model.recordsAt(NOW_MS + 24 * HOUR_MS).map((record) => [record.id, record]));
    const kept = records.filter((record) => dayLater.has(record.id));
    expect(kept.length).toBeGreaterThan(records.length * 0.9);
    for (const record of kept) expect(dayLater.get(record.id)).toEqual(record);
  });

  it('holds the last 30 days of records, each created minutes after its call ended, by start', () => {
    expect(records.length).toBeGreaterThan(2 * 60);
    for (const record of records) {
      expect(record.created.ms).toBeLessThanOrEqual(NOW_MS);
      expect(record.created.ms).toBeGreaterThan(NOW_MS - CALL_RECORD_RETENTION_MS);
      expect(compareInstants(record.start, record.end)).toBeLessThan(0);
      expect(record.created.ms - record.end.ms).toBeGreaterThanOrEqual(2 * 60_000);
      expect(record.created.ms - record.end.ms).toBeLessThanOrEqual(15 * 60_000);
    }
    const starts = records.map((record) => record.start);
    expect([...starts].sort(compareInstants)).toEqual(starts);
    expect(new Set(records.map((record) => record.type))).toEqual(new Set(['groupCall', 'peerToPeer']));
    expect(records.filter((record) => record.sessionCount > SESSION_PAGE_MAX).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(callRecords(1, 1).recordsAt(NOW_MS)).toEqual([]);
  });

  it('finds every record still kept, whatever the slot length, at any instant', () => {
    for (const users of [25, 96]) {
      const busy = callRecords(5, users);
      // A day earlier, the records near the end of their 30 days now were well inside them.
      for (let t = NOW_MS; t < NOW_MS + 2 * 24 * HOUR_MS; t += 10 * 60_000) {
        const at = new Set(busy.recordsAt(t).map((record) => record.id));
        const kept = busy
          .recordsAt(t - 24 * HOUR_MS)
          .filter((record) => record.created.ms > t - CALL_RECORD_RETENTION_MS);
        expect(kept.filter((record) => !at.has(record.id))).toEqual([]);
      }
    }
  });

  it('updates some records once within their first hour; version 1 lacks the last session’s figures', () => {
    const updated = records.filter((record) => record.updated !== undefined);
    expect(updated.length).toBeGreaterThan(records.length * 0.2);
    expect(updated.length).toBeLessThan(records.length * 0.5);
    for (const record of updated) {
      const at = record.updated?.ms ?? 0;
      expect(at - record.created.ms).toBeLessThanOrEqual(CALL_RECORD_SETTLE_MS);
      expect(versionAt(record, at - 1).version).toBe(1);
      expect(versionAt(record, at)).toEqual({ version: 2, lastModified: record.updated });
    }
    const sample = updated[0] as ModelCallRecord;
    const before = model.sessions(sample, 1);
    const after = model.sessions(sample, finalVersion(sample).version);
    const lastStreams = (sessions: typeof before) =>
      (sessions.at(-1)?.media ?? []).flatMap((media) => media.streams.map((stream) => stream.figures));
    expect(lastStreams(before).every((f) => f.averageJitterMs === null)).toBe(true);
    expect(lastStreams(after).some((f) => f.averageJitterMs !== null)).toBe(true);
    expect(before.slice(0, -1)).toEqual(after.slice(0, -1));
  });

  it('has good, poor (by each figure), on-threshold and unrated streams of every modality, both directions', () => {
    const streams = records.flatMap((record) =>
      model.sessions(record, finalVersion(record).version).flatMap((session) =>
        session.media.flatMap((media) =>
          media.streams.map((stream) => ({
            modality: media.modality,
            ...stream,
            ...rateStream(stream.figures),
          })),
        ),
      ),
    );
    for (const modality of ['audio', 'video', 'screenSharing'] as const) {
      const of = streams.filter((stream) => stream.modality === modality);
      for (const quality of ['good', 'poor', 'unrated'] as const) {
        expect(of.some((stream) => stream.quality === quality)).toBe(true);
      }
      expect(new Set(of.map((stream) => stream.streamDirection))).toEqual(
        new Set(['callerToCallee', 'calleeToCaller']),
      );
    }
    for (const figure of ['jitter', 'packet_loss', 'round_trip'] as const) {
      expect(streams.some((stream) => stream.poorBy.includes(figure))).toBe(true);
    }
    expect(streams.some((stream) => stream.poorBy.length === 2)).toBe(true);
    expect(streams.some((stream) => stream.figures.averageJitterMs === 30 && stream.quality === 'good')).toBe(
      true,
    );
    expect(
      streams.some((s) => s.figures.averageJitterMs !== null && s.figures.averagePacketLossRate === null),
    ).toBe(true);
    for (const { figures: f } of streams) {
      if (f.averageJitterMs === null) continue;
      expect(f.packetUtilization).toBeGreaterThan(500);
      expect(f.maxJitterMs).toBeGreaterThanOrEqual(f.averageJitterMs);
      expect(f.maxRoundTripTimeMs).toBeGreaterThanOrEqual(f.averageRoundTripTimeMs ?? 0);
    }
  });
});
