// Call records in Graph's JSON shapes (microsoft.graph.callRecords: callRecord, session, segment, media,
// mediaStream), property names and order as Microsoft's documentation examples show them.
import {
  type CallModality,
  type CallRecordModel,
  formatInstant,
  type ModelCallRecord,
  type ModelMedia,
  type ModelSession,
  type ModelStream,
  versionAt,
} from './call-records.js';

type Json = Record<string, unknown>;

/** The callRecord properties `$select` accepts, in the order Graph writes them. */
export const CALL_RECORD_PROPERTIES = [
  'id',
  'version',
  'type',
  'modalities',
  'lastModifiedDateTime',
  'startDateTime',
  'endDateTime',
  'joinWebUrl',
  'organizer',
  'participants',
] as const;
export type CallRecordProperty = (typeof CALL_RECORD_PROPERTIES)[number];

const MODALITY_ORDER: readonly CallModality[] = ['audio', 'video', 'screenSharing'];

/** Graph's Duration: ISO 8601 seconds, `PT0.015S`, `PT0S`, `PT1.2S`. */
export function duration(ms: number | null): string | null {
  return ms === null ? null : `PT${ms / 1000}S`;
}

/** The union of the sessions' modalities, in Graph's enum order. */
export function recordModalities(sessions: readonly ModelSession[]): CallModality[] {
  return MODALITY_ORDER.filter((modality) =>
    sessions.some((session) => session.modalities.includes(modality)),
  );
}

/**
 * A callRecord as it is at `nowMs`: every property, or the `select`ed ones only. The deprecated `organizer` and
 * `participants` (no data after June 2026) are sent only when selected, as null and []; `organizer_v2`, which
 * Graph expands by default, comes with the unselected record.
 */
export function callRecordJson(
  model: CallRecordModel,
  record: ModelCallRecord,
  sessions: readonly ModelSession[],
  nowMs: number,
  graphUrl: string,
  select: readonly CallRecordProperty[] | undefined,
): Json {
  const { version, lastModified } = versionAt(record, nowMs);
  const values: Record<CallRecordProperty, unknown> = {
    id: record.id,
    version,
    type: record.type,
    modalities: recordModalities(sessions),
    lastModifiedDateTime: formatInstant(lastModified),
    startDateTime: formatInstant(record.start),
    endDateTime: formatInstant(record.end),
    joinWebUrl: model.joinWebUrl(record),
    organizer: null,
    participants: [],
  };
  const json: Json = {};
  for (const property of CALL_RECORD_PROPERTIES) {
    const wanted =
      select === undefined
        ? property !== 'organizer' && property !== 'participants'
        : select.includes(property);
    if (wanted) json[property] = values[property];
  }
  if (select === undefined) {
    const organizer = model.user(record.organizerIndex);
    json['organizer_v2@odata.context'] =
      `${graphUrl}/v1.0/$metadata#communications/callRecords('${record.id}')/organizer_v2/$entity`;
    json.organizer_v2 = {
      id: organizer.id,
      identity: { user: { ...organizer, tenantId: model.tenantId } },
    };
  }
  return json;
}

function participantEndpoint(
  model: CallRecordModel,
  record: ModelCallRecord,
  index: number,
  userIndex: number,
): Json {
  const platform = model.platform(record, index);
  return {
    '@odata.type': '#microsoft.graph.callRecords.participantEndpoint',
    name: `machineName_${userIndex}`,
    userAgent: {
      '@odata.type': '#microsoft.graph.callRecords.clientUserAgent',
      headerValue: `CallSignalingAgent (${platform}) Teams/24295.605.3225.8804`,
      platform,
      productFamily: 'teams',
    },
    identity: {
      '@odata.type': '#microsoft.graph.identitySet',
      user: { ...model.user(userIndex), tenantId: model.tenantId },
    },
    feedback: null,
  };
}

const CONFERENCING_ENDPOINT: Json = {
  '@odata.type': '#microsoft.graph.callRecords.serviceEndpoint',
  userAgent: {
    '@odata.type': '#microsoft.graph.callRecords.serviceUserAgent',
    headerValue: null,
    role: 'conferencing',
  },
};

function networkInfo(userIndex: number): Json {
  return {
    ipAddress: `10.${(userIndex >> 8) & 0xff}.${userIndex & 0xff}.${10 + (userIndex % 200)}`,
    subnet: `10.${(userIndex >> 8) & 0xff}.${userIndex & 0xff}.0`,
    linkSpeed: userIndex % 3 === 0 ? 54_000_000 : 1_000_000_000,
    connectionType: userIndex % 3 === 0 ? 'wifi' : 'wired',
  };
}

function streamJson(media: ModelMedia, stream: ModelStream): Json {
  const { figures } = stream;
  const audio = media.modality === 'audio';
  const rated = figures.averageJitterMs !== null;
  return {
    streamId: stream.streamId,
    streamDirection: stream.streamDirection,
    averageAudioDegradation: audio && rated ? Math.round((figures.averageJitterMs ?? 0) * 3.7) / 100 : null,
    averageJitter: duration(figures.averageJitterMs),
    maxJitter: duration(figures.maxJitterMs),
    averagePacketLossRate: figures.averagePacketLossRate,
    maxPacketLossRate: figures.maxPacketLossRate,
    averageRatioOfConcealedSamples: null,
    maxRatioOfConcealedSamples: null,
    averageRoundTripTime: duration(figures.averageRoundTripTimeMs),
    maxRoundTripTime: duration(figures.maxRoundTripTimeMs),
    packetUtilization: figures.packetUtilization,
    averageBandwidthEstimate: rated ? (audio ? 9_965_083 : 2_450_000) : null,
    wasMediaBypassed: false,
    averageAudioNetworkJitter: null,
    maxAudioNetworkJitter: null,
    rmsFreezeDuration: null,
    averageFreezeDuration: null,
    isAudioForwardErrorCorrectionUsed: audio && rated ? (figures.averagePacketLossRate ?? 0) > 0.02 : null,
  };
}

/** A session as Graph lists it, with its segment (one per Teams VoIP session) when `withSegments`. */
export function sessionJson(
  model: CallRecordModel,
  record: ModelCallRecord,
  session: ModelSession,
  index: number,
  withSegments: boolean,
): Json {
  const caller = participantEndpoint(model, record, index, session.callerIndex);
  const callee =
    session.calleeIndex === undefined
      ? CONFERENCING_ENDPOINT
      : participantEndpoint(model, record, index + 1, session.calleeIndex);
  const json: Json = {
    modalities: session.modalities,
    startDateTime: formatInstant(session.start),
    endDateTime: formatInstant(session.end),
    id: session.id,
    isTest: false,
    caller,
    callee,
    failureInfo: null,
  };
  if (!withSegments) return json;
  const callerNetwork = networkInfo(session.callerIndex);
  const calleeNetwork = session.calleeIndex === undefined ? null : networkInfo(session.calleeIndex);
  json.segments = [
    {
      startDateTime: formatInstant(session.start),
      endDateTime: formatInstant(session.end),
      id: session.segmentId,
      caller,
      callee,
      failureInfo: null,
      media: session.media.map((media) => ({
        label: media.label,
        callerNetwork,
        calleeNetwork,
        callerDevice: {
          captureDeviceName: 'Default input device',
          renderDeviceName: 'Default output device',
        },
        calleeDevice: null,
        streams: media.streams.map((stream) => streamJson(media, stream)),
      })),
    },
  ];
  return json;
}
