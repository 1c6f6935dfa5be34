import { FEDERATED_TOKEN_AUDIENCE } from './federated.js';

/**
 * Failure to obtain a token, or a configuration that cannot work. The message says what went wrong and what the
 * admin should do; it never contains the client secret, the client assertion, the private key or a token.
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  /** Entra ID error code, e.g. 'AADSTS7000215', when the authority returned one. */
  readonly aadstsCode?: string;
  /** What the admin should do. */
  readonly hint: string;
  /** Network failure, 5xx, throttling: the same request may succeed later. */
  readonly transient: boolean;
  /** HTTP status of the authority's answer, when there was one. */
  readonly status?: number;

  constructor(
    summary: string,
    details: {
      hint: string;
      transient?: boolean;
      aadstsCode?: string | undefined;
      status?: number | undefined;
    },
  ) {
    super(`${summary.replace(/\.$/, '')}. What to do: ${details.hint}`);
    this.hint = details.hint;
    this.transient = details.transient ?? false;
    this.aadstsCode = details.aadstsCode;
    this.status = details.status;
  }
}

/** What a hint may mention about the app whose request failed. */
export interface HintContext {
  tenantId: string;
  clientId: string;
  authority: string;
  credential: 'secret' | 'certificate' | 'workloadIdentity';
  /** Upper-case hex SHA-1 thumbprint: the "Thumbprint" column of the Entra admin center. */
  certificateThumbprintSha1?: string | undefined;
  /** The federated token file of a Workload Identity credential. */
  tokenFile?: string | undefined;
}

interface AadstsAdvice {
  summary: string;
  hint: (ctx: HintContext) => string;
  transient?: boolean;
}

const CERTIFICATES_AND_SECRETS = 'Entra admin center > App registrations > the app > Certificates & secrets';

/**
 * What a federated identity credential must say for a Workload Identity pod, and where to create it; `part` narrows
 * it to the one claim Entra ID named.
 */
function federatedCredentialHint(ctx: HintContext, part?: 'issuer' | 'subject' | 'audience'): string {
  const claims = {
    issuer:
      "issuer = the cluster's OIDC issuer URL exactly as the token has it (on AKS: az aks show --query oidcIssuerProfile.issuerUrl; mind the trailing slash)",
    subject:
      "subject = system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT of the collector's pod (matching is case-sensitive)",
    audience: `audience = ${FEDERATED_TOKEN_AUDIENCE} (the token's aud; the webhook projects tokens for it)`,
  };
  const wanted = part ? claims[part] : `${claims.issuer}, ${claims.subject}, ${claims.audience}`;
  return `app ${ctx.clientId} needs a federated credential matching the token Entra ID describes above: ${wanted}; create or fix it with az ad app federated-credential create --id ${ctx.clientId} --parameters credential.json, or in ${CERTIFICATES_AND_SECRETS} > Federated credentials`;
}

