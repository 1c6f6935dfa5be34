import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { otelcolBinary } from './binary.ts';

const execFileAsync = promisify(execFile);

export interface OtelcolOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built Collector with `args` (a subcommand such as `validate` or `components`) to its end. `env` is added
 * to the test process' environment: the values a config's `${env:NAME}` references resolve to.
 */
export async function runOtelcol(args: string[], env: Record<string, string> = {}): Promise<OtelcolOutcome> {
  try {
    const { stdout, stderr } = await execFileAsync(otelcolBinary(), args, {
      env: { ...process.env, ...env },
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { exitCode: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** `otelcol validate`: resolves and checks a config file without opening a port or a file. */
export async function validateOtelcolConfig(
  configFile: string,
  env: Record<string, string> = {},
): Promise<OtelcolOutcome> {
  return runOtelcol(['validate', `--config=${configFile}`], env);
}
