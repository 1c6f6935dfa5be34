import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { EnvHttpProxyAgent, request as undiciRequest } from 'undici';
import { describeOrigin } from './url.js';

export interface HttpClientOptions {
  /** Extra CA (PEM file) trusted in addition to Node's default roots. */
  caFile?: string;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Longest idle time between two body chunks; a stalled download fails instead of hanging. */
  bodyTimeoutMs?: number;
  userAgent?: string;
  /** Source of HTTPS_PROXY/https_proxy/HTTP_PROXY/http_proxy/NO_PROXY/no_proxy; default `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponseBody extends AsyncIterable<Uint8Array> {
  text(): Promise<string>;
  json(): Promise<unknown>;
  /** Discards the rest of the body so the connection can be reused. */
  dump(): Promise<void>;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string | undefined>;
  /** Must be consumed or dumped: an unread body holds its connection. */
  body: HttpResponseBody;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Error raised before a response arrived; `code` is the underlying network code (e.g. ECONNREFUSED). The message
 * names the origin only, never the path or query.
 */
export class HttpRequestError extends Error {
  readonly code: string | undefined;

  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'HttpRequestError';
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/**
 * The one HTTP client for every call to Microsoft (MSAL's included): pooled keep-alive connections, connect/headers/
 * body timeouts, TLS verification always on, an optional extra CA, and HTTP(S)_PROXY/NO_PROXY taken from
 * `options.env`. Redirects are never followed: a report's 302 leads to a pre-authenticated URL that must be fetched
 * without the bearer token, so the caller decides what to send where.
 */
export class HttpClient {
  readonly #dispatcher: EnvHttpProxyAgent;
  readonly #userAgent: string;

  constructor(options: HttpClientOptions = {}) {
    const env = options.env ?? process.env;
    const ca =
      options.caFile === undefined ? undefined : [...defaultCaCertificates(), ...readCaFile(options.caFile)];
    const tlsOptions = ca === undefined ? {} : { ca };
    const connectTimeout = options.connectTimeoutMs ?? 10_000;
    this.#userAgent = options.userAgent ?? 'm365-otel/0.1.0';
    // Explicit '' (not undefined) so undici never falls back to process.env when options.env says "no proxy".
    this.#dispatcher = new EnvHttpProxyAgent({
      httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
      httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
      noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
      connectTimeout,
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000,
      connect: { ...tlsOptions, rejectUnauthorized: true, timeout: connectTimeout },
      // Through a proxy, the origin's TLS (tunnelled) and the proxy's own TLS both get the same trust store.
      requestTls: { ...tlsOptions, rejectUnauthorized: true },
      proxyTls: { ...tlsOptions, rejectUnauthorized: true },
    });
  }

  async request(url: string | URL, init: HttpRequest = {}): Promise<HttpResponse> {
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = { 'user-agent': this.#userAgent };
    for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
    let response: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      response = await undiciRequest(url, {
        dispatcher: this.#dispatcher,
        method,
        headers,
        body: init.body ?? null,
        signal: init.signal ?? null,
      });
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason;
      const detail = error instanceof Error ? error.message : String(error);
      const code = (error as { code?: unknown } | null)?.code;
      const suffix = typeof code === 'string' && !detail.includes(code) ? ` (${code})` : '';
      // The origin only: the path of a pre-authenticated download URL is a credential.
      throw new HttpRequestError(`${method} ${describeOrigin(url)} failed: ${detail}${suffix}`, error);
    }
    const raw = response.body;
    return {
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      body: {
        [Symbol.asyncIterator]: () => raw[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>,
        text: () => raw.text(),
        json: () => raw.json() as Promise<unknown>,
        dump: () => raw.dump(),
      },
    };
  }

  /** Waits for in-flight requests, then closes every pooled connection. */
  async close(): Promise<void> {
    await this.#dispatcher.close();
  }
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

// Passing `ca` replaces Node's trust store, so the defaults are added back. getCACertificates('default') (Node
// >= 22.15) also keeps NODE_EXTRA_CA_CERTS and --use-system-ca; tls.rootCertificates is the older fallback.
function defaultCaCertificates(): readonly string[] {
  const getCACertificates = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  return typeof getCACertificates === 'function' ? getCACertificates('default') : tls.rootCertificates;
}

function readCaFile(path: string): string[] {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as { code?: unknown } | null)?.code ?? (error instanceof Error ? error.message : error);
    throw new Error(`cannot read the CA file ${path}: ${String(reason)}`, { cause: error });
  }
  const certificates = pem.match(PEM_CERTIFICATE);
  if (!certificates) {
    throw new Error(
      `the CA file ${path} contains no PEM certificate (expected "-----BEGIN CERTIFICATE-----")`,
    );
  }
  certificates.forEach((certificate, index) => {
    // Checked here so a damaged file fails at start-up with its name, not at the first TLS handshake.
    try {
      new X509Certificate(certificate);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `the CA file ${path}: certificate #${index + 1} is not a valid X.509 certificate: ${reason}`,
        {
          cause: error,
        },
      );
    }
  });
  return certificates;
}
