import { EXAMPLE_TIMEOUT_MS, useExampleTenant } from '@m365-otel/package-examples';
import { expect, it } from 'vitest';

const tenant = useExampleTenant();

it("prints the tenant's mailbox counts of the last 7 days", { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const days = tenant.simulator.truth.dailyCounts('getMailboxUsageMailboxCounts', 'D7');
  expect(days).toHaveLength(7);
  expect(await tenant.run(new URL('mailbox-counts.ts', import.meta.url))).toBe(
    days.map((day) => `${day.reportDate}  total ${day.values.Total}  active ${day.values.Active}\n`).join(''),
  );
});
