// Lists the services that are not operational and the open incidents, from Microsoft Graph's service health.
import { CLOUD_PRESETS, scopeForResource, TokenProvider } from '@m365-otel/auth';
import { HttpClient } from '@m365-otel/http';
import { ServiceHealthClient } from '@m365-otel/service-health';

const graph = process.env.M365_GRAPH_URL ?? CLOUD_PRESETS.global.graph;
const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
const tokens = new TokenProvider({
  tenantId: process.env.M365_TENANT_ID ?? '',
  clientId: process.env.M365_CLIENT_ID ?? '',
  credential: { kind: 'secret', secret: process.env.M365_CLIENT_SECRET ?? '' },
  authority: process.env.M365_AUTHORITY ?? CLOUD_PRESETS.global.authority,
  http,
});
const serviceHealth = new ServiceHealthClient({
  graphBaseUrl: graph,
  http,
  getAccessToken: async (options) => (await tokens.getToken(scopeForResource(graph), options)).token,
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
