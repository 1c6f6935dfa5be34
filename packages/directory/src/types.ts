// What the client returns. Field names are Graph's; date-times stay the ISO 8601 strings Graph sent (checked to be
// valid); a string enum keeps the value as sent (see enums.ts for the documented ones). An optional field is absent
// when Graph sent nothing or null.

/** Prepaid licence units of a SKU by state (Graph's licenseUnitsDetail). */
export interface LicenceUnits {
  enabled: number;
  suspended: number;
  warning: number;
  lockedOut: number;
}

/** A SKU the tenant subscribes to (`/subscribedSkus`). */
export interface SubscribedSku {
  id: string;
  skuId: string;
  /** e.g. `ENTERPRISEPREMIUM`. */
  skuPartNumber: string;
  /** `Enabled`, `Warning`, `Suspended`, `Deleted`, `LockedOut` (LICENCE_STATUSES), or a newer value as sent. */
  capabilityStatus: string;
  /** `User` or `Company`. */
  appliesTo?: string;
  /** Licences assigned. */
  consumedUnits: number;
  prepaidUnits: LicenceUnits;
}

/** A commercial subscription (`/directory/subscriptions`). */
export interface CompanySubscription {
  id: string;
  skuId: string;
  skuPartNumber: string;
  /** `Enabled`, `Warning`, `Suspended`, `Deleted`, `LockedOut` (LICENCE_STATUSES), or a newer value as sent. */
  status: string;
  isTrial: boolean;
  totalLicenses: number;
  createdDateTime?: string;
  /** When the subscription moves to its next lifecycle state unless renewed. */
  nextLifecycleDateTime?: string;
}

/** A secret (`passwordCredentials`) or a certificate (`keyCredentials`) of an application or service principal. */
export interface AppCredential {
  type: 'password' | 'certificate';
  keyId: string;
  displayName?: string;
  /** Passwords only: the secret's first three characters. */
  hint?: string;
  /** As Graph sends it (Binary in its schema); for a certificate, by default derived from its SHA-1 thumbprint. */
  customKeyIdentifier?: string;
  startDateTime?: string;
  endDateTime: string;
}

/** An application or a service principal, with its credentials. */
export interface AppCredentialOwner {
  owner: 'application' | 'service_principal';
  /** The object id. */
  id: string;
  /** The application (client) id; a service principal carries its application's. */
  appId: string;
  displayName: string;
  credentials: AppCredential[];
}

/** The tenant (`/organization`). */
export interface Organization {
  id: string;
  displayName: string;
  /** e.g. `AAD`, `AAD B2C`. */
  tenantType?: string;
  /** The name of the verified domain marked `isDefault`. */
  defaultDomain?: string;
  /** true when the tenant syncs from an on-premises directory; null when it never did. */
  onPremisesSyncEnabled: boolean | null;
  onPremisesLastSyncDateTime?: string;
  onPremisesLastPasswordSyncDateTime?: string;
}

/** The tenant's on-premises directory synchronization feature flags (`/directory/onPremisesSynchronization`). */
export interface DirectorySyncFeatures {
  /** Each flag Graph sent as a boolean, by Graph's name (e.g. `passwordSyncEnabled`). */
  features: Readonly<Record<string, boolean>>;
}

export interface ProvisioningError {
  /** e.g. `PropertyConflict`. */
  category: string;
  /** e.g. `UserPrincipalName`, `ProxyAddress`. */
  propertyCausingError?: string;
  occurredDateTime?: string;
}

/** A user synced from on-premises whose provisioning failed. */
export interface ProvisioningErrorUser {
  id: string;
  errors: ProvisioningError[];
}

/** A user Identity Protection rates (`/identityProtection/riskyUsers`). */
export interface RiskyUser {
  id: string;
  /** RISK_LEVELS, or a newer value as sent. */
  riskLevel: string;
  /** RISK_STATES, or a newer value as sent. */
  riskState: string;
  riskLastUpdatedDateTime?: string;
}

/** A risk Identity Protection detected (`/identityProtection/riskDetections`). */
export interface RiskDetection {
  id: string;
  /** e.g. `unfamiliarFeatures`, `anonymizedIPAddress`. */
  riskEventType: string;
  riskLevel: string;
  riskState: string;
  detectedDateTime: string;
  activityDateTime?: string;
  userId?: string;
  userPrincipalName?: string;
  ipAddress?: string;
  /** e.g. `activeDirectory`, `IdentityProtection`. */
  source?: string;
  /** `realtime`, `nearRealtime`, `offline`, `notDefined`. */
  detectionTimingType?: string;
  location?: { city?: string; countryOrRegion?: string };
}

/**
 * An item Graph sent that lacks a required field or has one of the wrong type: left out, the rest kept. `where` e.g.
 * `applications page 2, value[3].passwordCredentials[0]`; `id` the object's (for a credential, its owner's).
 */
export type { SkippedItem } from '@m365-otel/request-pipeline';
