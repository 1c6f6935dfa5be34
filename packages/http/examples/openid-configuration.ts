// Reads a tenant's OpenID Connect discovery document through the one HTTP client (no token needed).
import { HttpClient } from '@m365-otel/http';

const tenantId = process.env.M365_TENANT_ID;
if (!tenantId) throw new Error('set M365_TENANT_ID to the Directory (tenant) ID or a verified domain');
const authority = process.env.M365_AUTHORITY ?? 'https://login.microsoftonline.com';

// Proxies come from HTTPS_PROXY / NO_PROXY; M365_CA_FILE adds a CA (a TLS-inspecting proxy, the simulator).
const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
try {
  const url = new URL(`/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`, authority);
  const response = await http.request(url);
  if (response.status !== 200) {
    await response.body.dump();
    throw new Error(`${url.origin} answered ${response.status}`);
  }
  const discovery = (await response.body.json()) as { issuer?: unknown; token_endpoint?: unknown };
  console.log(`issuer: ${discovery.issuer}`);
  console.log(`token endpoint: ${discovery.token_endpoint}`);
} finally {
  await http.close();
}
