import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FakeGraph } from '@m365-otel/fake-graph';
import { EXAMPLE_TIMEOUT_MS } from '@m365-otel/package-examples';
import { createTestPki } from '@m365-otel/test-pki';
import { expect, it } from 'vitest';

const TENANT = '41463f53-8812-40f4-890f-865bf6e35190';
const ROOT = '/v1.0/communications/callRecords';
const documented = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../src/__fixtures__/${name}.json`, import.meta.url), 'utf8'));

// Until the simulator serves call records, the fake HTTPS server stands in for Entra ID and Graph, answering with
// Microsoft's documented examples: the list (two records), then each record with its sessions.
it('prints each call of the window with its streams’ figures', { timeout: EXAMPLE_TIMEOUT_MS }, async () => {
  const pki = await createTestPki();
  const fake = await FakeGraph.start(pki);
  try {
    fake.standInForEntra(TENANT, 'graph-token');
    const list = documented('list-call-records');
    const ids = (list.value as Array<{ id: string }>).map((record) => record.id);
    fake.route(`${ROOT}?`, fake.json(JSON.stringify(list)));
    const record = documented('get-call-record-expanded');
    delete record['sessions@odata.nextLink'];
    const sessions = documented('list-sessions-expanded');
    delete sessions['@odata.nextLink'];
    for (const id of ids) {
      fake.route(`${ROOT}/${id}?`, fake.json(JSON.stringify({ ...record, id, sessions: sessions.value })));
    }
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        fileURLToPath(new URL('call-streams.ts', import.meta.url)),
        '2023-09-25T00:00:00Z',
        '2023-09-26T00:00:00Z',
      ],
      {
        env: {
          M365_TENANT_ID: TENANT,
          M365_CLIENT_ID: '8a3d6e2c-0000-4000-8000-000000000002',
          M365_CLIENT_SECRET: 'example-secret',
          M365_AUTHORITY: fake.graphUrl,
          M365_GRAPH_URL: fake.graphUrl,
          M365_CA_FILE: pki.caFile,
        },
        timeout: EXAMPLE_TIMEOUT_MS,
      },
    );
    const streams = [
      '  main-audio callerToCallee: jitter 16 ms, packet loss 0.0 %, round trip 61 ms',
      '  main-audio calleeToCaller: jitter 7 ms, packet loss 1.4 %, round trip 64 ms',
    ];
    expect(stdout).toBe(
      [...ids.flatMap((id) => [`2020-02-25T18:52:21.2169889Z peerToPeer audio ${id}`, ...streams]), ''].join(
        '\n',
      ),
    );
    expect(fake.requests(ROOT).map((seen) => decodeURIComponent(seen.path))).toEqual([
      `${ROOT}?$filter=startDateTime ge 2023-09-25T00:00:00Z and startDateTime lt 2023-09-26T00:00:00Z&$select=id,type,startDateTime,endDateTime,lastModifiedDateTime,version,modalities`,
      ...ids.map((id) => `${ROOT}/${id}?$expand=sessions($expand=segments)`),
    ]);
    expect(new Set(fake.requests(ROOT).map((seen) => seen.headers.authorization))).toEqual(
      new Set(['Bearer graph-token']),
    );
  } finally {
    await fake.close();
    await pki.cleanup();
  }
});
