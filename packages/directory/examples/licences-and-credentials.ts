// Lists the tenant's licences (consumed of enabled, per SKU) and the app secrets and certificates that end first.
import { signInFromEnvironment } from '@m365-otel/auth';
import { DirectoryClient } from '@m365-otel/directory';
import { HttpClient } from '@m365-otel/http';

const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
// The app and its tenant: M365_TENANT_ID, M365_CLIENT_ID, M365_CLIENT_SECRET (and M365_*_URL for another cloud).
const { endpoints, accessTokenFor } = signInFromEnvironment(http);
const directory = new DirectoryClient({
  graphBaseUrl: endpoints.graph,
  http,
  getAccessToken: accessTokenFor(endpoints.graph),
  // An item Microsoft sent without a field the client needs is left out, and said so here.
  onSkippedItem: (item) => console.error(`skipped ${item.where}: ${item.problems.join('; ')}`),
});
try {
  const [skus, owners] = await Promise.all([
    directory.listSubscribedSkus(),
    directory.listApplicationCredentials(),
  ]);
  console.log('Licences (consumed of enabled):');
  for (const sku of skus) {
    console.log(
      `  ${sku.skuPartNumber}: ${sku.consumedUnits} of ${sku.prepaidUnits.enabled} (${sku.capabilityStatus})`,
    );
  }
  const credentials = owners.flatMap((owner) =>
    owner.credentials.map((credential) => ({ ...credential, app: owner.displayName, owner: owner.owner })),
  );
  credentials.sort((a, b) => Date.parse(a.endDateTime) - Date.parse(b.endDateTime));
  console.log('Credentials that end first:');
  for (const credential of credentials.slice(0, 5)) {
    console.log(`  ${credential.endDateTime} ${credential.type} of ${credential.app} (${credential.owner})`);
  }
} finally {
  await http.close();
}
