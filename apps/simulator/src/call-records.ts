// The tenant's Teams call records as Graph's callRecords API serves them (microsoft.graph.callRecords): one call per
// fixed slot of time at most, each record with its sessions, segments, media and streams. Like the audit feed, every
// record is a pure function of (seed, slot), anchored on the epoch rather than on `now`, so records keep their ids as
// the clock moves: they appear some minutes after their call ended, may be updated within their first hour, and
// leave the API 30 days after they were created.
import { HashRandom } from './prng.js';
import type { TenantModel } from './tenant.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Microsoft keeps a call record for 30 days after it was created; older ones are neither listed nor found. */
export const CALL_RECORD_RETENTION_MS = 30 * DAY_MS;
/** A record is created 2 to 15 minutes after its call ended. */
const MIN_CREATION_LAG_MS = 2 * MINUTE_MS;
const CREATION_LAG_SPREAD_MS = 13 * MINUTE_MS;
/** Some records are updated once (version 2) 5 to 55 minutes after their creation, never later. */
const UPDATE_SHARE = 0.35;
const MIN_UPDATE_LAG_MS = 5 * MINUTE_MS;
const UPDATE_LAG_SPREAD_MS = 50 * MINUTE_MS;
/** How long after its creation a record can still change: a record is final once this has passed. */
export const CALL_RECORD_SETTLE_MS = MIN_UPDATE_LAG_MS + UPDATE_LAG_SPREAD_MS;
/** A slot holds a call with this probability; the tenant makes 12 to 48 calls a day (users / 2). */
const CALL_SHARE = 0.85;
const MIN_CALLS_PER_DAY = 12;
const MAX_CALLS_PER_DAY = 48;
/** Every LARGE_EVERY-th slot holds a meeting with more sessions than one page of sessions (60) holds. */
const LARGE_EVERY = 89;
const LARGE_MIN_SESSIONS = 61;
const LARGE_SESSION_SPREAD = 20;
const GROUP_SHARE = 0.55;
/** Graph's largest page of sessions (expanded or listed). */
export const SESSION_PAGE_MAX = 60;
/** The longest a call lasts (120 minutes and some seconds) plus the longest creation lag: start to creation. */
const MAX_START_TO_CREATION_MS = 121 * MINUTE_MS + MIN_CREATION_LAG_MS + CREATION_LAG_SPREAD_MS;

// Field numbers of the hash PRNG, far from the tenant model's and the audit feed's.
const F = {
  occurs: 0x5c01,
  type: 0x5c02,
  startOffset: 0x5c03,
  duration: 0x5c04,
  creationLag: 0x5c05,
  updated: 0x5c06,
  updateLag: 0x5c07,
  sessions: 0x5c08,
  organizer: 0x5c09,
  participant: 0x5c0a,
  video: 0x5c0b,
  screenSharing: 0x5c0c,
  subTicks: 0x5c0d,
  sessionOffset: 0x5c0e,
  pattern: 0x5c0f,
  jitter: 0x5c10,
  loss: 0x5c11,
  roundTrip: 0x5c12,
  poorFigure: 0x5c13,
  maxExtra: 0x5c14,
  packets: 0x5c15,
  streamId: 0x5c16,
  recordId: 0x5c17,
  sessionId: 0x5c18,
  segmentId: 0x5c19,
  joinUrl: 0x5c1a,
  platform: 0x5c1b,
} as const;

export type CallType = 'groupCall' | 'peerToPeer';
export type CallModality = 'audio' | 'video' | 'screenSharing';
export type StreamDirection = 'callerToCallee' | 'calleeToCaller';
export const STREAM_DIRECTIONS: readonly StreamDirection[] = ['callerToCallee', 'calleeToCaller'];

/** The media label Teams negotiates for each modality. */
export const MEDIA_LABELS: Readonly<Record<CallModality, string>> = {
  audio: 'main-audio',
  video: 'main-video',
  screenSharing: 'applicationsharing-video',
};

/**
 * An instant with Graph's 100-ns precision: DateTimeOffset values carry seven fraction digits
 * (`2020-02-25T18:52:21.2169889Z`), which a JavaScript Date cannot hold. `sub` is the 100-ns ticks within `ms`.
 */
export interface Instant {
  ms: number;
  sub: number;
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.ms - b.ms || a.sub - b.sub;
}

