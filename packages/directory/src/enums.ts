import { defineEnum } from '@m365-otel/request-pipeline';

/**
 * Graph's documented values of the fields a caller tells states apart by. Values are kept exactly as Graph sends them
 * (the documentation spells licence states in PascalCase and risk values in camelCase); a value outside these lists
 * is kept too, and logged once, so a state Microsoft adds later stays visible instead of being folded into another.
 */

/** `capabilityStatus` of a subscribedSku and `status` of a companySubscription: the same lifecycle. */
export const LICENCE_STATUSES = ['Enabled', 'Warning', 'Suspended', 'Deleted', 'LockedOut'] as const;

/** `riskLevel` of Identity Protection's riskyUser and riskDetection. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'hidden', 'none', 'unknownFutureValue'] as const;

/** `riskState` of Identity Protection's riskyUser and riskDetection. */
export const RISK_STATES = [
  'none',
  'confirmedSafe',
  'remediated',
  'dismissed',
  'atRisk',
  'confirmedCompromised',
  'unknownFutureValue',
] as const;

/**
 * `category` of onPremisesProvisioningError. Microsoft documents one value; the users list filters on each of them,
 * because Graph's filter on this collection supports only `eq` (neither `ne` nor null).
 */
export const PROVISIONING_ERROR_CATEGORIES = ['PropertyConflict'] as const;

export const ENUMS = {
  capabilityStatus: defineEnum('subscribedSku.capabilityStatus', LICENCE_STATUSES),
  subscriptionStatus: defineEnum('companySubscription.status', LICENCE_STATUSES),
  riskLevel: defineEnum('riskLevel', RISK_LEVELS),
  riskState: defineEnum('riskState', RISK_STATES),
} as const;
