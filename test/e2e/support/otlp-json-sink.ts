import { createServer, type Server } from 'node:http';

/** One data point as it arrived over OTLP/HTTP JSON, with its resource's attributes beside it. */
export interface ReceivedPoint {
  metric: string;
  unit: string;
  resource: Record<string, string>;
  attributes: Record<string, string>;
  value: number;
  timeUnixNano: string;
}

interface OtlpKeyValue {
  key: string;
  value: { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean };
}
interface OtlpNumberPoint {
  attributes?: OtlpKeyValue[];
  asInt?: string | number;
  asDouble?: number;
  timeUnixNano: string;
}
interface OtlpMetricsRequest {
  resourceMetrics: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeMetrics: Array<{
      metrics: Array<{ name: string; unit?: string; gauge?: { dataPoints: OtlpNumberPoint[] } }>;
    }>;
  }>;
}

function attributesOf(list: OtlpKeyValue[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, value } of list ?? []) {
    out[key] = String(value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue);
  }
  return out;
}

/**
 * A real OTLP/HTTP receiver for the JSON encoding (VictoriaMetrics 1.112 ingests OTLP as protobuf only), decoding
 * exactly what the exporter sent: content type, path and body shape are checked, not assumed.
 */
export class OtlpJsonSink {
  readonly points: ReceivedPoint[] = [];
  readonly contentTypes: string[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.contentTypes.push(String(request.headers['content-type']));
        if (request.method !== 'POST' || request.url !== '/v1/metrics') {
          response.writeHead(404).end();
          return;
        }
        try {
          this.ingest(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpMetricsRequest);
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } catch (error) {
          response.writeHead(400).end(String(error));
        }
      });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('sink has no port');
    return `http://127.0.0.1:${address.port}`;
  }

  pointsOf(metric: string): ReceivedPoint[] {
    return this.points.filter((p) => p.metric === metric);
  }

  async stop(): Promise<void> {
    await new Promise((done) => this.server?.close(done));
  }

  private ingest(body: OtlpMetricsRequest): void {
    for (const rm of body.resourceMetrics) {
      const resource = attributesOf(rm.resource?.attributes);
      for (const sm of rm.scopeMetrics) {
        for (const metric of sm.metrics) {
          for (const point of metric.gauge?.dataPoints ?? []) {
            this.points.push({
              metric: metric.name,
              unit: metric.unit ?? '',
              resource,
              attributes: attributesOf(point.attributes),
              value: Number(point.asInt ?? point.asDouble),
              timeUnixNano: point.timeUnixNano,
            });
          }
        }
      }
    }
  }
}
