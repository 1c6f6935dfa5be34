import type { Meter } from '@opentelemetry/api';
import { type Extensible, sentValue } from './catalog-model.js';
import { type EventRecord, eventRecord } from './event-record.js';
import {
  ATTR_M365_CALL_ID,
  ATTR_M365_CALL_MODALITIES,
  ATTR_M365_CALL_MODALITY,
  ATTR_M365_CALL_POOR_STREAMS,
  ATTR_M365_CALL_QUALITY_METRIC,
  ATTR_M365_CALL_STREAM_DIRECTION,
  ATTR_M365_CALL_STREAM_QUALITY,
  ATTR_M365_CALL_TYPE,
  EVENT_M365_CALL_RECORD,
  type M365CallModality,
  type M365CallQualityMetric,
  type M365CallStreamDirection,
  type M365CallStreamQuality,
  type M365CallType,
  METRIC_M365_CALL_RECORDS,
  METRIC_M365_CALL_STREAM_JITTER,
  METRIC_M365_CALL_STREAM_PACKET_LOSS,
  METRIC_M365_CALL_STREAM_POOR,
  METRIC_M365_CALL_STREAM_ROUND_TRIP,
  METRIC_M365_CALL_STREAMS,
} from './generated/catalog.js';
import type {
  CallRecordLike,
  CallSegmentLike,
  CallSessionLike,
  MediaStreamLike,
} from './governance-types.js';
import { createRecordedMetricRecorder } from './recorded-metrics.js';

/**
 * The poor-stream thresholds of Microsoft's Call Quality Dashboard audio classifier ("Stream Classification in Call
 * Quality Dashboard" on Microsoft Learn): a stream is poor when one of its averages is above its threshold (seconds
 * for jitter and round trip, a rate for packet loss). Each figure's histogram has its threshold as a bucket bound.
 */
export const POOR_STREAM_THRESHOLDS = {
  jitter: { field: 'averageJitter', above: 0.03, histogram: METRIC_M365_CALL_STREAM_JITTER },
  packet_loss: { field: 'averagePacketLossRate', above: 0.1, histogram: METRIC_M365_CALL_STREAM_PACKET_LOSS },
  round_trip: { field: 'averageRoundTripTime', above: 0.5, histogram: METRIC_M365_CALL_STREAM_ROUND_TRIP },
} as const satisfies Record<
  M365CallQualityMetric,
  { field: keyof MediaStreamLike; above: number; histogram: string }
>;

const QUALITY_METRICS = Object.keys(POOR_STREAM_THRESHOLDS) as M365CallQualityMetric[];

