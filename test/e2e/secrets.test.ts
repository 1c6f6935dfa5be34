import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  type CapturedRequest,
  decodeExportLogsRequest,
  decodeExportMetricsRequest,
  type OtlpSink,
  startOtlpSink,
} from '@m365-otel/otlp-sink';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollector } from './support/collector-cli.js';
import {
  CLIENT_SECRET_FROM_ENV,
  EVERY_GOVERNANCE_SIGNAL,
  simulatorEverySourceTenantYaml,
  writeCollectorConfig,
} from './support/collector-config.js';

// Secrets never leave in logs or telemetry: a full `run --once` with every source on (reports with per-entity
// records, service health with messages, the audit log, every governance signal, call quality with records), at
// debug level, once with the client secret and once with the certificate; then every log line (stdout and stderr)
// and every OTLP request the backend received (its bytes and its decoded data points and log records) is searched
// for the client secret, the private key, each bearer token the simulator issued, the secret part of each
// pre-authenticated download URL it handed out, and the OTLP header values.

let simulator: RunningSimulator;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-secrets-'));
  // arm.localhost does not resolve everywhere: Resource Manager's host is localhost here (Graph's is 127.0.0.1).
  simulator = await startSimulator({
    seed: 41,
    dataDir: join(workDir, 'simulator'),
    armHostName: 'localhost',
  });
});

afterAll(async () => {
  await simulator?.close();
  await rm(workDir, { recursive: true, force: true });
});

/** The secret, its URL-encoded and JSON-escaped forms: how it would appear if a log or an attribute carried it. */
function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

/** A PEM private key's secret material: its base64 body whole, and each of its lines. */
function privateKeyParts(pem: string): string[] {
  const lines = pem
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('-----'));
  return [lines.join(''), ...lines.filter((line) => line.length >= 16)];
}

/** Every text an OTLP request put on the wire: its body (decompressed) and what its data points and records hold. */
function exportedTexts(request: CapturedRequest): string[] {
  const gzip = String(request.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
  const body = gzip ? gunzipSync(request.body) : request.body;
  const texts = [body.toString('utf8'), body.toString('latin1')];
  if (request.status !== 200 || request.encoding === undefined) return texts;
  const decoded =
    request.path === '/v1/logs'
      ? decodeExportLogsRequest(body, request.encoding)
      : decodeExportMetricsRequest(body, request.encoding);
  return [...texts, JSON.stringify(decoded)];
}

interface Scan {
  /** The secrets, each under a name for the failure message. */
  secrets: Map<string, string>;
  /** Where each text was found: `stderr`, `POST /v1/logs #3`. */
  texts: Map<string, string>;
}

function leaks({ secrets, texts }: Scan): string[] {
  const found: string[] = [];
  for (const [name, secret] of secrets)
    for (const spelling of spellings(secret))
      for (const [where, text] of texts) if (text.includes(spelling)) found.push(`${name} in ${where}`);
  return found;
}

/** One `run --once` with every source on, exporting to a fresh sink with OTLP headers; `credential` as YAML lines. */
async function fullRun(
  name: string,
  credential: readonly string[],
  protocol: 'http/protobuf' | 'http/json',
): Promise<{ code: number | null; scan: Scan; sink: OtlpSink; otlpHeaders: string[] }> {
  const sink = await startOtlpSink();
  try {
    const bearer = randomBytes(24).toString('base64url');
    const apiKey = `key/${randomBytes(12).toString('hex')}+=`;
    const config = await writeCollectorConfig(join(workDir, `${name}.yaml`), [
      ...simulatorEverySourceTenantYaml(simulator, credential),
      'reports: { enabled: true, period: D7, details: { getOffice365ActiveUserDetail: true, getMailboxUsageDetail: true } }',
      'serviceHealth: { enabled: true, messages: true }',
      'audit: { enabled: true, startFrom: 1h }',
      EVERY_GOVERNANCE_SIGNAL,
      'callQuality: { enabled: true, records: true }',
      `state: { directory: ${join(workDir, `state-${name}`)} }`,
      `export: { otlp: { endpoint: ${sink.url}, protocol: ${protocol} } }`,
      'log: { level: debug }',
    ]);
    const run = await runCollector(['run', '--once', '--config', config], {
      M365_CLIENT_SECRET: simulator.clientSecret,
      OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer%20${bearer},x-api-key=${encodeURIComponent(apiKey)}`,
    });
    const issued = simulator.issuedSecrets();
    const secrets = new Map<string, string>([
      ['the client secret', simulator.clientSecret],
      ['the OTLP bearer token', bearer],
      ['the OTLP API key', apiKey],
      ...issued.accessTokens.map((token, index) => [`access token ${index}`, token] as [string, string]),
      ...issued.downloadIds.map((id, index) => [`download URL ${index}`, id] as [string, string]),
    ]);
    const texts = new Map<string, string>([
      ['stdout', run.stdout],
      ['stderr', run.stderr],
      ...sink.requests.flatMap((request, index) =>
        exportedTexts(request).map(
          (text, part) => [`${request.path} #${index} (${part})`, text] as [string, string],
        ),
      ),
    ]);
    expect(run.stderr, 'the run logged at debug level').toContain('"level":"debug"');
    return {
      code: run.code,
      scan: { secrets, texts },
      sink,
      otlpHeaders: sink.requests.map((request) => String(request.headers.authorization)),
    };
  } finally {
    await sink.close();
  }
}

describe('secrets in logs and telemetry', () => {
  it('a full run with the client secret shows none of them', async () => {
    const tokensBefore = simulator.stats().tokensIssued;
    const { code, scan, sink, otlpHeaders } = await fullRun('secret', CLIENT_SECRET_FROM_ENV, 'http/json');
    expect(code).toBe(0);
    // What the scan looks for was really in play: tokens issued, reports downloaded, headers sent, data exported.
    expect(simulator.stats().tokensIssued).toBeGreaterThan(tokensBefore);
    expect([...scan.secrets.keys()].filter((name) => name.startsWith('download URL')).length).toBeGreaterThan(
      0,
    );
    expect(new Set(otlpHeaders).size).toBe(1);
    expect(otlpHeaders[0]).toMatch(/^Bearer /);
    expect(sink.logRecords.length).toBeGreaterThan(0);
    expect(leaks(scan)).toEqual([]);
  });

  it('a full run with the certificate shows neither the key nor a token', async () => {
    const { keyFile, certFile } = simulator.certificate;
    const { code, scan } = await fullRun(
      'certificate',
      [`    certificate: { keyFile: ${keyFile}, certFile: ${certFile} }`],
      'http/protobuf',
    );
    expect(code).toBe(0);
    const key = privateKeyParts(await readFile(keyFile, 'utf8'));
    expect(key.length).toBeGreaterThan(1);
    key.forEach((part, index) => {
      scan.secrets.set(`private key part ${index}`, part);
    });
    expect(leaks(scan)).toEqual([]);
  });

  it('finds a secret where one is (the scan itself can fail)', () => {
    const scan: Scan = {
      secrets: new Map([['a token', 'abc/def+ghi=']]),
      texts: new Map([['stderr', '{"msg":"url","url":"https://x/?t=abc%2Fdef%2Bghi%3D"}']]),
    };
    expect(leaks(scan)).toEqual(['a token in stderr']);
  });
});
