import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll } from 'vitest';

/** A node process, TypeScript stripped, the tenant's TLS and token calls: generous, it only ends a hang. */
export const EXAMPLE_TIMEOUT_MS = 60_000;

/** The calendar is fixed so the reports' days, and so the truth, never depend on when the tests run. */
const SIMULATED_NOW = new Date('2026-06-15T12:00:00Z');

/** The settings every example reads from its environment, as a user sets them for a real tenant. */
function tenantEnvironment(simulator: RunningSimulator): Record<string, string> {
  return {
    M365_TENANT_ID: simulator.tenantId,
    M365_CLIENT_ID: simulator.clientId,
    M365_CLIENT_SECRET: simulator.clientSecret,
    M365_AUTHORITY: simulator.authorityUrl,
    M365_GRAPH_URL: simulator.graphUrl,
    M365_ARM_URL: simulator.armUrl,
    M365_CA_FILE: simulator.caFile,
  };
}

export interface ExampleTenant {
  /** The simulated tenant, started before the file's tests and closed after them. */
  readonly simulator: RunningSimulator;
  /**
   * Runs an example as a user would (`node examples/NAME.ts ARGS`) against the tenant; resolves to what it printed.
   */
  run(example: URL, args?: readonly string[]): Promise<string>;
}

/**
 * A simulated tenant for one test file's examples. Each example runs in its own process on the built packages
 * (`pnpm run build`), with nothing from this process's environment but the tenant settings, so no proxy applies.
 */
export function useExampleTenant(options: SimulatorOptions = {}): ExampleTenant {
  let running: RunningSimulator | undefined;
  beforeAll(async () => {
    // Azure Resource Manager on `localhost` rather than the default `arm.localhost`, which not every resolver knows.
    running = await startSimulator({
      now: () => new Date(SIMULATED_NOW),
      armHostName: 'localhost',
      ...options,
    });
  });
  afterAll(() => running?.close());
  const tenant: ExampleTenant = {
    get simulator() {
      if (running === undefined)
        throw new Error('the simulated tenant starts in beforeAll; use it inside a test');
      return running;
    },
    async run(example, args = []) {
      try {
        const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(example), ...args], {
          env: tenantEnvironment(tenant.simulator),
          timeout: EXAMPLE_TIMEOUT_MS,
        });
        return stdout;
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr ?? '';
        throw new Error(`${fileURLToPath(example)} failed (is the workspace built?):\n${stderr}`, {
          cause: error,
        });
      }
    },
  };
  return tenant;
}
