import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import { createTestPki, type TestPki } from '@m365-otel/test-pki';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';
import { isTransientNetworkError } from './transient.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const NO_PROXY_ENV = {};
let pki: TestPki;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(() => pki.cleanup());
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function listen(server: http.Server | https.Server | net.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as net.AddressInfo).port;
}

async function httpServer(handler: Handler): Promise<string> {
  return `http://127.0.0.1:${await listen(http.createServer(handler))}`;
}

async function httpsServer(handler: Handler): Promise<string> {
  const server = https.createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, handler);
  return `https://localhost:${await listen(server)}`;
}

function client(options: ConstructorParameters<typeof HttpClient>[0] = {}): HttpClient {
  const created = new HttpClient({ env: NO_PROXY_ENV, ...options });
  closers.push(() => created.close());
  return created;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describe('HttpClient', () => {
  it('returns status, lower-case joined headers and a streamed body; sends a user agent', async () => {
    let seen: http.IncomingHttpHeaders = {};
    const base = await httpServer((req, res) => {
      seen = req.headers;
      res.setHeader('X-Multi', ['a', 'b']);
      res.setHeader('Content-Type', 'text/csv');
      res.end('a,b\n1,2\n');
    });
    const response = await client().request(`${base}/x`, { headers: { 'Client-Request-Id': 'abc' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv');
    expect(response.headers['x-multi']).toBe('a, b');
    expect(await readAll(response.body)).toBe('a,b\n1,2\n');
    expect(seen['user-agent']).toBe('m365-otel/0.1.0');
    expect(seen['client-request-id']).toBe('abc');
  });

  it('sends POST bodies and offers text/json helpers', async () => {
    const base = await httpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => res.end(JSON.stringify({ method: req.method, body })));
    });
    const http = client({ userAgent: 'custom/1' });
    const response = await http.request(base, { method: 'POST', body: 'grant_type=client_credentials' });
    expect(await response.body.json()).toEqual({ method: 'POST', body: 'grant_type=client_credentials' });
  });

  it('never follows redirects', async () => {
    let targetHits = 0;
    const target = await httpServer((_req, res) => {
      targetHits++;
      res.end('target');
    });
    const base = await httpServer((_req, res) => {
      res.writeHead(302, { Location: `${target}/download?sig=x` }).end();
    });
    const response = await client().request(base, { headers: { Authorization: 'Bearer t' } });
    await response.body.dump();
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`${target}/download?sig=x`);
    expect(targetHits).toBe(0);
  });

  it('fails with a transient headers timeout and names the origin only', async () => {
    const base = await httpServer(() => {});
    const error = await failure(client({ headersTimeoutMs: 100 }).request(`${base}/slow?sig=SECRET`));
    expect(isTransientNetworkError(error)).toBe(true);
    expect(error.message).toMatch(`GET ${base} failed:`);
    expect(error.message).toContain('UND_ERR_HEADERS_TIMEOUT');
    expect(error.message).not.toContain('SECRET');
  });

  it('fails with a transient body timeout when a body stalls', async () => {
    const base = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('partial');
    });
    const response = await client({ bodyTimeoutMs: 100 }).request(base);
    const error = await failure(readAll(response.body));
    expect(isTransientNetworkError(error)).toBe(true);
  });

  it('fails transiently when the server resets before answering', async () => {
    const base = await httpServer((req) => req.socket.destroy());
    const error = await failure(client().request(base));
    expect(isTransientNetworkError(error)).toBe(true);
  });

  it('fails transiently when the connection drops mid-body', async () => {
    const base = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('only part of it\n', () => setTimeout(() => res.socket?.destroy(), 20));
    });
    const response = await client().request(base);
    const error = await failure(readAll(response.body));
    expect(isTransientNetworkError(error)).toBe(true);
  });

  it('fails transiently when the connection is refused', async () => {
    const server = net.createServer();
    const port = await listen(server);
    await Promise.all(closers.splice(0).map((close) => close()));
    const error = await failure(client().request(`http://127.0.0.1:${port}/`));
    expect(isTransientNetworkError(error)).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('rejects with the caller’s abort reason, which is not transient', async () => {
    const base = await httpServer(() => {});
    const controller = new AbortController();
    const pending = client().request(base, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutdown')), 20);
    const error = await failure(pending);
    expect(error.message).toBe('shutdown');
    expect(isTransientNetworkError(error)).toBe(false);
  });

  it('trusts the extra CA file in addition to the default roots', async () => {
    const base = await httpsServer((_req, res) => res.end('secure'));
    const response = await client({ caFile: pki.caFile }).request(base);
    expect(await response.body.text()).toBe('secure');
  });

  it('refuses an unknown CA (verification stays on) and does not call it transient', async () => {
    const base = await httpsServer((_req, res) => res.end('secure'));
    const error = await failure(client().request(base));
    expect(error.message).toMatch(/self[- ]signed certificate|unable to verify/i);
    expect(isTransientNetworkError(error)).toBe(false);
  });

  it('reports unreadable, empty and damaged CA files precisely', () => {
    const missing = join(pki.dir, 'missing.pem');
    expect(() => new HttpClient({ caFile: missing })).toThrow(`cannot read the CA file ${missing}: ENOENT`);
    const empty = join(pki.dir, 'empty.pem');
    writeFileSync(empty, 'hello');
    expect(() => new HttpClient({ caFile: empty })).toThrow(
      `the CA file ${empty} contains no PEM certificate (expected "-----BEGIN CERTIFICATE-----")`,
    );
    const damaged = join(pki.dir, 'damaged.pem');
    writeFileSync(damaged, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(() => new HttpClient({ caFile: damaged })).toThrow(
      `the CA file ${damaged}: certificate #1 is not a valid X.509 certificate`,
    );
  });

  describe('proxy from options.env', () => {
    async function connectProxy(): Promise<{ url: string; tunnels: string[]; forwarded: string[] }> {
      const tunnels: string[] = [];
      const forwarded: string[] = [];
      const proxy = http.createServer((req, res) => {
        // Plain-HTTP proxying: the request line carries the absolute URL.
        forwarded.push(req.url ?? '');
        const target = new URL(req.url ?? '');
        const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        req.pipe(upstream);
      });
      proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
        tunnels.push(req.url ?? '');
        const [host, port] = (req.url ?? '').split(':');
        const upstream = net.connect(Number(port), host, () => {
          socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.write(head);
          upstream.pipe(socket);
          socket.pipe(upstream);
        });
        upstream.on('error', () => socket.destroy());
        socket.on('error', () => upstream.destroy());
      });
      return { url: `http://127.0.0.1:${await listen(proxy)}`, tunnels, forwarded };
    }

    it('tunnels HTTPS through HTTPS_PROXY with the same CA trust', async () => {
      const proxy = await connectProxy();
      const base = await httpsServer((_req, res) => res.end('via proxy'));
      const http = client({ caFile: pki.caFile, env: { HTTPS_PROXY: proxy.url } });
      const response = await http.request(`${base}/path`);
      expect(await response.body.text()).toBe('via proxy');
      expect(proxy.tunnels).toEqual([new URL(base).host]);
    });

    it('forwards plain HTTP through HTTP_PROXY and bypasses hosts in NO_PROXY', async () => {
      const proxy = await connectProxy();
      const base = await httpServer((_req, res) => res.end('ok'));
      const proxied = client({ env: { http_proxy: proxy.url } });
      await (await proxied.request(`${base}/one`)).body.text();
      expect(proxy.forwarded).toEqual([`${base}/one`]);

      const bypassing = client({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } });
      expect(await (await bypassing.request(`${base}/two`)).body.text()).toBe('ok');
      expect(proxy.forwarded).toEqual([`${base}/one`]);
    });
  });
});
