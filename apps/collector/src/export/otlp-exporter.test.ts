import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
import type { ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OtlpProtocol } from '../config/types.js';
import { LogRecordFactory } from './log-records.js';
import { createOtlpLogExporter, ExportTimeoutError } from './otlp-exporter.js';
import { serviceResource, tenantResource } from './resource.js';
import { exportRequestOutcome } from './retryable.js';
import { DEFAULT_LOG_RECORD_LIMITS } from './settings.js';

/** Every buffer the log serializers lent and got back, in order. */
const ledger = vi.hoisted(() => ({ lent: [] as Uint8Array[], released: [] as Uint8Array[] }));

vi.mock('./protobuf-logs-serializer.js', async (original) => {
  const actual = await original<typeof import('./protobuf-logs-serializer.js')>();
  return {
    ...actual,
    createProtobufLogsSerializer: () => {
      const serializer = actual.createProtobufLogsSerializer();
      return {
        ...serializer,
        serializeRequest: (records: Parameters<typeof serializer.serializeRequest>[0]) => {
          const bytes = serializer.serializeRequest(records);
          if (bytes !== undefined) ledger.lent.push(bytes);
          return bytes;
        },
        release: (bytes: Uint8Array) => {
          ledger.released.push(bytes);
          serializer.release(bytes);
        },
      };
    },
  };
});

const base = serviceResource({}).resource;
if (!base) throw new Error('no resource');
const records = new LogRecordFactory(tenantResource(base, 'tenant-a'), DEFAULT_LOG_RECORD_LIMITS);
const batch = (text: string) => [
  records.record({
    eventName: 'm365.audit.record',
    timestampMs: 1_764_410_565_000,
    observedMs: 1_764_410_600_000,
    severityNumber: 9,
    severityText: 'INFO',
    body: { text },
    attributes: {},
  }),
];

let sink: OtlpSink;
beforeEach(async () => {
  sink = await startOtlpSink();
  ledger.lent.length = 0;
  ledger.released.length = 0;
});
afterEach(async () => {
  await sink.close();
});

const send = (exporter: LogRecordExporter, text: string) =>
  new Promise<ExportResult>((resolve) => exporter.export(batch(text), resolve));

describe('the OTLP log exporter', () => {
  it.each<OtlpProtocol>(['http/protobuf', 'grpc'])(
    'gives each %s request’s buffer back once its export is answered, accepted or refused',
    async (protocol) => {
      const exporter = createOtlpLogExporter({
        url: protocol === 'grpc' ? sink.grpcUrl : `${sink.url}/v1/logs`,
        headers: {},
        timeoutMs: 5_000,
        protocol,
      });
      expect((await send(exporter, 'first')).code).toBe(0);
      sink.failNext(1, 400);
      expect((await send(exporter, 'second')).code).toBe(1);
      expect((await send(exporter, 'third')).code).toBe(0);
      await exporter.shutdown();
      expect(ledger.lent).toHaveLength(3);
      expect(ledger.released).toEqual(ledger.lent);
      // A released buffer serves the next request: every request's bytes reached the backend intact.
      const texts = sink.requests.map((request) => request.body.toString('latin1'));
      expect(texts.filter((text) => text.includes('first'))).toHaveLength(1);
      expect(texts.filter((text) => text.includes('third'))).toHaveLength(1);
    },
  );
});

describe('a backend that answers slowly or not at all', () => {
  /** A backend that takes each request and answers it as `respond` says. */
  async function backend(
    respond: (response: ServerResponse) => void,
  ): Promise<{ url: string; server: Server }> {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => respond(response));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`, server };
  }

  it.each([
    ['never answers', (_response: ServerResponse) => {}, 'Request timed out'],
    [
      'trickles its answer a byte at a time (never idle long enough for the socket timeout)',
      (response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'application/x-protobuf' });
        const timer = setInterval(() => response.write(Buffer.of(0)), 50);
        response.on('close', () => clearInterval(timer));
      },
      'the OTLP backend did not answer within 300 ms (OTEL_EXPORTER_OTLP_TIMEOUT, plus a second)',
    ],
  ])('fails a backend that %s as retryable, within the timeout', async (_name, respond, message) => {
    const { url, server } = await backend(respond);
    try {
      const exporter = createOtlpLogExporter({ url, headers: {}, timeoutMs: 300, protocol: 'http/protobuf' });
      const result = await send(exporter, 'slow');
      expect(result.code).toBe(1);
      expect(exportRequestOutcome(result)).toBe('retryable');
      expect(result.error?.message).toBe(message);
      if (message !== 'Request timed out') expect(result.error).toBeInstanceOf(ExportTimeoutError);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
