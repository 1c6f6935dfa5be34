// The tenant's governance side (docs/microsoft-apis.md#tenant-governance): licences, subscriptions, app registrations
// and their credentials, the organization and its directory sync, users with provisioning errors, Identity
// Protection and Entra Connect Health. Everything is a function of the seed and of the simulator's clock when it
// started (`anchorMs`), the way the report model is laid out around its anchor day; only what depends on "now"
// (which risk detections have happened yet) takes the clock.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { HashRandom } from './prng.js';
import type { TenantModel } from './tenant.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Applications besides the simulator's own: more than one default page (100) of `/applications`. */
const OTHER_APPLICATIONS = 150;
/** Where the simulator's own app registration sits in `/applications`: on the second default page. */
const OWN_APPLICATION_POSITION = 120;
/** Users considered for risk and provisioning errors: bounded, as real tenants have a bounded number of them. */
const GOVERNANCE_USER_SCAN = 2000;
/** Users counted between two turns of the event loop while licences are first counted (prepare()). */
const USERS_PER_TURN = 10_000;
/** User index % 7 in these slots -> a risky user. */
const RISKY_SLOTS: ReadonlySet<number> = new Set([1, 4]);
/** User index % 11 in these slots -> a user with on-premises provisioning errors. */
const PROVISIONING_ERROR_SLOTS: ReadonlySet<number> = new Set([3, 8]);

// Field identifiers for HashRandom, apart from the report model's (tenant.ts uses 1..52).
const F = {
  appObjectId: 101,
  appId: 102,
  keyId: 103,
  hint: 104,
  thumbprint: 105,
  jitter: 106,
  spObjectId: 107,
  skuSubscription: 108,
  commerceId: 109,
  detectionId: 110,
  requestId: 111,
  serviceId: 112,
  alertId: 113,
  serviceMemberId: 114,
  syncSkew: 115,
} as const;

// Entity numbers for HashRandom, apart from user indices (>= 0) and the tenant entity (-1).
const APP_ENTITY = -1_000_000;
const SP_ENTITY = -2_000_000;
const SKU_ENTITY = -3_000_000;
const DETECTION_ENTITY = -4_000_000;
const HEALTH_ENTITY = -5_000_000;

export type Row = Record<string, unknown>;

/** Graph's `capabilityStatus` of a subscribedSku. */
export type CapabilityStatus = 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
export const CAPABILITY_STATUSES: readonly CapabilityStatus[] = [
  'Enabled',
  'Warning',
  'Suspended',
  'Deleted',
  'LockedOut',
];

export interface PrepaidUnits {
  enabled: number;
  suspended: number;
  warning: number;
  lockedOut: number;
}

export interface SubscribedSku {
  accountId: string;
  accountName: string;
  appliesTo: 'User' | 'Company';
  capabilityStatus: CapabilityStatus;
  consumedUnits: number;
  id: string;
  prepaidUnits: PrepaidUnits;
  servicePlans: Row[];
  skuId: string;
  skuPartNumber: string;
  subscriptionIds: string[];
}

export interface CompanySubscription {
  commerceSubscriptionId: string;
  createdDateTime: string;
  id: string;
  isTrial: boolean;
  nextLifecycleDateTime: string | null;
  ownerId: string | null;
  ownerTenantId: string | null;
  ownerType: string | null;
  serviceStatus: Row[];
  skuId: string;
  skuPartNumber: string;
  status: string;
  totalLicenses: number;
}

export interface PasswordCredential {
  customKeyIdentifier: null;
  displayName: string | null;
  endDateTime: string;
  hint: string;
  keyId: string;
  secretText: null;
  startDateTime: string;
}

export interface KeyCredential {
  /** The certificate's SHA-1 thumbprint as 40 upper-case hex characters, as Graph sends the default identifier. */
  customKeyIdentifier: string;
  displayName: string | null;
  endDateTime: string;
  key: null;
  keyId: string;
  startDateTime: string;
  type: 'AsymmetricX509Cert';
  usage: 'Verify' | 'Sign';
}

export interface CredentialOwner {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string;
  passwordCredentials: PasswordCredential[];
  keyCredentials: KeyCredential[];
}

export interface Application extends CredentialOwner {
  signInAudience: string;
  publisherDomain: string;
}

export interface ServicePrincipal extends CredentialOwner {
  accountEnabled: boolean;
  appOwnerOrganizationId: string;
  servicePrincipalType: 'Application';
}

export interface ProvisioningError {
  category: string;
  occurredDateTime: string;
  propertyCausingError: string;
  value: string;
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  onPremisesSyncEnabled: boolean;
  onPremisesProvisioningErrors: ProvisioningError[];
}

export interface RiskyUser {
  id: string;
  isDeleted: boolean;
  isProcessing: boolean;
  riskDetail: string;
  riskLastUpdatedDateTime: string;
  riskLevel: string;
  riskState: string;
  userDisplayName: string;
  userPrincipalName: string;
}

