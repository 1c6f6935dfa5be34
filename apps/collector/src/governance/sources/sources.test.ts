import type { CompanySubscription, Organization, SubscribedSku } from '@m365-otel/directory';
import {
  METRIC_CATALOG,
  METRIC_M365_DIRECTORY_SYNC_ENABLED,
  METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED,
  METRIC_M365_LICENSE_UNITS,
  METRIC_M365_SUBSCRIPTION_COUNT,
} from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../logging/logger.js';
import type { CallContext } from './calls.js';
import { directorySyncSource } from './directory-sync.js';
import { licencesSource } from './licences.js';

// The sources' handling of one call failing among several, with the directory client replaced by doubles.

const NOW = Date.parse('2026-11-30T12:00:00Z');
const abort = new AbortController().signal;
const forbidden = (permission: string) =>
  Object.assign(new Error(`Graph answered 403; the app needs the ${permission} application permission`), {
    status: 403,
    permission,
  });
const sku: SubscribedSku = {
  id: 's1',
  skuId: 'k1',
  skuPartNumber: 'SPE_E5',
  capabilityStatus: 'Enabled',
  consumedUnits: 3,
  prepaidUnits: { enabled: 5, suspended: 0, warning: 0, lockedOut: 0 },
};
const org: Organization = { id: 'o1', displayName: 'Contoso', onPremisesSyncEnabled: true };

function context(enabled = METRIC_CATALOG.map((metric) => metric.name)) {
  const lines: { level: string; msg: string }[] = [];
  const logger = createJsonLogger({
    level: 'debug',
    write: (line) => lines.push(JSON.parse(line) as { level: string; msg: string }),
  });
  const calls: CallContext & { now: () => number } = {
    enabledMetrics: new Set(enabled),
    logger,
    reported: new Set(),
    now: () => NOW,
  };
  return { calls, lines };
}

const metrics = (observations: { metric: string }[]) => [...new Set(observations.map((o) => o.metric))];

describe('governance sources', () => {
  it('licences: subscriptions refused keep the SKU metrics, and the poll fails naming the call', async () => {
    const { calls } = context();
    const source = licencesSource(
      {
        listSubscribedSkus: async () => [sku],
        listCompanySubscriptions: async (): Promise<CompanySubscription[]> => {
          throw forbidden('Organization.Read.All');
        },
      },
      calls,
    );
    const collected = await source.collect(abort);
    expect(metrics(collected.observations)).toContain(METRIC_M365_LICENSE_UNITS);
    expect(metrics(collected.observations)).not.toContain(METRIC_M365_SUBSCRIPTION_COUNT);
    expect(collected.failures?.map((failure) => failure.resource)).toEqual(['directory/subscriptions']);
  });

  it('licences: counts the items the client left out malformed and the fields it could not read', async () => {
    const { calls } = context();
    const source = licencesSource(
      {
        listSubscribedSkus: async (options) => {
          options?.onSkippedItem?.({
            method: 'listSubscribedSkus',
            where: 'value[1]',
            id: undefined,
            problems: [],
          });
          return [sku];
        },
        listCompanySubscriptions: async () => [
          {
            id: 'c1',
            skuId: 'k1',
            skuPartNumber: 'SPE_E5',
            status: 'Enabled',
            isTrial: false,
            totalLicenses: 5,
            nextLifecycleDateTime: 'next spring',
          },
        ],
      },
      calls,
    );
    const collected = await source.collect(abort);
    expect(collected.skipped).toEqual({ malformed_item: 1, unreadable_field: 1 });
  });

  it('licences: both calls failing fail the poll as a whole, and metrics: off skips a call', async () => {
    const { calls } = context();
    const failing = async () => {
      throw forbidden('LicenseAssignment.Read.All');
    };
    await expect(
      licencesSource({ listSubscribedSkus: failing, listCompanySubscriptions: failing }, calls).collect(
        abort,
      ),
    ).rejects.toThrow('LicenseAssignment.Read.All');

    const { calls: skusOnly } = context([METRIC_M365_LICENSE_UNITS]);
    const collected = await licencesSource(
      { listSubscribedSkus: async () => [sku], listCompanySubscriptions: failing },
      skusOnly,
    ).collect(abort);
    expect(collected.failures).toBeUndefined();
  });

  it('directory sync: the feature flags refused are logged once, the other sync metrics kept, the poll succeeds', async () => {
    const { calls, lines } = context();
    const source = directorySyncSource(
      async () => org,
      {
        getDirectorySyncFeatures: async () => {
          throw forbidden('OnPremDirectorySynchronization.Read.All');
        },
        listUsersWithProvisioningErrors: async () => [],
      },
      calls,
    );
    for (let poll = 0; poll < 2; poll++) {
      const collected = await source.collect(abort);
      expect(collected.failures).toBeUndefined();
      expect(metrics(collected.observations)).toContain(METRIC_M365_DIRECTORY_SYNC_ENABLED);
      expect(metrics(collected.observations)).not.toContain(METRIC_M365_DIRECTORY_SYNC_FEATURE_ENABLED);
    }
    const refused = lines.filter((line) => line.level === 'warn');
    expect(refused).toHaveLength(1);
    expect(JSON.stringify(refused[0])).toContain('OnPremDirectorySynchronization.Read.All');
  });
});