/** `YYYY-MM-DDTHH:MM:SS.fffffffZ`, Graph's spelling of a call record time. */
export function formatInstant(instant: Instant): string {
  const iso = new Date(instant.ms).toISOString();
  return `${iso.slice(0, 23)}${String(instant.sub).padStart(4, '0')}Z`;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})$/i;

/** An ISO 8601 instant with up to seven fraction digits and a zone, or undefined. */
export function parseInstant(text: string): Instant | undefined {
  const match = INSTANT.exec(text);
  if (match === null) return undefined;
  const [, base = '', fraction = '', zone = ''] = match;
  const digits = fraction.padEnd(7, '0');
  const ms = Date.parse(`${base}.${digits.slice(0, 3)}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return { ms, sub: Number(digits.slice(3)) };
}

/** One stream's network figures as the model holds them (ms and ratios); null = not reported. */
export interface StreamFigures {
  averageJitterMs: number | null;
  maxJitterMs: number | null;
  averagePacketLossRate: number | null;
  maxPacketLossRate: number | null;
  averageRoundTripTimeMs: number | null;
  maxRoundTripTimeMs: number | null;
  packetUtilization: number | null;
}

export interface ModelStream {
  streamId: string;
  streamDirection: StreamDirection;
  figures: StreamFigures;
}

export interface ModelMedia {
  modality: CallModality;
  label: string;
  streams: ModelStream[];
}

export interface ModelSession {
  id: string;
  segmentId: string;
  start: Instant;
  end: Instant;
  modalities: CallModality[];
  /** The user who initiated the session (the participant, for a group call's session with the conference). */
  callerIndex: number;
  /** The user who answered, or undefined when the callee is the conferencing service. */
  calleeIndex: number | undefined;
  media: ModelMedia[];
}

/** A record's head: what the list returns, computable without generating its sessions. */
export interface ModelCallRecord {
  slot: number;
  id: string;
  type: CallType;
  start: Instant;
  end: Instant;
  /** When Microsoft created the record (version 1). */
  created: Instant;
  /** When Microsoft updated it to version 2, if it does. */
  updated: Instant | undefined;
  sessionCount: number;
  organizerIndex: number;
}

/** The version of `record` that exists at `nowMs`, and when it was last modified. */
export function versionAt(
  record: ModelCallRecord,
  nowMs: number,
): { version: number; lastModified: Instant } {
  return record.updated !== undefined && record.updated.ms <= nowMs
    ? { version: 2, lastModified: record.updated }
    : { version: 1, lastModified: record.created };
}

/** The version no update will ever follow. */
export function finalVersion(record: ModelCallRecord): { version: number; lastModified: Instant } {
  return versionAt(record, Number.POSITIVE_INFINITY);
}

/** Whether the record exists at `nowMs`: created, and not yet past Microsoft's retention. */
export function existsAt(record: ModelCallRecord, nowMs: number): boolean {
  return record.created.ms <= nowMs && nowMs < record.created.ms + CALL_RECORD_RETENTION_MS;
}

/** The simulated tenant's call records: a pure function of the seed and the number of users. */
export class CallRecordModel {
  readonly #model: TenantModel;
  readonly #random: HashRandom;
  readonly #slotMs: number;

  constructor(model: TenantModel) {
    this.#model = model;
    this.#random = new HashRandom(model.seed);
    const callsPerDay = Math.min(MAX_CALLS_PER_DAY, Math.max(MIN_CALLS_PER_DAY, Math.ceil(model.users / 2)));
    this.#slotMs = Math.floor(DAY_MS / callsPerDay);
  }

  /** Every record that exists at `nowMs`, by start time (then id). Empty for a tenant of fewer than two users. */
  recordsAt(nowMs: number): ModelCallRecord[] {
    if (this.#model.users < 2) return [];
    // A call starts at most a slot after its slot begins: the first slot whose record may still be kept.
    const first = Math.floor(
      (nowMs - CALL_RECORD_RETENTION_MS - MAX_START_TO_CREATION_MS - this.#slotMs) / this.#slotMs,
    );
    const last = Math.floor(nowMs / this.#slotMs);
    const records: ModelCallRecord[] = [];
    for (let slot = first; slot <= last; slot += 1) {
      const record = this.#record(slot);
      if (record !== undefined && existsAt(record, nowMs)) records.push(record);
    }
    return records.sort((a, b) => compareInstants(a.start, b.start) || a.id.localeCompare(b.id));
  }

  /** The record with this id if it exists at `nowMs` (ids are matched case-insensitively, as GUIDs are). */
  findAt(id: string, nowMs: number): ModelCallRecord | undefined {
    const wanted = id.toLowerCase();
    return this.recordsAt(nowMs).find((record) => record.id === wanted);
  }

  #record(slot: number): ModelCallRecord | undefined {
    const r = this.#random;
    const large = slot % LARGE_EVERY === 0;
    if (!large && r.unit(slot, 0, F.occurs) >= CALL_SHARE) return undefined;
    const type: CallType = large || r.unit(slot, 0, F.type) < GROUP_SHARE ? 'groupCall' : 'peerToPeer';
    const startMs = slot * this.#slotMs + r.below(Math.floor(this.#slotMs / 2), slot, 0, F.startOffset);
    const minutes =
      type === 'peerToPeer'
        ? 1 + r.below(40, slot, 0, F.duration)
        : large
          ? 45 + r.below(75, slot, 0, F.duration)
          : 10 + r.below(80, slot, 0, F.duration);
    const endMs = startMs + minutes * MINUTE_MS + r.below(60_000, slot, 1, F.duration);
    const createdMs = endMs + MIN_CREATION_LAG_MS + r.below(CREATION_LAG_SPREAD_MS, slot, 0, F.creationLag);
    const updated = r.unit(slot, 0, F.updated) < UPDATE_SHARE;
    const updatedMs = createdMs + MIN_UPDATE_LAG_MS + r.below(UPDATE_LAG_SPREAD_MS, slot, 0, F.updateLag);
    const sessionCount =
      type === 'peerToPeer'
        ? 1
        : large
          ? LARGE_MIN_SESSIONS + r.below(LARGE_SESSION_SPREAD, slot, 0, F.sessions)
          : 2 + r.below(7, slot, 0, F.sessions);
    return {
      slot,
      id: r.guid(slot, F.recordId),
      type,
      start: this.#instant(startMs, slot, 0),
      end: this.#instant(endMs, slot, 1),
      created: this.#instant(createdMs, slot, 2),
      updated: updated ? this.#instant(updatedMs, slot, 3) : undefined,
      sessionCount,
      organizerIndex: r.below(this.#model.users, slot, 0, F.organizer),
    };
  }

  #instant(ms: number, slot: number, which: number): Instant {
    return { ms, sub: this.#random.below(10_000, slot, which, F.subTicks) };
  }

  /**
   * The sessions of `record` as they are at `version`: an update adds the figures of the last session's streams,
   * which version 1 of an updated record lacks (Microsoft: a higher version "includes additional data").
   */
  sessions(record: ModelCallRecord, version: number): ModelSession[] {
    const r = this.#random;
    const { slot } = record;
    const span = record.end.ms - record.start.ms;
    const sessions: ModelSession[] = [];
    for (let index = 0; index < record.sessionCount; index += 1) {
      // A session's entity: the slot and the session index, folded so each session has its own random stream.
      const entity = slot * 131 + index;
      const p2p = record.type === 'peerToPeer';
      const offset = index === 0 ? 0 : r.below(Math.floor(span / 3), entity, 0, F.sessionOffset);
      const startMs = record.start.ms + offset;
      const endMs =
        index === 0
          ? record.end.ms
          : record.end.ms - r.below(Math.floor(span / 4), entity, 1, F.sessionOffset);
      const modalities: CallModality[] = ['audio'];
      if (r.unit(entity, 0, F.video) < 0.45) modalities.push('video');
      if (r.unit(entity, 0, F.screenSharing) < (p2p ? 0.15 : 0.3)) modalities.push('screenSharing');
      const callerIndex =
        index === 0 ? record.organizerIndex : r.below(this.#model.users, entity, 0, F.participant);
      let calleeIndex: number | undefined;
      if (p2p) {
        const other = r.below(this.#model.users - 1, entity, 1, F.participant);
        calleeIndex = other >= callerIndex ? other + 1 : other;
      }
      const withoutFigures = version < finalVersion(record).version && index === record.sessionCount - 1;
      sessions.push({
        id: index === 0 ? record.id : r.guid(entity, F.sessionId),
        segmentId: index === 0 ? record.id : r.guid(entity, F.segmentId),
        start: index === 0 ? record.start : this.#instant(startMs, entity, 4),
        end: index === 0 ? record.end : this.#instant(endMs, entity, 5),
        modalities,
        callerIndex,
        calleeIndex,
        media: modalities.map((modality, mediaIndex) => ({
          modality,
          label: MEDIA_LABELS[modality],
          streams: STREAM_DIRECTIONS.map((streamDirection, directionIndex) => {
            const streamEntity = entity * 8 + mediaIndex * 2 + directionIndex;
            return {
              streamId: String(1_000_000_000 + r.below(2_000_000_000, streamEntity, 0, F.streamId)),
              streamDirection,
              figures: withoutFigures ? NO_FIGURES : this.#figures(streamEntity),
            };
          }),
        })),
      });
    }
    return sessions;
  }

  /**
   * A stream's figures: about 12 % report none, 3 % lack the packet loss, 18 % are poor by one or two of the Call
   * Quality Dashboard's audio thresholds, 3 % sit exactly on them (not poor: the thresholds are strict), the rest
   * are good. Packet counts are always above CQD's 500-packet floor for rating a stream.
   */
  #figures(entity: number): StreamFigures {
    const r = this.#random;
    const pattern = r.unit(entity, 0, F.pattern);
    if (pattern < 0.12) return NO_FIGURES;
    const onThreshold = pattern >= 0.33 && pattern < 0.36;
    const poor = pattern >= 0.15 && pattern < 0.33;
    const poorFigure = r.below(3, entity, 0, F.poorFigure);
    const poorTwo = r.unit(entity, 1, F.poorFigure) < 0.25;
    const isPoor = (figure: number): boolean =>
      poor && (poorFigure === figure || (poorTwo && (poorFigure + 1) % 3 === figure));
    const jitterMs = onThreshold
      ? 30
      : isPoor(0)
        ? 31 + r.below(60, entity, 0, F.jitter)
        : 1 + r.below(25, entity, 0, F.jitter);
    const lossRate = onThreshold
      ? 0.1
      : isPoor(1)
        ? round8(0.105 + 0.2 * r.unit(entity, 0, F.loss))
        : r.unit(entity, 1, F.loss) < 0.4
          ? 0
          : round8(0.05 * r.unit(entity, 0, F.loss));
    const roundTripMs = onThreshold
      ? 500
      : isPoor(2)
        ? 501 + r.below(700, entity, 0, F.roundTrip)
        : 15 + r.below(300, entity, 0, F.roundTrip);
    const withoutLoss = pattern >= 0.12 && pattern < 0.15;
    return {
      averageJitterMs: jitterMs,
      maxJitterMs: jitterMs + r.below(40, entity, 0, F.maxExtra),
      averagePacketLossRate: withoutLoss ? null : lossRate,
      maxPacketLossRate: withoutLoss
        ? null
        : round8(Math.min(1, lossRate + 0.1 * r.unit(entity, 1, F.maxExtra))),
      averageRoundTripTimeMs: roundTripMs,
      maxRoundTripTimeMs: roundTripMs + r.below(200, entity, 2, F.maxExtra),
      packetUtilization: 600 + r.below(60_000, entity, 0, F.packets),
    };
  }

  /** The tenant user `index` as call records name a participant. */
  user(index: number): { id: string; displayName: string } {
    return { id: this.#model.userId(index, false), displayName: this.#model.displayName(index, false) };
  }

  get tenantId(): string {
    return this.#model.tenantId;
  }

  /** A group call's meeting URL (a peer-to-peer call has none). */
  joinWebUrl(record: ModelCallRecord): string | null {
    if (record.type !== 'groupCall') return null;
    const thread = this.#random.hex128(record.slot, F.joinUrl).toLowerCase();
    return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0`;
  }

  /** The client platform of a session's caller, stable per session. */
  platform(record: ModelCallRecord, sessionIndex: number): (typeof PLATFORMS)[number] {
    const pick = this.#random.below(PLATFORMS.length, record.slot * 131 + sessionIndex, 0, F.platform);
    return PLATFORMS[pick] ?? 'windows';
  }
}

const PLATFORMS = ['windows', 'macOS', 'android', 'iOS', 'web'] as const;

const NO_FIGURES: StreamFigures = {
  averageJitterMs: null,
  maxJitterMs: null,
  averagePacketLossRate: null,
  maxPacketLossRate: null,
  averageRoundTripTimeMs: null,
  maxRoundTripTimeMs: null,
  packetUtilization: null,
};

function round8(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
