// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:...} is the collector's own substitution syntax.
import { randomUUID } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEDERATED_TOKEN_AUDIENCE, FEDERATED_TOKEN_FILE_ENV } from '@m365-otel/auth';
import { METRIC_M365_SERVICE_HEALTHY } from '@m365-otel/mappers';
import { decodeExportMetricsRequest, type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
import {
  createServiceAccountIssuer,
  type FederatedSignIn,
  type RunningSimulator,
  startSimulator,
} from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollector } from './support/collector-cli.js';
import { simulatorTenantYaml, writeCollectorConfig } from './support/collector-config.js';

// Azure Workload Identity end to end: the built CLI signs in to the simulator's Entra with a federated token file,
// as in a pod where the webhook set AZURE_FEDERATED_TOKEN_FILE. One `run --once` gets data through while the file is
// rotated between two token requests (the second must carry the new token); then a token of a subject the app has no
// federated credential for is refused, by `run --once` in its log and by `diagnostic` with what to do. No output ever
// holds a federated token or an access token.

const cluster = createServiceAccountIssuer('https://oidc.cluster.example/0c5e7a1d/');
const SUBJECT = 'system:serviceaccount:monitoring:m365-otel';

let simulator: RunningSimulator;
let sink: OtlpSink;
let workDir: string;
const signIns: FederatedSignIn[] = [];
/** What the test does when Entra accepts a federated token, before the collector gets its answer. */
let onSignIn: ((signIn: FederatedSignIn) => void) | undefined;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-workload-identity-'));
  [simulator, sink] = await Promise.all([
    startSimulator({
      seed: 61,
      dataDir: join(workDir, 'simulator'),
      federatedCredentials: [cluster.credential(SUBJECT, FEDERATED_TOKEN_AUDIENCE)],
      onFederatedSignIn: (signIn) => {
        signIns.push(signIn);
        onSignIn?.(signIn);
      },
    }),
    startOtlpSink(),
  ]);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), sink?.close()]);
  await rm(workDir, { recursive: true, force: true });
});

/** Writes the token as the kubelet updates a projected volume: a new file swapped in whole. */
async function project(file: string, token: string): Promise<string> {
  await writeFile(`${file}.new`, `${token}\n`);
  await rename(`${file}.new`, file);
  return token;
}

/** A config for the simulator's tenant signing in with the token file the webhook's variable names. */
async function workloadIdentityConfig(name: string, extra: readonly string[] = []): Promise<string> {
  return writeCollectorConfig(join(workDir, `${name}.yaml`), [
    ...simulatorTenantYaml(simulator, [
      '    workloadIdentity:',
      `      tokenFile: \${env:${FEDERATED_TOKEN_FILE_ENV}}`,
    ]),
    'reports: { enabled: false }',
    'serviceHealth: { enabled: true }',
    `state: { directory: ${join(workDir, `state-${name}`)} }`,
    `export: { otlp: { endpoint: ${sink.url} } }`,
    'log: { level: debug }',
    ...extra,
  ]);
}

/** Every text the run and the backend saw. */
function outputs(run: CliRun): string {
  return [run.stdout, run.stderr, ...sink.requests.map((request) => request.body.toString('latin1'))].join(
    '\n',
  );
}

function expectNoTokens(run: CliRun, federatedTokens: readonly string[]): void {
  const everything = outputs(run);
  for (const token of federatedTokens) expect(everything).not.toContain(token);
  // A JWT's signature is its secret part too (a log could cut the token short).
  for (const token of federatedTokens) expect(everything).not.toContain(token.split('.')[2]);
  for (const token of simulator.issuedSecrets().accessTokens) expect(everything).not.toContain(token);
}

