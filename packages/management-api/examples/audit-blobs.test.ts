import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FakeGraph } from '@m365-otel/fake-graph';
import { EXAMPLE_TIMEOUT_MS } from '@m365-otel/package-examples';
import { createTestPki } from '@m365-otel/test-pki';
import { expect, it } from 'vitest';

const TENANT = '41463f53-8812-40f4-890f-865bf6e35190';
const FEED = `/api/v1.0/${TENANT}/activity/feed`;

// Until the simulator serves the Management Activity API, the fake HTTPS server stands in for both Entra ID (the
// discovery document and the token endpoint MSAL asks) and the management host.
it('starts the missing subscription and lists the blobs', { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const pki = await createTestPki();
  const fake = await FakeGraph.start(pki);
  try {
    fake.standInForEntra(TENANT, 'management-token');
    fake.route(
      `${FEED}/subscriptions/list`,
      fake.json(JSON.stringify([{ contentType: 'Audit.Exchange', status: 'enabled', webhook: null }])),
    );
    fake.route(
      `${FEED}/subscriptions/start`,
      fake.json(JSON.stringify({ contentType: 'Audit.SharePoint', status: 'enabled', webhook: null })),
    );
    const blob = (contentId: string) => ({
      contentType: 'Audit.Exchange',
      contentId,
      contentUri: `${fake.graphUrl}${FEED}/audit/${contentId}`,
      contentCreated: '2026-06-15T11:30:00.000Z',
      contentExpiration: '2026-06-22T11:30:00.000Z',
    });
    fake.route(`${FEED}/subscriptions/content`, fake.json(JSON.stringify([blob('blob-1'), blob('blob-2')])));

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [fileURLToPath(new URL('audit-blobs.ts', import.meta.url))],
      {
        env: {
          M365_TENANT_ID: TENANT,
          M365_CLIENT_ID: '8a3d6e2c-0000-4000-8000-000000000002',
          M365_CLIENT_SECRET: 'example-secret',
          M365_AUTHORITY: fake.graphUrl,
          M365_MANAGEMENT_URL: fake.graphUrl,
          M365_CA_FILE: pki.caFile,
        },
        timeout: EXAMPLE_TIMEOUT_MS,
      },
    );
    expect(stdout).toBe(
      [
        'started: Audit.SharePoint; already enabled: Audit.Exchange',
        '2026-06-15T11:30:00.000Z blob-1',
        '2026-06-15T11:30:00.000Z blob-2',
        '',
      ].join('\n'),
    );
    const management = fake.requests(FEED);
    expect(management.map((seen) => seen.headers.authorization)).toEqual(
      management.map(() => 'Bearer management-token'),
    );
  } finally {
    await fake.close();
    await pki.cleanup();
  }
});
