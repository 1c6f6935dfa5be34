import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmBinaryVariable, toolBinary } from './binaries.ts';
import { runTool, type ToolOutcome } from './run.ts';

/**
 * The Kubernetes version charts are rendered and linted for: the API of k8s.io/api v0.34, which the strict decoder
 * is built with (tooling/kube/go.mod).
 */
export const kubeVersion = '1.34.0';

/**
 * Runs Helm without a cluster, with its own empty home (config, cache and data directories), so nothing from the
 * machine's Helm setup (repositories, plugins) takes part.
 */
export async function runHelm(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ToolOutcome> {
  const home = await mkdtemp(join(tmpdir(), 'm365-helm-'));
  try {
    return await runTool(toolBinary(helmBinaryVariable, env), args, {
      env: {
        HOME: home,
        HELM_CONFIG_HOME: join(home, 'config'),
        HELM_CACHE_HOME: join(home, 'cache'),
        HELM_DATA_HOME: join(home, 'data'),
      },
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
