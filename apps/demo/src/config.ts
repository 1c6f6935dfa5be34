import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GOVERNANCE_SIGNALS } from '@m365-otel/collector';
import type { RunningSimulator } from '@m365-otel/simulator';

/**
 * Writes the config file a real deployment would write for the simulated tenant (cloud `custom`, the simulator's
 * CA, the certificate registered on its app) into the simulator's own directory, which it removes on close, and
 * returns its path. The demo then reads it exactly as `run` reads an operator's file. Everything else keeps its
 * default, except what the simulator's tenant has and a default deployment leaves off: message-center events
 * (ServiceMessage.Read.All), every governance signal (Connect Health on the simulator's Resource Manager host, risky
 * users: the tenant has Entra ID P2) and call quality.
 */
export async function writeDemoConfig(
  simulator: RunningSimulator,
  otlp: string | undefined,
): Promise<string> {
  const config = {
    tenants: [
      {
        tenantId: simulator.tenantId,
        clientId: simulator.clientId,
        certificate: simulator.certificate,
        cloud: 'custom',
        endpoints: {
          authority: simulator.authorityUrl,
          graph: simulator.graphUrl,
          arm: simulator.armUrl,
        },
        tls: { caFile: simulator.caFile },
      },
    ],
    serviceHealth: { messages: true },
    governance: { enabled: true, ...Object.fromEntries(GOVERNANCE_SIGNALS.map((signal) => [signal, true])) },
    callQuality: { enabled: true },
    ...(otlp === undefined ? {} : { export: { otlp: { endpoint: otlp.replace(/\/+$/, '') } } }),
  };
  const file = join(dirname(simulator.caFile), 'm365-otel.yaml');
  // JSON is YAML too, and needs no YAML writer.
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
