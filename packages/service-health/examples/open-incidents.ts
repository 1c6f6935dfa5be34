// Lists the services that are not operational and the open incidents, from Microsoft Graph's service health.
import { signInFromEnvironment } from '@m365-otel/auth';
import { HttpClient } from '@m365-otel/http';
import { ServiceHealthClient } from '@m365-otel/service-health';

const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
// The app and its tenant: M365_TENANT_ID, M365_CLIENT_ID, M365_CLIENT_SECRET (and M365_*_URL for another cloud).
const { endpoints, accessTokenFor } = signInFromEnvironment(http);
const serviceHealth = new ServiceHealthClient({
  graphBaseUrl: endpoints.graph,
  http,
  getAccessToken: accessTokenFor(endpoints.graph),
  // An item Microsoft sent without a field that identifies it is left out, and said so here.
  onSkippedItem: (item) =>
    console.error(`skipped a malformed ${item.resource} item: ${item.problems.join('; ')}`),
});
try {
  const [overviews, issues] = await Promise.all([
    serviceHealth.listHealthOverviews(),
    serviceHealth.listIssues(),
  ]);
  console.log('Services not operational:');
  for (const overview of overviews) {
    if (overview.status.value !== 'serviceOperational')
      console.log(`  ${overview.service}: ${overview.status.value}`);
  }
  console.log('Open incidents:');
  for (const issue of issues) {
    if (issue.isResolved || issue.classification.value !== 'incident') continue;
    console.log(`  ${issue.id} ${issue.service} (${issue.status.value}): ${issue.title}`);
  }
} finally {
  await http.close();
}
