import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { listening, otelcolBinary } from '@m365-otel/otelcol';
import { decodeExportLogsRequest, type ReceivedLogRecord } from '@m365-otel/otlp-sink';
import { onFreePorts, startDaemon } from './daemon.js';

/** Where the Collector sends what it receives. */
export interface CollectorRoutes {
  /**
   * An OTLP/HTTP base URL for metrics (the `otlp_http` exporter appends /v1/metrics): VictoriaMetrics'. Without it,
   * metrics go to the `debug` exporter, so a test about log records needs no metrics backend.
   */
  metricsOtlpBaseUrl?: string;
  /** A Prometheus remote-write URL; with it, metrics go there too (`prometheus_remote_write`). */
  prometheusWriteUrl?: string;
}

/**
 * The OTLP receiver guarded the way a gateway Collector is: TLS on both protocols with this server certificate, and
 * every request must carry `Authorization: Bearer <bearerToken>` (the `bearertokenauth` extension).
 */
export interface ReceiverGuard {
  serverCertPem: string;
  serverKeyPem: string;
  bearerToken: string;
}

export interface CollectorSetup extends CollectorRoutes {
  /** Without it the receiver is plaintext and open. */
  guard?: ReceiverGuard;
}

export interface CollectorConfigOptions extends CollectorSetup {
  httpPort: number;
  grpcPort: number;
  /** Log records go here, one OTLP/JSON ExportLogsServiceRequest per line (the `file` exporter). */
  logsFile: string;
}

// Short enough that a run's data is written moments after the Collector acknowledged it.
const BATCH_TIMEOUT = '100ms';
/** Longer than a batch and a file flush: after it, everything received earlier has been written. */
const FLUSH_WAIT_MS = 500;

const AUTHENTICATOR = 'bearertokenauth';

/**
 * The config the end-to-end tests run the Collector with (JSON, which is YAML): OTLP in over HTTP and gRPC on
 * loopback (guarded by TLS and a bearer token when asked), batched, metrics out over OTLP/HTTP protobuf (and
 * remote write) or to the `debug` exporter, logs into a file.
 */
export function collectorConfig(options: CollectorConfigOptions): Record<string, unknown> {
  const metricsExporters = [
    options.metricsOtlpBaseUrl ? 'otlp_http' : 'debug',
    ...(options.prometheusWriteUrl ? ['prometheus_remote_write'] : []),
  ];
  const { guard } = options;
  const listener = (port: number) => ({
    endpoint: `127.0.0.1:${port}`,
    ...(guard && {
      tls: { cert_pem: guard.serverCertPem, key_pem: guard.serverKeyPem },
      auth: { authenticator: AUTHENTICATOR },
    }),
  });
  return {
    ...(guard && { extensions: { [AUTHENTICATOR]: { token: guard.bearerToken } } }),
    receivers: {
      otlp: { protocols: { grpc: listener(options.grpcPort), http: listener(options.httpPort) } },
    },
    processors: { batch: { timeout: BATCH_TIMEOUT } },
    exporters: {
      ...(options.metricsOtlpBaseUrl
        ? { otlp_http: { endpoint: options.metricsOtlpBaseUrl, encoding: 'proto' } }
        : { debug: { verbosity: 'basic' } }),
      file: { path: options.logsFile, format: 'json', flush_interval: BATCH_TIMEOUT },
      ...(options.prometheusWriteUrl && {
        prometheus_remote_write: {
          endpoint: options.prometheusWriteUrl,
          // The tenant is a resource attribute; without this it would reach Prometheus only in target_info.
          resource_constant_labels: { included: ['m365.tenant.id'] },
        },
      }),
    },
    service: {
      ...(guard && { extensions: [AUTHENTICATOR] }),
      // No self-monitoring endpoint: it would claim a fixed port (8888) that parallel test files share.
      telemetry: { metrics: { level: 'none' } },
      pipelines: {
        metrics: { receivers: ['otlp'], processors: ['batch'], exporters: metricsExporters },
        logs: { receivers: ['otlp'], processors: ['batch'], exporters: ['file'] },
      },
    },
  };
}

/** A real OpenTelemetry Collector (the one scripts/build-otelcol.sh builds), owned by one test file. */
export interface OtelCollector {
  /** Base URL of its OTLP/HTTP receiver (https when guarded): an exporter appends /v1/metrics or /v1/logs. */
  otlpHttpUrl: string;
  /** host:port of its OTLP/gRPC receiver. */
  otlpGrpcEndpoint: string;
  /** The log records the file exporter wrote since the last call, as the Collector encoded them. */
  takeLogRecords(): Promise<ReceivedLogRecord[]>;
  /**
   * Waits until at least `count` new log records are written (15 s at most), then a little longer so that
   * records beyond them are not missed, and takes them all.
   */
  waitForLogRecords(count: number): Promise<ReceivedLogRecord[]>;
  /** Everything the Collector logged so far, for failure messages. */
  stderr(): string;
  stop(): Promise<void>;
}

export async function startCollector(setup: CollectorSetup): Promise<OtelCollector> {
  const dir = await mkdtemp(join(tmpdir(), 'm365-otelcol-'));
  const logsFile = join(dir, 'logs.json');
  const configFile = join(dir, 'config.yaml');
  const { httpPort, grpcPort, daemon } = await onFreePorts(2, async ([httpPort = 0, grpcPort = 0]) => {
    await writeFile(
      configFile,
      JSON.stringify(collectorConfig({ ...setup, httpPort, grpcPort, logsFile }), null, 2),
    );
    const daemon = await startDaemon(
      'the OpenTelemetry Collector',
      otelcolBinary(),
      [`--config=${configFile}`],
      async () => (await listening(httpPort)) && (await listening(grpcPort)),
    );
    return { httpPort, grpcPort, daemon };
  });
  let linesTaken = 0;
  const collector: OtelCollector = {
    otlpHttpUrl: `${setup.guard ? 'https' : 'http'}://127.0.0.1:${httpPort}`,
    otlpGrpcEndpoint: `127.0.0.1:${grpcPort}`,
    async takeLogRecords() {
      const text = await readFile(logsFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      // Only whole lines: the exporter may be half-way through writing the last one.
      const lines = text.split('\n').slice(0, -1);
      const fresh = lines.slice(linesTaken);
      linesTaken = lines.length;
      return fresh.flatMap((line) => decodeExportLogsRequest(new TextEncoder().encode(line), 'json'));
    },
    async waitForLogRecords(count) {
      const records: ReceivedLogRecord[] = [];
      const deadline = Date.now() + 15_000;
      while (records.length < count && Date.now() < deadline) {
        await sleep(100);
        records.push(...(await collector.takeLogRecords()));
      }
      await sleep(FLUSH_WAIT_MS);
      records.push(...(await collector.takeLogRecords()));
      return records;
    },
    stderr: daemon.stderr,
    async stop() {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return collector;
}
