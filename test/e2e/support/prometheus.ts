import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  METRIC_CATALOG,
  prometheusLabelName,
  prometheusMetricName,
  RECORDED_METRIC_CATALOG,
} from '@m365-otel/mappers';
import { onFreePorts, startDaemon } from './daemon.js';
import { installedBinary } from './installed-binary.js';
import { type MetricStore, promQl } from './promql.js';

/** The name a catalog metric is stored under in a Prometheus fed by the Collector's remote write. */
function prometheusName(metric: string): string {
  const definition = [...METRIC_CATALOG, ...RECORDED_METRIC_CATALOG].find(
    (candidate) => candidate.name === metric,
  );
  if (definition === undefined) throw new Error(`${metric} is not a catalog metric`);
  return prometheusMetricName(definition);
}

/** A Prometheus process owned by one test file, fed only through its remote-write receiver. */
export interface Prometheus extends MetricStore {
  /** Where a remote-write client (the Collector's prometheus_remote_write exporter) sends. */
  remoteWriteUrl: string;
  /** Base URL of its HTTP API (`/api/v1/rules`, `/api/v1/alerts`). */
  url: string;
  stop(): Promise<void>;
}

export function prometheusBinary(): string {
  return installedBinary('M365_PROMETHEUS_BIN', 'scripts/install-prometheus.sh');
}

export interface PrometheusOptions {
  /**
   * `storage.tsdb.out_of_order_time_window` (Prometheus 2.53 reads it from the config file): how far behind its
   * newest sample a sample may be and still be stored, which report-date mode's past-dated points need.
   */
  outOfOrderTimeWindow?: string;
  /** `--storage.tsdb.retention.time`: Prometheus' default, 15d, drops the older half of a 28-day backfill. */
  retentionTime?: string;
  /**
   * Rule files to load (`rule_files`, absolute paths), as a deployment loads its alerting rules. Prometheus refuses
   * to start on a file it cannot parse, so `startPrometheus` then rejects with Prometheus' own message.
   */
  ruleFiles?: readonly string[];
  /**
   * `global.evaluation_interval` (default 1m in Prometheus): how often the rules are evaluated; a test sets it to
   * seconds so an alert's state follows the data without waiting a minute.
   */
  evaluationInterval?: string;
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<Prometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'm365-prometheus-'));
  // Nothing to scrape: every sample arrives by remote write.
  const configFile = join(dir, 'prometheus.yml');
  const storage = options.outOfOrderTimeWindow
    ? `storage:\n  tsdb:\n    out_of_order_time_window: ${options.outOfOrderTimeWindow}\n`
    : '';
  const global = options.evaluationInterval
    ? `global:\n  evaluation_interval: ${options.evaluationInterval}\n`
    : '';
  // JSON strings are YAML strings: any path is quoted safely.
  const rules = options.ruleFiles?.length
    ? `rule_files:\n${options.ruleFiles.map((file) => `  - ${JSON.stringify(file)}\n`).join('')}`
    : '';
  await writeFile(configFile, `${global}scrape_configs: []\n${storage}${rules}`);
  const { url, daemon } = await onFreePorts(1, async ([port = 0]) => {
    const url = `http://127.0.0.1:${port}`;
    const daemon = await startDaemon(
      'prometheus',
      prometheusBinary(),
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=${new URL(url).host}`,
        '--web.enable-remote-write-receiver',
        ...(options.retentionTime ? [`--storage.tsdb.retention.time=${options.retentionTime}`] : []),
        '--log.level=error',
      ],
      async () => (await fetch(`${url}/-/ready`)).ok,
    );
    return { url, daemon };
  });
  return {
    name: 'Prometheus',
    remoteWriteUrl: `${url}/api/v1/write`,
    url,
    metricName: prometheusName,
    labelName: prometheusLabelName,
    ...promQl(url),
    async stop() {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
