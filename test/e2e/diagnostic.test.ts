import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOVERNANCE_SIGNALS } from '@m365-otel/collector';
import {
  CONTENT_TYPES,
  GOVERNANCE_PERMISSIONS,
  type RunningSimulator,
  startSimulator,
} from '@m365-otel/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollector } from './support/collector-cli.js';
import {
  EVERY_GOVERNANCE_SIGNAL,
  simulatorEverySourceTenantYaml,
  writeCollectorConfig,
} from './support/collector-config.js';

// `m365-otel diagnostic` end to end: the built CLI against the simulator's tenant with every source on, then the
// same tenant with permissions and a licence taken away, an endpoint nobody listens on, and a revoked secret.

interface CheckRow {
  source: string;
  call: string;
  result: string;
  detail?: string;
  optional?: boolean;
}

interface Diagnosis {
  ok: boolean;
  tenants: { tenantId: string; ok: boolean; checks: CheckRow[] }[];
}

let simulator: RunningSimulator;
let denied: RunningSimulator;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-diagnostic-'));
  [simulator, denied] = await Promise.all([
    // arm.localhost does not resolve everywhere: Resource Manager's host is localhost here (Graph's is 127.0.0.1).
    startSimulator({ seed: 31, dataDir: join(workDir, 'simulator'), armHostName: 'localhost' }),
    startSimulator({
      seed: 32,
      dataDir: join(workDir, 'simulator-denied'),
      armHostName: 'localhost',
      grantedPermissions: GOVERNANCE_PERMISSIONS.filter(
        (name) => name !== 'Application.Read.All' && name !== 'CallRecords.Read.All',
      ),
      entraIdP2: false,
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), denied?.close()]);
  await rm(workDir, { recursive: true, force: true });
});

