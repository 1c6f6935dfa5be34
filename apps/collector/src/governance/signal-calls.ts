import { CONNECT_HEALTH_ROLE } from '@m365-otel/connect-health';
import { DIRECTORY_PERMISSIONS, type DirectoryMethod } from '@m365-otel/directory';
import { REPORT_SETTINGS_PERMISSION } from '@m365-otel/graph-reports';
import {
  EVENT_CATALOG,
  EVENT_M365_APP_CREDENTIAL,
  EVENT_M365_RISK_DETECTION,
  METRIC_M365_APP_CREDENTIALS,
  METRIC_M365_APP_OWN_CREDENTIAL_REMAINING,
  METRIC_M365_CONNECT_HEALTH_ALERTS,
  METRIC_M365_CONNECT_HEALTH_SERVICES,
  METRIC_M365_DIRECTORY_PROVISIONING_ERRORS,
  METRIC_M365_DIRECTORY_SYNC_AGE,
  METRIC_M365_DIRECTORY_SYNC_ENABLED,
  METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED,
  METRIC_M365_LICENSE_SKU_STATUS,
  METRIC_M365_LICENSE_UNITS,
  METRIC_M365_LICENSE_UTILIZATION,
  METRIC_M365_REPORT_NAMES_CONCEALED,
  METRIC_M365_RISK_USERS,
  METRIC_M365_SUBSCRIPTION_COUNT,
  METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING,
} from '@m365-otel/mappers';
import { enabledGovernanceSignals, GOVERNANCE_SIGNALS, type GovernanceSignal } from './signals.js';

/** What the app registration (and the tenant) must hold for one call. */
export interface Grant {
  /** A Microsoft Graph application permission (admin consent), or the Azure role for Azure Resource Manager. */
  permission: string;
  kind: 'graph-permission' | 'azure-role';
  /** A licence the tenant needs besides the permission: without it Microsoft refuses with 403 as well. */
  licence?: string;
}

/** The tenant's Resource attributes (name, type, domain): not switched by `metrics:`. */
export const RESOURCE_ATTRIBUTES_OUTPUT = 'resource attributes';

/** One Microsoft call of a signal: the resource it lists, what it needs granted, and what its answer feeds. */
export interface GovernanceCall {
  /** The resource as the signal catalog's `source` names it: a path under Graph's /v1.0, or on ARM. */
  resource: string;
  grant: Grant;
  /** The catalog metrics and events its answer feeds (or the tenant's Resource attributes). */
  feeds: readonly string[];
  /**
   * Set on a call whose failure does not fail the signal: why. The signal reports the failure once and goes on
   * without what the call feeds.
   */
  optional?: string;
}

const graph = (method: DirectoryMethod): Grant => {
  const { permission, licence } = DIRECTORY_PERMISSIONS[method];
  return { permission, kind: 'graph-permission', ...(licence !== undefined && { licence }) };
};

const CONNECT_HEALTH_GRANT: Grant = {
  permission: CONNECT_HEALTH_ROLE,
  kind: 'azure-role',
  // Connect Health is a feature of these licences; the catalog says so for its metrics (checked by a test).
  licence: 'Microsoft Entra ID P1 or P2',
};

const SERVICES = 'providers/Microsoft.ADHybridHealthService/services';

/**
 * Every governance signal's Microsoft calls, in the order a poll makes them: the one declaration the sources, the
 * `metrics:` interplay (a call whose outputs are all off is not made, a signal with no call left is not polled),
 * `validate`'s permission list and the docs read. Permissions come from the clients' own declarations.
 */
