// What the benchmarks share: their arguments, the simulator in a process of its own, a Graph token from it, reading
// a child's first line, the median, and the Markdown table they print with the cost columns of each row.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { scopeForResource, TokenProvider } from '@m365-otel/auth';
import type { HttpClient } from '@m365-otel/http';
import type { RunningSimulator } from '@m365-otel/simulator';

const SIMULATOR_CLI = resolve(import.meta.dirname, '../apps/simulator/dist/cli.js');

/** How to reach the simulator, as its CLI prints it on its first line. */
export type SimulatorInfo = Pick<
  RunningSimulator,
  | 'url'
  | 'authorityUrl'
  | 'graphUrl'
  | 'managementUrl'
  | 'caFile'
  | 'tenantId'
  | 'clientId'
  | 'clientSecret'
  | 'certificate'
>;

/** The options a benchmark's worker process is started with: which worker, and the simulator as JSON. */
export const WORKER_OPTIONS = { worker: { type: 'string' }, sim: { type: 'string' } } as const;

/** The built simulator CLI in a process of its own, started with `args`, and how to reach it once it listens. */
export async function spawnSimulator(
  args: readonly string[],
): Promise<{ child: ChildProcess; sim: SimulatorInfo }> {
  const child = spawn(process.execPath, [SIMULATOR_CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    return { child, sim: JSON.parse(await firstLine(child)) as SimulatorInfo };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}

/** The first line a child prints on stdout (the simulator's connection details, a worker's measurement). */
export async function firstLine(child: ChildProcess): Promise<string> {
  if (child.stdout === null) throw new Error('child has no stdout');
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new Error('child exited before printing');
}

/** Resolves with the child's exit code once it has exited (at once if it already has). */
export async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** A Markdown table, the first row its header, columns padded to their widest cell. */
/** A token provider signed in to the simulator with its client secret. */
export function simulatorTokens(sim: SimulatorInfo, http: HttpClient): TokenProvider {
  return new TokenProvider({
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    credential: { kind: 'secret', secret: sim.clientSecret },
    authority: sim.authorityUrl,
    http,
  });
}

/** An access token for the simulator's Graph API. */
export async function accessToken(sim: SimulatorInfo, http: HttpClient): Promise<string> {
  return (await simulatorTokens(sim, http).getToken(scopeForResource(sim.graphUrl))).token;
}

/** What one measured run cost. */
export interface RunCost {
  seconds: number;
  cpuSeconds: number;
  peakRssMB: number;
}

/**
 * The cost columns of a table row for the runs of one mode, compared with its baseline's runs: median seconds,
 * `items` a second, time ratio, median CPU seconds, CPU ratio, and the largest peak RSS in MB.
 */
export function costCells(runs: readonly RunCost[], baseline: readonly RunCost[], items: number): string[] {
  const seconds = median(runs.map((m) => m.seconds));
  const cpuSeconds = median(runs.map((m) => m.cpuSeconds));
  return [
    seconds.toFixed(2),
    Math.round(items / seconds).toLocaleString('en-US'),
    (seconds / median(baseline.map((m) => m.seconds))).toFixed(2),
    cpuSeconds.toFixed(2),
    (cpuSeconds / median(baseline.map((m) => m.cpuSeconds))).toFixed(2),
    Math.max(...runs.map((m) => m.peakRssMB)).toFixed(0),
  ];
}

export function formatTable(table: string[][]): string {
  const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
  const format = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    format(table[0] ?? []),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...table.slice(1).map(format),
  ].join('\n');
}

/** The script's arguments, without the `--` that `pnpm run <script> -- --flag` passes on. */
export function scriptArgs(): string[] {
  const args = process.argv.slice(2);
  return args[0] === '--' ? args.slice(1) : args;
}