export interface RiskDetection {
  id: string;
  requestId: string;
  correlationId: string;
  riskEventType: string;
  riskState: string;
  riskLevel: string;
  riskDetail: string;
  source: string;
  detectionTimingType: string;
  activity: string;
  tokenIssuerType: string;
  ipAddress: string;
  location: { city: string; state: string; countryOrRegion: string };
  activityDateTime: string;
  detectedDateTime: string;
  lastUpdatedDateTime: string;
  userId: string;
  userDisplayName: string;
  userPrincipalName: string;
  additionalInfo: string;
}

export interface ConnectHealthService {
  activeAlerts: number;
  createdDate: string;
  disabled: boolean;
  displayName: string;
  health: string;
  lastUpdated: string;
  resolvedAlerts: number;
  serviceId: string;
  serviceName: string;
  tenantId: string;
  type: string;
}

export interface ConnectHealthAlert {
  alertId: string;
  level: 'Error' | 'Warning' | 'PreWarning';
  state:
    | 'Active'
    | 'ResolvedByPositiveResult'
    | 'ResolvedManually'
    | 'ResolvedByTimer'
    | 'ResolvedByStateChange';
  shortName: string;
  displayName: string;
  description: string;
  remediation: string;
  relatedLinks: Row[];
  scope: string;
  additionalInformation: Row[];
  createdDate: string;
  resolvedDate: string | null;
  lastUpdated: string;
  monitorRoleType: string;
  activeAlertProperties: Row[];
  resolvedAlertProperties: Row[];
  tenantId: string;
  serviceId: string;
  serviceMemberId: string;
}

/** The feature flags of `/directory/onPremisesSynchronization`, under Graph's names, in Graph's order. */
export const SYNC_FEATURES: Readonly<Record<string, boolean>> = {
  passwordSyncEnabled: true,
  passwordWritebackEnabled: false,
  directoryExtensionsEnabled: false,
  quarantineUponUpnConflictEnabled: true,
  quarantineUponProxyAddressesConflictEnabled: true,
  softMatchOnUpnEnabled: true,
  cloudPasswordPolicyForPasswordSyncedUsersEnabled: false,
  fopeConflictResolutionEnabled: false,
  unifiedGroupWritebackEnabled: false,
  userWritebackEnabled: false,
  deviceWritebackEnabled: true,
  synchronizeUpnForManagedUsersEnabled: true,
  userForcePasswordChangeOnLogonEnabled: false,
  concurrentOrgIdProvisioningEnabled: false,
  concurrentCredentialUpdateEnabled: false,
  groupWriteBackEnabled: false,
  blockSoftMatchEnabled: true,
  blockCloudObjectTakeoverThroughHardMatchEnabled: true,
  bypassDirSyncOverridesEnabled: false,
};

/** What the model needs from outside: the report model (ids, users, names) and the app's certificate. */
export interface GovernanceModelOptions {
  tenant: TenantModel;
  /** The simulator's clock when it started: credentials, subscriptions and risk are laid out around it. */
  anchorMs: number;
  /** The app certificate the collector may sign in with. */
  certificate: { thumbprintHex: string; notBefore: Date; notAfter: Date; subject: string };
}

/** One SKU of the tenant: how its consumed units derive from the users' licences. */
interface SkuPlan {
  skuPartNumber: string;
  skuId: string;
  capabilityStatus: CapabilityStatus;
  /** Which users hold it, by their `assignedProducts`; undefined for a SKU nobody is assigned. */
  product: string | undefined;
  /** enabled, suspended, warning, lockedOut from the consumed count. */
  prepaid(consumed: number): PrepaidUnits;
  /** The company subscriptions behind it: trial flag and next lifecycle date (days from the anchor, or null). */
  subscriptions: readonly { isTrial: boolean; lifecycleDays: number | null; status: string; share: number }[];
}

const headroom = (consumed: number): PrepaidUnits => ({
  enabled: consumed + Math.max(5, Math.ceil(consumed * 0.1)),
  suspended: 0,
  warning: 0,
  lockedOut: 0,
});

