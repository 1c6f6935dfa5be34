// The fields the governance and call-quality mappings read of the objects @m365-otel/directory,
// @m365-otel/connect-health and @m365-otel/call-records return, as structural types: the clients' own types fit them,
// and the mappings never depend on a client. Field names are Microsoft's; times are ISO 8601 strings as Microsoft
// sent them. An enum field may be the text as sent or the `{ value, known }` pair service-health's client makes;
// an optional field may be absent or null.

import type { EnumValueLike } from './service-types.js';

/** An enum field: the text Microsoft sent, or its canonical spelling with whether the client knows it. */
export type EnumFieldLike = string | EnumValueLike;

/** `GET /subscribedSkus`: one SKU the tenant subscribes to. */
export interface SubscribedSkuLike {
  skuPartNumber: string;
  capabilityStatus: EnumFieldLike;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
}

/** `GET /directory/subscriptions`: one commercial subscription. */
export interface CompanySubscriptionLike {
  id: string;
  skuPartNumber: string;
  status: EnumFieldLike;
  isTrial: boolean;
  nextLifecycleDateTime?: string | null;
}

/** A `passwordCredentials` (password) or `keyCredentials` (certificate) entry. */
export interface AppCredentialLike {
  type: 'password' | 'certificate';
  keyId: string;
  displayName?: string | null;
  /** A password's first three characters. */
  hint?: string | null;
  /** A certificate's identifier: by default its thumbprint (Graph's Binary: base64 of the bytes). */
  customKeyIdentifier?: string | null;
  startDateTime?: string | null;
  endDateTime: string;
}

/** An application or service principal with its credentials. */
export interface AppCredentialOwnerLike {
  owner: 'application' | 'service_principal';
  /** The object ID. */
  id: string;
  appId: string;
  displayName?: string | null;
  credentials: readonly AppCredentialLike[];
}

/** `GET /organization`, with the default domain taken from `verifiedDomains`. */
export interface OrganizationLike {
  displayName: string;
  tenantType?: string | null;
  defaultDomain?: string | null;
  onPremisesSyncEnabled: boolean | null;
  onPremisesLastSyncDateTime?: string | null;
  onPremisesLastPasswordSyncDateTime?: string | null;
}

/** `GET /directory/onPremisesSynchronization`: the feature flags (`passwordSyncEnabled`, ...). */
export interface DirectorySyncFeaturesLike {
  features: Readonly<Record<string, boolean>>;
}

/** A user with `onPremisesProvisioningErrors`. */
export interface ProvisioningErrorUserLike {
  id: string;
  errors: readonly { category: EnumFieldLike }[];
}

/** `GET /identityProtection/riskyUsers`: one risky user. */
export interface RiskyUserLike {
  riskLevel: EnumFieldLike;
  riskState: EnumFieldLike;
}

/** `GET /identityProtection/riskDetections`: one detection. */
export interface RiskDetectionLike {
  id: string;
  riskEventType: string;
  riskLevel: EnumFieldLike;
  riskState: EnumFieldLike;
  detectedDateTime: string;
  activityDateTime?: string | null;
  userId?: string | null;
  userPrincipalName?: string | null;
  ipAddress?: string | null;
  source?: string | null;
  detectionTimingType?: EnumFieldLike | null;
  location?: { city?: string | null; countryOrRegion?: string | null } | null;
}

/** `GET /providers/Microsoft.ADHybridHealthService/services`: one monitored service. */
export interface ConnectHealthServiceLike {
  serviceName: string;
  serviceType: EnumFieldLike;
  disabled?: boolean | null;
}

/** An alert of a Connect Health service. */
export interface ConnectHealthAlertLike {
  level: EnumFieldLike;
}

/** A media stream of a call record; durations in seconds (the client converts Graph's ISO 8601 durations). */
export interface MediaStreamLike {
  streamId?: string | null;
  streamDirection: EnumFieldLike;
  averageJitter?: number | null;
  averagePacketLossRate?: number | null;
  averageRoundTripTime?: number | null;
  maxJitter?: number | null;
  maxPacketLossRate?: number | null;
  maxRoundTripTime?: number | null;
}

export interface CallSegmentLike {
  id: string;
  media: readonly { label?: string | null; streams: readonly MediaStreamLike[] }[];
}

export interface CallSessionLike {
  id: string;
  modalities: readonly EnumFieldLike[];
  segments: readonly CallSegmentLike[];
}

/** `GET /communications/callRecords/{id}?$expand=sessions($expand=segments)`. */
export interface CallRecordLike {
  id: string;
  type: EnumFieldLike;
  startDateTime: string;
  endDateTime: string;
  version: number;
  modalities: readonly EnumFieldLike[];
  organizerId?: string | null;
  sessions: readonly CallSessionLike[];
}
