// The expected value of every governance snapshot metric, computed from the simulator's own model at a given time,
// never by the collector's mappers: what `GET /_simulator/truth/governance` answers, for the end-to-end tests.
import {
  CAPABILITY_STATUSES,
  type CredentialOwner,
  type GovernanceModel,
  type RiskDetection,
  SYNC_FEATURES,
} from './governance-model.js';

const DAY_MS = 86_400_000;

export type AttributeValue = string | boolean;

export interface MetricPoint {
  attributes: Record<string, AttributeValue>;
  value: number;
}

export type ExpiryBucket = 'expired' | 'within_7_days' | 'within_30_days' | 'later';
export const EXPIRY_BUCKETS: readonly ExpiryBucket[] = [
  'expired',
  'within_7_days',
  'within_30_days',
  'later',
];
export type CredentialOwnerKind = 'application' | 'service_principal';
export type CredentialType = 'password' | 'certificate';

/** Every credential of every application and service principal, as the drill-down events carry it. */
export interface CredentialTruth {
  owner: CredentialOwnerKind;
  /** The object id of the application or service principal. */
  ownerId: string;
  appId: string;
  appDisplayName: string;
  type: CredentialType;
  keyId: string;
  displayName: string | null;
  hint: string | null;
  customKeyIdentifier: string | null;
  startDateTime: string;
  endDateTime: string;
  /** endDateTime - now, in seconds; negative once expired. */
  remainingSeconds: number;
  expiry: ExpiryBucket;
}

export interface GovernanceTruth {
  now: string;
  /** The tenant Resource's attributes, from `/organization`. */
  resource: Record<string, string>;
  /** Per metric name of the signal catalog, every point expected at `now`. */
  metrics: Record<string, MetricPoint[]>;
  credentials: CredentialTruth[];
  /** The detections detected by `now`, newest first, as Graph sends them. */
  riskDetections: RiskDetection[];
}

/** Identity Protection's enumerations (without `unknownFutureValue`): every combination is reported, 0 included. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'hidden', 'none'] as const;
export const RISK_STATES = [
  'none',
  'confirmedSafe',
  'remediated',
  'dismissed',
  'atRisk',
  'confirmedCompromised',
] as const;
/** Connect Health alert levels, as ARM writes them. */
export const ALERT_LEVELS = ['Error', 'Warning', 'PreWarning'] as const;

/**
 * The bucket of a credential ending at `endMs`: expired when it ended at or before `nowMs`; within 7 days when it ends
 * at most 7 days later; within 30 days when more than 7 and at most 30; later beyond.
 */
export function expiryBucket(endMs: number, nowMs: number): ExpiryBucket {
  const remaining = endMs - nowMs;
  if (remaining <= 0) return 'expired';
  if (remaining <= 7 * DAY_MS) return 'within_7_days';
  if (remaining <= 30 * DAY_MS) return 'within_30_days';
  return 'later';
}

/** `passwordSyncEnabled` -> `password_sync`: the catalog's spelling of a sync feature flag. */
export function syncFeatureName(flag: string): string {
  return flag
    .replace(/Enabled$/, '')
    .replace(/([A-Z])/g, '_$1')
    .toLowerCase();
}

function credentialsOf(owner: CredentialOwner, kind: CredentialOwnerKind, nowMs: number): CredentialTruth[] {
  const base = { owner: kind, ownerId: owner.id, appId: owner.appId, appDisplayName: owner.displayName };
  const timing = (startDateTime: string, endDateTime: string) => {
    const endMs = Date.parse(endDateTime);
    return {
      startDateTime,
      endDateTime,
      remainingSeconds: (endMs - nowMs) / 1000,
      expiry: expiryBucket(endMs, nowMs),
    };
  };
  return [
    ...owner.passwordCredentials.map(
      (credential): CredentialTruth => ({
        ...base,
        type: 'password',
        keyId: credential.keyId,
        displayName: credential.displayName,
        hint: credential.hint,
        customKeyIdentifier: null,
        ...timing(credential.startDateTime, credential.endDateTime),
      }),
    ),
    ...owner.keyCredentials.map(
      (credential): CredentialTruth => ({
        ...base,
        type: 'certificate',
        keyId: credential.keyId,
        displayName: credential.displayName,
        hint: null,
        customKeyIdentifier: credential.customKeyIdentifier,
        ...timing(credential.startDateTime, credential.endDateTime),
      }),
    ),
  ];
}

function count<K extends string>(keys: Iterable<K>): Map<K, number> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** What the collector signs in with: the secret (whose first three characters are its hint) and the certificate. */
export interface OwnCredentials {
  clientId: string;
  clientSecret: string;
  thumbprintHex: string;
}

