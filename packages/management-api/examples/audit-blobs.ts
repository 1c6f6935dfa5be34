// Makes sure the audit subscriptions are on, then lists the audit content blobs of the last hour.
import { CLOUD_PRESETS, scopeForResource, TokenProvider } from '@m365-otel/auth';
import { HttpClient } from '@m365-otel/http';
import { ActivityClient } from '@m365-otel/management-api';

const tenantId = process.env.M365_TENANT_ID ?? '';
const management = process.env.M365_MANAGEMENT_URL ?? CLOUD_PRESETS.global.management;
const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
const tokens = new TokenProvider({
  tenantId,
  clientId: process.env.M365_CLIENT_ID ?? '',
  credential: { kind: 'secret', secret: process.env.M365_CLIENT_SECRET ?? '' },
  authority: process.env.M365_AUTHORITY ?? CLOUD_PRESETS.global.authority,
  http,
});
const audit = new ActivityClient({
  managementBaseUrl: management,
  tenantId,
  http,
  // The token's audience is the management host of the tenant's cloud.
  getAccessToken: async (options) => (await tokens.getToken(scopeForResource(management), options)).token,
  onSkippedItem: (item) =>
    console.error(`skipped a malformed item at ${item.where}: ${item.problems.join('; ')}`),
});
try {
  const { started, enabled } = await audit.ensureSubscriptions(['Audit.Exchange', 'Audit.SharePoint']);
  console.log(`started: ${started.join(', ') || 'none'}; already enabled: ${enabled.join(', ') || 'none'}`);
  const endTime = new Date();
  const startTime = new Date(endTime.getTime() - 3_600_000);
  for await (const page of audit.listContent('Audit.Exchange', { startTime, endTime })) {
    for (const blob of page.blobs) console.log(`${blob.contentCreated} ${blob.contentId}`);
  }
} finally {
  await http.close();
}
