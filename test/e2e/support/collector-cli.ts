import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunningSimulator } from '@m365-otel/simulator';

const cli = resolve(import.meta.dirname, '../../../apps/collector/dist/cli.js');

export interface CliRun {
  code: number | null;
  /** The signal that ended the process, when one did (a kill). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The collector's structured log lines (JSON on stderr); a line a kill cut short is left out. */
  logs: Array<Record<string, unknown>>;
}

/** A collector CLI process under way. */
export interface CliProcess {
  pid: number;
  /** The structured log lines it wrote so far. */
  logs(): Array<Record<string, unknown>>;
  /** Sends `signal` (default SIGKILL, a crash) and resolves when the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<CliRun>;
  /** Resolves when the process exits, however it ends. */
  exited: Promise<CliRun>;
}

function logLines(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Starts the built collector CLI as a user would: a separate process, its own environment. `onLog` hears each
 * structured log line as it is written.
 */
export function startCollectorProcess(
  args: string[],
  env: Record<string, string> = {},
  onLog?: (line: Record<string, unknown>) => void,
): CliProcess {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first`);
  // Only what a user's shell would pass; OTEL_* from the test runner's environment must not leak in.
  const baseEnv: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lineStart = stderr.lastIndexOf('\n') + 1;
    stderr += chunk;
    if (onLog !== undefined) for (const line of logLines(stderr.slice(lineStart))) onLog(line);
  });
  const exited = new Promise<CliRun>((done) =>
    child.once('close', (code, signal) => done({ code, signal, stdout, stderr, logs: logLines(stderr) })),
  );
  if (child.pid === undefined) throw new Error(`could not start ${cli}`);
  return {
    pid: child.pid,
    logs: () => logLines(stderr),
    async kill(signal = 'SIGKILL') {
      child.kill(signal);
      return exited;
    },
    exited,
  };
}

/** Runs the built collector CLI to its end. */
export async function runCollector(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return startCollectorProcess(args, env).exited;
}

/** One `run --once` of the built CLI with `config`, signing in with the simulator's client secret (and `env`). */
export function runCollectorOnce(
  config: string,
  simulator: Pick<RunningSimulator, 'clientSecret'>,
  env: Record<string, string> = {},
): Promise<CliRun> {
  return runCollector(['run', '--once', '--config', config], {
    M365_CLIENT_SECRET: simulator.clientSecret,
    ...env,
  });
}
