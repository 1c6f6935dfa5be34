import { describe, expect, it } from 'vitest';
import {
  directorySyncFeatures,
  organization,
  provisioningErrorUsers,
} from './__fixtures__/governance/graph-shapes.js';
import { mapDirectorySync, syncFeatureName } from './directory-sync.js';
import { M365_DIRECTORY_SYNC_FEATURE_VALUES } from './generated/catalog.js';

const NOW = Date.parse('2023-09-23T12:00:00Z');

const metricsOf = (observations: readonly { metric: string }[]) => observations.map((point) => point.metric);

describe('syncFeatureName', () => {
  it('names every documented feature flag as the catalog lists it, and a new one by the same rule', () => {
    expect(Object.keys(directorySyncFeatures().features).map(syncFeatureName).sort()).toEqual(
      [...M365_DIRECTORY_SYNC_FEATURE_VALUES].sort(),
    );
    expect(syncFeatureName('passwordSyncEnabled')).toBe('password_sync');
    expect(syncFeatureName('concurrentOrgIdProvisioningEnabled')).toBe('concurrent_org_id_provisioning');
    expect(syncFeatureName('cloudKerberosTrustEnabled')).toBe('cloud_kerberos_trust');
  });
});

describe('mapDirectorySync', () => {
  it("maps Microsoft's examples: a tenant that never synchronized, its feature flags and provisioning errors", () => {
    const { observations, problems } = mapDirectorySync(
      organization(),
      directorySyncFeatures(),
      provisioningErrorUsers(),
      NOW,
    );
    expect(problems).toEqual([]);
    // onPremisesSyncEnabled null: never synchronized, so 0 and no age.
    expect(observations[0]).toEqual({ metric: 'm365.directory.sync.enabled', attributes: {}, value: 0 });
    expect(metricsOf(observations)).not.toContain('m365.directory.sync.age');
    const features = observations.filter((point) => point.metric === 'm365.directory.sync.feature.enabled');
    expect(features).toHaveLength(19);
    expect(features).toContainEqual({
      metric: 'm365.directory.sync.feature.enabled',
      attributes: { 'm365.directory.sync.feature': 'quarantine_upon_upn_conflict' },
      value: 1,
    });
    expect(features).toContainEqual({
      metric: 'm365.directory.sync.feature.enabled',
      attributes: { 'm365.directory.sync.feature': 'password_sync' },
      value: 0,
    });
    // Two users, one with two errors of the same category: each user counted once.
    expect(observations.at(-1)).toEqual({
      metric: 'm365.directory.provisioning_errors',
      attributes: { 'm365.directory.provisioning_error.category': 'PropertyConflict' },
      value: 2,
    });
  });

  it('measures the age of the last object and password synchronizations of a synchronizing tenant', () => {
    const { observations } = mapDirectorySync(
      {
        ...organization(),
        onPremisesSyncEnabled: true,
        onPremisesLastSyncDateTime: '2023-09-23T11:30:00Z',
        onPremisesLastPasswordSyncDateTime: '2023-09-23T11:58:00Z',
      },
      undefined,
      undefined,
      NOW,
    );
    expect(observations).toEqual([
      { metric: 'm365.directory.sync.enabled', attributes: {}, value: 1 },
      {
        metric: 'm365.directory.sync.age',
        attributes: { 'm365.directory.sync.kind': 'objects' },
        value: 1800,
      },
      {
        metric: 'm365.directory.sync.age',
        attributes: { 'm365.directory.sync.kind': 'password' },
        value: 120,
      },
    ]);
  });

  it('reports PropertyConflict at 0 when no user has an error, a new category as sent, and nothing when not read', () => {
    expect(mapDirectorySync(organization(), undefined, [], NOW).observations.at(-1)).toEqual({
      metric: 'm365.directory.provisioning_errors',
      attributes: { 'm365.directory.provisioning_error.category': 'PropertyConflict' },
      value: 0,
    });
    const { observations } = mapDirectorySync(
      organization(),
      undefined,
      [{ id: 'u1', errors: [{ category: { value: 'AttributeTooLong', known: false } }] }],
      NOW,
    );
    expect(
      observations
        .slice(-2)
        .map((point) => [point.attributes['m365.directory.provisioning_error.category'], point.value]),
    ).toEqual([
      ['PropertyConflict', 0],
      ['AttributeTooLong', 1],
    ]);
    expect(metricsOf(mapDirectorySync(organization(), undefined, undefined, NOW).observations)).toEqual([
      'm365.directory.sync.enabled',
    ]);
  });

  it('leaves out, and reports, a last synchronization time it cannot read', () => {
    const { observations, problems } = mapDirectorySync(
      { ...organization(), onPremisesSyncEnabled: true, onPremisesLastSyncDateTime: '23/09/2023 11:30' },
      undefined,
      undefined,
      NOW,
    );
    expect(metricsOf(observations)).toEqual(['m365.directory.sync.enabled']);
    expect(problems).toEqual([
      {
        item: 'organization',
        field: 'onPremisesLastSyncDateTime',
        value: '23/09/2023 11:30',
        reason: 'not an ISO 8601 date and time',
      },
    ]);
  });
});
