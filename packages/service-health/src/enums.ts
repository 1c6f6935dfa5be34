import { defineEnum } from '@m365-otel/request-pipeline';

// A Graph enum value is an EnumValue: Microsoft's documentation shows PascalCase (`ServiceOperational`) while the
// enum members and live tenants use camelCase, so known values are matched case-insensitively and returned in
// camelCase; a value this client does not know is kept exactly as sent (not folded into unknownFutureValue).
export type { EnumValue } from '@m365-otel/request-pipeline';

/** serviceHealthStatus in the v1.0 documentation's order, spelled as the enum members are (camelCase). */
export const SERVICE_HEALTH_STATUSES = [
  'serviceOperational',
  'investigating',
  'restoringService',
  'verifyingService',
  'serviceRestored',
  'postIncidentReviewPublished',
  'serviceDegradation',
  'serviceInterruption',
  'extendedRecovery',
  'falsePositive',
  'investigationSuspended',
  'resolved',
  'mitigatedExternal',
  'mitigated',
  'resolvedExternal',
  'confirmed',
  'reported',
  'unknownFutureValue',
] as const;
export type ServiceHealthStatus = (typeof SERVICE_HEALTH_STATUSES)[number];

export const SERVICE_HEALTH_CLASSIFICATIONS = ['advisory', 'incident', 'unknownFutureValue'] as const;
export const SERVICE_HEALTH_ORIGINS = ['microsoft', 'thirdParty', 'customer', 'unknownFutureValue'] as const;
export const ISSUE_POST_TYPES = ['regular', 'quick', 'strategic', 'unknownFutureValue'] as const;
export const SERVICE_UPDATE_CATEGORIES = [
  'preventOrFixIssue',
  'planForChange',
  'stayInformed',
  'unknownFutureValue',
] as const;
export const SERVICE_UPDATE_SEVERITIES = ['normal', 'high', 'critical', 'unknownFutureValue'] as const;

export function isServiceHealthStatus(value: string): value is ServiceHealthStatus {
  return (SERVICE_HEALTH_STATUSES as readonly string[]).includes(value);
}

export const ENUMS = {
  status: defineEnum('serviceHealthStatus', SERVICE_HEALTH_STATUSES),
  classification: defineEnum('serviceHealthClassificationType', SERVICE_HEALTH_CLASSIFICATIONS),
  origin: defineEnum('serviceHealthOrigin', SERVICE_HEALTH_ORIGINS),
  postType: defineEnum('postType', ISSUE_POST_TYPES),
  category: defineEnum('serviceUpdateCategory', SERVICE_UPDATE_CATEGORIES),
  severity: defineEnum('serviceUpdateSeverity', SERVICE_UPDATE_SEVERITIES),
  // itemBody.contentType: the docs send "Html"; exposed as a plain string, normalised the same way.
  bodyType: defineEnum('bodyType', ['text', 'html']),
} as const;
