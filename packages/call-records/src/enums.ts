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

/** An enum's name as Graph's metadata spells it, and its members by their lower-case spelling. */
export interface EnumDefinition {
  readonly name: string;
  readonly byLowerCase: ReadonlyMap<string, string>;
}

function defineEnum(name: string, values: readonly string[]): EnumDefinition {
  return { name, byLowerCase: new Map(values.map((value) => [value.toLowerCase(), value])) };
}

export const ENUMS = {
  callType: defineEnum('callType', CALL_TYPES),
  modality: defineEnum('modality', MODALITIES),
  streamDirection: defineEnum('mediaStreamDirection', STREAM_DIRECTIONS),
} as const;

/**
 * A known value in its documented spelling (matched without regard to case), or the value exactly as sent when this
 * client does not know it: a member Microsoft adds later stays visible instead of being folded into another.
 */
export function canonicalEnumValue(
  definition: EnumDefinition,
  sent: string,
): { value: string; known: boolean } {
  const canonical = definition.byLowerCase.get(sent.toLowerCase());
  return canonical === undefined ? { value: sent, known: false } : { value: canonical, known: true };
}
