import { constants, createHash, randomUUID, verify, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A small Entra ID v2 token endpoint on https://127.0.0.1:PORT for the auth tests: OpenID discovery, client
 * secret and client assertion (JWT signature checked with node:crypto against the registered certificate), and
 * Entra-shaped errors. The real simulator lives in apps/simulator; this one only knows what these tests need.
 */
export interface StandInOptions {
  tenantId: string;
  clientId: string;
  secret: string;
  /** Registered app certificate (PEM). */
  certificatePem: string;
  tls: { keyPem: string; certPem: string };
  tokenLifetimeSeconds?: number;
}

export interface ScriptedAnswer {
  status: number;
  /** An object is sent as JSON; a string as text/html. */
  body: object | string;
  headers?: Record<string, string>;
}

export interface ReceivedAssertion {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export interface EntraStandIn {
  url: string;
  tokenRequests: number;
  discoveryRequests: number;
  tokensIssued: string[];
  lastForm?: URLSearchParams;
  lastAssertion?: ReceivedAssertion;
  /** When true, the configured secret is answered with AADSTS7000222 (expired). */
  secretExpired: boolean;
  /** Answers given, in order, to the next token requests instead of the normal processing. */
  scripted: ScriptedAnswer[];
  /** Holds token answers until the returned function is called (to test request sharing). */
  hold(): () => void;
  close(): Promise<void>;
}

export function entraError(status: number, error: string, code: number, text: string): ScriptedAnswer {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

function base64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

function decodeSegment(segment: string | undefined): Record<string, unknown> | undefined {
  if (!segment) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function startEntraStandIn(options: StandInOptions): Promise<EntraStandIn> {
  const certificate = new X509Certificate(options.certificatePem);
  const x5tS256 = base64url(createHash('sha256').update(certificate.raw).digest());
  const x5t = base64url(createHash('sha1').update(certificate.raw).digest());
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  let held: Promise<void> | undefined;

  const state: EntraStandIn = {
    url: '',
    tokenRequests: 0,
    discoveryRequests: 0,
    tokensIssued: [],
    secretExpired: false,
    scripted: [],
    hold() {
      let release = (): void => {};
      held = new Promise<void>((resolve) => {
        release = () => {
          held = undefined;
          resolve();
        };
      });
      return release;
    },
    close: () => closeServer(server),
  };

  const checkAssertion = (form: URLSearchParams, tokenUrl: string): ScriptedAnswer | undefined => {
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return entraError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_assertion_type'.",
      );
    }
    const jwt = form.get('client_assertion') ?? '';
    const [h, p, s] = jwt.split('.');
    const header = decodeSegment(h);
    const claims = decodeSegment(p);
    if (!header || !claims || !s) {
      return entraError(400, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
    }
    state.lastAssertion = { header, claims };
    const signatureFailure = entraError(
      401,
      'invalid_client',
      700027,
      `Client assertion failed signature validation. (Reason - The key was not found., Thumbprint of key used by client: '${String(header['x5t#S256'] ?? header.x5t)}')`,
    );
    if (header['x5t#S256'] !== undefined ? header['x5t#S256'] !== x5tS256 : header.x5t !== x5t) {
      return signatureFailure;
    }
    const data = Buffer.from(`${h}.${p}`);
    const signature = Buffer.from(s, 'base64url');
    const key = certificate.publicKey;
    const valid =
      header.alg === 'PS256'
        ? verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature)
        : header.alg === 'RS256' && verify('sha256', data, key, signature);
    if (!valid) return signatureFailure;
    const now = Math.floor(Date.now() / 1000);
    if (claims.aud !== tokenUrl) {
      return entraError(
        401,
        'invalid_client',
        700212,
        `No matching federated identity record found for presented assertion audience '${String(claims.aud)}'.`,
      );
    }
    if (
      claims.iss !== options.clientId ||
      claims.sub !== options.clientId ||
      typeof claims.jti !== 'string'
    ) {
      return entraError(
        401,
        'invalid_client',
        700023,
        'Client assertion audience claim does not match Realm issuer.',
      );
    }
    if (
      typeof claims.exp !== 'number' ||
      claims.exp < now ||
      typeof claims.nbf !== 'number' ||
      claims.nbf > now + 300
    ) {
      return entraError(
        401,
        'invalid_client',
        700024,
        'Client assertion is not within its valid time range.',
      );
    }
    return undefined;
  };

  const tokenAnswer = (tenant: string, form: URLSearchParams): ScriptedAnswer => {
    if (tenant !== options.tenantId) {
      return entraError(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return entraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    const clientId = form.get('client_id') ?? '';
    if (clientId !== options.clientId) {
      return entraError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    const scope = form.get('scope') ?? '';
    if (!/^https:\/\/[^ ]+\/\.default$/.test(scope)) {
      return entraError(
        400,
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
      );
    }
    const tokenUrl = `${state.url}/${tenant}/oauth2/v2.0/token`;
    const secret = form.get('client_secret');
    if (secret !== null) {
      if (secret !== options.secret) {
        return entraError(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
        );
      }
      if (state.secretExpired) {
        return entraError(
          401,
          'invalid_client',
          7000222,
          `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app.`,
        );
      }
    } else {
      const failure = checkAssertion(form, tokenUrl);
      if (failure) return failure;
    }
    const token = `stand-in-token-${state.tokensIssued.length + 1}-${randomUUID()}`;
    state.tokensIssued.push(token);
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token },
    };
  };

  const server: Server = createServer({ key: options.tls.keyPem, cert: options.tls.certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', state.url);
        const send = (answer: ScriptedAnswer): void => {
          const json = typeof answer.body !== 'string';
          res.writeHead(answer.status, {
            'content-type': json ? 'application/json; charset=utf-8' : 'text/html',
            ...answer.headers,
          });
          res.end(json ? JSON.stringify(answer.body) : answer.body);
        };
        const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
        if (req.method === 'GET' && discovery) {
          state.discoveryRequests += 1;
          const tenant = discovery[1] ?? '';
          if (tenant !== options.tenantId) {
            send(
              entraError(
                400,
                'invalid_tenant',
                90002,
                `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
              ),
            );
            return;
          }
          const base = `${state.url}/${tenant}`;
          send({
            status: 200,
            body: {
              token_endpoint: `${base}/oauth2/v2.0/token`,
              token_endpoint_auth_methods_supported: [
                'client_secret_post',
                'private_key_jwt',
                'client_secret_basic',
              ],
              jwks_uri: `${state.url}/${tenant}/discovery/v2.0/keys`,
              response_modes_supported: ['query', 'fragment', 'form_post'],
              subject_types_supported: ['pairwise'],
              id_token_signing_alg_values_supported: ['RS256'],
              response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
              scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
              issuer: `${base}/v2.0`,
              authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
              end_session_endpoint: `${base}/oauth2/v2.0/logout`,
              tenant_region_scope: 'EU',
            },
          });
          return;
        }
        const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
        if (req.method === 'POST' && token) {
          state.tokenRequests += 1;
          const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
          state.lastForm = form;
          if (held) await held;
          const scripted = state.scripted.shift();
          send(scripted ?? tokenAnswer(token[1] ?? '', form));
          return;
        }
        send({
          status: 404,
          body: { error: 'not_found', error_description: `no route for ${req.method} ${url.pathname}` },
        });
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
