import type { AsyncLocalStorage } from 'node:async_hooks';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Logger } from '@m365-otel/http';
import { describeUrl } from '@m365-otel/http';
import type { Pipeline } from '@m365-otel/request-pipeline';

/** A transport failure: the authority gave no HTTP answer. */
export interface Unreachable {
  reason: string;
  /** The TLS handshake failed on certificate verification: retrying will not help, configuration will. */
  tls: boolean;
}

/** A non-2xx (or non-JSON) answer from the authority. */
export interface AuthorityAnswer {
  url: string;
  status: number;
  json: boolean;
  contentType?: string | undefined;
  error?: string | undefined;
  description?: string | undefined;
  codes?: number[] | undefined;
}

/**
 * What happened on the wire during one token acquisition. MSAL swallows or flattens network failures (a failed
 * OpenID discovery becomes "could not retrieve endpoints", a TLS failure a bare "network_error"), so the adapter
 * records them here, in the AsyncLocalStorage context of the getToken call that caused them, and the provider
 * builds its error from this record.
 */
export interface WireRecord {
  calls: number;
  unreachable?: Unreachable | undefined;
  failedAnswer?: AuthorityAnswer | undefined;
}

const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/**
 * A one-line reason for a transport failure. Wrappers (undici, the project's HttpClient) nest the socket error
 * in `cause`; the innermost error with a code is the one that names the problem.
 */
export function describeTransportFailure(error: unknown): { reason: string; tls: boolean } {
  const chain: Array<{ message: string; code?: string; name?: string }> = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      chain.push({
        message: current.message,
        name: current.name,
        ...(typeof code === 'string' ? { code } : {}),
      });
      current = current.cause;
    } else {
      chain.push({ message: String(current) });
      break;
    }
  }
  // Innermost first: the socket's own error says it best; wrappers repeat it with a prefix.
  const inner = [...chain].reverse();
  const withCode = (entry: { message: string; code?: string }): string =>
    entry.code && !entry.message.includes(entry.code) ? `${entry.message} (${entry.code})` : entry.message;
  const tlsEntry = inner.find((entry) => entry.code !== undefined && TLS_VERIFY_CODES.has(entry.code));
  if (tlsEntry) {
    const what =
      tlsEntry.code === 'ERR_TLS_CERT_ALTNAME_INVALID' || tlsEntry.code === 'HOSTNAME_MISMATCH'
        ? 'TLS certificate does not match the host'
        : 'TLS certificate not trusted';
    return { reason: `${what}: ${withCode(tlsEntry)}`, tls: true };
  }
  if (chain.some((entry) => entry.name === 'TimeoutError')) {
    return { reason: 'no answer within the timeout MSAL set for this request', tls: false };
  }
  const picked = inner.find((entry) => entry.code !== undefined) ?? chain[0];
  return { reason: picked ? withCode(picked) : 'unknown error', tls: false };
}

function signalOf(timeoutMs: number | undefined, stop: AbortSignal | undefined): { signal?: AbortSignal } {
  const signals = [...(timeoutMs ? [AbortSignal.timeout(timeoutMs)] : []), ...(stop ? [stop] : [])];
  if (signals.length === 0) return {};
  return { signal: signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals) };
}

function stringField(value: unknown, key: string): string | undefined {
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

/**
 * MSAL's network module backed by the project's request pipeline, so the extra CA file, the proxy settings and the
 * timeouts that apply to Graph apply to the authority too (MSAL's default client is Node's fetch, which sees
 * none of them), and throttling (429 with Retry-After, 5xx) is retried before MSAL ever sees it: MSAL would
 * otherwise fail the request and hold back the next ones itself.
 */
export class MsalNetworkAdapter implements INetworkModule {
  readonly #pipeline: Pipeline;
  readonly #logger: Logger;
  readonly #wire: AsyncLocalStorage<WireRecord>;

  readonly #stop: AbortSignal | undefined;

  /** `stop` ends any request and any wait between retries at once (e.g. at shutdown): MSAL takes no signal. */
  constructor(
    pipeline: Pipeline,
    logger: Logger,
    wire: AsyncLocalStorage<WireRecord>,
    stop: AbortSignal | undefined,
  ) {
    this.#stop = stop;
    this.#pipeline = pipeline;
    this.#logger = logger;
    this.#wire = wire;
  }

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.#send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#send<T>('POST', url, options, undefined);
  }

  async #send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeoutMs: number | undefined,
  ): Promise<NetworkResponse<T>> {
    const record = this.#wire.getStore();
    if (record) record.calls += 1;
    // The token endpoint URL carries MSAL's telemetry query; describeUrl keeps logs and errors to origin + path.
    const where = describeUrl(url);
    let status: number;
    let headers: Record<string, string>;
    let text: string;
    try {
      const response = await this.#pipeline.send({
        url: new URL(url),
        label: `${method} ${where}`,
        method,
        headers: options?.headers ?? {},
        bufferBody: true,
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        ...signalOf(timeoutMs, this.#stop),
      });
      status = response.status;
      headers = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = value;
      }
      text = await response.body.text();
    } catch (error) {
      const failure = describeTransportFailure(error);
      if (record) record.unreachable = failure;
      this.#logger.debug('auth: request to the authority failed', {
        method,
        url: where,
        reason: failure.reason,
      });
      // MSAL replaces this error with its own generic one; the record above keeps the reason.
      throw new Error(`${method} ${where} failed: ${failure.reason}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    this.#logger.debug('auth: authority answered', { method, url: where, status });
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      const contentType = headers['content-type'];
      if (record) record.failedAnswer = { url: where, status, json: false, contentType };
      throw new Error(
        `${method} ${where} answered HTTP ${status} with a body that is not a JSON object (content-type ${contentType ?? 'none'})`,
      );
    }
    if (record) {
      record.unreachable = undefined;
      if (status >= 400) {
        const rawCodes = (body as Record<string, unknown>).error_codes;
        record.failedAnswer = {
          url: where,
          status,
          json: true,
          contentType: headers['content-type'],
          error: stringField(body, 'error'),
          description: stringField(body, 'error_description'),
          codes: Array.isArray(rawCodes)
            ? rawCodes.filter((c): c is number => typeof c === 'number')
            : undefined,
        };
      } else {
        record.failedAnswer = undefined;
      }
    }
    return { status, headers, body: body as T };
  }
}
