import {
  type AnswerSource,
  dateTimeOffset,
  type EnumDefinition,
  enumValueOf,
  expectedValue,
  invalidAnswer,
  jsonArray,
  jsonObject,
  nonEmptyString,
  optionalField,
  pageItems,
  parseItems,
  placeIn,
  type SkippedItem,
} from '@m365-otel/request-pipeline';
import { z } from 'zod';
import { parseDurationSeconds } from './duration.js';
import { ENUMS } from './enums.js';

/** A call record as the list returns it: what says which call it was and whether it is final. */
export interface CallRecordSummary {
  id: string;
  /** callType: `groupCall`, `peerToPeer`, `unknown`, or a value Microsoft added later, as sent. */
  type: string;
  startDateTime: string;
  endDateTime: string;
  lastModifiedDateTime: string;
  /** Grows each time Microsoft adds data to the record. */
  version: number;
  /** modality values: `audio`, `video`, `videoBasedScreenSharing`, `screenSharing`, `data`, ... */
  modalities: string[];
}

/** One call record with its sessions, their segments, media and streams. */
export interface CallRecord extends CallRecordSummary {
  /** The organizer's Entra user id, when the organizer is a user (never a phone number). */
  organizerId?: string;
  sessions: CallSession[];
}

export interface CallSession {
  id: string;
  modalities: string[];
  segments: CallSegment[];
}

export interface CallSegment {
  id: string;
  media: CallMedia[];
}

export interface CallMedia {
  /** How the media was named in negotiation, e.g. `main-audio`, `main-video`, `applicationsharing-video`. */
  label?: string;
  streams: MediaStream[];
}

/** One direction of one medium. Durations are in seconds (Graph sends ISO 8601 durations); rates are fractions. */
export interface MediaStream {
  streamId?: string;
  /** mediaStreamDirection: `callerToCallee` or `calleeToCaller`, or a value Microsoft added later, as sent. */
  streamDirection: string;
  averageJitter?: number;
  maxJitter?: number;
  averagePacketLossRate?: number;
  maxPacketLossRate?: number;
  averageRoundTripTime?: number;
  maxRoundTripTime?: number;
}

/** The parts of a call record, each of which is left out alone when it is malformed. */
export type CallRecordPart = 'callRecord' | 'session' | 'segment' | 'media' | 'stream';

/**
 * A part left out because it lacks a required field or has one of the wrong type: `where` e.g.
 * `call record 3cf3…, sessions[0].segments[1].media[0].streams[2]`, `id` a stream's streamId, `problems` e.g.
 * `averageJitter: expected an ISO 8601 duration such as PT0.015S, got "fast"`.
 */
export interface SkippedCallRecordItem extends SkippedItem {
  part: CallRecordPart;
}

/**
 * Where a document came from (`label` e.g. `callRecords page 2`, `call record 3cf3…`,
 * `call record 3cf3… sessions page 2`), and where unknown enum values and skipped parts are reported.
 */
export interface ParseContext extends AnswerSource {
  onUnknownEnum(definition: EnumDefinition, value: string, where: string): void;
  onSkippedItem(item: SkippedCallRecordItem): void;
}

const DURATION_EXAMPLE = 'an ISO 8601 duration such as PT0.015S';

const object = jsonObject;
const nonEmptyText = nonEmptyString;
const dateTime = dateTimeOffset;
// OData may omit nulls (`omit-values=nulls`), and Graph sends null for a figure it did not measure: the same thing.
const optional = optionalField;
const children = optional(jsonArray(z.unknown())).transform((value) => value ?? []);
const enumTexts = optional(jsonArray(nonEmptyText)).transform((value) => value ?? []);
const seconds = z
  .string(expectedValue(DURATION_EXAMPLE))
  .refine((text) => (parseDurationSeconds(text) ?? -1) >= 0, expectedValue(DURATION_EXAMPLE))
  .transform((text) => parseDurationSeconds(text) as number);
const rate = z
  .number(expectedValue('a number from 0 to 1'))
  .refine((value) => value >= 0 && value <= 1, expectedValue('a number from 0 to 1'));

const SUMMARY_SHAPE = {
  id: nonEmptyText,
  type: nonEmptyText,
  startDateTime: dateTime,
  endDateTime: dateTime,
  lastModifiedDateTime: dateTime,
  version: z.number(expectedValue('an integer')).int(expectedValue('an integer')),
  modalities: enumTexts,
};

/** The fields the list asks for with `$select`: exactly those a summary holds. */
export const SUMMARY_FIELDS = Object.keys(SUMMARY_SHAPE) as ReadonlyArray<keyof CallRecordSummary>;

const SUMMARY = object(SUMMARY_SHAPE);

// organizer_v2 is descriptive: one Microsoft shapes differently (a phone, an ACS user) or drops is no reason to
// lose the record's figures, so anything but a user's id reads as no organizer.
const ORGANIZER = z
  .object({ identity: z.object({ user: z.object({ id: nonEmptyText }) }) })
  .transform((organizer) => organizer.identity.user.id)
  .optional()
  .catch(undefined);

