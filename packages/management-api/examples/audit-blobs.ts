// Makes sure the audit subscriptions are on, then lists the audit content blobs of the last hour.
import { signInFromEnvironment } from '@m365-otel/auth';
import { HttpClient } from '@m365-otel/http';
import { ActivityClient } from '@m365-otel/management-api';

const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
// The app and its tenant: M365_TENANT_ID, M365_CLIENT_ID, M365_CLIENT_SECRET (and M365_*_URL for another cloud).
const { tenantId, endpoints, accessTokenFor } = signInFromEnvironment(http);
const audit = new ActivityClient({
  managementBaseUrl: endpoints.management,
  tenantId,
  http,
  // The token's audience is the management host of the tenant's cloud.
  getAccessToken: accessTokenFor(endpoints.management),
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
