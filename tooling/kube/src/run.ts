import { spawn } from 'node:child_process';

export interface ToolOutcome {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool to its end with `input` on its standard input, its own environment only (no cluster, no HOME), in
 * `cwd` (this process's by default).
 */
export async function runTool(
  binary: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<ToolOutcome> {
  return new Promise((resolveOutcome, reject) => {
    const child = spawn(binary, args, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (exitCode) => resolveOutcome({ exitCode, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
