import type { M365otelGovernanceSignal } from '@m365-otel/mappers';

/**
 * The governance signals, each its own switch under `governance:` and its own source: one failing (a permission
 * or licence the tenant lacks) never stops another. The order is the config's and the docs'.
 */
export const GOVERNANCE_SIGNALS = [
  'licences',
  'appCredentials',
  'tenantSettings',
  'directorySync',
  'connectHealth',
  'riskyUsers',
] as const;

export type GovernanceSignal = (typeof GOVERNANCE_SIGNALS)[number];

/** Each signal as the self-metric `m365otel.governance.polls` names it (`m365otel.governance.signal`). */
export const GOVERNANCE_SIGNAL_ATTRIBUTE: Readonly<Record<GovernanceSignal, M365otelGovernanceSignal>> = {
  licences: 'licences',
  appCredentials: 'app_credentials',
  tenantSettings: 'tenant_settings',
  directorySync: 'directory_sync',
  connectHealth: 'connect_health',
  riskyUsers: 'risky_users',
};

/** The signals a `governance:` section turns on, in GOVERNANCE_SIGNALS order; none when the section is disabled. */
export function enabledGovernanceSignals(
  governance: { enabled: boolean } & Readonly<Record<GovernanceSignal, boolean>>,
): GovernanceSignal[] {
  return governance.enabled ? GOVERNANCE_SIGNALS.filter((signal) => governance[signal]) : [];
}
