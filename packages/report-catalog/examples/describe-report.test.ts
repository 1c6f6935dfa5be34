import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** A node process, TypeScript stripped: generous, it only ends a hang. */
const RUN_TIMEOUT_MS = 60_000;
const EXAMPLE = fileURLToPath(new URL('describe-report.ts', import.meta.url));

/** Runs the example as a user would (`node examples/describe-report.ts NAME`), on the built package. */
function describeReport(name: string) {
  return promisify(execFile)(process.execPath, [EXAMPLE, name], { timeout: RUN_TIMEOUT_MS });
}

describe('examples/describe-report.ts', { timeout: RUN_TIMEOUT_MS }, () => {
  it('prints the endpoint, the row shape and each column with its type', async () => {
    const { stdout } = await describeReport('getMailboxUsageMailboxCounts');
    expect(stdout).toBe(
      [
        'getMailboxUsageMailboxCounts (mailbox-usage): endpoint reports, parameters period, one row per day',
        '  Report Refresh Date: date',
        '  Total: count',
        '  Active: count',
        '  Report Date: date',
        '  Report Period: period',
        '',
      ].join('\n'),
    );
  });

  it('names the entity of a per-entity report', async () => {
    const { stdout } = await describeReport('getMailboxUsageDetail');
    expect(stdout.split('\n')[0]).toBe(
      'getMailboxUsageDetail (mailbox-usage): endpoint reports, parameters period, one row per mailbox',
    );
  });

  it('refuses a name that is no report function, exit code 2', async () => {
    await expect(describeReport('getMailboxUsage')).rejects.toMatchObject({
      code: 2,
      stderr: 'not a usage report function: "getMailboxUsage"\n',
    });
  });
});
