// Calls a Graph endpoint through the Microsoft API pipeline: token, retries, request ids and errors in one place.
import { HttpClient } from '@m365-otel/http';
import { createMicrosoftApiPipeline, RateLimiter } from '@m365-otel/request-pipeline';

const { M365_TENANT_ID = '', M365_CLIENT_ID = '', M365_CLIENT_SECRET = '' } = process.env;
const authority = process.env.M365_AUTHORITY ?? 'https://login.microsoftonline.com';
const graph = process.env.M365_GRAPH_URL ?? 'https://graph.microsoft.com';

const http = new HttpClient({ caFile: process.env.M365_CA_FILE });
const pipeline = createMicrosoftApiPipeline({
  baseUrl: graph,
  service: 'Graph',
  api: 'graph.service_health',
  http,
  getAccessToken,
});

/**
 * Any function that returns a token for the API will do. The collector's is @m365-otel/auth's TokenProvider
 * (MSAL: certificates, caching, Entra's errors explained); this one asks the token endpoint for a client-credentials
 * token through the same pipeline, without a bearer token of course, so a throttled token request is retried too.
 */
let token: Promise<string> | undefined;
function getAccessToken(options?: { forceRefresh?: boolean }): Promise<string> {
  if (token === undefined || options?.forceRefresh) token = requestToken();
  return token;
}

async function requestToken(): Promise<string> {
  const response = await pipeline.send({
    url: new URL(`/${encodeURIComponent(M365_TENANT_ID)}/oauth2/v2.0/token`, authority),
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: M365_CLIENT_ID,
      client_secret: M365_CLIENT_SECRET,
      scope: `${graph}/.default`,
    }).toString(),
    label: 'client-credentials token',
    answeredBy: 'Entra ID',
    api: 'entra.token',
    authenticate: false,
    bufferBody: true,
  });
  const { access_token } = (await response.body.json()) as { access_token?: unknown };
  if (typeof access_token !== 'string') throw new Error('Entra ID answered 200 without an access_token');
  return access_token;
}

// Microsoft allows 240 service-health requests a minute per app and tenant.
const perMinute = new RateLimiter({ limit: 240, windowMs: 60_000 });
try {
  const response = await pipeline.send({
    url: new URL('/v1.0/admin/serviceAnnouncement/healthOverviews', graph),
    label: 'healthOverviews',
    permission: 'ServiceHealth.Read.All', // named in the error of a 403
    limiters: [perMinute],
    bufferBody: true, // a small JSON answer: a body cut short is retried too
  });
  const { value } = (await response.body.json()) as { value: Array<{ service: string }> };
  console.log(`${response.status} from Graph, client-request-id ${response.clientRequestId}`);
  for (const overview of value) console.log(overview.service);
} finally {
  await http.close();
}