export const GOVERNANCE_CALLS: Readonly<Record<GovernanceSignal, readonly GovernanceCall[]>> = {
  licences: [
    {
      resource: 'subscribedSkus',
      grant: graph('listSubscribedSkus'),
      feeds: [METRIC_M365_LICENSE_UNITS, METRIC_M365_LICENSE_UTILIZATION, METRIC_M365_LICENSE_SKU_STATUS],
    },
    {
      resource: 'directory/subscriptions',
      grant: graph('listCompanySubscriptions'),
      feeds: [METRIC_M365_SUBSCRIPTION_COUNT, METRIC_M365_SUBSCRIPTION_LIFECYCLE_REMAINING],
    },
  ],
  appCredentials: (['applications', 'servicePrincipals'] as const).map((resource) => ({
    resource,
    grant: graph('listApplicationCredentials'),
    feeds: [METRIC_M365_APP_CREDENTIALS, METRIC_M365_APP_OWN_CREDENTIAL_REMAINING, EVENT_M365_APP_CREDENTIAL],
  })),
  tenantSettings: [
    { resource: 'organization', grant: graph('getOrganization'), feeds: [RESOURCE_ATTRIBUTES_OUTPUT] },
    {
      resource: 'admin/reportSettings',
      grant: { permission: REPORT_SETTINGS_PERMISSION, kind: 'graph-permission' },
      feeds: [METRIC_M365_REPORT_NAMES_CONCEALED],
      optional: 'without it, m365.report.names_concealed is told from the names the per-entity reports send',
    },
  ],
  directorySync: [
    {
      resource: 'organization',
      grant: graph('getOrganization'),
      feeds: [METRIC_M365_DIRECTORY_SYNC_ENABLED, METRIC_M365_DIRECTORY_SYNC_AGE],
    },
    {
      resource: 'directory/onPremisesSynchronization',
      grant: graph('getDirectorySyncFeatures'),
      feeds: [METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED],
      optional:
        "Microsoft's API page lists application permissions as unsupported for reading it, so many tenants answer 403: m365.directory.sync.feature.enabled is then not reported",
    },
    {
      resource: 'users',
      grant: graph('listUsersWithProvisioningErrors'),
      feeds: [METRIC_M365_DIRECTORY_PROVISIONING_ERRORS],
    },
  ],
  connectHealth: [
    {
      resource: SERVICES,
      grant: CONNECT_HEALTH_GRANT,
      feeds: [METRIC_M365_CONNECT_HEALTH_SERVICES, METRIC_M365_CONNECT_HEALTH_ALERTS],
    },
    {
      resource: `${SERVICES}/{serviceName}/alerts`,
      grant: CONNECT_HEALTH_GRANT,
      feeds: [METRIC_M365_CONNECT_HEALTH_ALERTS],
    },
  ],
  riskyUsers: [
    {
      resource: 'identityProtection/riskyUsers',
      grant: graph('listRiskyUsers'),
      feeds: [METRIC_M365_RISK_USERS],
    },
    {
      resource: 'identityProtection/riskDetections',
      grant: graph('listRiskDetections'),
      feeds: [EVENT_M365_RISK_DETECTION],
    },
  ],
};

const EVENTS = new Set(EVENT_CATALOG.map((event) => event.name));

/** Whether a call is needed: one of its outputs is on (events and Resource attributes are always on). */
export function callNeeded(call: GovernanceCall, enabledMetrics: ReadonlySet<string>): boolean {
  return call.feeds.some(
    (output) => output === RESOURCE_ATTRIBUTES_OUTPUT || EVENTS.has(output) || enabledMetrics.has(output),
  );
}

/** The call of `signal` that lists `resource`. */
export function governanceCall(signal: GovernanceSignal, resource: string): GovernanceCall {
  const call = GOVERNANCE_CALLS[signal].find((candidate) => candidate.resource === resource);
  if (!call) throw new Error(`the ${signal} signal declares no call to ${resource}`);
  return call;
}

/**
 * The signals a poll runs: those the `governance:` section turns on that have a call `metrics:` leaves needed.
 * A signal none of whose metrics and events is on is not polled.
 */
