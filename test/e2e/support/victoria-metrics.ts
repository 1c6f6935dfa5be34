import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onFreePorts, startDaemon } from './daemon.js';
import { installedBinary } from './installed-binary.js';
import { type MetricStore, promQl } from './promql.js';

export type { PromSample } from './promql.js';

/**
 * A VictoriaMetrics process owned by one test file: real OTLP/HTTP ingest, PromQL out. It keeps OpenTelemetry's
 * dotted names as they are.
 */
export interface VictoriaMetrics extends MetricStore {
  /** Base URL for an OTLP/HTTP exporter: the collector appends /v1/metrics. */
  otlpBaseUrl: string;
  stop(): Promise<void>;
}

function victoriaMetricsBinary(): string {
  return installedBinary('M365_VICTORIA_METRICS_BIN', 'scripts/install-victoria-metrics.sh');
}

export async function startVictoriaMetrics(): Promise<VictoriaMetrics> {
  const dataDir = await mkdtemp(join(tmpdir(), 'm365-vm-'));
  const { url, daemon } = await onFreePorts(1, async ([port = 0]) => {
    const url = `http://127.0.0.1:${port}`;
    const daemon = await startDaemon(
      'victoria-metrics',
      victoriaMetricsBinary(),
      [
        `-storageDataPath=${dataDir}`,
        `-httpListenAddr=${new URL(url).host}`,
        // Fresh samples become queryable at once instead of after the default 30 s.
        '-search.latencyOffset=0s',
        // Tests query right after ingest; a cached empty answer from an earlier query must not be served.
        '-search.disableCache',
        '-loggerLevel=ERROR',
      ],
      async () => (await fetch(`${url}/health`)).ok,
    );
    return { url, daemon };
  });
  return {
    name: 'VictoriaMetrics',
    otlpBaseUrl: `${url}/opentelemetry`,
    metricName: (metric) => metric,
    labelName: (attribute) => attribute,
    ...promQl(url, () => fetch(`${url}/internal/force_flush`)),
    async stop() {
      await daemon.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