const SKU_PLANS: readonly SkuPlan[] = [
  {
    skuPartNumber: 'SPE_E5',
    skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    capabilityStatus: 'Enabled',
    product: 'MICROSOFT 365 E5',
    prepaid: headroom,
    subscriptions: [{ isTrial: false, lifecycleDays: 240, status: 'Enabled', share: 1 }],
  },
  {
    skuPartNumber: 'SPE_E3',
    skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
    capabilityStatus: 'Enabled',
    product: 'MICROSOFT 365 E3',
    prepaid: headroom,
    // Renewal due within the week: the lifecycle metric's short end.
    subscriptions: [{ isTrial: false, lifecycleDays: 5, status: 'Enabled', share: 1 }],
  },
  {
    skuPartNumber: 'ENTERPRISEPACK',
    skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    capabilityStatus: 'Enabled',
    product: 'OFFICE 365 E3',
    // Every unit in use: utilization 1.
    prepaid: (consumed) => ({ enabled: consumed, suspended: 0, warning: 0, lockedOut: 0 }),
    subscriptions: [{ isTrial: false, lifecycleDays: 300, status: 'Enabled', share: 1 }],
  },
  {
    skuPartNumber: 'STANDARDPACK',
    skuId: '18181a46-0d4e-45cd-891e-60aabd171b4e',
    capabilityStatus: 'Enabled',
    product: 'OFFICE 365 E1',
    prepaid: headroom,
    subscriptions: [{ isTrial: false, lifecycleDays: 120, status: 'Enabled', share: 1 }],
  },
  {
    skuPartNumber: 'Microsoft_365_Copilot',
    skuId: '639dec6b-bb19-468b-871c-c5c441c4b0cb',
    capabilityStatus: 'Enabled',
    product: 'MICROSOFT 365 COPILOT',
    prepaid: headroom,
    // A paid subscription and a trial ending soon beside it.
    subscriptions: [
      { isTrial: false, lifecycleDays: 200, status: 'Enabled', share: 0.8 },
      { isTrial: true, lifecycleDays: 12, status: 'Enabled', share: 0.2 },
    ],
  },
  {
    skuPartNumber: 'FLOW_FREE',
    skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d',
    capabilityStatus: 'Enabled',
    product: 'MICROSOFT POWER AUTOMATE FREE',
    prepaid: () => ({ enabled: 10_000, suspended: 0, warning: 0, lockedOut: 0 }),
    subscriptions: [{ isTrial: false, lifecycleDays: null, status: 'Enabled', share: 1 }],
  },
  {
    skuPartNumber: 'PROJECTPREMIUM',
    skuId: '09015f9f-377f-4538-bbb5-f75ceb09358a',
    capabilityStatus: 'Warning',
    product: undefined,
    // Past its end date, in the grace period: its units are counted as warning.
    prepaid: () => ({ enabled: 0, suspended: 0, warning: 10, lockedOut: 0 }),
    subscriptions: [{ isTrial: false, lifecycleDays: 25, status: 'Warning', share: 1 }],
  },
  {
    skuPartNumber: 'POWER_BI_PRO',
    skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560',
    capabilityStatus: 'Suspended',
    product: undefined,
    // No unit enabled (no utilization point); the deletion date has passed (a negative remaining time).
    prepaid: () => ({ enabled: 0, suspended: 5, warning: 0, lockedOut: 0 }),
    subscriptions: [{ isTrial: false, lifecycleDays: -1, status: 'Suspended', share: 1 }],
  },
];

/** [riskLevel, riskState, riskDetail] of risky users, in turn. */
const RISK_PROFILES: readonly (readonly [string, string, string])[] = [
  ['high', 'atRisk', 'none'],
  ['medium', 'atRisk', 'none'],
  ['low', 'atRisk', 'none'],
  ['high', 'confirmedCompromised', 'adminConfirmedUserCompromised'],
  ['none', 'remediated', 'userPerformedSecuredPasswordReset'],
  ['none', 'dismissed', 'adminDismissedAllRiskForUser'],
  ['medium', 'atRisk', 'none'],
];

const RISK_EVENT_TYPES = [
  'unfamiliarFeatures',
  'anonymizedIPAddress',
  'unlikelyTravel',
  'maliciousIPAddress',
  'leakedCredentials',
  'passwordSpray',
] as const;

const LOCATIONS = [
  { city: 'Lisbon', state: 'Lisboa', countryOrRegion: 'PT' },
  { city: 'Osaka', state: 'Osaka', countryOrRegion: 'JP' },
  { city: 'Denver', state: 'Colorado', countryOrRegion: 'US' },
  { city: 'Lagos', state: 'Lagos', countryOrRegion: 'NG' },
] as const;