export function polledGovernanceSignals(
  governance: Parameters<typeof enabledGovernanceSignals>[0],
  enabledMetrics: ReadonlySet<string>,
): GovernanceSignal[] {
  return enabledGovernanceSignals(governance).filter((signal) =>
    GOVERNANCE_CALLS[signal].some((call) => callNeeded(call, enabledMetrics)),
  );
}

/**
 * Who exports `m365.report.names_concealed`, so it is exported once: the tenantSettings signal while it is polled,
 * else the report cycle when reports are on; nobody when the metric is off.
 */
export function namesConcealedOwner(config: {
  governance: Parameters<typeof enabledGovernanceSignals>[0];
  reports: { enabled: boolean };
  enabledMetrics: ReadonlySet<string>;
}): 'tenantSettings' | 'reports' | undefined {
  if (!config.enabledMetrics.has(METRIC_M365_REPORT_NAMES_CONCEALED)) return undefined;
  if (polledGovernanceSignals(config.governance, config.enabledMetrics).includes('tenantSettings'))
    return 'tenantSettings';
  return config.reports.enabled ? 'reports' : undefined;
}

/** A grant as the log and `validate` name it: `Organization.Read.All`, `the Azure role Reader on ...`, + licence. */
export function describeGrant(grant: Grant): string {
  const what =
    grant.kind === 'azure-role'
      ? `the Azure role ${grant.permission} on Microsoft Entra Connect Health (granted to the app's service principal)`
      : `${grant.permission} (application)`;
  return grant.licence === undefined ? what : `${what} with ${grant.licence}`;
}

/** What a signal needs granted, its calls' grants without repeats, the optional ones said so. */
export function signalRequirements(signal: GovernanceSignal): string {
  const seen = new Map<string, boolean>();
  for (const call of GOVERNANCE_CALLS[signal]) {
    const text = describeGrant(call.grant);
    seen.set(text, (seen.get(text) ?? true) && call.optional !== undefined);
  }
  return [...seen].map(([text, optional]) => (optional ? `${text} [optional]` : text)).join(', ');
}

/**
 * What a signal needs granted, as the config reference says it: each grant with the resources it reads (when the
 * signal needs more than one), an optional one with why, and whether a licence is needed besides.
 */
export function signalGrantsSentence(signal: GovernanceSignal): string {
  const byGrant = new Map<string, { resources: string[]; optional?: string }>();
  for (const call of GOVERNANCE_CALLS[signal]) {
    const text = describeGrant(call.grant);
    const entry = byGrant.get(text) ?? { resources: [] };
    if (!entry.resources.includes(call.resource)) entry.resources.push(call.resource);
    if (call.optional !== undefined) entry.optional = call.optional;
    byGrant.set(text, entry);
  }
  const parts = [...byGrant].map(([text, { resources, optional }]) => {
    const where = byGrant.size > 1 ? ` for ${resources.map((resource) => `/${resource}`).join(' and ')}` : '';
    return optional === undefined ? `${text}${where}` : `${text}${where} (optional: ${optional})`;
  });
  const licensed = GOVERNANCE_CALLS[signal].some((call) => call.grant.licence !== undefined);
  return `Needs ${parts.join('; ')}${licensed ? '' : '; no extra licence'}.`;
}

/** The grants the polled signals need, each with the signals that need it, for `validate`. */
export function grantsNeeded(signals: readonly GovernanceSignal[]): { grant: string; signals: string[] }[] {
  const bySignal = new Map<string, string[]>();
  for (const signal of GOVERNANCE_SIGNALS.filter((candidate) => signals.includes(candidate))) {
    for (const call of GOVERNANCE_CALLS[signal]) {
      const text = describeGrant(call.grant);
      const label = call.optional === undefined ? signal : `${signal}, optional`;
      const list = bySignal.get(text) ?? [];
      if (!list.includes(label)) list.push(label);
      bySignal.set(text, list);
    }
  }
  return [...bySignal].map(([grant, list]) => ({ grant, signals: list }));
}
