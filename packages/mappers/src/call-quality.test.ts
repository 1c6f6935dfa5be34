import { DataPointType, type HistogramMetricData, type MetricData } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { expectMatchesCatalog } from './__fixtures__/event-catalog.js';
import { callRecord } from './__fixtures__/governance/graph-shapes.js';
import { instrumentsCreatedBy, sdkMeter, shutDownSdkMeters } from './__fixtures__/sdk-meter.js';
import {
  callRecordEvent,
  createCallQualityRecorder,
  POOR_STREAM_THRESHOLDS,
  rateStream,
  streamModality,
} from './call-quality.js';
import { RECORDED_METRIC_CATALOG } from './generated/catalog.js';
import type { CallSessionLike } from './governance-types.js';

afterEach(shutDownSdkMeters);

const direction = 'callerToCallee';

describe('rateStream', () => {
  it("applies the Call Quality Dashboard's audio thresholds: above 30 ms jitter, 0.1 packet loss, 500 ms round trip", () => {
    expect(POOR_STREAM_THRESHOLDS).toMatchObject({
      jitter: { field: 'averageJitter', above: 0.03 },
      packet_loss: { field: 'averagePacketLossRate', above: 0.1 },
      round_trip: { field: 'averageRoundTripTime', above: 0.5 },
    });
    const atThresholds = { averageJitter: 0.03, averagePacketLossRate: 0.1, averageRoundTripTime: 0.5 };
    expect(rateStream({ streamDirection: direction, ...atThresholds })).toEqual({
      quality: 'good',
      poorMetrics: [],
    });
    expect(rateStream({ streamDirection: direction, ...atThresholds, averageJitter: 0.0301 })).toEqual({
      quality: 'poor',
      poorMetrics: ['jitter'],
    });
    expect(
      rateStream({ streamDirection: direction, averagePacketLossRate: 0.11, averageRoundTripTime: 0.51 }),
    ).toEqual({ quality: 'poor', poorMetrics: ['packet_loss', 'round_trip'] });
  });

  it('rates a stream without any of the three averages unrated, and takes a negative or non-finite figure as not sent', () => {
    expect(rateStream({ streamDirection: direction, maxJitter: 0.5 })).toEqual({
      quality: 'unrated',
      poorMetrics: [],
    });
    expect(
      rateStream({ streamDirection: direction, averageJitter: Number.NaN, averageRoundTripTime: -1 }),
    ).toEqual({ quality: 'unrated', poorMetrics: [] });
  });

  it("makes each threshold a bucket boundary of its figure's histogram, so the backend can count above it", () => {
    for (const { above, histogram } of Object.values(POOR_STREAM_THRESHOLDS)) {
      const definition = RECORDED_METRIC_CATALOG.find((metric) => metric.name === histogram);
      expect(definition?.bucketBoundaries, histogram).toContain(above);
    }
  });
});

describe('streamModality', () => {
  const session = (modalities: string[]): CallSessionLike => ({ id: 's', modalities, segments: [] });
  it("reads the media label, else the session's only modality, else unknown", () => {
    expect(streamModality('main-audio', session(['audio', 'video']))).toBe('audio');
    expect(streamModality('main-video', session(['audio', 'video']))).toBe('video');
    expect(streamModality('applicationsharing-video', session(['audio', 'videoBasedScreenSharing']))).toBe(
      'videoBasedScreenSharing',
    );
    expect(streamModality('data', session(['data']))).toBe('data');
    expect(streamModality(null, session(['screenSharing']))).toBe('screenSharing');
    expect(streamModality('main-foo', session(['audio', 'video']))).toBe('unknown');
    expect(streamModality(undefined, session([]))).toBe('unknown');
  });
});

function points(metric: MetricData | undefined): Record<string, unknown>[] {
  return (metric?.dataPoints ?? []).map((point) => ({ ...point.attributes, value: point.value }));
}

function histogramCounts(metric: MetricData | undefined): Record<string, number> {
  const histogram = metric as HistogramMetricData | undefined;
  return Object.fromEntries(
    (histogram?.dataPoints ?? []).map((point) => [
      String(point.attributes['m365.call.modality']),
      point.value.count,
    ]),
  );
}

