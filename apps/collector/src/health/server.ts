import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.js';
import type { Readiness, TenantHealth } from './board.js';
import { ENDPOINT_PROBLEM, parseEndpoint } from './endpoint.js';

/** What the endpoints answer from: the board's readiness and tenants, and whether shutdown began. */
export interface HealthSource {
  readiness(): Readiness;
  tenants(): TenantHealth[];
}

export interface HealthServerOptions {
  /** `host:port` (an IPv6 host in brackets); port 0 takes a free one, which `port` then tells. */
  endpoint: string;
  board: HealthSource;
  /** Aborted at shutdown: `/readyz` then answers 503, so no new work is routed to a process that is leaving. */
  stop: AbortSignal;
  logger: Logger;
  now?: () => number;
}

export interface HealthServer {
  /** The port it listens on. */
  readonly port: number;
  /** Stops listening and ends open connections; resolves once the server is closed. */
  close(): Promise<void>;
}

/** A probe answers in milliseconds; a client slower than this is holding a connection, not probing. */
const REQUEST_TIMEOUT_MS = 5_000;
const ALLOWED_METHODS = 'GET, HEAD';

/**
 * `/healthz` (200 while the process serves: alive) and `/readyz` (200 when ready, 503 otherwise, with every tenant's
 * token and sources) as JSON. Two fixed paths, GET and HEAD only (405 otherwise), 404 for any other path; the
 * request body is never read and the answer depends on no part of the request beyond its method and path.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const endpoint = parseEndpoint(options.endpoint);
  if (!endpoint) throw new Error(`health.endpoint ${ENDPOINT_PROBLEM}`);
  const { host, port } = endpoint;
  const now = options.now ?? Date.now;
  const startedMs = now();
  const server = createServer((request, response) => {
    const path = pathOf(request);
    if (path !== '/healthz' && path !== '/readyz')
      return answer(request, response, 404, { error: 'not found' });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', ALLOWED_METHODS);
      return answer(request, response, 405, { error: `method not allowed (${ALLOWED_METHODS})` });
    }
    if (path === '/healthz')
      return answer(request, response, 200, { status: 'alive', uptimeSeconds: (now() - startedMs) / 1000 });
    const { ready, checks } = options.board.readiness();
    const stopping = options.stop.aborted;
    answer(request, response, ready && !stopping ? 200 : 503, {
      status: stopping ? 'stopping' : ready ? 'ready' : 'not ready',
      checks,
      tenants: options.board.tenants(),
    });
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.logger.error('health endpoint failed', { error }));
  const address = server.address() as AddressInfo;
  options.logger.info('health endpoints listening', {
    endpoint: `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    paths: ['/healthz', '/readyz'],
  });
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The request's path alone: a query string changes nothing, and no part of the path is used beyond matching. */
function pathOf(request: IncomingMessage): string {
  const target = request.url ?? '';
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

function answer(request: IncomingMessage, response: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : text);
}

/**
 * The `health:` section put to work: the server when enabled, undefined when not, `failed` (logged) when its
 * endpoint cannot be taken (a port in use): the operator's probes would fail anyway.
 */
export async function serveHealth(
  config: { enabled: boolean; endpoint: string },
  board: HealthSource,
  context: { stop: AbortSignal; logger: Logger },
): Promise<HealthServer | undefined | 'failed'> {
  if (!config.enabled) return undefined;
  try {
    return await startHealthServer({
      endpoint: config.endpoint,
      board,
      stop: context.stop,
      logger: context.logger,
    });
  } catch (error) {
    context.logger.error('cannot serve the health endpoints', { endpoint: config.endpoint, error });
    return 'failed';
  }
}