const RECORD = object({
  ...SUMMARY_SHAPE,
  organizer_v2: ORGANIZER,
  sessions: children,
  'sessions@odata.nextLink': optional(nonEmptyText),
});

const SESSION = object({ id: nonEmptyText, modalities: enumTexts, segments: children });
const SEGMENT = object({ id: nonEmptyText, media: children });
const MEDIA = object({ label: optional(z.string(expectedValue('a string'))), streams: children });
const STREAM = object({
  streamId: optional(z.string(expectedValue('a string'))),
  streamDirection: nonEmptyText,
  averageJitter: optional(seconds),
  maxJitter: optional(seconds),
  averagePacketLossRate: optional(rate),
  maxPacketLossRate: optional(rate),
  averageRoundTripTime: optional(seconds),
  maxRoundTripTime: optional(seconds),
});

/** The call records of one list page; a malformed one is left out and reported, the others are returned. */
export function parseCallRecordPage(context: ParseContext, body: unknown): CallRecordSummary[] {
  return eachOf(context, pageItems(context, body), 'value', 'callRecord', SUMMARY, (raw, at) =>
    summaryOf(context, raw, at),
  );
}

/**
 * One call record with the sessions it holds inline, and the link to the rest of its sessions when Graph paged them.
 * The record's own fields must hold (there is nothing to fall back on); a malformed session, segment, media or
 * stream is left out and reported.
 */
export function parseCallRecord(
  context: ParseContext,
  body: unknown,
): { record: CallRecord; sessionsNextLink: string | undefined } {
  const parsed = RECORD.safeParse(body);
  if (!parsed.success) throw invalidAnswer(context, parsed.error);
  const raw = parsed.data;
  const record: CallRecord = {
    ...summaryOf(context, raw, ''),
    ...(raw.organizer_v2 !== undefined && { organizerId: raw.organizer_v2 }),
    sessions: sessionsOf(context, raw.sessions, 'sessions'),
  };
  return { record, sessionsNextLink: raw['sessions@odata.nextLink'] };
}

/** The sessions of one page of a record's sessions (its `sessions@odata.nextLink` and the pages after it). */
export function parseSessionsPage(context: ParseContext, body: unknown): CallSession[] {
  return sessionsOf(context, pageItems(context, body), 'value');
}

function summaryOf(context: ParseContext, raw: z.output<typeof SUMMARY>, at: string): CallRecordSummary {
  return {
    id: raw.id,
    type: enumOf(context, ENUMS.callType, raw.type, join(at, 'type')),
    startDateTime: raw.startDateTime,
    endDateTime: raw.endDateTime,
    lastModifiedDateTime: raw.lastModifiedDateTime,
    version: raw.version,
    modalities: modalitiesOf(context, raw.modalities, join(at, 'modalities')),
  };
}

function sessionsOf(context: ParseContext, items: unknown[], at: string): CallSession[] {
  return eachOf(context, items, at, 'session', SESSION, (session, sessionAt) => ({
    id: session.id,
    modalities: modalitiesOf(context, session.modalities, join(sessionAt, 'modalities')),
    segments: eachOf(
      context,
      session.segments,
      join(sessionAt, 'segments'),
      'segment',
      SEGMENT,
      (segment, segmentAt) => ({
        id: segment.id,
        media: eachOf(context, segment.media, join(segmentAt, 'media'), 'media', MEDIA, (media, mediaAt) => ({
          ...(media.label !== undefined && { label: media.label }),
          streams: eachOf(
            context,
            media.streams,
            join(mediaAt, 'streams'),
            'stream',
            STREAM,
            (stream, streamAt) => streamOf(context, stream, streamAt),
          ),
        })),
      }),
    ),
  }));
}

function streamOf(context: ParseContext, raw: z.output<typeof STREAM>, at: string): MediaStream {
  const { streamDirection, ...figures } = raw;
  const stream: MediaStream = {
    streamDirection: enumOf(context, ENUMS.streamDirection, streamDirection, join(at, 'streamDirection')),
  };
  for (const [key, value] of Object.entries(figures)) {
    if (value !== undefined) Object.assign(stream, { [key]: value });
  }
  return stream;
}

function modalitiesOf(context: ParseContext, values: readonly string[], at: string): string[] {
  return values.map((value, index) => enumOf(context, ENUMS.modality, value, `${at}[${index}]`));
}

function enumOf(context: ParseContext, definition: EnumDefinition, sent: string, at: string): string {
  const { value, known } = enumValueOf(definition, sent);
  if (!known) context.onUnknownEnum(definition, sent, placeIn(context, at));
  return value;
}

/** Each element that validates, built; each that does not, reported as skipped with its problems. */
function eachOf<S extends z.ZodType, T>(
  context: ParseContext,
  items: readonly unknown[],
  at: string,
  part: CallRecordPart,
  schema: S,
  build: (parsed: z.output<S>, at: string) => T,
): T[] {
  const parsed = parseItems(context, items, {
    at,
    schema: schema as z.ZodType<z.output<S>>,
    idField: part === 'stream' ? 'streamId' : 'id',
    onSkipped: (item) => context.onSkippedItem({ part, ...item }),
  });
  return Array.from(parsed, ({ item, at: itemAt }) => build(item, itemAt));
}

function join(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}
