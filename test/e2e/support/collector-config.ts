import { writeFile } from 'node:fs/promises';
import { GOVERNANCE_SIGNALS } from '@m365-otel/collector';
import type { RunningSimulator } from '@m365-otel/simulator';

/** The credential lines of a tenant that signs in with the client secret the CLI gets in M365_CLIENT_SECRET. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the collector's own ${env:NAME} substitution
export const CLIENT_SECRET_FROM_ENV: readonly string[] = ['    clientSecret: ${env:M365_CLIENT_SECRET}'];

/**
 * The `tenants:` section of a collector config for the simulator's tenant: its ids, its endpoints (a custom cloud)
 * and the CA its TLS certificate is signed by, signing in with `credential` (the client secret by default).
 */
export function simulatorTenantYaml(
  simulator: Pick<RunningSimulator, 'tenantId' | 'clientId' | 'authorityUrl' | 'graphUrl' | 'caFile'>,
  credential: readonly string[] = CLIENT_SECRET_FROM_ENV,
): string[] {
  return ['tenants:', ...simulatorTenantEntry(simulator, credential)];
}

/** One entry of a `tenants:` list for the simulator's tenant (see simulatorTenantYaml), for configs of many tenants. */
export function simulatorTenantEntry(
  simulator: Pick<RunningSimulator, 'tenantId' | 'clientId' | 'authorityUrl' | 'graphUrl' | 'caFile'>,
  credential: readonly string[] = CLIENT_SECRET_FROM_ENV,
): string[] {
  return [
    `  - tenantId: ${simulator.tenantId}`,
    `    clientId: ${simulator.clientId}`,
    ...credential,
    '    cloud: custom',
    `    endpoints: { authority: ${simulator.authorityUrl}, graph: ${simulator.graphUrl} }`,
    `    tls: { caFile: ${simulator.caFile} }`,
  ];
}

/**
 * simulatorTenantYaml for a config with every source on: besides Entra and Graph, the endpoints of the Office 365
 * Management Activity API (audit) and of Resource Manager (Connect Health).
 */
export function simulatorEverySourceTenantYaml(
  simulator: Pick<
    RunningSimulator,
    'tenantId' | 'clientId' | 'authorityUrl' | 'graphUrl' | 'managementUrl' | 'armUrl' | 'caFile'
  >,
  credential: readonly string[] = CLIENT_SECRET_FROM_ENV,
): string[] {
  const endpoints = `    endpoints: { authority: ${simulator.authorityUrl}, graph: ${simulator.graphUrl}, management: ${simulator.managementUrl}, arm: ${simulator.armUrl} }`;
  return simulatorTenantYaml(simulator, credential).map((line) =>
    line.startsWith('    endpoints:') ? endpoints : line,
  );
}

/** The `governance:` section with every signal the collector knows turned on. */
export const EVERY_GOVERNANCE_SIGNAL = `governance: { enabled: true, ${GOVERNANCE_SIGNALS.map((signal) => `${signal}: true`).join(', ')} }`;

/** Writes a collector config of these YAML lines to `file` and resolves with its path. */
export async function writeCollectorConfig(file: string, lines: readonly string[]): Promise<string> {
  await writeFile(file, [...lines, ''].join('\n'));
  return file;
}
