import type { HttpClient } from '@m365-otel/http';
import type { GetAccessToken } from '@m365-otel/request-pipeline';
import { CLOUD_PRESETS, type CloudEndpoints, scopeForResource } from './clouds.js';
import { TokenProvider } from './token-provider.js';

/** An app's sign-in read from the environment: its tenant, the cloud's endpoints and the tokens for them. */
export interface EnvironmentSignIn {
  tenantId: string;
  /** The global cloud's, each one replaced by its variable when that is set. */
  endpoints: Readonly<Required<CloudEndpoints>>;
  tokens: TokenProvider;
  /** A client's `getAccessToken` for the API at `resource` (e.g. `endpoints.graph`): tokens of scope `{resource}/.default`. */
  accessTokenFor(resource: string): GetAccessToken;
}

/**
 * The app's client-credentials sign-in from environment variables, for scripts and the packages' examples (as Azure
 * Identity's EnvironmentCredential reads `AZURE_*`): `M365_TENANT_ID`, `M365_CLIENT_ID` and `M365_CLIENT_SECRET`;
 * for another cloud `M365_AUTHORITY`, `M365_GRAPH_URL`, `M365_MANAGEMENT_URL` and `M365_ARM_URL` (default: the global
 * cloud's). A missing tenant or client id fails here with TokenProvider's error saying what to set.
 */
export function signInFromEnvironment(
  http: HttpClient,
  env: NodeJS.ProcessEnv = process.env,
): EnvironmentSignIn {
  const global = CLOUD_PRESETS.global;
  const endpoints = {
    authority: env.M365_AUTHORITY ?? global.authority,
    graph: env.M365_GRAPH_URL ?? global.graph,
    management: env.M365_MANAGEMENT_URL ?? global.management,
    arm: env.M365_ARM_URL ?? global.arm,
  };
  const tenantId = env.M365_TENANT_ID ?? '';
  const tokens = new TokenProvider({
    tenantId,
    clientId: env.M365_CLIENT_ID ?? '',
    credential: { kind: 'secret', secret: env.M365_CLIENT_SECRET ?? '' },
    authority: endpoints.authority,
    http, // MSAL's own calls to Entra ID go through it too
  });
  return {
    tenantId,
    endpoints,
    tokens,
    accessTokenFor: (resource) => async (options) =>
      (await tokens.getToken(scopeForResource(resource), options)).token,
  };
}