const APP_WORDS = words(`
  Payroll Helpdesk Intranet Backup Reporting Scanner Kiosk Billing Wiki Dashboard Connector Archiver Planner Gateway
`);
const FIRST_PARTY_SERVICE_PRINCIPALS: readonly (readonly [string, string])[] = [
  ['Microsoft Graph', '00000003-0000-0000-c000-000000000000'],
  ['Office 365 Exchange Online', '00000002-0000-0ff1-ce00-000000000000'],
  ['Office 365 SharePoint Online', '00000003-0000-0ff1-ce00-000000000000'],
  ['Office 365 Management APIs', 'c5393580-f805-4401-95e8-94b7a6ef2fc2'],
  ['Microsoft Teams Services', 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe'],
  ['Azure Resource Manager', '797f4846-ba00-4fd7-ba43-dac1f8f63013'],
];
const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

/** Graph writes these timestamps to the second, with a Z. */
export function graphTimestamp(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/**
 * Days from the anchor at which credentials end, in turn: two already expired, two within 7 days, two within 8 to
 * 30 days, four later. Each lies at least half a day away from a bucket's edge, so a little clock movement never
 * moves a credential to another bucket.
 */
const CREDENTIAL_END_DAYS = [-120, -3, 2, 5, 10, 25, 60, 180, 365, 700] as const;
const PASSWORD_HINT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** The tenant's governance state; built once, on first use, so that tenants nobody asks about cost nothing. */
export class GovernanceModel {
  readonly anchorMs: number;
  readonly #tenant: TenantModel;
  readonly #random: HashRandom;
  readonly #certificate: GovernanceModelOptions['certificate'];
  #skus: SubscribedSku[] | undefined;
  #consumed: Promise<Map<string, number>> | undefined;

  constructor(options: GovernanceModelOptions) {
    this.anchorMs = Math.floor(options.anchorMs / 1000) * 1000;
    this.#tenant = options.tenant;
    this.#random = options.tenant.random;
    this.#certificate = options.certificate;
  }

  #at(offsetMs: number): string {
    return graphTimestamp(this.anchorMs + offsetMs);
  }

  get tenantId(): string {
    return this.#tenant.tenantId;
  }

  /** The default verified domain: the tenant's own, beside the initial onmicrosoft.com one. */
  get defaultDomain(): string {
    return `m365sim${this.#tenant.seed}.example.com`;
  }

  get organization(): Row {
    const tenant = this.#tenant;
    return {
      id: tenant.tenantId,
      businessPhones: ['+1 555 0100'],
      city: 'Springfield',
      country: null,
      countryLetterCode: 'US',
      createdDateTime: this.#at(-900 * DAY_MS),
      displayName: `Simulated Tenant ${tenant.seed}`,
      onPremisesLastSyncDateTime: this.lastSync.objects,
      onPremisesLastPasswordSyncDateTime: this.lastSync.password,
      onPremisesSyncEnabled: true,
      postalCode: '00100',
      preferredLanguage: 'en',
      state: null,
      street: '1 Loopback Way',
      tenantType: 'AAD',
      technicalNotificationMails: [`admin@${this.defaultDomain}`],
      verifiedDomains: [
        {
          capabilities: 'Email, OfficeCommunicationsOnline',
          isDefault: false,
          isInitial: true,
          name: tenant.domain,
          type: 'Managed',
        },
        {
          capabilities: 'Email, OfficeCommunicationsOnline',
          isDefault: true,
          isInitial: false,
          name: this.defaultDomain,
          type: 'Federated',
        },
      ],
    };
  }

  /** Entra Connect synchronizes every 30 minutes; password hashes every 2. */
  get lastSync(): { objects: string; password: string } {
    const skew = this.#random.below(60, -1, 0, F.syncSkew) * 1000;
    return { objects: this.#at(-25 * MINUTE_MS - skew), password: this.#at(-2 * MINUTE_MS - skew) };
  }

  get onPremisesSynchronization(): Row {
    return {
      id: this.#tenant.tenantId,
      configuration: {
        accidentalDeletionPrevention: {
          synchronizationPreventionType: 'enabledForCount',
          alertThreshold: 500,
        },
        synchronizationInterval: 'PT30M',
        customerRequestedSynchronizationInterval: null,
      },
      features: { ...SYNC_FEATURES },
    };
  }

  /**
   * Counts the licences in use without blocking the event loop (a million users take seconds): the HTTP handlers
   * await it before the first list, so the server keeps answering meanwhile. Idempotent.
   */
  async prepare(): Promise<void> {
    if (this.#skus !== undefined) return;
    this.#consumed ??= this.#countConsumed();
    const consumed = await this.#consumed;
    this.#skus ??= this.#buildSkus(consumed);
  }

  /** Units consumed per SKU from the users that exist at the anchor day; counted once, the first time. */
  get subscribedSkus(): SubscribedSku[] {
    if (this.#skus === undefined) this.#skus = this.#buildSkus(this.#countConsumedNow());
    return this.#skus.map((sku) => structuredClone(sku));
  }

  #countConsumedNow(): Map<string, number> {
    const consumed = new Map<string, number>();
    for (let index = 0; index < this.#tenant.users; index += 1) this.#countUser(index, consumed);
    return consumed;
  }

  async #countConsumed(): Promise<Map<string, number>> {
    const consumed = new Map<string, number>();
    for (let index = 0; index < this.#tenant.users; index += 1) {
      if (index > 0 && index % USERS_PER_TURN === 0) await yieldToEventLoop();
      this.#countUser(index, consumed);
    }
    return consumed;
  }

  #countUser(index: number, consumed: Map<string, number>): void {
    const tenant = this.#tenant;
    const profile = tenant.profile(index);
    if (!tenant.exists(profile, tenant.anchorDay)) return;
    for (const product of profile.assignedProducts.split('+')) {
      consumed.set(product, (consumed.get(product) ?? 0) + 1);
    }
  }

  #buildSkus(consumed: Map<string, number>): SubscribedSku[] {
    const tenant = this.#tenant;
    return SKU_PLANS.map((plan, position) => {
      const used = plan.product === undefined ? 0 : (consumed.get(plan.product) ?? 0);
      return {
        accountId: tenant.tenantId,
        accountName: `Simulated Tenant ${tenant.seed}`,
        appliesTo: 'User',
        capabilityStatus: plan.capabilityStatus,
        consumedUnits: used,
        id: `${tenant.tenantId}_${plan.skuId}`,
        prepaidUnits: plan.prepaid(used),
        servicePlans: [],
        skuId: plan.skuId,
        skuPartNumber: plan.skuPartNumber,
        subscriptionIds: plan.subscriptions.map((_, k) => this.#subscriptionId(position, k)),
      };
    });
  }

  #subscriptionId(skuPosition: number, k: number): string {
    return this.#random.guid(SKU_ENTITY - skuPosition * 10 - k, F.skuSubscription);
  }

  get companySubscriptions(): CompanySubscription[] {
    const skus = this.subscribedSkus;
    return SKU_PLANS.flatMap((plan, position) => {
      const sku = skus[position];
      if (sku === undefined) throw new Error('internal: SKU list out of step with its plans');
      const { enabled, suspended, warning, lockedOut } = sku.prepaidUnits;
      const total = enabled + suspended + warning + lockedOut;
      let given = 0;
      return plan.subscriptions.map((subscription, k): CompanySubscription => {
        const last = k === plan.subscriptions.length - 1;
        const licences = last ? total - given : Math.round(total * subscription.share);
        given += licences;
        return {
          commerceSubscriptionId: this.#random.guid(SKU_ENTITY - position * 10 - k, F.commerceId),
          createdDateTime: this.#at(-(subscription.isTrial ? 18 : 400 + position * 17) * DAY_MS),
          id: this.#subscriptionId(position, k),
          isTrial: subscription.isTrial,
          nextLifecycleDateTime:
            subscription.lifecycleDays === null ? null : this.#at(subscription.lifecycleDays * DAY_MS),
          ownerId: null,
          ownerTenantId: null,
          ownerType: null,
          serviceStatus: [],
          skuId: plan.skuId,
          skuPartNumber: plan.skuPartNumber,
          status: subscription.status,
          totalLicenses: licences,
        };
      });
    });
  }

  /** Every app registration: OTHER_APPLICATIONS of the tenant's own and, among them, the simulator's. */
  get applications(): Application[] {
    const others = Array.from({ length: OTHER_APPLICATIONS }, (_, i) => this.#application(i));
    others.splice(Math.min(OWN_APPLICATION_POSITION, others.length), 0, this.#ownApplication());
    return others;
  }

  /** The simulator's app registration (the client id the collector signs in with) with its secret and certificate. */
  #ownApplication(): Application {
    const tenant = this.#tenant;
    const entity = APP_ENTITY - OTHER_APPLICATIONS;
    const certificate = this.#certificate;
    return {
      id: this.#random.guid(entity, F.appObjectId),
      appId: tenant.clientId,
      displayName: 'm365-otel collector',
      createdDateTime: this.#at(-200 * DAY_MS),
      signInAudience: 'AzureADMyOrg',
      publisherDomain: this.defaultDomain,
      passwordCredentials: [
        {
          customKeyIdentifier: null,
          displayName: 'collector secret',
          endDateTime: this.#at(45 * DAY_MS),
          hint: tenant.clientSecret.slice(0, 3),
          keyId: this.#random.guid(entity, F.keyId),
          secretText: null,
          startDateTime: this.#at(-135 * DAY_MS),
        },
        // An older secret, already expired and rotated out: a hint of its own, so it never passes for the current one.
        {
          customKeyIdentifier: null,
          displayName: 'collector secret (old)',
          endDateTime: this.#at(-140 * DAY_MS),
          hint: this.#otherHint(tenant.clientSecret.slice(0, 3), entity),
          keyId: this.#random.guid(entity - 1, F.keyId),
          secretText: null,
          startDateTime: this.#at(-505 * DAY_MS),
        },
      ],
      keyCredentials: [
        {
          customKeyIdentifier: certificate.thumbprintHex,
          displayName: certificate.subject,
          endDateTime: graphTimestamp(certificate.notAfter.getTime()),
          key: null,
          keyId: this.#random.guid(entity - 2, F.keyId),
          startDateTime: graphTimestamp(certificate.notBefore.getTime()),
          type: 'AsymmetricX509Cert',
          usage: 'Verify',
        },
      ],
    };
  }

  #otherHint(hint: string, entity: number): string {
    const candidate = this.#hint(entity, 99);
    return candidate === hint ? `${candidate.slice(0, 2)}${candidate[2] === 'x' ? 'y' : 'x'}` : candidate;
  }

  #hint(entity: number, k: number): string {
    let out = '';
    for (let position = 0; position < 3; position += 1) {
      out += PASSWORD_HINT_ALPHABET.charAt(
        this.#random.below(PASSWORD_HINT_ALPHABET.length, entity, k * 3 + position, F.hint),
      );
    }
    return out;
  }

  /** 40 upper-case hex characters: a certificate thumbprint. */
  #thumbprint(entity: number, k: number): string {
    const tail = this.#random.uint32(entity, k, F.thumbprint).toString(16).padStart(8, '0').toUpperCase();
    return `${this.#tenant.concealed(entity * 8 - k, F.thumbprint)}${tail}`;
  }

  /** The end of the n-th credential of an owner, anywhere in the buckets, and a start before it. */
  #validity(entity: number, n: number): { startDateTime: string; endDateTime: string } {
    const days = CREDENTIAL_END_DAYS[Math.abs(entity + n * 3) % CREDENTIAL_END_DAYS.length] ?? 0;
    const jitter = this.#random.below(12 * 60, entity, n, F.jitter) * MINUTE_MS;
    const endMs = days * DAY_MS + jitter;
    const lifetimeDays = days > 365 ? 730 : 365;
    return { startDateTime: this.#at(endMs - lifetimeDays * DAY_MS), endDateTime: this.#at(endMs) };
  }

  #passwordCredential(entity: number, n: number): PasswordCredential {
    const { startDateTime, endDateTime } = this.#validity(entity, n);
    return {
      customKeyIdentifier: null,
      displayName: n % 2 === 0 ? `secret ${n + 1}` : null,
      endDateTime,
      hint: this.#hint(entity, n),
      keyId: this.#random.guid(entity * 8 - n, F.keyId),
      secretText: null,
      startDateTime,
    };
  }

  #keyCredential(entity: number, n: number, usage: 'Verify' | 'Sign', name: string): KeyCredential {
    const { startDateTime, endDateTime } = this.#validity(entity, n);
    return {
      customKeyIdentifier: this.#thumbprint(entity, n),
      displayName: `CN=${name}`,
      endDateTime,
      key: null,
      keyId: this.#random.guid(entity * 8 - n, F.keyId),
      startDateTime,
      type: 'AsymmetricX509Cert',
      usage,
    };
  }

  #application(i: number): Application {
    const entity = APP_ENTITY - i;
    const word = APP_WORDS[i % APP_WORDS.length] ?? 'App';
    const name = `${word} ${Math.floor(i / APP_WORDS.length) + 1}`;
    const secrets = i % 3;
    const certificates = i % 4 === 1 ? 1 : i % 7 === 3 ? 2 : 0;
    return {
      id: this.#random.guid(entity, F.appObjectId),
      appId: this.#random.guid(entity, F.appId),
      displayName: name,
      createdDateTime: this.#at(-(30 + i * 3) * DAY_MS),
      signInAudience: 'AzureADMyOrg',
      publisherDomain: this.defaultDomain,
      passwordCredentials: Array.from({ length: secrets }, (_, n) => this.#passwordCredential(entity, n)),
      keyCredentials: Array.from({ length: certificates }, (_, n) =>
        this.#keyCredential(entity, secrets + n, 'Verify', name.toLowerCase().replace(' ', '-')),
      ),
    };
  }

  /**
   * A service principal for every application (SAML signing certificates and a few secrets live on some), Microsoft's
   * first-party ones without credentials, and the simulator's own.
   */
  get servicePrincipals(): ServicePrincipal[] {
    const tenantId = this.#tenant.tenantId;
    const ofApplications = this.applications.map((app, i): ServicePrincipal => {
      const entity = SP_ENTITY - i;
      const own = app.appId === this.#tenant.clientId;
      return {
        id: this.#random.guid(entity, F.spObjectId),
        accountEnabled: true,
        appId: app.appId,
        appOwnerOrganizationId: tenantId,
        createdDateTime: app.createdDateTime,
        displayName: app.displayName,
        servicePrincipalType: 'Application',
        passwordCredentials: !own && i % 25 === 7 ? [this.#passwordCredential(entity, 0)] : [],
        keyCredentials:
          !own && i % 10 === 4
            ? [
                this.#keyCredential(
                  entity,
                  1,
                  'Verify',
                  `saml-${app.displayName.toLowerCase().replace(' ', '-')}`,
                ),
              ]
            : [],
      };
    });
    const firstParty = FIRST_PARTY_SERVICE_PRINCIPALS.map(
      ([displayName, appId], k): ServicePrincipal => ({
        id: this.#random.guid(SP_ENTITY - 10_000 - k, F.spObjectId),
        accountEnabled: true,
        appId,
        appOwnerOrganizationId: MICROSOFT_TENANT_ID,
        createdDateTime: this.#at(-900 * DAY_MS),
        displayName,
        servicePrincipalType: 'Application',
        passwordCredentials: [],
        keyCredentials: [],
      }),
    );
    return [...firstParty, ...ofApplications];
  }

  /** The user indices looked at for risk and provisioning errors. */
  #scannedUsers(slots: ReadonlySet<number>, modulus: number): number[] {
    const tenant = this.#tenant;
    const out: number[] = [];
    const limit = Math.min(tenant.users, GOVERNANCE_USER_SCAN);
    for (let index = 0; index < limit; index += 1) {
      if (!slots.has(index % modulus)) continue;
      if (tenant.exists(tenant.profile(index), tenant.anchorDay)) out.push(index);
    }
    return out;
  }

  #user(index: number): { id: string; displayName: string; userPrincipalName: string } {
    const tenant = this.#tenant;
    // The directory shows real names whatever the reports' concealed-names setting.
    return {
      id: tenant.userId(index, false),
      displayName: tenant.displayName(index, false),
      userPrincipalName: tenant.userPrincipalName(index, false),
    };
  }

  /** Synchronized users whose last export conflicted with another object: one or two errors each. */
  get usersWithProvisioningErrors(): DirectoryUser[] {
    return this.#scannedUsers(PROVISIONING_ERROR_SLOTS, 11).map((index, k) => {
      const user = this.#user(index);
      const [local] = user.userPrincipalName.split('@');
      const errors: ProvisioningError[] = [
        {
          category: 'PropertyConflict',
          occurredDateTime: this.#at(-(k % 9) * DAY_MS - (k % 5) * HOUR_MS),
          propertyCausingError: 'ProxyAddress',
          value: `SMTP:${local}@${this.defaultDomain}`,
        },
      ];
      if (k % 3 === 0) {
        errors.push({
          category: 'PropertyConflict',
          occurredDateTime: this.#at(-(k % 4) * DAY_MS - 3 * HOUR_MS),
          propertyCausingError: 'UserPrincipalName',
          value: user.userPrincipalName,
        });
      }
      return { ...user, onPremisesSyncEnabled: true, onPremisesProvisioningErrors: errors };
    });
  }

  get riskyUsers(): RiskyUser[] {
    return this.#scannedUsers(RISKY_SLOTS, 7).map((index, k) => {
      const [riskLevel, riskState, riskDetail] = RISK_PROFILES[k % RISK_PROFILES.length] ?? [
        'none',
        'none',
        'none',
      ];
      const user = this.#user(index);
      return {
        id: user.id,
        isDeleted: false,
        isProcessing: false,
        riskDetail,
        riskLastUpdatedDateTime: this.#at(-((k * 7) % 20) * DAY_MS - (k % 11) * HOUR_MS),
        riskLevel,
        riskState,
        userDisplayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
      };
    });
  }

  /**
   * Every detection detected by `nowMs`, newest first. Detections are scheduled from a week before the anchor to a
   * month after it, so new ones keep appearing as the clock moves.
   */
  riskDetections(nowMs: number): RiskDetection[] {
    const detections: RiskDetection[] = [];
    this.riskyUsers.forEach((risky, k) => {
      const [riskLevel, riskState, riskDetail] = RISK_PROFILES[k % RISK_PROFILES.length] ?? [
        'low',
        'atRisk',
        'none',
      ];
      const count = 3 + (k % 4);
      for (let j = 0; j < count; j += 1) {
        const entity = DETECTION_ENTITY - k * 16 - j;
        const offsetMs = -7 * DAY_MS + ((k * 13 + j * 41) % (37 * 24)) * HOUR_MS + (j * 7 + k) * MINUTE_MS;
        const detectedMs = this.anchorMs + offsetMs;
        if (detectedMs > nowMs) continue;
        const location = LOCATIONS[(k + j) % LOCATIONS.length] ?? LOCATIONS[0];
        detections.push({
          id: this.#random.hex128(entity, F.detectionId).toLowerCase(),
          requestId: this.#random.guid(entity, F.requestId),
          correlationId: this.#random.guid(entity - 1, F.requestId),
          riskEventType: RISK_EVENT_TYPES[(k + j) % RISK_EVENT_TYPES.length] ?? 'unfamiliarFeatures',
          riskState,
          riskLevel: riskLevel === 'none' ? 'low' : riskLevel,
          riskDetail,
          source: j % 3 === 2 ? 'MicrosoftCloudAppSecurity' : 'IdentityProtection',
          detectionTimingType: j % 2 === 0 ? 'realtime' : 'offline',
          activity: 'signin',
          tokenIssuerType: 'AzureAD',
          ipAddress: `203.0.113.${(k * 31 + j * 7) % 254}`,
          location: { ...location },
          activityDateTime: graphTimestamp(detectedMs - (j + 1) * 3 * MINUTE_MS),
          detectedDateTime: graphTimestamp(detectedMs),
          lastUpdatedDateTime: graphTimestamp(detectedMs + 10 * MINUTE_MS),
          userId: risky.id,
          userDisplayName: risky.userDisplayName,
          userPrincipalName: risky.userPrincipalName,
          additionalInfo: '[{"Key":"userAgent","Value":"Mozilla/5.0"}]',
        });
      }
    });
    return detections.sort(
      (a, b) => b.detectedDateTime.localeCompare(a.detectedDateTime) || a.id.localeCompare(b.id),
    );
  }

  /** Entra Connect Health: the sync service, an AD FS farm and an AD DS forest. */
  get connectHealthServices(): ConnectHealthService[] {
    return CONNECT_HEALTH_SERVICES.map((service, position) => {
      const alerts = this.connectHealthAlerts(position);
      return {
        activeAlerts: alerts.filter((alert) => alert.state === 'Active').length,
        createdDate: this.#at(-700 * DAY_MS + position * HOUR_MS),
        disabled: false,
        displayName: `${service.displayName} (${this.defaultDomain})`,
        health: service.health,
        lastUpdated: this.#at(-(position + 1) * 7 * MINUTE_MS),
        resolvedAlerts: alerts.length - alerts.filter((alert) => alert.state === 'Active').length,
        serviceId: this.#random.guid(HEALTH_ENTITY - position, F.serviceId),
        serviceName: `${service.type}-${service.host}${this.defaultDomain}`,
        tenantId: this.#tenant.tenantId,
        type: service.type,
      };
    });
  }

  /** The alerts of the service at that position in `connectHealthServices`, active and resolved. */
  connectHealthAlerts(position: number): ConnectHealthAlert[] {
    const service = CONNECT_HEALTH_SERVICES[position];
    if (service === undefined) return [];
    const serviceId = this.#random.guid(HEALTH_ENTITY - position, F.serviceId);
    return service.alerts.map((alert, k): ConnectHealthAlert => {
      const entity = HEALTH_ENTITY - position * 100 - k;
      const active = alert.state === 'Active';
      const created = -alert.ageHours * HOUR_MS;
      return {
        alertId: this.#random.guid(entity, F.alertId),
        level: alert.level,
        state: alert.state,
        shortName: alert.shortName,
        displayName: alert.displayName,
        description: `<p>${alert.displayName}.</p>`,
        remediation: '<p>See the Entra Connect Health documentation for this alert.</p>',
        relatedLinks: [],
        scope: service.type,
        additionalInformation: [],
        createdDate: this.#at(created),
        resolvedDate: active ? null : this.#at(created + 2 * HOUR_MS),
        lastUpdated: this.#at(active ? -5 * MINUTE_MS : created + 2 * HOUR_MS),
        monitorRoleType: service.type,
        activeAlertProperties: [],
        resolvedAlertProperties: [],
        tenantId: this.#tenant.tenantId,
        serviceId,
        serviceMemberId: this.#random.guid(entity, F.serviceMemberId),
      };
    });
  }
}