/** A stream figure worth recording: a finite, non-negative number (anything else counts as not sent). */
function figure(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export interface StreamRating {
  quality: M365CallStreamQuality;
  /** The averages above their thresholds, in POOR_STREAM_THRESHOLDS' order. */
  poorMetrics: M365CallQualityMetric[];
}

/** good, poor (with the averages that broke their thresholds) or unrated (none of the three averages sent). */
export function rateStream(stream: MediaStreamLike): StreamRating {
  const present = QUALITY_METRICS.filter(
    (metric) => figure(stream[POOR_STREAM_THRESHOLDS[metric].field]) !== undefined,
  );
  const poorMetrics = present.filter(
    (metric) =>
      (figure(stream[POOR_STREAM_THRESHOLDS[metric].field]) ?? 0) > POOR_STREAM_THRESHOLDS[metric].above,
  );
  const quality = present.length === 0 ? 'unrated' : poorMetrics.length > 0 ? 'poor' : 'good';
  return { quality, poorMetrics };
}

// Microsoft does not list the media labels; these are the ones Teams negotiates.
const LABEL_MODALITIES: readonly [RegExp, M365CallModality][] = [
  [/^applicationsharing-video$/i, 'videoBasedScreenSharing'],
  [/audio/i, 'audio'],
  [/video/i, 'video'],
  [/^data$/i, 'data'],
];

/** The stream's modality: from its media's label, else the session's only modality, else unknown. */
export function streamModality(
  label: string | null | undefined,
  session: CallSessionLike,
): Extensible<M365CallModality> {
  const byLabel = LABEL_MODALITIES.find(([pattern]) => label && pattern.test(label));
  if (byLabel !== undefined) return byLabel[1];
  const [only, ...others] = session.modalities;
  return only !== undefined && others.length === 0 ? sentValue<M365CallModality>(only) : 'unknown';
}

interface CallStream {
  session: CallSessionLike;
  segment: CallSegmentLike;
  label: string | null;
  stream: MediaStreamLike;
  modality: Extensible<M365CallModality>;
  rating: StreamRating;
}

/** Every media stream of every session and segment of a call record, with its modality and rating. */
function* callStreams(callRecord: CallRecordLike): Generator<CallStream> {
  for (const session of callRecord.sessions) {
    for (const segment of session.segments) {
      for (const media of segment.media) {
        for (const stream of media.streams) {
          const label = media.label ?? null;
          yield {
            session,
            segment,
            label,
            stream,
            modality: streamModality(label, session),
            rating: rateStream(stream),
          };
        }
      }
    }
  }
}

export interface CallQualityRecorder {
  /** Records one call record's call, streams and stream figures; the caller records each call record once. */
  record(callRecord: CallRecordLike): void;
}

/** Creates the call-quality metrics (`m365.call.*`, counters and histograms) on the meter of the tenant's Resource. */
export function createCallQualityRecorder(meter: Meter): CallQualityRecorder {
  const recordMetric = createRecordedMetricRecorder(meter, 'm365.call.');
  return {
    record(callRecord) {
      recordMetric(METRIC_M365_CALL_RECORDS, 1, {
        [ATTR_M365_CALL_TYPE]: sentValue<M365CallType>(callRecord.type),
      });
      for (const { stream, modality, rating } of callStreams(callRecord)) {
        recordMetric(METRIC_M365_CALL_STREAMS, 1, {
          [ATTR_M365_CALL_MODALITY]: modality,
          [ATTR_M365_CALL_STREAM_DIRECTION]: sentValue<M365CallStreamDirection>(stream.streamDirection),
          [ATTR_M365_CALL_STREAM_QUALITY]: rating.quality,
        });
        for (const metric of rating.poorMetrics)
          recordMetric(METRIC_M365_CALL_STREAM_POOR, 1, {
            [ATTR_M365_CALL_MODALITY]: modality,
            [ATTR_M365_CALL_QUALITY_METRIC]: metric,
          });
        for (const { field, histogram } of Object.values(POOR_STREAM_THRESHOLDS)) {
          const value = figure(stream[field]);
          if (value !== undefined) recordMetric(histogram, value, { [ATTR_M365_CALL_MODALITY]: modality });
        }
      }
    },
  };
}

/** The m365.call.record record of one call record: the call's identity as attributes, each stream in the body. */
export function callRecordEvent(callRecord: CallRecordLike): EventRecord {
  const streams = [...callStreams(callRecord)];
  const modalities = callRecord.modalities.map((modality) => sentValue(modality)).join(', ');
  return eventRecord(
    EVENT_M365_CALL_RECORD,
    callRecord.startDateTime,
    {
      [ATTR_M365_CALL_ID]: callRecord.id,
      [ATTR_M365_CALL_TYPE]: sentValue<M365CallType>(callRecord.type),
      [ATTR_M365_CALL_MODALITIES]: modalities || undefined,
      [ATTR_M365_CALL_POOR_STREAMS]: streams.filter(({ rating }) => rating.quality === 'poor').length,
    },
    {
      endDateTime: callRecord.endDateTime,
      version: callRecord.version,
      organizerId: callRecord.organizerId || null,
      streams: streams.map(({ session, segment, label, stream, modality, rating }) => ({
        sessionId: session.id,
        segmentId: segment.id,
        label,
        streamId: stream.streamId ?? null,
        modality,
        direction: sentValue(stream.streamDirection),
        averageJitter: figure(stream.averageJitter) ?? null,
        averagePacketLossRate: figure(stream.averagePacketLossRate) ?? null,
        averageRoundTripTime: figure(stream.averageRoundTripTime) ?? null,
        maxJitter: figure(stream.maxJitter) ?? null,
        maxPacketLossRate: figure(stream.maxPacketLossRate) ?? null,
        maxRoundTripTime: figure(stream.maxRoundTripTime) ?? null,
        quality: rating.quality,
        poorMetrics: rating.poorMetrics,
      })),
    },
  );
}
