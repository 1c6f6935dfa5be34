import {
  type handleUnaryCall,
  Server,
  ServerCredentials,
  type ServiceDefinition,
  status,
} from '@grpc/grpc-js';
import type { CapturedRequest, Verdict } from './request.js';

/** The key and certificate (PEM) a TLS listener presents. */
export interface GrpcTls {
  keyPem: string;
  certPem: string;
}

export interface GrpcListener {
  url: string;
  close(): Promise<void>;
}

/** opentelemetry-proto's Export services, each under the OTLP/HTTP path of its signal. */
const SERVICES = {
  '/v1/metrics': '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
  '/v1/logs': '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
} as const;

/**
 * The gRPC status a refusal stands for: OTLP's INVALID_ARGUMENT for a request that cannot be processed, otherwise
 * gRPC's own mapping of HTTP statuses (429 as RESOURCE_EXHAUSTED, which OTLP uses for throttling).
 */
const GRPC_STATUS_OF_HTTP: Readonly<Record<number, status>> = {
  400: status.INVALID_ARGUMENT,
  401: status.UNAUTHENTICATED,
  403: status.PERMISSION_DENIED,
  404: status.UNIMPLEMENTED,
  429: status.RESOURCE_EXHAUSTED,
  502: status.UNAVAILABLE,
  503: status.UNAVAILABLE,
  504: status.UNAVAILABLE,
};

const unchanged = (bytes: Buffer): Buffer => bytes;

/**
 * An OTLP/gRPC server on loopback: the metrics and logs Export services with the messages left as bytes, so the
 * sink's protobuf decoder (generated from the official definitions) reads them exactly as it reads OTLP/HTTP
 * bodies. grpc-js undoes the message compression; `receive` decides and records, as for HTTP.
 */
export async function startGrpcListener(
  receive: (captured: CapturedRequest, read: () => Uint8Array) => Verdict,
  tls: GrpcTls | undefined,
): Promise<GrpcListener> {
  const server = new Server();
  for (const [path, method] of Object.entries(SERVICES)) {
    const definition: ServiceDefinition = {
      Export: {
        path: method,
        requestStream: false,
        responseStream: false,
        requestSerialize: unchanged,
        requestDeserialize: unchanged,
        responseSerialize: unchanged,
        responseDeserialize: unchanged,
      },
    };
    const exportCall: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
      const headers = Object.fromEntries(
        Object.entries(call.metadata.getMap()).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : value.toString('base64'),
        ]),
      );
      const captured: CapturedRequest = {
        path,
        transport: 'grpc',
        headers,
        body: call.request,
        contentType: 'application/grpc',
        encoding: 'protobuf',
        status: 0,
        records: 0,
      };
      const verdict = receive(captured, () => call.request);
      if (verdict.status === 200) {
        callback(null, Buffer.from(verdict.body as Uint8Array));
        return;
      }
      callback({
        code: GRPC_STATUS_OF_HTTP[verdict.status] ?? status.INTERNAL,
        details: String(verdict.body),
      });
    };
    server.addService(definition, { Export: exportCall });
  }
  const credentials = tls
    ? ServerCredentials.createSsl(
        null,
        [{ private_key: Buffer.from(tls.keyPem), cert_chain: Buffer.from(tls.certPem) }],
        false,
      )
    : ServerCredentials.createInsecure();
  // TLS clients check the name they dialled: the test certificates name localhost (an IP there is deprecated).
  const host = tls ? 'localhost' : '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:0`, credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    close: async () => {
      server.forceShutdown();
    },
  };
}