describe('createCallQualityRecorder', () => {
  it("records Microsoft's example call: the call, each stream by quality, the poor ones by cause, the figures", async () => {
    const { meter, collected } = sdkMeter();
    createCallQualityRecorder(meter).record(callRecord());
    const metrics = await collected();

    expect(metrics.get('m365.call.records')?.dataPointType).toBe(DataPointType.SUM);
    expect(points(metrics.get('m365.call.records'))).toEqual([{ 'm365.call.type': 'peerToPeer', value: 1 }]);
    const stream = (modality: string, streamDirection: string, quality: string) => ({
      'm365.call.modality': modality,
      'm365.call.stream.direction': streamDirection,
      'm365.call.stream.quality': quality,
      value: 1,
    });
    expect(points(metrics.get('m365.call.streams'))).toEqual([
      stream('audio', 'callerToCallee', 'good'),
      stream('audio', 'calleeToCaller', 'poor'),
      stream('video', 'callerToCallee', 'unrated'),
      stream('video', 'calleeToCaller', 'poor'),
    ]);
    expect(points(metrics.get('m365.call.stream.poor'))).toEqual([
      { 'm365.call.modality': 'audio', 'm365.call.quality.metric': 'jitter', value: 1 },
      { 'm365.call.modality': 'audio', 'm365.call.quality.metric': 'packet_loss', value: 1 },
      { 'm365.call.modality': 'video', 'm365.call.quality.metric': 'round_trip', value: 1 },
    ]);
    // The unrated video stream sent no figure: it is in no histogram.
    for (const histogram of [
      'm365.call.stream.jitter',
      'm365.call.stream.packet_loss',
      'm365.call.stream.round_trip',
    ])
      expect(histogramCounts(metrics.get(histogram)), histogram).toEqual({ audio: 2, video: 1 });
    const jitter = metrics.get('m365.call.stream.jitter') as HistogramMetricData;
    expect(jitter.dataPoints[0]?.value.sum).toBeCloseTo(0.016 + 0.043, 9);
  });

  it('counts every call record it is given, and creates the call-quality metrics only', async () => {
    const { meter, collected } = sdkMeter();
    const names = instrumentsCreatedBy(meter, () => {
      const recorder = createCallQualityRecorder(meter);
      recorder.record(callRecord());
      recorder.record({ ...callRecord(), id: 'second', type: 'groupCall', sessions: [] });
    });
    expect(names).toEqual(
      RECORDED_METRIC_CATALOG.map((metric) => metric.name)
        .filter((name) => name.startsWith('m365.call.'))
        .sort(),
    );
    expect(points((await collected()).get('m365.call.records'))).toEqual([
      { 'm365.call.type': 'peerToPeer', value: 1 },
      { 'm365.call.type': 'groupCall', value: 1 },
    ]);
  });
});

describe('callRecordEvent', () => {
  it("makes Microsoft's example call a record with each stream's figures and rating", () => {
    const record = callRecordEvent(callRecord());
    expectMatchesCatalog(record);
    expect(record.timestamp).toBe('2020-02-25T18:52:21.2169889Z');
    expect(record.attributes).toEqual({
      'm365.call.id': 'e523d2ed-2966-4b6b-925b-754a88034cc5',
      'm365.call.type': 'peerToPeer',
      'm365.call.modalities': 'audio, video',
      'm365.call.poor_streams': 2,
    });
    expect(record.body).toMatchObject({
      endDateTime: '2020-02-25T18:52:46.7640013Z',
      version: 1,
      organizerId: '821809f5-0000-0000-0000-3b5136c0e777',
    });
    const streams = record.body.streams as Record<string, unknown>[];
    expect(
      streams.map((entry) => [
        entry.streamId,
        entry.modality,
        entry.direction,
        entry.quality,
        entry.poorMetrics,
      ]),
    ).toEqual([
      ['1504545584', 'audio', 'callerToCallee', 'good', []],
      ['1785122252', 'audio', 'calleeToCaller', 'poor', ['jitter', 'packet_loss']],
      ['2001', 'video', 'callerToCallee', 'unrated', []],
      ['2002', 'video', 'calleeToCaller', 'poor', ['round_trip']],
    ]);
    expect(streams[1]).toMatchObject({
      sessionId: 'e523d2ed-2966-4b6b-925b-754a88034cc5',
      segmentId: 'e523d2ed-2966-4b6b-925b-754a88034cc5',
      label: 'main-audio',
      averageJitter: 0.043,
      averagePacketLossRate: 0.1349,
      averageRoundTripTime: 0.062,
      maxJitter: 0.174,
      maxPacketLossRate: 0.4188,
      maxRoundTripTime: 0.142,
    });
    expect(streams[2]).toMatchObject({ averageJitter: null, maxRoundTripTime: null });
  });
});
