import type { Organization } from '@m365-otel/directory';
import type { GovernanceSourceContext } from '../../collector.js';
import type { GovernanceSource } from '../../pipeline/governance.js';
import type { TenantSource } from '../../pipeline/tenant-source.js';
import type { GovernanceSignal } from '../signals.js';
import { appCredentialsSource } from './app-credentials.js';
import type { CallContext } from './calls.js';
import { connectHealthSource } from './connect-health.js';
import { directorySyncSource } from './directory-sync.js';
import { licencesSource } from './licences.js';
import { riskyUsersSource } from './risky-users.js';
import { tenantSettingsSource } from './tenant-settings.js';

/**
 * One tenant's governance sources, one per signal the context asks for, on the tenant's directory and Connect
 * Health clients (the `Collector`'s `governanceSources`).
 */
export function governanceSources(
  tenant: TenantSource,
  context: GovernanceSourceContext,
): GovernanceSource[] {
  const calls: CallContext = {
    enabledMetrics: context.enabledMetrics,
    logger: context.logger,
    reported: new Set(),
  };
  const timed = { ...calls, now: context.now };
  const organization = sharedOrganization(tenant);
  const build: Record<GovernanceSignal, () => GovernanceSource> = {
    licences: () => licencesSource(tenant.directory, timed),
    appCredentials: () => appCredentialsSource(tenant.directory, context.tenant, timed),
    tenantSettings: () => tenantSettingsSource(organization, context.namesConcealed, calls),
    directorySync: () => directorySyncSource(organization, tenant.directory, timed),
    connectHealth: () => connectHealthSource(tenant.connectHealth, tenant.tenantId, calls),
    riskyUsers: () => {
      if (context.state === undefined) throw new Error('riskyUsers needs the state store (its cursor)');
      return riskyUsersSource(tenant.directory, tenant.tenantId, context.state, timed);
    },
  };
  return context.signals.map((signal) => build[signal]());
}

/**
 * Tenant settings and directory sync both read the organization, side by side in one poll: they share the request
 * in flight, so a poll reads it once.
 */
function sharedOrganization(tenant: TenantSource): (signal: AbortSignal) => Promise<Organization> {
  let inFlight: Promise<Organization> | undefined;
  return (signal) => {
    inFlight ??= tenant.directory.getOrganization({ signal }).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
