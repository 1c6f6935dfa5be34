import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../../..');

/**
 * A tool's binary: the path in the environment variable `variable` (scripts/test.sh sets it), else the path the
 * repository's `installer` script prints. The installers are idempotent and download only on their first run.
 */
export function installedBinary(variable: string, installer: string): string {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  return execFileSync('bash', [join(repoRoot, installer)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}