export function governanceTruth(model: GovernanceModel, own: OwnCredentials, now: Date): GovernanceTruth {
  const nowMs = now.getTime();
  const metrics: Record<string, MetricPoint[]> = {};
  const add = (name: string, attributes: Record<string, AttributeValue>, value: number): void => {
    const points = metrics[name] ?? [];
    points.push({ attributes, value });
    metrics[name] = points;
  };

  for (const sku of model.subscribedSkus) {
    const sku_ = { 'm365.license.sku': sku.skuPartNumber };
    const { enabled, suspended, warning, lockedOut } = sku.prepaidUnits;
    const units: [string, number][] = [
      ['consumed', sku.consumedUnits],
      ['enabled', enabled],
      ['suspended', suspended],
      ['warning', warning],
      ['locked_out', lockedOut],
    ];
    for (const [state, value] of units)
      add('m365.license.units', { ...sku_, 'm365.license.units.state': state }, value);
    if (enabled > 0) add('m365.license.utilization', sku_, sku.consumedUnits / enabled);
    for (const status of CAPABILITY_STATUSES) {
      add(
        'm365.license.sku.status',
        { ...sku_, 'm365.license.capability_status': status },
        status === sku.capabilityStatus ? 1 : 0,
      );
    }
  }

  const subscriptions = model.companySubscriptions;
  const subscriptionKey = (sku: string, status: string, trial: boolean) =>
    JSON.stringify([sku, status, trial]);
  for (const [key, value] of count(
    subscriptions.map((s) => subscriptionKey(s.skuPartNumber, s.status, s.isTrial)),
  )) {
    const [sku, status, trial] = JSON.parse(key) as [string, string, boolean];
    add(
      'm365.subscription.count',
      { 'm365.license.sku': sku, 'm365.subscription.status': status, 'm365.subscription.trial': trial },
      value,
    );
  }
  for (const subscription of subscriptions) {
    if (subscription.nextLifecycleDateTime === null) continue;
    add(
      'm365.subscription.lifecycle.remaining',
      {
        'm365.license.sku': subscription.skuPartNumber,
        'm365.subscription.id': subscription.id,
        'm365.subscription.status': subscription.status,
        'm365.subscription.trial': subscription.isTrial,
      },
      (Date.parse(subscription.nextLifecycleDateTime) - nowMs) / 1000,
    );
  }

  const applications = model.applications;
  const credentials = [
    ...applications.flatMap((app) => credentialsOf(app, 'application', nowMs)),
    ...model.servicePrincipals.flatMap((sp) => credentialsOf(sp, 'service_principal', nowMs)),
  ];
  const credentialCounts = count(credentials.map((c) => `${c.type}|${c.owner}|${c.expiry}`));
  for (const type of ['password', 'certificate'] as const) {
    for (const owner of ['application', 'service_principal'] as const) {
      for (const expiry of EXPIRY_BUCKETS) {
        add(
          'm365.app.credentials',
          {
            'm365.app.credential.type': type,
            'm365.app.credential.owner': owner,
            'm365.app.credential.expiry': expiry,
          },
          credentialCounts.get(`${type}|${owner}|${expiry}`) ?? 0,
        );
      }
    }
  }
  const ownApp = applications.find((app) => app.appId === own.clientId);
  const ownSecretEnds = (ownApp?.passwordCredentials ?? [])
    .filter((credential) => credential.hint === own.clientSecret.slice(0, 3))
    .map((credential) => Date.parse(credential.endDateTime));
  if (ownSecretEnds.length > 0) {
    add(
      'm365.app.own_credential.remaining',
      { 'm365.app.credential.type': 'password' },
      (Math.min(...ownSecretEnds) - nowMs) / 1000,
    );
  }
  const ownCertificate = ownApp?.keyCredentials.find(
    (credential) => credential.customKeyIdentifier === own.thumbprintHex,
  );
  if (ownCertificate !== undefined) {
    add(
      'm365.app.own_credential.remaining',
      { 'm365.app.credential.type': 'certificate' },
      (Date.parse(ownCertificate.endDateTime) - nowMs) / 1000,
    );
  }

  const organization = model.organization;
  add('m365.directory.sync.enabled', {}, organization.onPremisesSyncEnabled === true ? 1 : 0);
  const lastSync = model.lastSync;
  add(
    'm365.directory.sync.age',
    { 'm365.directory.sync.kind': 'objects' },
    (nowMs - Date.parse(lastSync.objects)) / 1000,
  );
  add(
    'm365.directory.sync.age',
    { 'm365.directory.sync.kind': 'password' },
    (nowMs - Date.parse(lastSync.password)) / 1000,
  );
  for (const [flag, enabled] of Object.entries(SYNC_FEATURES)) {
    add(
      'm365.directory.sync.feature.enabled',
      { 'm365.directory.sync.feature': syncFeatureName(flag) },
      enabled ? 1 : 0,
    );
  }
  const errorUsers = count(
    model.usersWithProvisioningErrors.flatMap((user) => [
      ...new Set(user.onPremisesProvisioningErrors.map((error) => error.category)),
    ]),
  );
  for (const [category, users] of errorUsers) {
    add(
      'm365.directory.provisioning_errors',
      { 'm365.directory.provisioning_error.category': category },
      users,
    );
  }

  const services = model.connectHealthServices;
  services.forEach((service, position) => {
    const open = count(
      model
        .connectHealthAlerts(position)
        .filter((alert) => alert.state === 'Active')
        .map((alert) => alert.level),
    );
    for (const level of ALERT_LEVELS) {
      add(
        'm365.connect_health.alerts',
        {
          'm365.connect_health.service.type': service.type,
          'm365.connect_health.service.name': service.serviceName,
          'm365.connect_health.alert.level': level,
        },
        open.get(level) ?? 0,
      );
    }
  });
  for (const [type, value] of count(services.map((service) => service.type))) {
    add('m365.connect_health.services', { 'm365.connect_health.service.type': type }, value);
  }

  const risky = count(model.riskyUsers.map((user) => `${user.riskLevel}|${user.riskState}`));
  for (const level of RISK_LEVELS) {
    for (const state of RISK_STATES) {
      add(
        'm365.risk.users',
        { 'm365.risk.level': level, 'm365.risk.state': state },
        risky.get(`${level}|${state}`) ?? 0,
      );
    }
  }

  const defaultDomain = (organization.verifiedDomains as { name: string; isDefault: boolean }[]).find(
    (domain) => domain.isDefault,
  );
  return {
    now: now.toISOString(),
    resource: {
      'm365.tenant.name': String(organization.displayName),
      'm365.tenant.type': String(organization.tenantType),
      'm365.tenant.domain': defaultDomain?.name ?? '',
    },
    metrics,
    credentials,
    riskDetections: model.riskDetections(nowMs),
  };
}
