// Lists the services onboarded to Microsoft Entra Connect Health and their open alerts, through Azure Resource Manager.
import { signInFromEnvironment } from '@m365-otel/auth';
import { ConnectHealthClient } from '@m365-otel/connect-health';
import { HttpClient } from '@m365-otel/http';

const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
// The app and its tenant: M365_TENANT_ID, M365_CLIENT_ID, M365_CLIENT_SECRET (and M365_*_URL for another cloud).
const { endpoints, accessTokenFor } = signInFromEnvironment(http);
const connectHealth = new ConnectHealthClient({
  armBaseUrl: endpoints.arm,
  http,
  // The token's audience is Azure Resource Manager, a resource of its own: a Graph token is refused there.
  getAccessToken: accessTokenFor(endpoints.arm),
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
