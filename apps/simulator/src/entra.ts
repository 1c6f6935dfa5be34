import { constants, randomBytes, randomUUID, timingSafeEqual, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IssuedToken, SimulatorContext } from './context.js';
import {
  type ActiveFault,
  BODY_FAULTS,
  type FaultKind,
  isServerErrorKind,
  REDIRECT_KINDS,
} from './faults.js';
import type { TrustedFederatedCredential } from './federated.js';
import { entraTimestamp, header, oneChunk, readBody, sendAnswer, sendJson, sendRedirect } from './http.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Microsoft Graph's application id: `{appId}/.default` is as valid a scope as the URL form. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);
/** Tolerance for a client clock running ahead (an assertion's nbf slightly in the future). */
const CLOCK_SKEW_SECONDS = 300;

/** An Entra error in the wire shape of login.microsoftonline.com. */
class EntraError extends Error {
  readonly status: number;
  readonly error: string;
  readonly code: number;

  constructor(status: number, error: string, code: number, message: string) {
    super(message);
    this.status = status;
    this.error = error;
    this.code = code;
  }
}

function sendEntraError(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  failure: EntraError,
): void {
  const nowMs = Date.now();
  const traceId = randomUUID();
  const correlationId = header(req, 'client-request-id') ?? randomUUID();
  const timestamp = entraTimestamp(nowMs);
  sendJson(
    res,
    failure.status,
    {
      error: failure.error,
      error_description: `AADSTS${failure.code}: ${failure.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [failure.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${ctx.url}/error?code=${failure.code}`,
    },
    entraHeaders(req, traceId),
  );
}

function entraHeaders(req: IncomingMessage, requestId: string = randomUUID()): Record<string, string> {
  return {
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'x-ms-request-id': requestId,
    'client-request-id': header(req, 'client-request-id') ?? requestId,
    'x-ms-ests-server': 'm365-otel-simulator',
  };
}

function isKnownTenant(ctx: SimulatorContext, tenant: string): boolean {
  const lower = tenant.toLowerCase();
  return lower === ctx.model.tenantId || lower === ctx.model.domain;
}

