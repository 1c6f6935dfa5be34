import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { Collector } from '../collector.js';
import type { Logger } from '../logging/logger.js';

/** What a run mode needs from the collector (a narrow type, so the scheduling can be tested on its own). */
export type CollectorRuns = Pick<Collector, 'collect' | 'export'>;

/**
 * One full cycle, then one export whose result is awaited. True only when every report of every tenant was read
 * and the backend acknowledged every batch; a `stop` signal aborts in-flight downloads (they count as failures).
 */
export async function runOnce(
  collector: CollectorRuns,
  exporter: PushMetricExporter,
  logger: Logger,
  stop: AbortSignal,
): Promise<boolean> {
  const results = await collector.collect(stop);
  const failed = results.filter((result) => !result.ok).map(({ tenantId, report }) => ({ tenantId, report }));
  const exported = await collector.export(exporter);
  if (!exported.ok) logger.error('export not acknowledged by the OTLP backend', { errors: exported.errors });
  const ok = failed.length === 0 && exported.ok;
  logger[ok ? 'info' : 'error']('cycle finished', {
    sources: results.length,
    failedSources: failed,
    exportAcknowledged: exported.ok,
  });
  return ok;
}
