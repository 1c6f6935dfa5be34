// Microsoft's Call Quality Dashboard rates an audio stream Poor when its average jitter exceeds 30 ms, its average
// packet loss rate 0.1 or its average round trip 500 ms (strictly), given more than 500 packets; a stream without
// these figures is unclassified. The simulator's ground truth rates every stream by these thresholds, with its own
// code: the truth must not depend on how the collector rates.
import type { StreamFigures } from './call-records.js';

/** The figure names as the collector's `m365.call.quality.metric` attribute spells them. */
export type QualityFigure = 'jitter' | 'packet_loss' | 'round_trip';
export type StreamQuality = 'good' | 'poor' | 'unrated';

export const POOR_JITTER_MS = 30;
export const POOR_PACKET_LOSS_RATE = 0.1;
export const POOR_ROUND_TRIP_MS = 500;

export interface StreamRating {
  quality: StreamQuality;
  /** The figures above their threshold, in this order: jitter, packet_loss, round_trip. */
  poorBy: QualityFigure[];
}

/** Unrated without any of the three averages; else poor by each figure above its threshold, or good. */
export function rateStream(figures: StreamFigures): StreamRating {
  const { averageJitterMs, averagePacketLossRate, averageRoundTripTimeMs } = figures;
  if (averageJitterMs === null && averagePacketLossRate === null && averageRoundTripTimeMs === null) {
    return { quality: 'unrated', poorBy: [] };
  }
  const poorBy: QualityFigure[] = [];
  if (averageJitterMs !== null && averageJitterMs > POOR_JITTER_MS) poorBy.push('jitter');
  if (averagePacketLossRate !== null && averagePacketLossRate > POOR_PACKET_LOSS_RATE)
    poorBy.push('packet_loss');
  if (averageRoundTripTimeMs !== null && averageRoundTripTimeMs > POOR_ROUND_TRIP_MS)
    poorBy.push('round_trip');
  return { quality: poorBy.length > 0 ? 'poor' : 'good', poorBy };
}
