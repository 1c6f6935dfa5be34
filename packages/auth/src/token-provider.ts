import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfidentialClientApplication, type Configuration, LogLevel } from '@azure/msal-node';
import type { HttpClient } from '@m365-otel/http';
import { type Logger, NOOP_LOGGER } from '@m365-otel/http';
import {
  createPipeline,
  logPolicy,
  observerPolicy,
  type RequestObserver,
  type RetryPolicy,
  retryPolicy,
  type Sleep,
} from '@m365-otel/request-pipeline';
import { type ClientCredential, type PreparedCertificate, prepareCertificate } from './certificate.js';
import { AuthError, authErrorFromEntra, type HintContext, isTransientStatus } from './errors.js';
import { FEDERATED_TOKEN_FILE_ENV } from './federated.js';
import { MsalNetworkAdapter, type WireRecord } from './network.js';
import { readFederatedToken } from './workload-identity.js';

export interface TokenProviderOptions {
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  /** Login host base URL, e.g. https://login.microsoftonline.com or https://127.0.0.1:PORT (simulator). */
  authority: string;
  /** MSAL's network calls go through it (msal system.networkClient). */
  http: HttpClient;
  /** Default 5 minutes. */
  refreshBeforeExpiryMs?: number;
  now?: () => number;
  logger?: Logger;
  /** Retries of the authority's 429 (honouring Retry-After), 5xx and network failures; default DEFAULT_RETRY_POLICY. */
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  sleep?: Sleep;
  /**
   * Ends a token request and its waits between retries at once when aborted (e.g. at shutdown): a throttled
   * authority may ask for minutes, and MSAL's API takes no signal of its own.
   */
  signal?: AbortSignal;
  /** Told of every request to the authority (`entra.token`) and every retry of one. */
  observer?: RequestObserver;
}

export interface AccessToken {
  token: string;
  expiresOnMs: number;
}

interface CachedToken extends AccessToken {
  refreshAtMs: number;
}

const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
/** MSAL rejects these for client credentials, and Entra answers AADSTS9001023 if they get through. */
const MULTI_TENANT_ALIASES = new Set(['common', 'organizations', 'consumers']);

function invalidOption(summary: string, hint: string): AuthError {
  return new AuthError(summary, { hint });
}

function checkOptions(options: TokenProviderOptions): URL {
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(options.tenantId ?? '')) {
    throw invalidOption(
      `tenantId "${options.tenantId ?? ''}" is not a tenant ID or domain`,
      'set tenantId to the Directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com',
    );
  }
  if (MULTI_TENANT_ALIASES.has(options.tenantId.toLowerCase())) {
    throw invalidOption(
      `tenantId "${options.tenantId}" is a multi-tenant alias; client credentials need a specific tenant`,
      'set tenantId to the Directory (tenant) ID GUID or a verified domain',
    );
  }
  if (typeof options.clientId !== 'string' || options.clientId.trim() === '') {
    throw invalidOption(
      'clientId is empty',
      "set clientId to the app registration's Application (client) ID",
    );
  }
  if (options.credential.kind === 'secret' && options.credential.secret === '') {
    throw invalidOption(
      'the client secret is empty',
      "set clientSecret to the secret's Value (for example from an env var)",
    );
  }
  if (
    options.credential.kind === 'workloadIdentity' &&
    (typeof options.credential.tokenFile !== 'string' || options.credential.tokenFile.trim() === '')
  ) {
    throw invalidOption(
      'the federated token file path is empty',
      `set workloadIdentity.tokenFile to the file ${FEDERATED_TOKEN_FILE_ENV} names`,
    );
  }
  const refresh = options.refreshBeforeExpiryMs;
  if (refresh !== undefined && !(Number.isFinite(refresh) && refresh >= 0)) {
    throw invalidOption(
      `refreshBeforeExpiryMs must be a finite number >= 0, got ${refresh}`,
      'use a few minutes, e.g. 300000',
    );
  }
  let url: URL;
  try {
    url = new URL(options.authority);
  } catch {
    throw invalidOption(
      `authority "${options.authority}" is not a URL`,
      'set the authority to an https base URL',
    );
  }
  // MSAL refuses http authorities (authority_uri_insecure) even on loopback; say so before MSAL does.
  if (url.protocol !== 'https:') {
    throw invalidOption(
      `authority ${options.authority} must use https`,
      'serve the authority over TLS; for a private CA (simulator, TLS-inspecting proxy) set tls.caFile',
    );
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw invalidOption(
      `authority ${options.authority} must be the login host without a path`,
      'remove the path (the tenant is added from tenantId), e.g. https://login.microsoftonline.com',
    );
  }
  return url;
}

function msalErrorFields(
  error: unknown,
): { name: string; errorCode: string; errorMessage: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const fields = error as Error & { errorCode?: unknown; errorMessage?: unknown };
  if (typeof fields.errorCode !== 'string') return undefined;
  return {
    name: error.name,
    errorCode: fields.errorCode,
    errorMessage: typeof fields.errorMessage === 'string' ? fields.errorMessage : '',
  };
}

