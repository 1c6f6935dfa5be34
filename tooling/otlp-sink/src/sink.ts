import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { type Encoding, partialSuccessResponse } from './generated.js';
import { type GrpcListener, type GrpcTls, startGrpcListener } from './grpc.js';
import { decodeExportLogsRequest, type ReceivedLogRecord } from './logs.js';
import { decodeExportMetricsRequest } from './metrics.js';
import type { CapturedRequest, Verdict } from './request.js';

export interface OtlpSink {
  /** Base URL (http://127.0.0.1:PORT), as a user would configure it; signals go to /v1/metrics and /v1/logs. */
  url: string;
  /**
   * The OTLP/gRPC endpoint (http://127.0.0.1:PORT, or https://localhost:PORT when started with grpcTls), serving
   * the metrics and logs Export services. Its requests are recorded under the signal's HTTP path (/v1/metrics,
   * /v1/logs), and every setting below applies to both transports.
   */
  grpcUrl: string;
  /** Every request, in arrival order, refused ones included. */
  requests: CapturedRequest[];
  /** Every log record accepted so far, strictly decoded, in arrival order. */
  logRecords: ReceivedLogRecord[];
  /** The log records accepted since the previous call. */
  take(): ReceivedLogRecord[];
  /** The status the next requests are answered with (default 200); with a path, only requests to that path. */
  respondWith(status: number, path?: string): void;
  /** Answers the next `count` requests with `status` (default 500), before what respondWith set. */
  failNext(count: number, status?: number): void;
  /**
   * Accepts the requests to `path` but answers with an OTLP partial success rejecting `rejected` items with
   * `message`, in the request's encoding, until respondWith is called for that path (or for all).
   */
  respondWithPartialSuccess(path: '/v1/metrics' | '/v1/logs', rejected: number, message: string): void;
  close(): Promise<void>;
}

export interface OtlpSinkOptions {
  /** Serve gRPC over TLS with this key and certificate (for example the test PKI's server pair). */
  grpcTls?: GrpcTls;
}

const SIGNAL_PATHS = new Set(['/v1/metrics', '/v1/logs']);
const ENCODINGS: Readonly<Record<string, Encoding>> = {
  'application/x-protobuf': 'protobuf',
  'application/json': 'json',
};

/**
 * A real OTLP/HTTP receiver on loopback for tests: POST /v1/metrics and /v1/logs in `application/x-protobuf`
 * (decoded with the official definitions) or `application/json` (OTLP/JSON mapping: hex trace ids, 64-bit integers
 * as strings or numbers, enums as integers), optionally gzip-compressed. It records every request; what it cannot
 * decode is answered 400 and kept out of `logRecords`, so a malformed export fails the test instead of being
 * half-read. Refused requests (by `respondWith` or `failNext`) are recorded but not accepted. Beside it, an OTLP/gRPC
 * listener (see grpc.ts) takes the same requests through the Export services and answers by the same rules.
 */
export async function startOtlpSink(options: OtlpSinkOptions = {}): Promise<OtlpSink> {
  const requests: CapturedRequest[] = [];
  const logRecords: ReceivedLogRecord[] = [];
  let taken = 0;
  let defaultStatus = 200;
  const statusByPath = new Map<string, number>();
  const failures: number[] = [];
  const partialSuccessByPath = new Map<string, { rejected: number; message: string }>();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = request.url ?? '';
    const contentType = (String(request.headers['content-type'] ?? '').split(';')[0] ?? '')
      .trim()
      .toLowerCase();
    const encoding = ENCODINGS[contentType];
    const captured: CapturedRequest = {
      path,
      transport: 'http',
      headers: request.headers,
      body: Buffer.concat(chunks),
      contentType,
      encoding,
      status: 0,
      records: 0,
    };
    requests.push(captured);
    const answer = (status: number, headers: Record<string, string>, body: Uint8Array | string): void => {
      captured.status = status;
      response.writeHead(status, headers).end(body);
    };
    if (!SIGNAL_PATHS.has(path)) return answer(404, {}, `no OTLP endpoint at ${path}`);
    if (request.method !== 'POST') return answer(405, { allow: 'POST' }, 'POST only');
    if (encoding === undefined) return answer(415, {}, `unsupported content type ${contentType}`);

    const verdict = receive(captured, () => {
      const contentEncoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (contentEncoding === 'gzip') return gunzipSync(captured.body);
      if (contentEncoding !== 'identity') throw new Error(`unsupported content-encoding ${contentEncoding}`);
      return captured.body;
    });
    return answer(verdict.status, { 'content-type': verdict.contentType }, verdict.body);
  };

  /**
   * Decides and records one export request of either transport: refused by the test's settings, refused as
   * undecodable (400), or accepted (an Export*ServiceResponse, carrying a partial success when told to).
   * `read` gives the body as the transport delivered it, decompressed.
   */
  const receive = (captured: CapturedRequest, read: () => Uint8Array): Verdict => {
    const { path } = captured;
    const encoding = captured.encoding ?? 'protobuf';
    const refusal = failures.shift() ?? statusByPath.get(path) ?? defaultStatus;
    captured.status = refusal;
    if (refusal !== 200) {
      return { status: refusal, contentType: 'application/json', body: '{"message":"rejected by the test"}' };
    }
    try {
      const bytes = read();
      if (path === '/v1/logs') {
        const records = decodeExportLogsRequest(bytes, encoding);
        logRecords.push(...records);
        captured.records = records.length;
      } else {
        captured.records = decodeExportMetricsRequest(bytes, encoding).length;
      }
    } catch (error) {
      captured.status = 400;
      return { status: 400, contentType: 'text/plain', body: `cannot decode: ${(error as Error).message}` };
    }
    const contentType = captured.contentType;
    const partial = partialSuccessByPath.get(path);
    if (partial) {
      const signal = path === '/v1/logs' ? 'logs' : 'metrics';
      return {
        status: 200,
        contentType,
        body: partialSuccessResponse(signal, partial.rejected, partial.message, encoding),
      };
    }
    // An Export*ServiceResponse with no partial_success: zero bytes in protobuf, {} in JSON.
    return { status: 200, contentType, body: encoding === 'protobuf' ? new Uint8Array() : '{}' };
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const grpc: GrpcListener = await startGrpcListener((captured, bytes) => {
    requests.push(captured);
    return receive(captured, bytes);
  }, options.grpcTls);
  return {
    url: `http://127.0.0.1:${port}`,
    grpcUrl: grpc.url,
    requests,
    logRecords,
    take() {
      const fresh = logRecords.slice(taken);
      taken = logRecords.length;
      return fresh;
    },
    respondWith: (next, path) => {
      if (path === undefined) {
        defaultStatus = next;
        statusByPath.clear();
        partialSuccessByPath.clear();
      } else {
        statusByPath.set(path, next);
        partialSuccessByPath.delete(path);
      }
    },
    respondWithPartialSuccess: (path, rejected, message) => {
      partialSuccessByPath.set(path, { rejected, message });
    },
    failNext: (count, status = 500) => {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    close: async () => {
      await Promise.all([
        grpc.close(),
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
      ]);
    },
  };
}
