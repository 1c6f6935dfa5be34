// Gets an app-only token for Microsoft Graph and sends one request with it through the one HTTP client.
import { CLOUD_PRESETS, scopeForResource, TokenProvider } from '@m365-otel/auth';
import { HttpClient } from '@m365-otel/http';

const graph = process.env.M365_GRAPH_URL ?? CLOUD_PRESETS.global.graph;
const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
const tokens = new TokenProvider({
  tenantId: process.env.M365_TENANT_ID ?? '',
  clientId: process.env.M365_CLIENT_ID ?? '',
  credential: { kind: 'secret', secret: process.env.M365_CLIENT_SECRET ?? '' },
  authority: process.env.M365_AUTHORITY ?? CLOUD_PRESETS.global.authority,
  http, // MSAL's own calls to Entra ID go through it too
});
try {
  const { token, expiresOnMs } = await tokens.getToken(scopeForResource(graph));
  console.log(`token for ${graph} until ${new Date(expiresOnMs).toISOString()}`);
  const response = await http.request(`${graph}/v1.0/admin/serviceAnnouncement/healthOverviews`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.body.json()) as { value?: unknown[] };
  if (response.status !== 200 || !Array.isArray(body.value)) {
    throw new Error(`Graph answered ${response.status}: ${JSON.stringify(body)}`);
  }
  console.log(`Graph knows the health of ${body.value.length} services`);
} finally {
  await http.close();
}
