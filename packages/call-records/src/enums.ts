import { defineEnum } from '@m365-otel/request-pipeline';

/** callRecords' `callType`, in the v1.0 documentation's order. */
export const CALL_TYPES = ['unknown', 'groupCall', 'peerToPeer', 'unknownFutureValue'] as const;
/** callRecords' `modality`. */
export const MODALITIES = [
  'unknown',
  'audio',
  'video',
  'videoBasedScreenSharing',
  'data',
  'screenSharing',
  'unknownFutureValue',
] as const;
/** callRecords' `mediaStreamDirection`. */
export const STREAM_DIRECTIONS = ['callerToCallee', 'calleeToCaller'] as const;

export const ENUMS = {
  callType: defineEnum('callType', CALL_TYPES),
  modality: defineEnum('modality', MODALITIES),
  streamDirection: defineEnum('mediaStreamDirection', STREAM_DIRECTIONS),
} as const;
