import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceStatusBoard } from './board.js';
import { type HealthServer, serveHealth, startHealthServer } from './server.js';

const A = '11111111-1111-4111-8111-111111111111';
const T0 = Date.parse('2026-11-30T12:00:00Z');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function ask(port: number, method: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, method, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });
}

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(board: SourceStatusBoard, stop = new AbortController().signal, nowMs = () => T0) {
  server = await startHealthServer({ endpoint: '127.0.0.1:0', board, stop, logger: quiet, now: nowMs });
  return server.port;
}

describe('health server', () => {
  it('answers /healthz 200 at once, and /readyz 503 until a tenant holds a token, then 200', async () => {
    const board = new SourceStatusBoard([A], () => T0);
    board.expect(A, 'reports');
    let nowMs = T0;
    const port = await start(board, undefined, () => nowMs);
    nowMs += 1_500;
    const alive = await ask(port, 'GET', '/healthz');
    expect(alive.status).toBe(200);
    expect(alive.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(alive.body)).toEqual({ status: 'alive', uptimeSeconds: 1.5 });

    const before = await ask(port, 'GET', '/readyz');
    expect(before.status).toBe(503);
    expect(JSON.parse(before.body)).toEqual({
      status: 'not ready',
      checks: { config: 'ok', authenticated: 'no tenant has acquired a token yet', stateStore: 'ok' },
      tenants: [{ tenantId: A, token: 'not yet', sources: [{ source: 'reports', status: 'no data yet' }] }],
    });

    board.record(A, 'reports', { kind: 'succeeded' });
    const after = await ask(port, 'GET', '/readyz');
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body)).toMatchObject({
      status: 'ready',
      tenants: [{ token: 'acquired', sources: [{ source: 'reports', status: 'ok' }] }],
    });
  });

  it('answers HEAD with the headers alone', async () => {
    const port = await start(new SourceStatusBoard([A]));
    const head = await ask(port, 'HEAD', '/readyz');
    expect(head.status).toBe(503);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])(
    'refuses %s with 405 and the methods it allows',
    async (method) => {
      const port = await start(new SourceStatusBoard([A]));
      const answer = await ask(port, method, '/healthz');
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    },
  );

  it.each(['/', '/metrics', '/healthz/', '/readyz/../healthz', '/HEALTHZ', '//healthz'])(
    'answers 404 for %s',
    async (path) => {
      const port = await start(new SourceStatusBoard([A]));
      expect((await ask(port, 'GET', path)).status).toBe(404);
    },
  );

  it('ignores a query string', async () => {
    const port = await start(new SourceStatusBoard([A]));
    expect((await ask(port, 'GET', '/healthz?verbose=1')).status).toBe(200);
  });

  it('answers /readyz 503 once shutdown began, ready or not', async () => {
    const board = new SourceStatusBoard([A]);
    board.record(A, 'service-health', { kind: 'succeeded' });
    const stop = new AbortController();
    const port = await start(board, stop.signal);
    expect((await ask(port, 'GET', '/readyz')).status).toBe(200);
    stop.abort();
    const answer = await ask(port, 'GET', '/readyz');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body).status).toBe('stopping');
    expect((await ask(port, 'GET', '/healthz')).status).toBe(200);
  });

  it('stops listening when closed, open connections included', async () => {
    const port = await start(new SourceStatusBoard([A]));
    await ask(port, 'GET', '/healthz');
    await server?.close();
    server = undefined;
    await expect(ask(port, 'GET', '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('is off unless enabled, and reports a port it cannot take instead of throwing', async () => {
    const board = new SourceStatusBoard([A]);
    const errors: Array<Record<string, unknown> | undefined> = [];
    const logger = {
      ...quiet,
      error: (_msg: string, fields?: Record<string, unknown>) => errors.push(fields),
    };
    const context = { stop: new AbortController().signal, logger };
    expect(await serveHealth({ enabled: false, endpoint: '127.0.0.1:0' }, board, context)).toBeUndefined();
    const port = await start(board);
    expect(await serveHealth({ enabled: true, endpoint: `127.0.0.1:${port}` }, board, context)).toBe(
      'failed',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]?.endpoint).toBe(`127.0.0.1:${port}`);
  });
});
