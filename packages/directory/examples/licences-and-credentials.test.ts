import { EXAMPLE_TIMEOUT_MS, useExampleTenant } from '@m365-otel/package-examples';
import { expect, it } from 'vitest';

const tenant = useExampleTenant();

it('lists the licences and the credentials that end first', { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const truth = tenant.simulator.governanceTruth();
  const units = truth.metrics['m365.license.units'] ?? [];
  const skus = [...new Set(units.map((point) => String(point.attributes['m365.license.sku'])))];
  const unitsOf = (sku: string, state: string) =>
    units.find(
      (point) =>
        point.attributes['m365.license.sku'] === sku &&
        point.attributes['m365.license.units.state'] === state,
    )?.value;
  const statusOf = (sku: string) =>
    truth.metrics['m365.license.sku.status']?.find(
      (point) => point.attributes['m365.license.sku'] === sku && point.value === 1,
    )?.attributes['m365.license.capability_status'];
  const firstToEnd = [...truth.credentials]
    .sort((a, b) => Date.parse(a.endDateTime) - Date.parse(b.endDateTime))
    .slice(0, 5);
  expect(skus.length).toBeGreaterThan(1);
  expect(await tenant.run(new URL('licences-and-credentials.ts', import.meta.url))).toBe(
    [
      'Licences (consumed of enabled):',
      ...skus.map(
        (sku) => `  ${sku}: ${unitsOf(sku, 'consumed')} of ${unitsOf(sku, 'enabled')} (${statusOf(sku)})`,
      ),
      'Credentials that end first:',
      ...firstToEnd.map(
        (credential) =>
          `  ${credential.endDateTime} ${credential.type} of ${credential.appDisplayName} (${credential.owner})`,
      ),
      '',
    ].join('\n'),
  );
});
