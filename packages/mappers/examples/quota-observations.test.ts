import { EXAMPLE_TIMEOUT_MS, useExampleTenant } from '@m365-otel/package-examples';
import { expect, it } from 'vitest';

// The report's columns as Microsoft documents them, per value of m365.mailbox.quota.status.
const COLUMN_OF_STATUS = {
  under_limit: 'Under Limit',
  warning_issued: 'Warning Issued',
  send_prohibited: 'Send Prohibited',
  send_receive_prohibited: 'Send/Receive Prohibited',
  indeterminate: 'Indeterminate',
};

// 600 users: three of every 200 sit near their quota, so every status but indeterminate has mailboxes.
const tenant = useExampleTenant({ users: 600 });

it("maps the quota report's newest day to one observation per status", {
  timeout: EXAMPLE_TIMEOUT_MS,
}, async () => {
  const [newest] = tenant.simulator.truth.dailyCounts('getMailboxUsageQuotaStatusMailboxCounts', 'D7');
  expect(newest?.values['Send Prohibited']).toBeGreaterThan(0);
  expect(await tenant.run(new URL('quota-observations.ts', import.meta.url))).toBe(
    [
      `getMailboxUsageQuotaStatusMailboxCounts on ${newest?.reportDate}: 0 rows rejected`,
      ...Object.entries(COLUMN_OF_STATUS).map(
        ([status, column]) =>
          `m365.mailbox.quota.mailboxes{m365.mailbox.quota.status="${status}"} ${newest?.values[column]}`,
      ),
      '',
    ].join('\n'),
  );
});