/**
 * Client-credential access tokens for one app in one tenant, through MSAL.
 *
 * The provider keeps its own per-scope cache and always asks MSAL with skipCache: MSAL's cache decides freshness
 * with the wall clock and a fixed 5-minute renewal offset, whereas this provider refreshes `refreshBeforeExpiryMs`
 * before expiry by its injectable clock, so the refresh point is one rule, observable in tests.
 */
export class TokenProvider {
  readonly #app: ConfidentialClientApplication;
  readonly #wire = new AsyncLocalStorage<WireRecord>();
  readonly #cache = new Map<string, CachedToken>();
  readonly #inFlight = new Map<string, Promise<AccessToken>>();
  readonly #refreshBeforeExpiryMs: number;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #hints: HintContext;
  readonly #authorityOrigin: string;

  constructor(options: TokenProviderOptions) {
    const authorityUrl = checkOptions(options);
    this.#authorityOrigin = authorityUrl.origin;
    this.#refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? NOOP_LOGGER;
    let certificate: PreparedCertificate | undefined;
    let secret: string | undefined;
    let tokenFile: string | undefined;
    if (options.credential.kind === 'secret') {
      secret = options.credential.secret;
    } else if (options.credential.kind === 'workloadIdentity') {
      tokenFile = options.credential.tokenFile;
    } else {
      certificate = prepareCertificate(options.credential);
      if (Date.parse(certificate.notAfter) < this.#now()) {
        this.#logger.warn(
          'auth: the client certificate has expired; Entra ID will reject it (AADSTS700027)',
          {
            tenantId: options.tenantId,
            thumbprint: certificate.thumbprintSha1,
            notAfter: certificate.notAfter,
          },
        );
      }
    }
    this.#hints = {
      tenantId: options.tenantId,
      clientId: options.clientId,
      authority: this.#authorityOrigin,
      credential: options.credential.kind,
      certificateThumbprintSha1: certificate?.thumbprintSha1,
      tokenFile,
    };
    const logger = this.#logger;
    const observed = options.observer && { observer: options.observer, api: 'entra.token' as const };
    const configuration: Configuration = {
      auth: {
        clientId: options.clientId,
        authority: `${this.#authorityOrigin}/${options.tenantId}`,
        // A known authority is trusted as is: MSAL reads {authority}/{tenant}/v2.0/.well-known/openid-configuration
        // from that host instead of asking login.microsoftonline.com for instance discovery, which is what lets a
        // loopback simulator (or a sovereign cloud) be the whole identity provider.
        knownAuthorities: [authorityUrl.host],
        ...(certificate
          ? {
              clientCertificate: {
                thumbprintSha256: certificate.thumbprintSha256,
                privateKey: certificate.privateKeyPem,
              },
            }
          : tokenFile !== undefined
            ? {
                // MSAL calls this for every token request it sends (as client_assertion, type jwt-bearer), so a
                // token the kubelet rotated is picked up; the provider's own cache decides when a request is sent.
                clientAssertion: () => readFederatedToken(tokenFile),
              }
            : { clientSecret: secret }),
      },
      system: {
        networkClient: new MsalNetworkAdapter(
          // No client-request-id step: MSAL sends its own. Retry-After dates are read on the wall clock.
          createPipeline(options.http, [
            retryPolicy({
              retry: options.retry,
              logger,
              random: options.random,
              sleep: options.sleep,
              observed,
            }),
            logPolicy(logger),
            ...(observed ? [observerPolicy(observed)] : []),
          ]),
          this.#logger,
          this.#wire,
          options.signal,
        ),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message) =>
            logger.debug(`msal: ${message}`, { msalLevel: LogLevel[level] }),
        },
      },
    };
    this.#app = new ConfidentialClientApplication(configuration);
  }

  /**
   * A token for `scope` ('{resource}/.default'). Served from the cache until the refresh point; concurrent callers
   * for the same scope share one request. forceRefresh (after a 401) skips the cache.
   */
  getToken(scope: string, options?: { forceRefresh?: boolean }): Promise<AccessToken> {
    if (typeof scope !== 'string' || scope.trim() === '') {
      return Promise.reject(
        invalidOption('the token scope is empty', 'pass "{resource}/.default", see scopeForResource()'),
      );
    }
    const forceRefresh = options?.forceRefresh === true;
    const cached = this.#cache.get(scope);
    if (!forceRefresh && cached && this.#now() < cached.refreshAtMs) {
      return Promise.resolve({ token: cached.token, expiresOnMs: cached.expiresOnMs });
    }
    // A forced refresh may join a request already on its way: that request returns a token newer than the one
    // the caller saw rejected.
    const pending = this.#inFlight.get(scope);
    if (pending) return pending;
    const request = this.#acquire(scope, cached, forceRefresh).finally(() => this.#inFlight.delete(scope));
    this.#inFlight.set(scope, request);
    return request;
  }

  async #acquire(
    scope: string,
    cached: CachedToken | undefined,
    forceRefresh: boolean,
  ): Promise<AccessToken> {
    const record: WireRecord = { calls: 0 };
    const startedAt = this.#now();
    const startedWall = Date.now();
    try {
      const result = await this.#wire.run(record, () =>
        this.#app.acquireTokenByClientCredential({ scopes: [scope], skipCache: true }),
      );
      if (!result?.accessToken || !result.expiresOn) {
        throw new AuthError(`the authority ${this.#authorityOrigin} returned no access token or no expiry`, {
          hint: 'check endpoints.authority: it must be an Entra ID login host (or the simulator)',
        });
      }
      // MSAL stamps expiry on the wall clock; carry the remaining lifetime over to the injected clock.
      const lifetimeMs = result.expiresOn.getTime() - startedWall;
      const expiresOnMs = startedAt + lifetimeMs;
      // A token shorter-lived than twice the refresh window would otherwise be refreshed on every call.
      const refreshAtMs = expiresOnMs - Math.min(this.#refreshBeforeExpiryMs, lifetimeMs / 2);
      this.#cache.set(scope, { token: result.accessToken, expiresOnMs, refreshAtMs });
      this.#logger.debug('auth: token acquired', {
        tenantId: this.#hints.tenantId,
        scope,
        expiresInSeconds: Math.round(lifetimeMs / 1000),
      });
      return { token: result.accessToken, expiresOnMs };
    } catch (error) {
      const authError = error instanceof AuthError ? error : this.#toAuthError(error, record);
      // A proactive refresh that fails transiently must not take away a token that is still valid.
      if (!forceRefresh && cached && authError.transient && this.#now() < cached.expiresOnMs) {
        this.#logger.warn('auth: token refresh failed, still using the cached token', {
          tenantId: this.#hints.tenantId,
          scope,
          expiresInSeconds: Math.round((cached.expiresOnMs - this.#now()) / 1000),
          error: authError.message,
        });
        return { token: cached.token, expiresOnMs: cached.expiresOnMs };
      }
      throw authError;
    }
  }

  #toAuthError(error: unknown, record: WireRecord): AuthError {
    const authority = this.#authorityOrigin;
    if (record.unreachable) {
      const { reason, tls } = record.unreachable;
      return new AuthError(
        `could not reach the authority ${authority}: ${reason}; check endpoints/proxy/tls.caFile`,
        {
          hint: tls
            ? "set tls.caFile to the PEM of the CA that issued the authority's certificate (the simulator's ca.pem, or a TLS-inspecting proxy's CA), and check that endpoints.authority names the right host"
            : 'check that endpoints.authority is right and reachable from this machine, and HTTPS_PROXY/NO_PROXY if a proxy is required',
          transient: !tls,
        },
      );
    }
    const answer = record.failedAnswer;
    if (answer?.json && (answer.error !== undefined || answer.description !== undefined)) {
      return authErrorFromEntra(answer, this.#hints);
    }
    if (answer) {
      const discovery = answer.url.endsWith('/.well-known/openid-configuration');
      const body = answer.json
        ? 'a JSON body without an OAuth error'
        : `content-type ${answer.contentType ?? 'none'}`;
      return new AuthError(
        discovery
          ? `the authority ${authority} did not serve OpenID discovery at ${answer.url} (HTTP ${answer.status}, ${body})`
          : `the authority ${authority} answered ${answer.url} with HTTP ${answer.status} (${body})`,
        {
          hint: isTransientStatus(answer.status)
            ? 'nothing to change if it passes on retry; if it persists, check endpoints.authority and any proxy in between'
            : 'check endpoints.authority: it must be the Entra ID login host of the tenant’s cloud (or the simulator), and the proxy must not answer in its place',
          transient: isTransientStatus(answer.status),
          status: answer.status,
        },
      );
    }
    const msal = msalErrorFields(error);
    if (msal?.name === 'ServerError' && record.calls === 0) {
      // MSAL's throttling cache replays the last 429/5xx without sending anything until Retry-After (or 60 s).
      return new AuthError(
        `the token request was held back by MSAL after the authority ${authority} answered 429/5xx (${msal.errorMessage || msal.errorCode || 'no details'})`,
        {
          hint: 'nothing to change; the request is sent again once the authority’s Retry-After has passed',
          transient: true,
        },
      );
    }
    if (msal?.errorCode === 'issuer_validation_failed') {
      return new AuthError(`the OpenID discovery document of ${authority} names an issuer on another host`, {
        hint: 'check endpoints.authority: the issuer in {authority}/{tenant}/v2.0/.well-known/openid-configuration must be on the same host',
      });
    }
    const detail = msal
      ? `${msal.name} ${msal.errorCode}: ${msal.errorMessage}`
      : error instanceof Error
        ? error.message
        : String(error);
    return new AuthError(`MSAL could not acquire a token from ${authority} (${detail})`, {
      hint: 'check tenantId, clientId, the credential and endpoints.authority; run with debug logging for MSAL’s warnings',
    });
  }
}
