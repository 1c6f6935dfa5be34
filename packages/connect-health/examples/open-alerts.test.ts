import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FakeGraph } from '@m365-otel/fake-graph';
import { EXAMPLE_TIMEOUT_MS } from '@m365-otel/package-examples';
import { createTestPki } from '@m365-otel/test-pki';
import { expect, it } from 'vitest';

const TENANT = '41463f53-8812-40f4-890f-865bf6e35190';
const PROVIDER = '/providers/Microsoft.ADHybridHealthService';
const documented = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../src/__fixtures__/${name}.json`, import.meta.url), 'utf8'));

// Until the simulator serves Connect Health on its ARM host, the fake HTTPS server stands in for Entra ID and Azure
// Resource Manager, answering with the REST specification's examples.
it('prints each service and its open alerts', { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const pki = await createTestPki();
  const fake = await FakeGraph.start(pki);
  try {
    fake.standInForEntra(TENANT, 'arm-token');
    const alerts = documented('alerts');
    const [open] = alerts.value as Record<string, unknown>[];
    alerts.value = [open, { ...open, alertId: 'resolved', state: 'ResolvedManually' }];
    fake.route(`${PROVIDER}/services/sampleServiceName/alerts?`, fake.json(JSON.stringify(alerts)));
    fake.route(`${PROVIDER}/services?`, fake.json(JSON.stringify(documented('services'))));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [fileURLToPath(new URL('open-alerts.ts', import.meta.url))],
      {
        env: {
          M365_TENANT_ID: TENANT,
          M365_CLIENT_ID: '8a3d6e2c-0000-4000-8000-000000000002',
          M365_CLIENT_SECRET: 'example-secret',
          M365_AUTHORITY: fake.graphUrl,
          M365_ARM_URL: fake.graphUrl,
          M365_CA_FILE: pki.caFile,
        },
        timeout: EXAMPLE_TIMEOUT_MS,
      },
    );
    expect(stdout).toBe(
      [
        'AadSyncService sampleServiceName: Healthy',
        '  Error since 2018-04-10T03:12:23.4408944Z: SampleAlertDisplayName',
        '',
      ].join('\n'),
    );
    const calls = fake.requests(PROVIDER);
    expect(calls.map((seen) => seen.path)).toEqual([
      `${PROVIDER}/services?api-version=2014-01-01`,
      `${PROVIDER}/services/sampleServiceName/alerts?api-version=2014-01-01&state=Active`,
    ]);
    expect(calls.map((seen) => seen.headers.authorization)).toEqual(['Bearer arm-token', 'Bearer arm-token']);
  } finally {
    await fake.close();
    await pki.cleanup();
  }
});
