import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A deliberately plain HTTPS client for the simulator's tests: no redirects, no keep-alive (so a reset fault only
 * affects its own request), the run's CA trusted, and the raw bytes of the body.
 */
export class TestClient {
  readonly #ca: string;

  private constructor(ca: string) {
    this.#ca = ca;
  }

  static async forCa(caFile: string): Promise<TestClient> {
    return new TestClient(await readFile(caFile, 'utf8'));
  }

  get ca(): string {
    return this.#ca;
  }

  request(url: string, init: RawRequest = {}): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        { method: init.method ?? 'GET', headers: init.headers, ca: this.#ca, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
          res.on('aborted', () => reject(new Error('response aborted')));
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  }

  /** Requests a body, reads its first chunk, then stops reading (the client side of backpressure). */
  pauseAfterFirstChunk(url: string, headers: Record<string, string> = {}): Promise<PausedResponse> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { ca: this.#ca, agent: false, headers }, (res) => {
        res.once('data', () => {
          res.pause();
          resolve({ destroy: () => req.destroy() });
        });
        res.on('error', () => {});
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** Reads a body until it ends or `maxBytes` have come, then drops the connection. */
  readAtMost(url: string, maxBytes: number, headers: Record<string, string> = {}): Promise<BodyStart> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { ca: this.#ca, agent: false, headers }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (ended: boolean) =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks), ended });
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size < maxBytes) return;
          req.destroy();
          done(false);
        });
        res.on('end', () => done(true));
        res.on('error', () => {});
      });
      req.on('error', (error) => {
        if (!req.destroyed) reject(error);
      });
      req.end();
    });
  }

  /** Streams a body through `onChunk` without keeping it. */
  consume(
    url: string,
    onChunk: (chunk: Buffer) => void,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { ca: this.#ca, agent: false, headers }, (res) => {
        res.on('data', onChunk);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
      });
      req.on('error', reject);
      req.end();
    });
  }
}

/** The start of a body read by `readAtMost`: whether the body ended before the limit. */
export interface BodyStart {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
  ended: boolean;
}
/** A response whose body stopped being read after its first chunk; `destroy()` drops the connection. */
export interface PausedResponse {
  destroy(): void;
}

export function form(fields: Record<string, string>): RawRequest {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

export function json(body: RawResponse): Record<string, unknown> {
  return JSON.parse(body.body.toString('utf8')) as Record<string, unknown>;
}
