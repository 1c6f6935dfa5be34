import { once } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { HttpClient, type HttpClientOptions, type Logger } from '@m365-otel/http';
import { createTestPki, type TestPki } from '@m365-otel/test-pki';
import { afterAll, afterEach, beforeAll, type Mock, vi } from 'vitest';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Seen {
  host: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/** Requests whose path starts with `prefix`: queued handlers answer first, one each, then `fallback`. */
export interface Route {
  readonly prefix: string;
  readonly queue: Handler[];
  fallback: Handler;
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

/**
 * Microsoft Graph on https://127.0.0.1:PORT for a client's tests, and on https://localhost:PORT the same server
 * under another host name (a download host, or a foreign origin a nextLink must not lead to): only the origin
 * tells them apart, as in production. Each test queues the answers it needs on a route; what it does not queue
 * gets the route's fallback, and a path no route claims gets a 404.
 */
export class FakeGraph {
  readonly seen: Seen[] = [];
  /**
   * The server's clock for the `Date` header of every answer. Unset, answers carry no `Date`: tests run on fake
   * clocks, and the wall-clock time Node would send could not agree with them.
   */
  serverTime: (() => number) | undefined;
  readonly #routes: Route[] = [];
  readonly #server: https.Server;
  readonly #sockets = new Set<Socket>();
  #port = 0;

  private constructor(tls: { serverKeyPem: string; serverCertPem: string }) {
    this.#server = https.createServer({ key: tls.serverKeyPem, cert: tls.serverCertPem }, (req, res) => {
      const path = req.url ?? '';
      this.seen.push({ host: req.headers.host ?? '', path, headers: req.headers });
      res.sendDate = false;
      if (this.serverTime !== undefined) res.setHeader('Date', new Date(this.serverTime()).toUTCString());
      const route = this.#routes.find((candidate) => path.startsWith(candidate.prefix));
      if (route === undefined) res.writeHead(404, JSON_TYPE).end('{}');
      else (route.queue.shift() ?? route.fallback)(req, res);
    });
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** `tls`: a server key and certificate for localhost and 127.0.0.1 (e.g. @m365-otel/test-pki's). */
  static async start(tls: { serverKeyPem: string; serverCertPem: string }): Promise<FakeGraph> {
    const fake = new FakeGraph(tls);
    fake.#server.listen(0, '127.0.0.1');
    await once(fake.#server, 'listening');
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get port(): number {
    return this.#port;
  }

  /** Graph's base URL (no /v1.0). */
  get graphUrl(): string {
    return `https://127.0.0.1:${this.#port}`;
  }

  /** The same server under another host name: another origin. */
  get otherHostUrl(): string {
    return `https://localhost:${this.#port}`;
  }

  route(prefix: string, fallback: Handler): Route {
    const route: Route = { prefix, queue: [], fallback };
    this.#routes.push(route);
    return route;
  }

  /** A route for every path, answering 404 unless a test queues an answer or sets its fallback. */
  routeAll(): Route {
    return this.route('/', (_req, res) => res.writeHead(404, JSON_TYPE).end('{}'));
  }

  /** What was asked under `prefix`, in order. */
  requests(prefix = '/'): Seen[] {
    return this.seen.filter((seen) => seen.path.startsWith(prefix));
  }

  json(body: string, headers: Record<string, string> = {}): Handler {
    return (_req, res) => res.writeHead(200, { ...JSON_TYPE, 'request-id': 'req-ok', ...headers }).end(body);
  }

  list(items: readonly unknown[], extra: Record<string, unknown> = {}): Handler {
    return this.json(JSON.stringify({ value: items, ...extra }));
  }

  /** Serves `items` under `path` like Graph: `Prefer: odata.maxpagesize` per page, an absolute `$skip` nextLink. */
  paged(path: string, items: readonly unknown[]): Handler {
    return (req, res) => {
      const url = new URL(req.url ?? '', this.graphUrl);
      const size = Number(/odata\.maxpagesize=(\d+)/.exec(String(req.headers.prefer ?? ''))?.[1] ?? 100);
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const body: Record<string, unknown> = {
        '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${path.replace(/^\/v1\.0\//, '')}`,
        value: items.slice(skip, skip + size),
      };
      if (skip + size < items.length)
        body['@odata.nextLink'] = `${this.graphUrl}${path}?$skip=${skip + size}`;
      res
        .writeHead(200, { ...JSON_TYPE, 'Preference-Applied': `odata.maxpagesize=${size}` })
        .end(JSON.stringify(body));
    };
  }

  /** Graph's error envelope with `request-id` req-err. */
  graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): Handler {
    const body = JSON.stringify({
      error: { code, message, innerError: { 'request-id': 'req-err', date: '2024-05-01T12:00:00' } },
    });
    return (_req, res) => res.writeHead(status, { ...JSON_TYPE, ...headers }).end(body);
  }

  /**
   * Entra ID for `tenantId` on this server (authority {@link graphUrl}): the OpenID discovery document MSAL reads and a
   * token endpoint that grants `accessToken` to any client, so an example can sign in against the fake.
   */
  standInForEntra(tenantId: string, accessToken: string): void {
    const base = `${this.graphUrl}/${tenantId}`;
    this.route(
      `/${tenantId}/v2.0/.well-known/openid-configuration`,
      this.json(
        JSON.stringify({
          token_endpoint: `${base}/oauth2/v2.0/token`,
          issuer: `${base}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
        }),
      ),
    );
    this.route(
      `/${tenantId}/oauth2/v2.0/token`,
      this.json(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: accessToken })),
    );
  }

  redirect(location: string): Handler {
    return (_req, res) => res.writeHead(302, { Location: location, 'request-id': 'req-302' }).end();
  }

  /** 200 with a body as the download host sends a report. */
  serve(body: string | Uint8Array): Handler {
    return (_req, res) => res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(body);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** What a Graph client's test needs besides the fake: an HttpClient trusting its CA, fake tokens and sleeps. */
export interface GraphClientFixture {
  fake: FakeGraph;
  /** The options every Graph client takes; a test adds its own. */
  options: {
    graphBaseUrl: string;
    http: HttpClient;
    getAccessToken: Mock<(options?: { forceRefresh?: boolean }) => Promise<string>>;
    random: () => number;
    sleep: (ms: number) => Promise<void>;
  };
  /** Every wait the client asked for, in ms: nothing sleeps for real. */
  sleeps: number[];
  close(): Promise<void>;
}

/**
 * Starts a FakeGraph and the client options pointing at it: tokens `token-1`, `token-2`, ... (one more per call),
 * randomness 0.5 (so full jitter waits half its window) and a sleep that only records.
 */
export async function startGraphClientFixture(
  pki: { caFile: string; serverKeyPem: string; serverCertPem: string },
  httpOptions: HttpClientOptions = {},
): Promise<GraphClientFixture> {
  const fake = await FakeGraph.start(pki);
  const http = new HttpClient({ caFile: pki.caFile, env: {}, ...httpOptions });
  const sleeps: number[] = [];
  let tokens = 0;
  return {
    fake,
    options: {
      graphBaseUrl: fake.graphUrl,
      http,
      getAccessToken: vi.fn(async (_options?: { forceRefresh?: boolean }) => `token-${++tokens}`),
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
    sleeps,
    close: async () => {
      await Promise.all([fake.close(), http.close()]);
    },
  };
}

/** The fixtures of one test file: each starts a FakeGraph and the client options pointing at it. */
export interface GraphClientFixtures {
  /** A fixture closed after the test that started it, its server trusted through the file's test PKI. */
  start(httpOptions?: HttpClientOptions): Promise<GraphClientFixture>;
}

/**
 * Registers the hooks a client's test file needs (one test PKI for the file, every fixture closed after its test)
 * and returns what starts a fixture inside a test.
 */
export function useGraphClientFixtures(): GraphClientFixtures {
  let pki: TestPki | undefined;
  const toClose: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    pki = await createTestPki();
  });
  afterAll(() => pki?.cleanup());
  afterEach(async () => {
    await Promise.all(toClose.splice(0).map((close) => close()));
  });
  return {
    async start(httpOptions = {}) {
      if (pki === undefined)
        throw new Error('the test PKI is created in beforeAll; start a fixture inside a test');
      const fixture = await startGraphClientFixture(pki, httpOptions);
      toClose.push(fixture.close);
      return fixture;
    },
  };
}

/** A Logger whose every level is a mock, to check what a client warned about. */
export function spyLogger(): { [Level in keyof Logger]: Mock<Logger[Level]> } {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

/** The error `promise` rejects with, checked to be an `expected`. */
export async function rejection<E extends Error>(
  promise: Promise<unknown>,
  expected: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof expected) return error;
    throw new Error(`expected a ${expected.name}, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected a ${expected.name}, but it succeeded`);
}
