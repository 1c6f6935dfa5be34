import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJsonExports, startOtlpSink } from '@m365-otel/otlp-sink';
import { startSimulator } from '@m365-otel/simulator';
import { createTestPki, type TestPki } from '@m365-otel/test-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollectorOnce } from './support/collector-cli.js';
import { writeCollectorConfig } from './support/collector-config.js';
import {
  FAMILY_METRIC,
  FAMILY_OUTCOME_COUNTER,
  FAULT_MATRIX,
  type Family,
  type MatrixRow,
} from './support/fault-matrix.js';

// The fault matrix of docs/reliability.md, one `run --once` per row: the simulator answers with the row's fault, a
// second loopback host stands for any host other than Microsoft's, and the run is judged by what an operator sees
// (exit code, log line, exported metrics) and by what must never happen (a crash, a hot loop, a token sent to the
// other host, a zero exported in place of data).

const SOURCES: Readonly<Record<Family, readonly string[]>> = {
  reports: ['reports: { enabled: true }', 'serviceHealth: { enabled: false }'],
  'service-health': ['reports: { enabled: false }', 'serviceHealth: { enabled: true }'],
  governance: [
    'reports: { enabled: false }',
    'serviceHealth: { enabled: false }',
    'governance: { enabled: true, licences: true }',
  ],
  'call-quality': [
    'reports: { enabled: false }',
    'serviceHealth: { enabled: false }',
    'callQuality: { enabled: true }',
  ],
  audit: [
    'reports: { enabled: false }',
    'serviceHealth: { enabled: false }',
    'audit: { enabled: true, startFrom: 1h, contentTypes: [Audit.General] }',
  ],
};

/**
 * The most requests one run may make to the simulator: a fault may cost a few retries, never a loop. A clean run
 * makes about 50 (reports: 22 report calls and their downloads) or about 10 (every other family).
 */
const MAX_REQUESTS: Readonly<Record<Family, number>> = {
  reports: 80,
  'service-health': 30,
  governance: 40,
  'call-quality': 40,
  audit: 40,
};
/** Token requests of one run: the first, one refresh after a 401, and the token endpoint's own retries. */
const MAX_TOKEN_REQUESTS = 8;

let pki: TestPki;
let workDir: string;

beforeAll(async () => {
  [pki, workDir] = await Promise.all([createTestPki(), mkdtemp(join(tmpdir(), 'm365-e2e-faults-'))]);
});

afterAll(async () => {
  pki?.cleanup();
  await rm(workDir, { recursive: true, force: true });
});

/** A host other than Microsoft's, trusted like the simulator, that records whether a request carried a token. */
async function startForeignHost(): Promise<{
  origin: string;
  requests: Array<{ path: string; authorization: boolean }>;
  close(): Promise<void>;
}> {
  const requests: Array<{ path: string; authorization: boolean }> = [];
  const server = createHttpsServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, (req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization !== undefined });
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('foreign host has no port');
  return {
    origin: `https://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

/** A loopback port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise((closed) => server.close(closed));
  return address.port;
}

async function authorityOf(row: MatrixRow, simulatorAuthority: string): Promise<string> {
  if (row.authority === 'unresolvable') return 'https://login.m365-otel.invalid';
  if (row.authority === 'closed-port') return `https://127.0.0.1:${await closedPort()}`;
  return simulatorAuthority;
}

