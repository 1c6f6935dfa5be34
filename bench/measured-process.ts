// A measured Node process, timed from spawn to exit, whose CPU time and peak RSS the preloaded usage-on-exit.ts
// writes as it exits; and the two Node settings the collector benchmarks compare: Node's defaults and the
// memory-lean settings of deploy/memory-lean.env.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { type Receiver, settledCount } from './otlp-receiver.ts';
import { exitCode, type SimulatorInfo } from './support.ts';
import type { Usage } from './usage-on-exit.ts';

const repoRoot = resolve(import.meta.dirname, '..');
export const COLLECTOR_CLI = join(repoRoot, 'apps/collector/dist/cli.js');
const usagePreload = join(import.meta.dirname, 'usage-on-exit.ts');
const LEAN_SETTINGS_FILE = join(repoRoot, 'deploy/memory-lean.env');

/** Node's defaults, and the memory-lean settings the repository documents for a collector under a tight limit. */
export type Settings = 'defaults' | 'memory-lean';
export const SETTINGS: readonly Settings[] = ['defaults', 'memory-lean'];
export const SETTINGS_LABELS: Record<Settings, string> = {
  defaults: 'defaults',
  'memory-lean': 'deploy/memory-lean.env',
};

/** The environment of each settings: nothing for the defaults, deploy/memory-lean.env's variables for the other. */
export async function settingsEnvironments(): Promise<Record<Settings, Record<string, string>>> {
  return {
    defaults: {},
    'memory-lean': parseEnv(await readFile(LEAN_SETTINGS_FILE, 'utf8')) as Record<string, string>,
  };
}

/** Runs `args` under node (with `nodeOptions`) and the usage preload; wall time from spawn to exit. */
export async function measureProcess(
  args: string[],
  env: Record<string, string>,
  dir: string,
  name: string,
  nodeOptions: string[] = [],
): Promise<{ seconds: number; usage: Usage; stdout: string }> {
  const usageFile = join(dir, `${name}.usage.json`);
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeOptions, '--import', usagePreload, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      M365_BENCH_USAGE_FILE: usageFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    // The collector logs JSON lines; only the tail is kept for an error message.
    stderr = (stderr + chunk.toString()).slice(-8_000);
  });
  const code = await exitCode(child);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${name} exited ${code}: ${stderr}`);
  const usage = JSON.parse(await readFile(usageFile, 'utf8')) as Usage;
  return { seconds, usage, stdout };
}

/** The state directory of the measured collector run `name`: fresh unless the benchmark seeds it beforehand. */
export function collectorStateDir(dir: string, name: string): string {
  return join(dir, `state-${name}`);
}

/**
 * The config of a measured collector run: the simulator's tenant (signed in with its client secret, from the
 * environment), then `reads` (the YAML lines that say what the run reads and emits), its state directory and the
 * receiver over OTLP/HTTP.
 */
export function collectorConfig(
  sim: SimulatorInfo,
  receiver: Receiver,
  stateDir: string,
  reads: readonly string[],
): string {
  return [
    'tenants:',
    `  - tenantId: ${sim.tenantId}`,
    `    clientId: ${sim.clientId}`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the collector's own ${env:NAME} substitution
    '    clientSecret: ${env:M365_CLIENT_SECRET}',
    '    cloud: custom',
    `    endpoints: { authority: ${sim.authorityUrl}, graph: ${sim.graphUrl}, management: ${sim.managementUrl} }`,
    `    tls: { caFile: ${sim.caFile} }`,
    ...reads,
    `state: { directory: ${stateDir} }`,
    `export: { otlp: { endpoint: ${receiver.otlpBaseUrl}, protocol: http/protobuf } }`,
    '',
  ].join('\n');
}

/**
 * One measured `run --once` of the built collector CLI with the config of `reads` (written into `dir`, its state in
 * `collectorStateDir(dir, name)`; logging warnings only, CPU-profiled into `cpuProfileDir` when one is given), under
 * `env`. `delivered`: how many records the receiver settled on meanwhile.
 */
export async function measureCollectorRun(options: {
  sim: SimulatorInfo;
  receiver: Receiver;
  reads: readonly string[];
  dir: string;
  name: string;
  env: Record<string, string>;
  cpuProfileDir: string | undefined;
}): Promise<{ delivered: number; seconds: number; usage: Usage }> {
  const { sim, receiver, reads, dir, name, env, cpuProfileDir } = options;
  const config = join(dir, `collector-${name}.yaml`);
  await writeFile(config, collectorConfig(sim, receiver, collectorStateDir(dir, name), reads));
  const before = await settledCount(receiver);
  const { seconds, usage } = await measureProcess(
    [COLLECTOR_CLI, 'run', '--once', '--config', config],
    { ...env, M365_CLIENT_SECRET: sim.clientSecret, M365_OTEL_LOG_LEVEL: 'warn' },
    dir,
    `collector-${name}`,
    cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir],
  );
  return { delivered: (await settledCount(receiver)) - before, seconds, usage };
}

/**
 * One measured run of a benchmark's own baseline: `script --worker baseline` with `args` and the simulator, which
 * prints on stdout how many items it handled (`count`).
 */
export async function measureBaselineWorker(options: {
  script: string;
  args: string[];
  sim: SimulatorInfo;
  dir: string;
  name: string;
  env: Record<string, string>;
}): Promise<{ count: number; seconds: number; usage: Usage }> {
  const { script, args, sim, dir, name, env } = options;
  const { seconds, usage, stdout } = await measureProcess(
    [script, '--worker', 'baseline', ...args, '--sim', JSON.stringify(sim)],
    env,
    dir,
    `baseline-${name}`,
  );
  return { count: Number(stdout.trim()), seconds, usage };
}
