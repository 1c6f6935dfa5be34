import {
  EVENT_CATALOG,
  METRIC_CATALOG,
  METRIC_M365_REPORT_NAMES_CONCEALED,
  METRIC_M365_RISK_USERS,
} from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import {
  GOVERNANCE_CALLS,
  type GovernanceCall,
  grantsNeeded,
  namesConcealedOwner,
  polledGovernanceSignals,
  RESOURCE_ATTRIBUTES_OUTPUT,
  signalGrantsSentence,
} from './signal-calls.js';
import { GOVERNANCE_SIGNALS, type GovernanceSignal } from './signals.js';

/** A `governance:` section, enabled, with exactly `on` turned on. */
function switches(on: readonly GovernanceSignal[]): { enabled: boolean } & Record<GovernanceSignal, boolean> {
  return {
    enabled: true,
    ...(Object.fromEntries(GOVERNANCE_SIGNALS.map((signal) => [signal, on.includes(signal)])) as Record<
      GovernanceSignal,
      boolean
    >),
  };
}

const calls = GOVERNANCE_SIGNALS.flatMap((signal) =>
  GOVERNANCE_CALLS[signal].map((call) => ({ signal, call })),
);

/** The catalog's source resources of a metric or event (Graph or ARM paths). */
function catalogResources(source: { kind: string; fields?: object } | undefined): string[] {
  return source && (source.kind === 'api' || source.kind === 'arm-api')
    ? Object.keys(source.fields ?? {})
    : [];
}

describe('the governance calls', () => {
  const governed = [...METRIC_CATALOG, ...EVENT_CATALOG].filter(
    (definition) => definition.permission !== undefined && !definition.name.startsWith('m365.call.'),
  );

  it('feed every governance metric and event of the catalog, each from one signal', () => {
    for (const definition of governed) {
      const signals = new Set(
        calls.filter(({ call }) => call.feeds.includes(definition.name)).map(({ signal }) => signal),
      );
      expect([...signals], definition.name).toHaveLength(1);
    }
  });

  it("name the permission and licence the catalog gives each metric and event, and read the catalog's resources", () => {
    for (const definition of governed) {
      const feeding: { signal: GovernanceSignal; call: GovernanceCall }[] = calls.filter(({ call }) =>
        call.feeds.includes(definition.name),
      );
      // The catalog's resources are the feeding calls' resources.
      expect(feeding.map(({ call }) => call.resource).sort(), definition.name).toEqual(
        catalogResources(definition.source).sort(),
      );
      for (const { call } of feeding) {
        const named =
          call.grant.kind === 'azure-role'
            ? definition.permission?.includes(`${call.grant.permission} role`)
            : definition.permission?.includes(`\`${call.grant.permission}\``);
        expect(named, `${definition.name}: ${definition.permission} names ${call.grant.permission}`).toBe(
          true,
        );
        expect(definition.licence, definition.name).toBe(call.grant.licence);
      }
    }
  });

  it('feed only what the catalog declares (or the Resource attributes)', () => {
    const names = new Set([...METRIC_CATALOG, ...EVENT_CATALOG].map((definition) => definition.name));
    for (const { call } of calls)
      for (const output of call.feeds)
        expect(output === RESOURCE_ATTRIBUTES_OUTPUT || names.has(output), output).toBe(true);
  });

  it('leave a signal unpolled when none of its metrics and events is on', () => {
    const all = switches(GOVERNANCE_SIGNALS);
    const everything = new Set(METRIC_CATALOG.map((metric) => metric.name));
    expect(polledGovernanceSignals(all, everything)).toEqual([...GOVERNANCE_SIGNALS]);
    // Licences, directory sync and Connect Health only have metrics; the others also have events or attributes.
    expect(polledGovernanceSignals(all, new Set())).toEqual([
      'appCredentials',
      'tenantSettings',
      'riskyUsers',
    ]);
    expect(polledGovernanceSignals({ ...all, enabled: false }, everything)).toEqual([]);
    everything.delete(METRIC_M365_RISK_USERS);
    expect(polledGovernanceSignals(all, everything)).toContain('riskyUsers');
  });

  it('give m365.report.names_concealed one owner: tenant settings while polled, else the report cycle', () => {
    const governance = switches(['tenantSettings']);
    const enabledMetrics = new Set([METRIC_M365_REPORT_NAMES_CONCEALED]);
    const reports = { enabled: true };
    const off = { ...governance, enabled: false };
    expect(namesConcealedOwner({ governance, reports, enabledMetrics })).toBe('tenantSettings');
    expect(namesConcealedOwner({ governance: off, reports, enabledMetrics })).toBe('reports');
    expect(
      namesConcealedOwner({ governance: { ...governance, tenantSettings: false }, reports, enabledMetrics }),
    ).toBe('reports');
    expect(
      namesConcealedOwner({ governance: off, reports: { enabled: false }, enabledMetrics }),
    ).toBeUndefined();
    expect(namesConcealedOwner({ governance, reports, enabledMetrics: new Set() })).toBeUndefined();
  });

  it('list each grant once with the signals that need it', () => {
    const grants = grantsNeeded(['licences', 'tenantSettings', 'directorySync', 'riskyUsers']);
    expect(grants).toContainEqual({
      grant: 'Organization.Read.All (application)',
      signals: ['licences', 'tenantSettings', 'directorySync'],
    });
    expect(grants).toContainEqual({
      grant: 'IdentityRiskyUser.Read.All (application) with Microsoft Entra ID P2',
      signals: ['riskyUsers'],
    });
    expect(grants).toContainEqual({
      grant: 'OnPremDirectorySynchronization.Read.All (application)',
      signals: ['directorySync, optional'],
    });
  });

  it('say in the config reference each grant a signal needs, where it is used and whether a licence is needed', () => {
    expect(signalGrantsSentence('appCredentials')).toBe(
      'Needs Application.Read.All (application); no extra licence.',
    );
    expect(signalGrantsSentence('licences')).toBe(
      'Needs LicenseAssignment.Read.All (application) for /subscribedSkus; Organization.Read.All (application) for /directory/subscriptions; no extra licence.',
    );
    const sync = signalGrantsSentence('directorySync');
    expect(sync).toContain(
      'OnPremDirectorySynchronization.Read.All (application) for /directory/onPremisesSynchronization (optional: ',
    );
    expect(signalGrantsSentence('riskyUsers')).not.toContain('no extra licence');
    expect(signalGrantsSentence('connectHealth')).toMatch(
      /^Needs the Azure role Reader .* with Microsoft Entra ID P1 or P2\.$/,
    );
  });
});