describe.concurrent('fault matrix: run --once against each fault from the Microsoft side', () => {
  it.each(FAULT_MATRIX)('$id ($family): $behaviour', async (row) => {
    const dir = join(workDir, row.id);
    const [simulator, sink, foreign] = await Promise.all([
      startSimulator({ seed: 31, users: 5, dataDir: join(dir, 'simulator'), ...row.simulator }),
      startOtlpSink(),
      startForeignHost(),
    ]);
    try {
      for (const fault of row.faults?.(foreign.origin) ?? []) simulator.faults.inject(fault);
      // The collector trusts the simulator's CA and the other host's, so a request to it would get through TLS.
      const trust = join(dir, 'trust.pem');
      await writeFile(trust, `${await readFile(simulator.caFile, 'utf8')}\n${pki.caPem}`);
      const config = await writeCollectorConfig(join(dir, 'config.yaml'), [
        'tenants:',
        `  - tenantId: ${simulator.tenantId}`,
        `    clientId: ${simulator.clientId}`,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the collector's own ${env:NAME} substitution
        '    clientSecret: ${env:M365_CLIENT_SECRET}',
        '    cloud: custom',
        `    endpoints: { authority: ${await authorityOf(row, simulator.authorityUrl)}, graph: ${simulator.graphUrl}, management: ${simulator.managementUrl} }`,
        `    tls: { caFile: ${trust} }`,
        ...SOURCES[row.family],
        `state: { directory: ${join(dir, 'state')} }`,
        'export: { otlp: { protocol: http/json } }',
      ]);
      const secret = row.revokedSecret ? 'a-secret-the-app-no-longer-has~0123456789' : simulator.clientSecret;
      const run = await runCollectorOnce(
        config,
        { clientSecret: secret },
        { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url },
      );

      // What the operator sees: the exit code and the log line that says what happened.
      expect(run.code, run.stderr).toBe(row.exitCode);
      const lines = run.logs.filter((line) => line.msg === row.log.msg).map((line) => JSON.stringify(line));
      expect(
        lines.some((line) => row.log.text.test(line)),
        `${row.log.msg} ~ ${row.log.text}\n${run.stderr}`,
      ).toBe(true);

      // Never a crash: the process ended by itself, and everything it wrote is a structured log line.
      expect(run.signal).toBeNull();
      expect(run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('{'))).toEqual([]);
      expect(run.stderr).not.toContain(secret);

      // Never a hot loop: a bounded number of requests, and of token requests.
      const stats = simulator.stats();
      expect(stats.requests).toBeLessThanOrEqual(MAX_REQUESTS[row.family]);
      expect(stats.tokenRequests).toBeLessThanOrEqual(MAX_TOKEN_REQUESTS);
      if (row.tokenRequests !== undefined) expect(stats.tokenRequests).toBe(row.tokenRequests);

      // Never a token sent to a host other than Microsoft's, nor to the pre-authenticated download host.
      expect(foreign.requests.filter((request) => request.authorization)).toEqual([]);
      expect(foreign.requests.length > 0).toBe(row.foreignHostCalled ?? false);
      expect(stats.downloadsWithAuthorization).toBe(0);

      // Never a silent zero: the family's data is exported after a success and absent after a stop.
      const points = decodeJsonExports(sink.requests);
      const metrics = new Set(points.map((point) => point.metric));
      expect(metrics.has(FAMILY_METRIC[row.family])).toBe(row.exitCode === 0);
      // The source's poll counter says how it ended.
      const counter = FAMILY_OUTCOME_COUNTER[row.family];
      if (counter !== undefined) {
        const outcome = row.exitCode === 0 ? 'success' : 'failure';
        const counted = points.filter(
          (point) => point.metric === counter && point.attributes['m365otel.outcome'] === outcome,
        );
        expect(counted.reduce((sum, point) => sum + point.value, 0)).toBeGreaterThan(0);
      }
      if (row.replacedBytesIn !== undefined) {
        const replaced = points.filter(
          (point) =>
            point.metric === row.replacedBytesIn &&
            Object.values(point.attributes).some((value) => value.includes('\uFFFD')),
        );
        expect(replaced.length).toBeGreaterThan(0);
      }
      if (row.faults !== undefined) expect(stats.faultsServed).toBeGreaterThan(0);
    } finally {
      await Promise.all([simulator.close(), sink.close(), foreign.close()]);
    }
  });
});
