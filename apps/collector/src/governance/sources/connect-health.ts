import type { ConnectHealthAlert, ConnectHealthClient } from '@m365-otel/connect-health';
import { mapConnectHealth } from '@m365-otel/mappers';
import type { GovernanceSource } from '../../pipeline/governance.js';
import { type CallContext, governanceSource } from './calls.js';

const SERVICES = 'providers/Microsoft.ADHybridHealthService/services';
const ALERTS = `${SERVICES}/{serviceName}/alerts`;

/**
 * Entra Connect Health through Azure Resource Manager: the services, then the open alerts of each monitored one.
 * ARM has no tenant-wide alert list, so that is one alerts list per service (a handful per tenant), never one
 * request per alert; a service whose alerts fail has no alert points, the others keep theirs.
 */
export function connectHealthSource(
  client: Pick<ConnectHealthClient, 'listServices' | 'listOpenAlerts'> | undefined,
  tenantId: string,
  context: CallContext,
): GovernanceSource {
  return governanceSource('connectHealth', context, async (calls, signal) => {
    if (client === undefined)
      throw new Error(
        `tenant ${tenantId}: cloud custom without endpoints.arm, so Connect Health cannot be read`,
      );
    const services = await calls.read(SERVICES, signal, () =>
      client.listServices({ signal, onSkippedItem: calls.onSkippedItem }),
    );
    const alertsByService = new Map<string, readonly ConnectHealthAlert[]>();
    const monitored = (services ?? []).filter((service) => service.disabled !== true);
    await Promise.all(
      monitored.map((service) =>
        calls.read(ALERTS, signal, async () => {
          alertsByService.set(
            service.serviceName,
            await client.listOpenAlerts(service.serviceName, { signal, onSkippedItem: calls.onSkippedItem }),
          );
        }),
      ),
    );
    return calls.collection({ observations: services ? mapConnectHealth(services, alertsByService) : [] });
  });
}