afterEach(() => {
  simulator.faults.clear();
});

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** `diagnostic` with every source on against `sim`, signing in at `authority` with `secret` (default: the simulator's). */
async function diagnostic(
  sim: RunningSimulator,
  name: string,
  options: {
    authority?: string;
    secret?: string;
    output?: 'table' | 'json';
    env?: Record<string, string>;
  } = {},
): Promise<CliRun> {
  const config = await writeCollectorConfig(join(workDir, `${name}.yaml`), [
    ...simulatorEverySourceTenantYaml({ ...sim, authorityUrl: options.authority ?? sim.authorityUrl }),
    'reports: { enabled: true }',
    'serviceHealth: { enabled: true, messages: true }',
    'audit: { enabled: true }',
    EVERY_GOVERNANCE_SIGNAL,
    'callQuality: { enabled: true }',
    `state: { directory: ${join(workDir, `state-${name}`)} }`,
  ]);
  return runCollector(['diagnostic', '--config', config, '--output', options.output ?? 'json'], {
    M365_CLIENT_SECRET: options.secret ?? sim.clientSecret,
    ...options.env,
  });
}

function rows(run: CliRun): CheckRow[] {
  const diagnosis = JSON.parse(run.stdout) as Diagnosis;
  expect(diagnosis.tenants).toHaveLength(1);
  return diagnosis.tenants[0]?.checks ?? [];
}

function row(checks: readonly CheckRow[], source: string, call?: string): CheckRow | undefined {
  return checks.find((check) => check.source === source && (call === undefined || check.call === call));
}

/** The diagnosis stopped at sign-in, its one check naming Entra's error code and what to do about it; exit 1. */
function expectSignInRefused(run: CliRun, aadstsCode: string, whatToDo: string): void {
  expect(run.code).toBe(1);
  const checks = rows(run);
  expect(checks).toHaveLength(1);
  expect(checks[0]).toMatchObject({ source: 'sign-in', result: 'sign-in refused' });
  expect(checks[0]?.detail).toContain(aadstsCode);
  expect(checks[0]?.detail).toContain(`What to do: ${whatToDo}`);
}

describe('m365-otel diagnostic', () => {
  it('finds every enabled source working and exits 0', async () => {
    const run = await diagnostic(simulator, 'all-ok');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const checks = rows(run);
    expect(checks.filter((check) => check.result !== 'ok')).toEqual([]);
    expect(new Set(checks.map((check) => check.source))).toEqual(
      new Set([
        'sign-in',
        'reports',
        'service-health',
        ...CONTENT_TYPES.map((type) => `audit ${type}`),
        ...GOVERNANCE_SIGNALS.map((signal) => `governance ${signal}`),
        'call-quality',
      ]),
    );
  });

  it('prints a table for people by default', async () => {
    const run = await diagnostic(simulator, 'table', { output: 'table' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`tenant ${simulator.tenantId}: everything enabled can work`);
    expect(run.stdout).toMatch(/^ {2}governance riskyUsers +identityProtection\/riskyUsers +ok$/m);
  });

  it('names the missing permission and the missing licence, and exits 1', async () => {
    const run = await diagnostic(denied, 'denied');
    expect(run.code).toBe(1);
    const checks = rows(run);
    expect(row(checks, 'governance appCredentials')).toMatchObject({
      result: 'missing permission',
      detail: 'Application.Read.All',
    });
    expect(row(checks, 'call-quality')).toMatchObject({
      result: 'missing permission',
      detail: 'CallRecords.Read.All',
    });
    expect(row(checks, 'governance riskyUsers', 'identityProtection/riskyUsers')).toMatchObject({
      result: 'not licensed',
      detail: 'Microsoft Entra ID P2',
    });
    expect(row(checks, 'governance licences')).toMatchObject({ result: 'ok' });
    expect(row(checks, 'reports')).toMatchObject({ result: 'ok' });
  });

  it('says unreachable when the authority does not answer', async () => {
    const run = await diagnostic(simulator, 'unreachable', {
      authority: `https://127.0.0.1:${await closedPort()}`,
    });
    expect(run.code).toBe(1);
    const checks = rows(run);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ source: 'sign-in', result: 'unreachable' });
    expect(checks[0]?.detail).toMatch(/ECONNREFUSED|refused/i);
  }, 120_000);

  it('says unreachable for the APIs behind a proxy that does not answer, and checks the others', async () => {
    // Graph and the authority are 127.0.0.1, Resource Manager, the Management Activity API and the report downloads
    // localhost: only the latter go through the dead proxy.
    const run = await diagnostic(simulator, 'dead-proxy', {
      env: { HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}`, NO_PROXY: '127.0.0.1' },
    });
    expect(run.code).toBe(1);
    const checks = rows(run);
    for (const source of ['governance connectHealth', 'audit Audit.General']) {
      expect(row(checks, source), source).toMatchObject({ result: 'unreachable' });
      expect(row(checks, source)?.detail, source).toMatch(/ECONNREFUSED/);
    }
    // The download's retries inside the report's own may outlast the check's deadline: unreachable either way.
    expect(row(checks, 'reports', 'reports/getMailboxUsageMailboxCounts')).toMatchObject({
      result: 'unreachable',
    });
    expect(row(checks, 'governance licences')).toMatchObject({ result: 'ok' });
    expect(row(checks, 'service-health')).toMatchObject({ result: 'ok' });
  }, 120_000);

  it('names AADSTS7000215 and what to do when the secret was revoked', async () => {
    const run = await diagnostic(simulator, 'revoked', { secret: 'a-secret-entra-no-longer-knows' });
    expectSignInRefused(run, 'AADSTS7000215', 'configure the secret');
    expect(run.stdout + run.stderr).not.toContain('a-secret-entra-no-longer-knows');
  });

  it('names AADSTS7000222 when the secret expired', async () => {
    simulator.faults.inject({ kind: 'secret-expired', target: 'token', times: 10 });
    const run = await diagnostic(simulator, 'revoked');
    expectSignInRefused(run, 'AADSTS7000222', 'create a new client secret');
    expect(run.stdout + run.stderr).not.toContain(simulator.clientSecret);
  });

  it('exits 2 on an invalid config, as the other commands', async () => {
    const config = await writeCollectorConfig(join(workDir, 'invalid.yaml'), ['tenants: []']);
    const run = await runCollector(['diagnostic', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});
