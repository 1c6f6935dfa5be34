import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface OtlpSink {
  /** Base URL (http://127.0.0.1:PORT), as a user would configure it. */
  url: string;
  requests: CapturedRequest[];
  /** The status the next requests are answered with (default 200). */
  respondWith(status: number): void;
  close(): Promise<void>;
}

/** A local OTLP/HTTP receiver that records every request, for tests. */
export async function startOtlpSink(): Promise<OtlpSink> {
  const requests: CapturedRequest[] = [];
  let status = 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      response
        .writeHead(status, { 'content-type': 'application/json' })
        .end(status === 200 ? '{}' : '{"message":"rejected"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (next) => {
      status = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface DecodedPoint {
  resource: Record<string, string>;
  metric: string;
  unit: string;
  kind: 'gauge' | 'sum';
  attributes: Record<string, string>;
  value: number;
  timeUnixNano: string;
  startTimeUnixNano: string;
}

interface JsonAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}
interface JsonPoint {
  attributes?: JsonAttribute[];
  asInt?: string | number;
  asDouble?: number;
  timeUnixNano: string;
  startTimeUnixNano: string;
}
interface JsonMetric {
  name: string;
  unit?: string;
  gauge?: { dataPoints: JsonPoint[] };
  sum?: { dataPoints: JsonPoint[] };
}
interface JsonExport {
  resourceMetrics: { resource: { attributes: JsonAttribute[] }; scopeMetrics: { metrics: JsonMetric[] }[] }[];
}

/** Flattens OTLP/JSON export bodies (the http/json protocol) into one row per data point. */
export function decodeJsonExports(requests: readonly CapturedRequest[]): DecodedPoint[] {
  const points: DecodedPoint[] = [];
  for (const request of requests) {
    const body = JSON.parse(request.body.toString('utf8')) as JsonExport;
    for (const resourceMetrics of body.resourceMetrics) {
      const resource = attributesOf(resourceMetrics.resource.attributes);
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          const kind = metric.gauge ? 'gauge' : 'sum';
          for (const point of (metric.gauge ?? metric.sum)?.dataPoints ?? []) {
            points.push({
              resource,
              metric: metric.name,
              unit: metric.unit ?? '',
              kind,
              attributes: attributesOf(point.attributes ?? []),
              value: point.asInt !== undefined ? Number(point.asInt) : (point.asDouble ?? Number.NaN),
              timeUnixNano: point.timeUnixNano,
              startTimeUnixNano: point.startTimeUnixNano,
            });
          }
        }
      }
    }
  }
  return points;
}

function attributesOf(attributes: readonly JsonAttribute[]): Record<string, string> {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      String(value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue),
    ]),
  );
}
