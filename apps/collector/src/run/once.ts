import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { Logger } from '../logging/logger.js';
import { type CollectorRuns, type CycleOutcome, tenantCycles } from './cycles.js';
import { cycleSignal } from './deadline.js';

/**
 * One full cycle of every enabled source of every tenant (reports, service health, governance, call quality and
 * every audit stream, all side by side, each tenant's sources under their own deadlines), then one metrics export
 * whose result is awaited. True only when every report of every tenant was read, every service-health poll
 * succeeded (its events acknowledged and committed), every governance signal of every tenant was polled, every
 * tenant's call records were read, every audit stream delivered all that was listed and committed it, and the
 * backend acknowledged every metrics batch; a `stop` signal aborts in-flight downloads (they count as failures; an
 * audit stream ends after its acknowledged batch), and so does the end of each deadline. The failed sources are
 * logged with their tenant.
 */
export async function runOnce(
  collector: CollectorRuns,
  exporter: PushMetricExporter,
  logger: Logger,
  stop: AbortSignal,
): Promise<boolean> {
  const outcomes: CycleOutcome[] = await Promise.all(
    tenantCycles(collector).map(({ cycle }) => {
      const run = cycleSignal(stop, cycle.name, cycle.deadlineMs);
      return cycle.run(run.signal).finally(run.dispose);
    }),
  );
  const failed = outcomes.flatMap((outcome) => outcome.failed);
  const exported = await collector.export(exporter);
  if (!exported.ok) logger.error('export not acknowledged by the OTLP backend', { errors: exported.errors });
  const ok = failed.length === 0 && exported.ok;
  const sum = (count: (outcome: CycleOutcome) => number | undefined) =>
    outcomes.reduce((total, outcome) => total + (count(outcome) ?? 0), 0);
  const callRecords = outcomes.some((outcome) => outcome.callRecords !== undefined);
  const audit = outcomes.some((outcome) => outcome.audit !== undefined);
  logger[ok ? 'info' : 'error']('cycle finished', {
    sources: sum((outcome) => outcome.sources),
    failedSources: failed,
    events: sum((outcome) => outcome.events),
    ...(callRecords && { callRecords: sum((outcome) => outcome.callRecords) }),
    ...(audit && {
      auditRecords: sum((outcome) => outcome.audit?.records),
      auditDuplicates: sum((outcome) => outcome.audit?.duplicates),
    }),
    exportAcknowledged: exported.ok,
  });
  return ok;
}
