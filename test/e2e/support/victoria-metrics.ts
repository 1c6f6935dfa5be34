import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const repoRoot = resolve(import.meta.dirname, '../../..');

export interface PromSample {
  labels: Record<string, string>;
  value: number;
  timestampMs: number;
}

/** A VictoriaMetrics process owned by one test file: real OTLP/HTTP ingest, PromQL out. */
export interface VictoriaMetrics {
  /** Base URL for an OTLP/HTTP exporter: the collector appends /v1/metrics. */
  otlpBaseUrl: string;
  /** Instant PromQL query, after forcing ingested samples to be searchable. */
  query(promql: string): Promise<PromSample[]>;
  /**
   * Repeats the query until `done` accepts the answer or 15 s pass, and returns the last answer: new series
   * become searchable shortly after ingestion, not at once.
   */
  queryUntil(promql: string, done: (samples: PromSample[]) => boolean): Promise<PromSample[]>;
  stop(): Promise<void>;
}

function victoriaMetricsBinary(): string {
  const fromEnv = process.env.M365_VICTORIA_METRICS_BIN;
  if (fromEnv) return fromEnv;
  // The installer is idempotent and prints the binary's path; it downloads only on the first run.
  return execFileSync('bash', [join(repoRoot, 'scripts/install-victoria-metrics.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      server.close(() => resolvePort(address.port));
    });
  });
}

export async function startVictoriaMetrics(): Promise<VictoriaMetrics> {
  const binary = victoriaMetricsBinary();
  const dataDir = await mkdtemp(join(tmpdir(), 'm365-vm-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    binary,
    [
      `-storageDataPath=${dataDir}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      // Fresh samples become queryable at once instead of after the default 30 s.
      '-search.latencyOffset=0s',
      // Tests query right after ingest; a cached empty answer from an earlier query must not be served.
      '-search.disableCache',
      '-loggerLevel=ERROR',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`victoria-metrics exited early: ${stderr}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`victoria-metrics did not become healthy: ${stderr}`);
    await sleep(100);
  }

  const vm: VictoriaMetrics = {
    otlpBaseUrl: `${url}/opentelemetry`,
    async queryUntil(promql, done) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const samples = await vm.query(promql);
        if (done(samples) || Date.now() > deadline) return samples;
        await sleep(200);
      }
    },
    async query(promql) {
      await fetch(`${url}/internal/force_flush`);
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
      };
      if (body.status !== 'success' || !body.data) throw new Error(`query ${promql} failed: ${body.error}`);
      return body.data.result.map((r) => ({
        labels: r.metric,
        value: Number(r.value[1]),
        timestampMs: r.value[0] * 1000,
      }));
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return vm;
}
