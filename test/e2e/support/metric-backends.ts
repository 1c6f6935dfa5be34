import { type OtelCollector, startCollector } from './otelcol.js';
import { type Prometheus, type PrometheusOptions, startPrometheus } from './prometheus.js';
import { startVictoriaMetrics, type VictoriaMetrics } from './victoria-metrics.js';

/** The metric backends of the end-to-end tests, and the real OpenTelemetry Collector that feeds both. */
export interface MetricBackends {
  /** Takes OTLP, from the Collector or from the collector CLI directly. */
  vm: VictoriaMetrics;
  /** Written to by the Collector's remote-write exporter. */
  prometheus: Prometheus;
  /** Sends the metrics it receives to VictoriaMetrics (OTLP) and Prometheus (remote write). */
  otelcol: OtelCollector;
  stop(): Promise<void>;
}

/** Starts VictoriaMetrics and Prometheus (with `prometheusOptions`), then the Collector in front of both. */
export async function startMetricBackends(
  prometheusOptions: PrometheusOptions = {},
): Promise<MetricBackends> {
  const [vm, prometheus] = await Promise.all([startVictoriaMetrics(), startPrometheus(prometheusOptions)]);
  let otelcol: OtelCollector;
  try {
    otelcol = await startCollector({
      metricsOtlpBaseUrl: vm.otlpBaseUrl,
      prometheusWriteUrl: prometheus.remoteWriteUrl,
    });
  } catch (error) {
    await Promise.all([vm.stop(), prometheus.stop()]);
    throw error;
  }
  return {
    vm,
    prometheus,
    otelcol,
    stop: async () => {
      await Promise.all([vm.stop(), prometheus.stop(), otelcol.stop()]);
    },
  };
}
