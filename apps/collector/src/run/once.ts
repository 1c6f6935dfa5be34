import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { AuditStream } from '../audit/stream.js';
import type { Collector } from '../collector.js';
import type { Logger } from '../logging/logger.js';
import { cycleSignal } from './deadline.js';

/** What a run mode needs from the collector (a narrow type, so the scheduling can be tested on its own). */
export type CollectorRuns = Pick<
  Collector,
  'collect' | 'pollServiceHealth' | 'pollGovernance' | 'pollCallQuality' | 'export' | 'deadlines'
> & {
  readonly auditStreams: readonly AuditStreamRun[];
};

/** One audit stream, as the run modes schedule it. */
export type AuditStreamRun = Pick<AuditStream, 'name' | 'poll'>;

/**
 * One full cycle of every enabled source (reports, service health, governance, call quality and every audit stream,
 * side by side), then one metrics export whose result is awaited. True only when every report of every tenant was
 * read, every service-health poll succeeded (its events acknowledged and committed), every governance signal of
 * every tenant was polled, every tenant's call records were read, every audit stream delivered all that was listed
 * and committed it, and the backend acknowledged every metrics batch; a `stop` signal aborts in-flight downloads
 * (they count as failures; an audit stream ends after its acknowledged batch), and so does the end of each deadline.
 */
export async function runOnce(
  collector: CollectorRuns,
  exporter: PushMetricExporter,
  logger: Logger,
  stop: AbortSignal,
): Promise<boolean> {
  const reportsRun = cycleSignal(stop, 'report cycle', collector.deadlines.reportsMs);
  const serviceHealthRun = cycleSignal(stop, 'service-health poll', collector.deadlines.serviceHealthMs);
  const auditRun = cycleSignal(stop, 'audit poll', collector.deadlines.auditMs);
  const governanceRun = cycleSignal(stop, 'governance poll', collector.deadlines.governanceMs);
  const callQualityRun = cycleSignal(stop, 'call-quality poll', collector.deadlines.callQualityMs);
  const [reports, serviceHealth, audit, governance, callQuality] = await Promise.all([
    collector.collect(reportsRun.signal).finally(reportsRun.dispose),
    collector.pollServiceHealth(serviceHealthRun.signal).finally(serviceHealthRun.dispose),
    Promise.all(collector.auditStreams.map((stream) => stream.poll(auditRun.signal))).finally(
      auditRun.dispose,
    ),
    collector.pollGovernance(governanceRun.signal).finally(governanceRun.dispose),
    collector.pollCallQuality(callQualityRun.signal).finally(callQualityRun.dispose),
  ]);
  const failed = [
    ...reports.filter((result) => !result.ok).map(({ tenantId, report }) => ({ tenantId, source: report })),
    ...serviceHealth
      .filter((result) => !result.ok)
      .map(({ tenantId }) => ({ tenantId, source: 'service-health' })),
    ...audit
      .filter((result) => !result.ok)
      .map(({ tenantId, contentType, status }) => ({ tenantId, source: `audit ${contentType}`, status })),
    ...governance
      .filter((result) => !result.ok)
      .map(({ tenantId, signal }) => ({ tenantId, source: `governance ${signal}` })),
    ...callQuality
      .filter((result) => !result.ok)
      .map(({ tenantId }) => ({ tenantId, source: 'call-quality' })),
  ];
  const exported = await collector.export(exporter);
  if (!exported.ok) logger.error('export not acknowledged by the OTLP backend', { errors: exported.errors });
  const ok = failed.length === 0 && exported.ok;
  logger[ok ? 'info' : 'error']('cycle finished', {
    sources: reports.length + serviceHealth.length + audit.length + governance.length + callQuality.length,
    failedSources: failed,
    events:
      serviceHealth.reduce((sum, result) => sum + result.events.length, 0) +
      governance.reduce((sum, result) => sum + result.events, 0),
    ...(callQuality.length > 0 && {
      callRecords: callQuality.reduce((sum, result) => sum + result.records, 0),
    }),
    ...(audit.length > 0 && {
      auditRecords: audit.reduce((sum, result) => sum + result.records, 0),
      auditDuplicates: audit.reduce((sum, result) => sum + result.duplicates, 0),
    }),
    exportAcknowledged: exported.ok,
  });
  return ok;
}
