import { lookup } from 'node:dns/promises';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { RunningSimulator } from './server.js';

/** What a config for the simulated tenant needs from a running simulator. */
export type ConfigTarget = Pick<
  RunningSimulator,
  'url' | 'authorityUrl' | 'graphUrl' | 'managementUrl' | 'armUrl' | 'caFile' | 'tenantId' | 'clientId'
>;

export interface ConfigFileOptions {
  /** Absolute path of the file holding the app's client secret, referenced as `${file:...}`. */
  secretFile: string;
  /**
   * Whether the Azure Resource Manager host name resolves here. `arm.localhost` (the simulator's default) resolves
   * only where the resolver maps `*.localhost` to loopback; elsewhere Connect Health is left off, with the reason.
   */
  armResolves: boolean;
}

// A scalar YAML reads back as the same string without quotes: letters, digits and the punctuation of URLs, paths,
// GUIDs and `${file:...}` references, not starting with an indicator character. Anything else is written as a JSON
// string, which is a valid YAML double-quoted scalar with the same value.
const PLAIN_SCALAR = /^[A-Za-z0-9/$.][A-Za-z0-9_./:@${}+-]*$/;

function scalar(text: string): string {
  return PLAIN_SCALAR.test(text) && !text.includes(': ') ? text : JSON.stringify(text);
}

/**
 * The m365-otel config for the simulated tenant, as an operator would write it for a real one with `cloud: custom`:
 * the simulator's endpoints and CA, the client secret read from a file, every source on (the simulated tenant has
 * every licence and grants every permission), short service-health and audit intervals so that a step of the
 * service-health timeline shows within a minute, and export to a Collector on localhost:4318.
 */
export function simulatorConfigYaml(target: ConfigTarget, options: ConfigFileOptions): string {
  const armHost = new URL(target.armUrl).hostname;
  const lines = [
    `# m365-otel config for the simulated tenant at ${target.url}, written by the simulator's --write-config.`,
    '# It works while that simulator runs: the port, the CA and the secret are new at every start.',
    'tenants:',
    `  - tenantId: ${scalar(target.tenantId)}`,
    `    clientId: ${scalar(target.clientId)}`,
    `    clientSecret: ${scalar(`\${file:${options.secretFile}}`)}   # a real tenant: \${env:M365_CLIENT_SECRET}`,
    '    cloud: custom         # a real tenant: global (or its national cloud), and no endpoints or tls',
    '    endpoints:',
    `      authority: ${scalar(target.authorityUrl)}`,
    `      graph: ${scalar(target.graphUrl)}`,
    `      management: ${scalar(target.managementUrl)}`,
    ...(options.armResolves ? [`      arm: ${scalar(target.armUrl)}`] : []),
    '    tls:',
    `      caFile: ${scalar(target.caFile)}`,
    'reports: { enabled: true }',
    'serviceHealth: { enabled: true, interval: 30s, messages: true }',
    'audit: { enabled: true, pollInterval: 1m }',
    'governance:',
    '  enabled: true',
    ...(options.armResolves
      ? ['  connectHealth: true']
      : [
          `  # ${armHost} does not resolve on this machine: start the simulator with --arm-host localhost to read`,
          '  # Entra Connect Health too.',
          '  connectHealth: false',
        ]),
    '  riskyUsers: true',
    'callQuality: { enabled: true }',
    'health: { enabled: true, endpoint: 127.0.0.1:13134 }',
    'state: { directory: state }   # beside this file',
    'export:',
    '  otlp: { endpoint: http://localhost:4318 }',
  ];
  return `${lines.join('\n')}\n`;
}

async function hostResolves(host: string): Promise<boolean> {
  try {
    await lookup(host);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the simulator's client secret beside its CA (owner-only) and the config to `file`, whole or not at all
 * (a temporary file renamed), so that a process waiting for the simulator's JSON line reads a complete file.
 */
export async function writeSimulatorConfig(
  simulator: ConfigTarget & Pick<RunningSimulator, 'clientSecret'>,
  file: string,
  resolves: (host: string) => Promise<boolean> = hostResolves,
): Promise<{ configFile: string; secretFile: string }> {
  const configFile = resolve(file);
  const secretFile = join(dirname(simulator.caFile), 'client-secret');
  await writeFile(secretFile, `${simulator.clientSecret}\n`, { mode: 0o600 });
  const armResolves = await resolves(new URL(simulator.armUrl).hostname);
  const temporary = join(dirname(configFile), `.${basename(configFile)}.${process.pid}.tmp`);
  await writeFile(temporary, simulatorConfigYaml(simulator, { secretFile, armResolves }));
  await rename(temporary, configFile);
  return { configFile, secretFile };
}
