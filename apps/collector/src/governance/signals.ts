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

/** The signals a `governance:` section turns on, in GOVERNANCE_SIGNALS order; none when the section is disabled. */
export function enabledGovernanceSignals(
  governance: { enabled: boolean } & Readonly<Record<GovernanceSignal, boolean>>,
): GovernanceSignal[] {
  return governance.enabled ? GOVERNANCE_SIGNALS.filter((signal) => governance[signal]) : [];
}
