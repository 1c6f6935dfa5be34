import { tmpdir } from 'node:os';
import { NOOP_LOGGER } from '@m365-otel/http';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load.js';
import { GOVERNANCE_CALLS } from '../governance/signal-calls.js';
import { GOVERNANCE_SIGNALS } from '../governance/signals.js';
import { TenantSource } from '../pipeline/tenant-source.js';
import { tenantChecks } from './checks.js';

const TENANT = `tenants:
  - tenantId: 5b2f0e4c-1d3a-4e6b-9c8d-7a6b5c4d3e2f
    clientId: 0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d
    clientSecret: x
`;

function config(sections: string) {
  return parseConfig(`${TENANT}${sections}`, { env: {}, baseDir: tmpdir(), label: 'config.yaml' });
}

describe('tenantChecks', () => {
  const everything = config(`reports: { enabled: true }
serviceHealth: { enabled: true, messages: true }
audit: { enabled: true, contentTypes: [Audit.General, DLP.All] }
governance: { enabled: true, licences: true, appCredentials: true, tenantSettings: true, directorySync: true, connectHealth: true, riskyUsers: true }
callQuality: { enabled: true }
`);
  const tenant = new TenantSource(everything.tenants[0] ?? (undefined as never), NOOP_LOGGER);

  it('checks each source run --once names, in its order', () => {
    const checks = tenantChecks(everything, tenant);
    expect([...new Set(checks.map((check) => check.source))]).toEqual([
      'reports',
      'service-health',
      'audit Audit.General',
      'audit DLP.All',
      ...GOVERNANCE_SIGNALS.map((signal) => `governance ${signal}`),
      'call-quality',
    ]);
  });

  it("checks each governance signal's grants once, with GOVERNANCE_CALLS' licence and optional flag", () => {
    const checks = tenantChecks(everything, tenant).filter((check) => check.source.startsWith('governance '));
    for (const signal of GOVERNANCE_SIGNALS) {
      const grants = new Set(
        GOVERNANCE_CALLS[signal].map((call) => `${call.grant.kind} ${call.grant.permission}`),
      );
      const made = checks.filter((check) => check.source === `governance ${signal}`);
      expect(made, signal).toHaveLength(grants.size);
      for (const made of checks.filter((check) => check.source === `governance ${signal}`)) {
        const call = GOVERNANCE_CALLS[signal].find((candidate) => candidate.resource === made.call);
        expect(made.licence).toBe(call?.grant.licence);
        expect(made.optional).toBe(call?.optional);
      }
    }
  });

  it('checks only what the config turns on', () => {
    const reportsOnly = config('reports: { enabled: true }\nserviceHealth: { enabled: false }\n');
    expect(tenantChecks(reportsOnly, tenant).map((check) => [check.source, check.call])).toEqual([
      ['reports', 'reports/getMailboxUsageMailboxCounts'],
      ['reports', 'admin/reportSettings'],
    ]);
  });

  it('leaves out a governance call whose metrics are all off', () => {
    const withoutSubscriptions = config(`reports: { enabled: false }
serviceHealth: { enabled: false }
governance: { enabled: true, licences: true, appCredentials: false, tenantSettings: false, directorySync: false }
metrics:
  m365.subscription.count: { enabled: false }
  m365.subscription.lifecycle.remaining: { enabled: false }
`);
    expect(tenantChecks(withoutSubscriptions, tenant).map((check) => check.call)).toEqual(['subscribedSkus']);
  });
});
