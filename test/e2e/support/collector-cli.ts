import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const cli = resolve(import.meta.dirname, '../../../apps/collector/dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The collector's structured log lines (JSON on stderr). */
  logs: Array<Record<string, unknown>>;
}

/** Runs the built collector CLI as a user would: a separate process, its own environment, its exit code. */
export async function runCollector(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first`);
  // Only what a user's shell would pass; OTEL_* from the test runner's environment must not leak in.
  const baseEnv: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((done) => child.once('close', done));
  const logs = stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, stdout, stderr, logs };
}
