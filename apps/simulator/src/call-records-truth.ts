// Ground truth of the call records: each record of a start window in its final version, with every stream's figures
// in seconds and ratios and its rating by the Call Quality Dashboard's thresholds (call-quality.ts), computed from the
// model and never from what a client read.
import { type QualityFigure, rateStream, type StreamQuality } from './call-quality.js';
import {
  type CallModality,
  type CallRecordModel,
  type CallType,
  compareInstants,
  finalVersion,
  formatInstant,
  type Instant,
  parseInstant,
  type StreamDirection,
} from './call-records.js';
import { recordModalities } from './call-records-json.js';

export interface CallStreamTruth {
  sessionId: string;
  segmentId: string;
  /** The media label (`main-audio`, `main-video`, `applicationsharing-video`) and the modality it stands for. */
  label: string;
  modality: CallModality;
  streamId: string;
  streamDirection: StreamDirection;
  /** Seconds, as the ISO 8601 durations Graph sends them; null = not reported. */
  averageJitterSeconds: number | null;
  maxJitterSeconds: number | null;
  averagePacketLossRate: number | null;
  maxPacketLossRate: number | null;
  averageRoundTripTimeSeconds: number | null;
  maxRoundTripTimeSeconds: number | null;
  quality: StreamQuality;
  /** The averages above their thresholds (empty unless poor). */
  poorBy: QualityFigure[];
}

export interface CallRecordTruth {
  id: string;
  type: CallType;
  modalities: CallModality[];
  startDateTime: string;
  endDateTime: string;
  /** The final version and when it was made: the record never changes after that. */
  version: number;
  lastModifiedDateTime: string;
  /** Whether the record is already final at the simulator's now (else the API still serves an older version). */
  final: boolean;
  organizerId: string;
  sessionCount: number;
  streams: CallStreamTruth[];
}

export interface CallRecordsTruth {
  from: string;
  to: string;
  /** The simulator's clock when the truth was computed. */
  now: string;
  /** Records existing now (created, not past the 30-day retention) whose startDateTime is in [from, to), by start. */
  records: CallRecordTruth[];
  totals: {
    records: number;
    recordsByType: Record<CallType, number>;
    streams: number;
    streamsByQuality: Record<StreamQuality, number>;
    /** Poor streams per figure above its threshold (a stream poor by two figures counts under both). */
    poorStreamsBy: Record<QualityFigure, number>;
  };
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : ms / 1000;
}

function instant(name: string, text: string): Instant {
  const parsed = parseInstant(text);
  if (parsed === undefined)
    throw new Error(`call-records truth needs ${name} as an ISO 8601 instant, got '${text}'`);
  return parsed;
}

export function callRecordsTruth(
  model: CallRecordModel,
  nowMs: number,
  fromText: string,
  toText: string,
): CallRecordsTruth {
  const from = instant('from', fromText);
  const to = instant('to', toText);
  if (compareInstants(from, to) > 0) throw new Error('call-records truth needs from no later than to');
  const totals: CallRecordsTruth['totals'] = {
    records: 0,
    recordsByType: { groupCall: 0, peerToPeer: 0 },
    streams: 0,
    streamsByQuality: { good: 0, poor: 0, unrated: 0 },
    poorStreamsBy: { jitter: 0, packet_loss: 0, round_trip: 0 },
  };
  const records = model
    .recordsAt(nowMs)
    .filter((record) => compareInstants(record.start, from) >= 0 && compareInstants(record.start, to) < 0)
    .map((record): CallRecordTruth => {
      const final = finalVersion(record);
      const sessions = model.sessions(record, final.version);
      const streams = sessions.flatMap((session) =>
        session.media.flatMap((media) =>
          media.streams.map((stream): CallStreamTruth => {
            const { figures } = stream;
            return {
              sessionId: session.id,
              segmentId: session.segmentId,
              label: media.label,
              modality: media.modality,
              streamId: stream.streamId,
              streamDirection: stream.streamDirection,
              averageJitterSeconds: seconds(figures.averageJitterMs),
              maxJitterSeconds: seconds(figures.maxJitterMs),
              averagePacketLossRate: figures.averagePacketLossRate,
              maxPacketLossRate: figures.maxPacketLossRate,
              averageRoundTripTimeSeconds: seconds(figures.averageRoundTripTimeMs),
              maxRoundTripTimeSeconds: seconds(figures.maxRoundTripTimeMs),
              ...rateStream(figures),
            };
          }),
        ),
      );
      totals.records += 1;
      totals.recordsByType[record.type] += 1;
      for (const stream of streams) {
        totals.streams += 1;
        totals.streamsByQuality[stream.quality] += 1;
        for (const figure of stream.poorBy) totals.poorStreamsBy[figure] += 1;
      }
      return {
        id: record.id,
        type: record.type,
        modalities: recordModalities(sessions),
        startDateTime: formatInstant(record.start),
        endDateTime: formatInstant(record.end),
        version: final.version,
        lastModifiedDateTime: formatInstant(final.lastModified),
        final: final.lastModified.ms <= nowMs,
        organizerId: model.user(record.organizerIndex).id,
        sessionCount: sessions.length,
        streams,
      };
    });
  return { from: fromText, to: toText, now: new Date(nowMs).toISOString(), records, totals };
}