function unknownTenant(tenant: string): EntraError {
  return new EntraError(
    400,
    'invalid_request',
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

function missingParameter(name: string): EntraError {
  return new EntraError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );
}

/** `GET /{tenant}/v2.0/.well-known/openid-configuration`: what MSAL reads to find the token endpoint. */
export function handleOpenIdConfiguration(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  tenant: string,
): void {
  if (!isKnownTenant(ctx, tenant)) {
    sendEntraError(ctx, req, res, unknownTenant(tenant));
    return;
  }
  // Like Entra, the document names the tenant by its id even when asked by domain name.
  const base = `${ctx.url}/${ctx.model.tenantId}`;
  sendJson(
    res,
    200,
    {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${ctx.url}/${ctx.model.tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid'],
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    },
    entraHeaders(req),
  );
}

/** `GET /{tenant}/discovery/v2.0/keys`: tokens here are opaque, so no signing keys are published. */
export function handleJwks(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  tenant: string,
): void {
  if (!isKnownTenant(ctx, tenant)) {
    sendEntraError(ctx, req, res, unknownTenant(tenant));
    return;
  }
  sendJson(res, 200, { keys: [] }, entraHeaders(req));
}

/** `POST /{tenant}/oauth2/v2.0/token`: the client credentials grant. */
export async function handleToken(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  tenant: string,
): Promise<void> {
  ctx.stats.tokenRequests += 1;
  const fault = ctx.faults.take('token', undefined);
  if (fault !== undefined) ctx.stats.faultsServed += 1;
  if (fault?.kind === 'slow-headers') await sleep(fault.pauseMs);
  else if (fault !== undefined && serveTokenFault(ctx, req, res, fault)) return;
  try {
    const params = await readForm(req);
    const { resource, federated } = validateTokenRequest(ctx, req, tenant, params);
    // Told before the answer leaves, so that what the hook does (a test rotating the token file) happens between
    // this token request and the client's next one.
    if (federated) {
      ctx.stats.federatedSignIns += 1;
      ctx.onFederatedSignIn?.({ ...federated, resource });
    }
    const token = randomBytes(48).toString('base64url');
    const issued: IssuedToken = { expiresAtMs: Date.now() + ctx.tokenLifetimeSeconds * 1000, resource };
    pruneExpired(ctx.tokens);
    ctx.tokens.set(token, issued);
    ctx.stats.tokensIssued += 1;
    const body = Buffer.from(
      JSON.stringify({
        token_type: 'Bearer',
        expires_in: ctx.tokenLifetimeSeconds,
        ext_expires_in: ctx.tokenLifetimeSeconds,
        access_token: token,
      }),
      'utf8',
    );
    const bodyFault =
      fault !== undefined && (BODY_FAULTS as readonly FaultKind[]).includes(fault.kind) ? fault : undefined;
    await sendAnswer(
      res,
      {
        ...entraHeaders(req),
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': body.length,
      },
      oneChunk(body),
      bodyFault,
      'json',
    );
  } catch (error) {
    if (!(error instanceof EntraError)) throw error;
    sendEntraError(ctx, req, res, error);
  }
}

function pruneExpired(tokens: Map<string, IssuedToken>): void {
  const now = Date.now();
  for (const [token, issued] of tokens) if (issued.expiresAtMs < now) tokens.delete(token);
}

/** Serves throttling, outage and reset faults; body-shaping faults are applied to the success body instead. */
function serveTokenFault(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  fault: ActiveFault,
): boolean {
  if ((REDIRECT_KINDS as readonly FaultKind[]).includes(fault.kind)) {
    sendRedirect(req, res, fault, entraHeaders(req));
    return true;
  }
  switch (fault.kind) {
    case 'reset':
      ctx.connections.reset(req);
      return true;
    case '429':
    case '429-http-date':
    case '429-no-retry-after':
    case '500':
    case '502':
    case '503':
    case '504': {
      const status = isServerErrorKind(fault.kind) ? Number(fault.kind) : 429;
      const error =
        status === 429
          ? new EntraError(
              429,
              'temporarily_unavailable',
              90055,
              'TenantThrottlingError - There are too many incoming requests. This exception is thrown for blocked tenants.',
            )
          : new EntraError(
              status,
              'temporarily_unavailable',
              90033,
              'A transient error has occurred. Please try again.',
            );
      const after = retryAfter(fault);
      if (after !== undefined) res.setHeader('Retry-After', after);
      sendEntraError(ctx, req, res, error);
      return true;
    }
    case 'secret-expired':
      sendEntraError(
        ctx,
        req,
        res,
        new EntraError(
          401,
          'invalid_client',
          7000222,
          `The provided client secret keys for app '${ctx.model.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
        ),
      );
      return true;
    case 'consent-missing':
      sendEntraError(
        ctx,
        req,
        res,
        new EntraError(
          400,
          'invalid_grant',
          65001,
          `The user or administrator has not consented to use the application with ID '${ctx.model.clientId}'. Send an interactive authorization request for this user and resource.`,
        ),
      );
      return true;
    case 'conditional-access':
      sendEntraError(
        ctx,
        req,
        res,
        new EntraError(
          400,
          'invalid_grant',
          53003,
          'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
        ),
      );
      return true;
    case 'html-503': {
      // A gateway or proxy in front of Entra answers with its own page, not with Entra's JSON.
      const page = Buffer.from('<html><body><h1>503 Service Unavailable</h1></body></html>', 'utf8');
      res.writeHead(503, { 'Content-Type': 'text/html', 'Content-Length': page.length });
      res.end(page);
      return true;
    }
    default:
      return false;
  }
}

/**
 * The Retry-After header value a fault asks for: seconds, an HTTP date, or none. An HTTP date is in the clock of the
 * answer's `Date` header, `nowMs`.
 */
export function retryAfter(fault: ActiveFault, nowMs = Date.now()): string | undefined {
  if (fault.kind === '429-no-retry-after' || fault.retryAfterSeconds === undefined) return undefined;
  if (fault.kind === '429-http-date') return new Date(nowMs + fault.retryAfterSeconds * 1000).toUTCString();
  return String(fault.retryAfterSeconds);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(req);
  const contentType = header(req, 'content-type') ?? '';
  // Entra only reads form bodies; anything else looks like a request without parameters.
  return contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(body)
    : new URLSearchParams();
}

/** A federated token accepted as the client assertion. */
interface FederatedAssertion {
  issuer: string;
  subject: string;
  tokenId: string | undefined;
}

/**
 * Validates in Entra's order and returns the resource the token is for, and the federated token that signed the app
 * in if one did; throws EntraError.
 */
function validateTokenRequest(
  ctx: SimulatorContext,
  req: IncomingMessage,
  tenant: string,
  params: URLSearchParams,
): { resource: string; federated?: FederatedAssertion } {
  if (!isKnownTenant(ctx, tenant)) throw unknownTenant(tenant);
  if (req.method !== 'POST') {
    throw new EntraError(
      400,
      'invalid_request',
      900561,
      `The endpoint only accepts POST requests. Received a ${req.method} request.`,
    );
  }
  const basic = basicCredentials(header(req, 'authorization'));
  const grantType = params.get('grant_type');
  if (grantType === null) throw missingParameter('grant_type');
  if (grantType !== 'client_credentials') {
    throw new EntraError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType}'.`,
    );
  }
  const clientId = params.get('client_id') ?? basic?.clientId;
  if (clientId === undefined) throw missingParameter('client_id');
  if (clientId.toLowerCase() !== ctx.model.clientId) {
    throw new EntraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  const scope = params.get('scope');
  if (scope === null) throw missingParameter('scope');
  const resource = resourceOfScope(ctx, scope);
  const assertion = params.get('client_assertion');
  const secret = params.get('client_secret') ?? basic?.clientSecret;
  if (assertion !== null) {
    const federated = verifyClientAssertion(ctx, tenant, params.get('client_assertion_type'), assertion);
    return federated ? { resource, federated } : { resource };
  }
  if (secret !== undefined) {
    if (!sameText(secret, ctx.model.clientSecret)) {
      throw new EntraError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${ctx.model.clientId}'.`,
      );
    }
  } else {
    throw new EntraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  return { resource };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** RFC 6749 §2.3.1: HTTP Basic with form-urlencoded id and secret. */
function basicCredentials(
  authorization: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  const match = authorization === undefined ? null : /^Basic\s+(\S+)$/i.exec(authorization);
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (text: string): string => decodeURIComponent(text.replaceAll('+', ' '));
  return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
}

/** Client credentials take exactly one `{resource}/.default`; OpenID scopes that MSAL may add are ignored. */
function resourceOfScope(ctx: SimulatorContext, scope: string): string {
  const scopes = scope.split(' ').filter((item) => item !== '' && !OIDC_SCOPES.has(item));
  const invalid = (): EntraError =>
    new EntraError(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    );
  const [only] = scopes;
  if (scopes.length !== 1 || only === undefined || !only.endsWith('/.default')) throw invalid();
  const resource = only.slice(0, -'/.default'.length);
  const known = [
    ctx.url,
    'https://graph.microsoft.com',
    GRAPH_APP_ID,
    ...managementResources(ctx),
    ...armResources(ctx),
  ];
  if (!known.includes(resource)) throw invalid();
  return resource === GRAPH_APP_ID ? 'https://graph.microsoft.com' : resource;
}

/** The audiences of the Management Activity API: Microsoft's resource URI, or the simulator's own management host. */
function managementResources(ctx: SimulatorContext): string[] {
  return [ctx.managementOrigin, 'https://manage.office.com'];
}

/** The audiences of Azure Resource Manager: its global resource URI (with or without the slash), or the ARM host's. */
function armResources(ctx: SimulatorContext): string[] {
  return [ctx.armOrigin, 'https://management.azure.com', 'https://management.azure.com/'];
}

/** Whether an access token's resource is accepted by this server's Azure Resource Manager host. */
export function isArmResource(ctx: SimulatorContext, resource: string): boolean {
  return armResources(ctx).includes(resource);
}

/** Whether an access token's resource is accepted by this server's Management Activity API. */
export function isManagementResource(ctx: SimulatorContext, resource: string): boolean {
  return managementResources(ctx).includes(resource);
}

/** Whether an access token's resource is accepted by this server's Graph endpoint. */
export function isGraphResource(ctx: SimulatorContext, resource: string): boolean {
  return resource === ctx.url || resource === 'https://graph.microsoft.com';
}

interface AssertionHeader {
  alg?: unknown;
  kid?: unknown;
  x5t?: unknown;
  'x5t#S256'?: unknown;
}

interface AssertionClaims {
  aud?: unknown;
  iss?: unknown;
  sub?: unknown;
  exp?: unknown;
  nbf?: unknown;
  jti?: unknown;
}

function decodeJwtPart<T>(part: string): T {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  return value as T;
}

/**
 * The checks Entra makes on a client assertion (docs/microsoft-apis.md#request): one the app signed with its
 * certificate (a thumbprint in the header, the app as issuer), or else a federated token from a trusted issuer,
 * which is returned.
 */
function verifyClientAssertion(
  ctx: SimulatorContext,
  tenant: string,
  assertionType: string | null,
  assertion: string,
): FederatedAssertion | undefined {
  if (assertionType === null) throw missingParameter('client_assertion_type');
  if (assertionType !== JWT_BEARER) {
    throw new EntraError(
      401,
      'invalid_client',
      70002,
      `Error validating credentials. The client assertion type '${assertionType}' is not supported; expected '${JWT_BEARER}'.`,
    );
  }
  const malformed = new EntraError(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');
  const parts = assertion.split('.');
  const [headerPart, claimsPart, signaturePart] = parts;
  if (
    parts.length !== 3 ||
    headerPart === undefined ||
    claimsPart === undefined ||
    signaturePart === undefined
  ) {
    throw malformed;
  }
  let jwtHeader: AssertionHeader;
  let claims: AssertionClaims;
  try {
    jwtHeader = decodeJwtPart<AssertionHeader>(headerPart);
    claims = decodeJwtPart<AssertionClaims>(claimsPart);
  } catch {
    throw malformed;
  }
  const signed = Buffer.from(`${headerPart}.${claimsPart}`, 'ascii');
  const signature = Buffer.from(signaturePart, 'base64url');
  const certificateAssertion =
    jwtHeader.x5t !== undefined || jwtHeader['x5t#S256'] !== undefined || claims.iss === ctx.model.clientId;
  if (!certificateAssertion) return verifyFederatedToken(ctx, jwtHeader, claims, signed, signature);
  const invalidSignature = (reason: string): EntraError =>
    new EntraError(
      401,
      'invalid_client',
      700027,
      `Client assertion contains an invalid signature. [Reason - ${reason}]`,
    );
  if (jwtHeader.alg !== 'RS256' && jwtHeader.alg !== 'PS256') {
    throw invalidSignature(
      `The signing algorithm '${String(jwtHeader.alg)}' is not supported; use RS256 or PS256.`,
    );
  }
  const cert = ctx.appCertificate;
  const x5t = jwtHeader['x5t#S256'] ?? jwtHeader.x5t;
  if (typeof x5t !== 'string')
    throw invalidSignature('The assertion header has no x5t or x5t#S256 thumbprint.');
  const known = jwtHeader['x5t#S256'] !== undefined ? cert.x5tS256 : cert.x5t;
  if (x5t !== known) {
    throw invalidSignature(
      `The key was not found., Thumbprint of key used by client: '${thumbprintForMessage(x5t)}'`,
    );
  }
  const valid =
    jwtHeader.alg === 'PS256'
      ? verify(
          'sha256',
          signed,
          {
            key: cert.publicKey,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
          },
          signature,
        )
      : verify('sha256', signed, cert.publicKey, signature);
  if (!valid) {
    throw invalidSignature(
      `The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${cert.thumbprintHex}'`,
    );
  }
  if (claims.iss !== ctx.model.clientId || claims.sub !== ctx.model.clientId) {
    throw new EntraError(
      401,
      'invalid_client',
      700021,
      "Client assertion application identifier doesn't match 'client_id' parameter.",
    );
  }
  // Entra accepts the audience with the tenant written as in the request path.
  const expectedAudience = `${ctx.url}/${tenant}/oauth2/v2.0/token`;
  const audiences = [expectedAudience, `${ctx.url}/${ctx.model.tenantId}/oauth2/v2.0/token`];
  if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud)) {
    throw new EntraError(
      401,
      'invalid_client',
      50013,
      `Assertion audience claim does not match the required value. The audience in the assertion was '${String(claims.aud)}' and the expected audience is '${expectedAudience}'.`,
    );
  }
  checkValidityTime(claims);
  return undefined;
}

/** exp, and nbf with the clock skew Entra tolerates, on real time; throws AADSTS700024. */
function checkValidityTime(claims: AssertionClaims): void {
  const nowSeconds = Date.now() / 1000;
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : undefined;
  if (
    exp === undefined ||
    exp <= nowSeconds ||
    (nbf !== undefined && nbf - CLOCK_SKEW_SECONDS > nowSeconds)
  ) {
    const iso = (seconds: number | undefined): string =>
      seconds === undefined ? 'unset' : new Date(seconds * 1000).toISOString();
    throw new EntraError(
      401,
      'invalid_client',
      700024,
      `Client assertion is not within its valid time range. Current time: ${new Date().toISOString()}, assertion valid from ${iso(nbf)}, expiry time of assertion ${iso(exp)}.`,
    );
  }
}

/** Entra prints the client's thumbprint as upper-case hex. */
function thumbprintForMessage(x5t: string): string {
  return Buffer.from(x5t, 'base64url').toString('hex').toUpperCase();
}

const FEDERATION_DOCS = 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation';

function noMatchingRecord(what: 'issuer' | 'subject' | 'audience', value: string): EntraError {
  return new EntraError(
    401,
    'invalid_client',
    { issuer: 700211, audience: 700212, subject: 700213 }[what],
    `No matching federated identity record found for presented assertion ${what} '${value}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${FEDERATION_DOCS}`,
  );
}

/**
 * Workload identity federation: the issuer must be one the app's federated credentials name; the token is signed
 * by a key of that issuer (by its kid when the header has one); it is within its time; then a credential of that
 * issuer must name its subject, and that credential one of its audiences.
 */
function verifyFederatedToken(
  ctx: SimulatorContext,
  jwtHeader: AssertionHeader,
  claims: AssertionClaims,
  signed: Buffer,
  signature: Buffer,
): FederatedAssertion {
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  const ofIssuer = ctx.federatedCredentials.filter((credential) => credential.issuer === issuer);
  if (ofIssuer.length === 0) throw noMatchingRecord('issuer', issuer);
  const kid = typeof jwtHeader.kid === 'string' ? jwtHeader.kid : undefined;
  const keys = uniqueKeys(ofIssuer).filter((credential) => kid === undefined || credential.keyId === kid);
  if (keys.length === 0) {
    throw new EntraError(
      401,
      'invalid_client',
      7000272,
      `The certificate with identifier ${kid} used to sign the federated credential could not be found in the metadata of identity provider ${issuer}. Please validate that your Identity Provider's metadata exposes the key used to sign the incoming token.`,
    );
  }
  const valid =
    jwtHeader.alg === 'RS256' &&
    keys.some((credential) => verify('sha256', signed, credential.publicKey, signature));
  if (!valid) {
    throw new EntraError(
      401,
      'invalid_client',
      50013,
      `Assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value., Issuer: '${issuer}']`,
    );
  }
  checkValidityTime(claims);
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  const ofSubject = ofIssuer.filter((credential) => credential.subject === subject);
  if (ofSubject.length === 0) throw noMatchingRecord('subject', subject);
  const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter(
    (aud): aud is string => typeof aud === 'string',
  );
  if (!ofSubject.some((credential) => audiences.includes(credential.audience)))
    throw noMatchingRecord('audience', audiences.join(', '));
  return { issuer, subject, tokenId: typeof claims.jti === 'string' ? claims.jti : undefined };
}

function uniqueKeys(credentials: readonly TrustedFederatedCredential[]): TrustedFederatedCredential[] {
  return credentials.filter(
    (credential, index) => credentials.findIndex((other) => other.keyId === credential.keyId) === index,
  );
}