interface ServiceShape {
  type: string;
  host: string;
  displayName: string;
  health: string;
  alerts: readonly {
    level: ConnectHealthAlert['level'];
    state: ConnectHealthAlert['state'];
    shortName: string;
    displayName: string;
    ageHours: number;
  }[];
}

const CONNECT_HEALTH_SERVICES: readonly ServiceShape[] = [
  {
    type: 'AadSyncService',
    host: '',
    displayName: 'Entra Connect Sync',
    health: 'Error',
    alerts: [
      {
        level: 'Error',
        state: 'Active',
        shortName: 'ExportErrorsThresholdExceeded',
        displayName: 'Export to Microsoft Entra ID was stopped: accidental delete threshold was reached',
        ageHours: 5,
      },
      {
        level: 'Warning',
        state: 'Active',
        shortName: 'PasswordHashSyncHeartbeatSkipped',
        displayName: 'Password hash synchronization heartbeat was skipped in the last 120 minutes',
        ageHours: 3,
      },
      {
        level: 'Error',
        state: 'ResolvedByPositiveResult',
        shortName: 'SyncServiceNotRunning',
        displayName: 'Entra Connect Sync service is not running',
        ageHours: 50,
      },
      {
        level: 'Warning',
        state: 'ResolvedByTimer',
        shortName: 'ImportErrors',
        displayName: 'Import from the connected directory failed',
        ageHours: 96,
      },
    ],
  },
  {
    type: 'AdFederationService',
    host: 'sts.',
    displayName: 'AD FS',
    health: 'Warning',
    alerts: [
      {
        level: 'Warning',
        state: 'Active',
        shortName: 'TestAuthenticationRequestFailed',
        displayName: 'Test authentication request (synthetic transaction) failed to obtain a token',
        ageHours: 8,
      },
      {
        level: 'PreWarning',
        state: 'ResolvedManually',
        shortName: 'CertificateNearExpiry',
        displayName: 'A token-signing certificate is near expiry',
        ageHours: 200,
      },
    ],
  },
  {
    type: 'AdDomainService',
    host: 'corp.',
    displayName: 'AD DS',
    health: 'Healthy',
    alerts: [
      {
        level: 'Error',
        state: 'ResolvedByStateChange',
        shortName: 'PdcNotFound',
        displayName: 'Domain controller is unable to find a PDC',
        ageHours: 30,
      },
    ],
  },
];