describe('Azure Workload Identity (federated token file)', () => {
  it('signs in with the token file, reads it again after the kubelet rotated it, and the data arrives', async () => {
    const tokenFile = join(workDir, 'azure-identity-token');
    const firstId = randomUUID();
    const secondId = randomUUID();
    const first = await project(
      tokenFile,
      cluster.mint({ subject: SUBJECT, audience: FEDERATED_TOKEN_AUDIENCE, tokenId: firstId }),
    );
    const second = cluster.mint({ subject: SUBJECT, audience: FEDERATED_TOKEN_AUDIENCE, tokenId: secondId });
    // The file is rotated as soon as Entra accepted the first token; Graph then refuses the token it got once (a
    // revoked token), so the collector asks for another: that token request must send the rotated file.
    onSignIn = () => {
      onSignIn = undefined;
      writeFileSync(`${tokenFile}.new`, `${second}\n`);
      renameSync(`${tokenFile}.new`, tokenFile);
    };
    simulator.faults.inject({ kind: 'expired-token', target: 'service-health' });
    const before = signIns.length;
    const config = await workloadIdentityConfig('rotation');
    const run = await runCollector(['run', '--once', '--config', config], {
      [FEDERATED_TOKEN_FILE_ENV]: tokenFile,
    });
    expect(run.stderr).not.toContain('"level":"error"');
    expect(run.code).toBe(0);
    const presented = signIns.slice(before);
    expect(presented[0]).toMatchObject({ issuer: cluster.issuer, subject: SUBJECT, tokenId: firstId });
    expect(presented.length).toBeGreaterThanOrEqual(2);
    // Every token request after the rotation sent the new token, and there was one.
    expect(presented.slice(1).map((signIn) => signIn.tokenId)).toEqual(
      presented.slice(1).map(() => secondId),
    );
    const exported = sink.requests
      .filter((request) => request.path === '/v1/metrics' && request.status === 200)
      .flatMap((request) => decodeExportMetricsRequest(request.body, request.encoding ?? 'protobuf'));
    const health = exported.filter((point) => point.metric === METRIC_M365_SERVICE_HEALTHY);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((point) => point.resource['m365.tenant.id'] === simulator.tenantId)).toBe(true);
    expectNoTokens(run, [first, second]);
  }, 60_000);

  it('refuses a subject the app has no federated credential for: AADSTS700213 in the log, and what to do', async () => {
    const tokenFile = join(workDir, 'intruder-token');
    const intruder = await project(
      tokenFile,
      cluster.mint({ subject: 'system:serviceaccount:default:intruder', audience: FEDERATED_TOKEN_AUDIENCE }),
    );
    const accepted = signIns.length;
    const config = await workloadIdentityConfig('intruder');
    const env = { [FEDERATED_TOKEN_FILE_ENV]: tokenFile };
    const run = await runCollector(['run', '--once', '--config', config], env);
    expect(run.code).not.toBe(0);
    const refusals = run.logs.filter((line) => JSON.stringify(line).includes('AADSTS700213'));
    expect(refusals.length).toBeGreaterThan(0);
    expect(JSON.stringify(refusals[0])).toContain("subject 'system:serviceaccount:default:intruder'");
    const diagnostic = await runCollector(['diagnostic', '--config', config, '--output', 'json'], env);
    expect(diagnostic.code).toBe(1);
    const [tenant] = (
      JSON.parse(diagnostic.stdout) as {
        tenants: { checks: { source: string; result: string; detail?: string }[] }[];
      }
    ).tenants;
    expect(tenant?.checks).toHaveLength(1);
    expect(tenant?.checks[0]).toMatchObject({ source: 'sign-in', result: 'sign-in refused' });
    expect(tenant?.checks[0]?.detail).toContain('AADSTS700213');
    expect(tenant?.checks[0]?.detail).toContain(
      `What to do: app ${simulator.clientId} needs a federated credential matching the token`,
    );
    expect(signIns.length).toBe(accepted);
    expectNoTokens(run, [intruder]);
    expectNoTokens(diagnostic, [intruder]);
  }, 60_000);
});
