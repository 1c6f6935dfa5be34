// Lists the services onboarded to Microsoft Entra Connect Health and their open alerts, through Azure Resource Manager.
import { CLOUD_PRESETS, scopeForResource, TokenProvider } from '@m365-otel/auth';
import { ConnectHealthClient } from '@m365-otel/connect-health';
import { HttpClient } from '@m365-otel/http';

const arm = process.env.M365_ARM_URL ?? CLOUD_PRESETS.global.arm;
const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
const tokens = new TokenProvider({
  tenantId: process.env.M365_TENANT_ID ?? '',
  clientId: process.env.M365_CLIENT_ID ?? '',
  credential: { kind: 'secret', secret: process.env.M365_CLIENT_SECRET ?? '' },
  authority: process.env.M365_AUTHORITY ?? CLOUD_PRESETS.global.authority,
  http,
});
const connectHealth = new ConnectHealthClient({
  armBaseUrl: arm,
  http,
  // The token's audience is Azure Resource Manager, a resource of its own: a Graph token is refused there.
  getAccessToken: async (options) => (await tokens.getToken(scopeForResource(arm), options)).token,
  onSkippedItem: (item) =>
    console.error(`skipped a malformed item at ${item.where}: ${item.problems.join('; ')}`),
});
try {
  for (const service of await connectHealth.listServices()) {
    console.log(`${service.serviceType} ${service.serviceName}: ${service.health ?? 'health unknown'}`);
    for (const alert of await connectHealth.listOpenAlerts(service.serviceName))
      console.log(
        `  ${alert.level} since ${alert.createdDate ?? '?'}: ${alert.displayName ?? alert.shortName ?? alert.alertId}`,
      );
  }
} finally {
  await http.close();
}
