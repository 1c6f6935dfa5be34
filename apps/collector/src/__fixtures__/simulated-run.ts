import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll } from 'vitest';
import { main } from '../main.js';

/** What one CLI invocation ended with. */
export interface CliOutcome {
  code: number;
  stderr: string;
}

export interface CliOptions {
  /** Added to the environment, after the simulated tenant's client secret (so it may replace it). */
  env?: Record<string, string>;
  stop?: AbortSignal;
  /** Told of each piece of stderr as it is written, for a test that waits for a log line. */
  onStderr?: (text: string) => void;
}

export interface ConfigOptions {
  /** Also point the tenant at the simulator's Management Activity API. */
  management?: boolean;
  /** The `export.otlp` mapping; by default the sink over OTLP/HTTP JSON. */
  otlp?: string;
}

/** The simulated tenant and the OTLP sink that stands in for the backend, shared by one test file. */
export interface SimulatedRun {
  readonly simulator: RunningSimulator;
  readonly sink: OtlpSink;
  /**
   * A config for the simulated tenant in a fresh directory (so a fresh default state directory beside it);
   * `sections` is appended YAML.
   */
  writeConfig(sections?: string, options?: ConfigOptions): { file: string; stateDir: string };
  /** The CLI against the simulated tenant, with its client secret in the environment. */
  cli(argv: readonly string[], options?: CliOptions): Promise<CliOutcome>;
  /** `run --once` with `file`. */
  once(file: string, env?: Record<string, string>): Promise<CliOutcome>;
}

/**
 * Starts the simulator and the OTLP sink before the file's tests and closes them after: call it at the top of a test
 * file, and read `simulator` and `sink` in hooks and tests only (they do not exist before `beforeAll`).
 */
export function simulatedRun(options: SimulatorOptions): SimulatedRun {
  let simulator: RunningSimulator | undefined;
  let sink: OtlpSink | undefined;
  beforeAll(async () => {
    simulator = await startSimulator(options);
    sink = await startOtlpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await simulator?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('the simulated run starts in beforeAll: use it in hooks and tests');
    return value;
  };

  const run: SimulatedRun = {
    get simulator() {
      return started(simulator);
    },
    get sink() {
      return started(sink);
    },
    writeConfig(sections = '', { management = false, otlp }: ConfigOptions = {}) {
      const tenant = run.simulator;
      const dir = mkdtempSync(join(tmpdir(), 'm365-otel-'));
      const file = join(dir, 'collector.yaml');
      const managementEndpoint = management ? `, management: "${tenant.managementUrl}"` : '';
      writeFileSync(
        file,
        `tenants:
  - tenantId: ${tenant.tenantId}
    clientId: ${tenant.clientId}
    clientSecret: \${env:M365_CLIENT_SECRET}
    cloud: custom
    endpoints: { authority: "${tenant.authorityUrl}", graph: "${tenant.graphUrl}"${managementEndpoint} }
    tls: { caFile: "${tenant.caFile}" }
export:
  otlp: ${otlp ?? `{ endpoint: "${run.sink.url}", protocol: http/json }`}
${sections}`,
      );
      return { file, stateDir: join(dir, 'state') };
    },
    async cli(argv, { env = {}, stop, onStderr }: CliOptions = {}) {
      let stderr = '';
      const code = await main([...argv], {
        env: { M365_CLIENT_SECRET: run.simulator.clientSecret, ...env },
        stdout: () => undefined,
        stderr: (text) => {
          stderr += text;
          onStderr?.(text);
        },
        stop,
      });
      return { code, stderr };
    },
    once(file, env = {}) {
      return run.cli(['run', '--once', '--config', file], { env });
    },
  };
  return run;
}