/** The codes an admin meets when setting up or running a client-credentials app (docs/microsoft-apis.md#errors). */
const AADSTS_ADVICE: Readonly<Record<string, AadstsAdvice>> = {
  '7000215': {
    summary: 'the client secret is invalid',
    hint: (ctx) =>
      `configure the secret's Value (not its Secret ID) of app ${ctx.clientId}, from ${CERTIFICATES_AND_SECRETS}; if the value is lost, create a new secret there and update clientSecret`,
  },
  '7000222': {
    summary: 'the client secret has expired',
    hint: (ctx) =>
      `create a new client secret for app ${ctx.clientId} in ${CERTIFICATES_AND_SECRETS}, update clientSecret, then delete the expired secret`,
  },
  '700016': {
    summary: 'the application was not found in the tenant',
    hint: (ctx) =>
      `check that clientId ${ctx.clientId} is the app's Application (client) ID and tenantId ${ctx.tenantId} is the tenant where the app is registered or was granted admin consent; an app of another cloud (for example GCC High) is not visible in this one`,
  },
  '90002': {
    summary: 'the tenant was not found',
    hint: (ctx) =>
      `check tenantId ${ctx.tenantId} (the Directory (tenant) ID GUID or a verified domain) and the cloud: a US Government or China tenant needs cloud usgov-gcchigh, usgov-dod or china (authority used: ${ctx.authority})`,
  },
  '90038': {
    summary: 'the tenant belongs to another national cloud',
    hint: (ctx) =>
      `set cloud to the tenant's cloud (usgov-gcchigh, usgov-dod or china) instead of using authority ${ctx.authority}`,
  },
  '700027': {
    summary: "the client assertion's signature did not validate against the app's certificates",
    hint: (ctx) =>
      `upload the certificate (public part${ctx.certificateThumbprintSha1 ? `, thumbprint ${ctx.certificateThumbprintSha1}` : ''}) to app ${ctx.clientId} in ${CERTIFICATES_AND_SECRETS}, or configure the key and certificate that are registered there`,
  },
  '700024': {
    summary: 'the client assertion is not within its valid time range',
    hint: (ctx) =>
      ctx.credential === 'workloadIdentity'
        ? `the federated token in ${ctx.tokenFile ?? 'the token file'} has expired or is not yet valid; it is read at each token request, so check that the path is the projected token the kubelet refreshes (what AZURE_FEDERATED_TOKEN_FILE names), not a copy, and that the cluster's and this machine's clocks are synchronised (NTP)`
        : "synchronise this machine's clock (NTP): the assertion's nbf/exp come from the local clock",
  },
  '70021': {
    summary: 'no federated credential of the app matches the federated token',
    hint: (ctx) => federatedCredentialHint(ctx),
  },
  '700211': {
    summary: "no federated credential of the app matches the federated token's issuer",
    hint: (ctx) => federatedCredentialHint(ctx, 'issuer'),
  },
  '700212': {
    summary: "no federated credential of the app matches the federated token's audience",
    hint: (ctx) => federatedCredentialHint(ctx, 'audience'),
  },
  '700213': {
    summary: "no federated credential of the app matches the federated token's subject",
    hint: (ctx) => federatedCredentialHint(ctx, 'subject'),
  },
  '7000272': {
    summary: "the key that signed the federated token is not among its issuer's published keys",
    hint: () =>
      "the issuer's OIDC discovery document ({issuer}/.well-known/openid-configuration) and the JWKS it links must be reachable from the internet and list the cluster's current service account signing key; after a key rotation, publish the new keys before the old ones are dropped",
  },
  '65001': {
    summary: 'the app has no admin consent for the requested permissions',
    hint: (ctx) =>
      `a Privileged Role Administrator must grant admin consent for app ${ctx.clientId}'s application permissions (for example Reports.Read.All) in Entra admin center > App registrations > the app > API permissions > Grant admin consent`,
  },
  '53003': {
    summary: 'Conditional Access blocked the token request',
    hint: (ctx) =>
      `ask an admin to check the Conditional Access policies for workload identities: exclude app ${ctx.clientId}'s service principal or allow the collector's egress IP addresses (sign-in logs > Service principal sign-ins show the policy)`,
  },
  '90055': {
    summary: 'Entra ID is throttling token requests for this tenant',
    hint: () =>
      'nothing to change; the request is retried later (tokens are cached until shortly before expiry)',
    transient: true,
  },
  '70011': {
    summary: 'the requested scope is not valid',
    hint: () =>
      'use one resource per request with the scope "{resource}/.default", where the resource host belongs to the same cloud as the authority',
  },
  '500011': {
    summary: 'the resource principal was not found in the tenant',
    hint: () =>
      'check that the API host (graph or management endpoint) belongs to the same cloud as the authority and that the API is available in the tenant',
  },
  '7000112': {
    summary: 'the application is disabled',
    hint: (ctx) =>
      `an admin must enable app ${ctx.clientId} (Enterprise applications > the app > Properties)`,
  },
  '9001023': {
    summary: 'client credentials need a specific tenant',
    hint: () =>
      'set tenantId to the Directory (tenant) ID GUID or a verified domain, not common/organizations',
  },
};

/** Entra's HTTP statuses that are worth retrying: 408, 429 and every 5xx. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Turns Entra's JSON error answer into an AuthError. Entra puts the trace and correlation IDs on their own lines of
 * error_description; they are kept (Microsoft support asks for them) on one line.
 */
export function authErrorFromEntra(
  answer: {
    status: number;
    error?: string | undefined;
    description?: string | undefined;
    codes?: readonly number[];
  },
  ctx: HintContext,
): AuthError {
  const description = answer.description ?? '';
  const fromDescription = /AADSTS(\d+)/.exec(description)?.[1];
  const code = fromDescription ?? (answer.codes?.[0] !== undefined ? String(answer.codes[0]) : undefined);
  const aadstsCode = code === undefined ? undefined : `AADSTS${code}`;
  const lines = description.split(/\r?\n/);
  const said = (lines[0] ?? '').replace(/^AADSTS\d+:\s*/, '').trim();
  const ids = lines
    .slice(1)
    .filter((line) => /^(Trace ID|Correlation ID):/i.test(line.trim()))
    .map((line) => line.trim().replace(/^(Trace ID|Correlation ID):/i, (m) => m.toLowerCase()));
  const detail = [said ? `Entra ID: "${said}"` : undefined, answer.error, `HTTP ${answer.status}`, ...ids]
    .filter((part): part is string => part !== undefined && part !== '')
    .join('; ');
  const transientStatus = isTransientStatus(answer.status) || answer.error === 'temporarily_unavailable';
  const advice = code === undefined ? undefined : AADSTS_ADVICE[code];
  if (advice) {
    return new AuthError(`${aadstsCode}: ${advice.summary} (${detail})`, {
      hint: advice.hint(ctx),
      transient: advice.transient ?? transientStatus,
      aadstsCode,
      status: answer.status,
    });
  }
  if (aadstsCode !== undefined) {
    return new AuthError(`${aadstsCode}: Entra ID refused the token request (${detail})`, {
      hint: transientStatus
        ? 'nothing to change if it passes on retry; otherwise see https://login.microsoftonline.com/error?code=' +
          code
        : `look the code up at https://login.microsoftonline.com/error?code=${code} and fix the app registration or configuration it names`,
      transient: transientStatus,
      aadstsCode,
      status: answer.status,
    });
  }
  return new AuthError(
    `the authority ${ctx.authority} answered the token request with an error (${detail})`,
    {
      hint: transientStatus
        ? 'nothing to change if it passes on retry; if it persists, check the authority and any proxy in between'
        : "check endpoints.authority: it must be the Entra ID login host of the tenant's cloud (or the simulator)",
      transient: transientStatus,
      status: answer.status,
    },
  );
}
