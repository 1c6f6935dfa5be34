import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { CONFIGURATION_RETRY_MS } from '../audit/failures.js';
import type { Logger } from '../logging/logger.js';
import { cycleSignal } from './deadline.js';
import type { CollectorRuns } from './once.js';
import { sleep } from './sleep.js';

export interface ServiceOptions {
  collector: CollectorRuns;
  exporter: PushMetricExporter;
  logger: Logger;
  /** reports.interval: time from the end of one cycle to the start of the next. */
  cycleIntervalMs: number;
  /** serviceHealth.interval, likewise between polls; undefined when service health is disabled. */
  serviceHealthIntervalMs: number | undefined;
  /** governance.interval; absent when governance is disabled. */
  governanceIntervalMs?: number | undefined;
  /** callQuality.interval; absent when call quality is disabled. */
  callQualityIntervalMs?: number | undefined;
  /** OTEL_METRIC_EXPORT_INTERVAL: how often the current snapshots are re-exported between cycles. */
  exportIntervalMs: number;
  /** Aborted on SIGTERM/SIGINT. */
  stop: AbortSignal;
  /** How long in-flight downloads may still finish after `stop` before they are aborted (default 10 s). */
  graceMs?: number;
}

const ABORT_SETTLE_MS = 2_000;

/**
 * The long-running mode: a report cycle now and every cycleIntervalMs after the previous one ended, likewise a
 * service-health poll, a governance poll, a call-quality poll and each audit stream on their own schedules, an
 * export after each report cycle, service-health or governance poll and every exportIntervalMs (gauges must keep
 * arriving, or backends such as Prometheus mark them stale).
 * Each cycle and poll has a deadline (run/deadline.ts), after which what is still running is aborted and failed.
 * On `stop`: no new cycle starts, in-flight work gets graceMs to finish (an audit stream ends after the batch
 * awaiting its acknowledgement, its checkpoint committed) and is then aborted, one last export flushes the current
 * snapshots, and the promise resolves. Every wait is bounded, so shutdown time is too.
 */
export async function runService(options: ServiceOptions): Promise<void> {
  const { collector, exporter, logger, stop } = options;
  const work = new AbortController();

  // Exports are serialised: a periodic export never overlaps the one after a cycle.
  let exporting: Promise<void> = Promise.resolve();
  const exportNow = (trigger: string) => {
    exporting = exporting
      .then(async () => {
        const outcome = await collector.export(exporter);
        if (outcome.ok) logger.debug('exported', { trigger });
        else logger.error('export not acknowledged by the OTLP backend', { trigger, errors: outcome.errors });
      })
      .catch((error: unknown) => logger.error('export failed', { trigger, error }));
    return exporting;
  };
  // Not setInterval: a period above Node's timer limit would fire every millisecond; sleep chains shorter waits.
  const periodic = (async () => {
    for (;;) {
      await sleep(options.exportIntervalMs, stop);
      if (stop.aborted) return;
      void exportNow('interval');
    }
  })();

  // Each source on its own schedule: a slow report download never delays a service-health poll. A cycle may ask
  // for another wait before its next run (an audit stream stopped by its configuration waits longer). Gauges are
  // exported as soon as a cycle changed them; an audit poll only adds to counters, which the periodic export carries
  // (one export per stream and poll would multiply exports by tenants × content types).
  const loop = async (
    intervalMs: number,
    cycle: () => Promise<number | undefined>,
    crash: string,
    exportAfter = true,
  ) => {
    while (!stop.aborted) {
      let nextMs: number | undefined;
      try {
        nextMs = await cycle();
      } catch (error) {
        // Each cycle reports failures per source; reaching this is a bug, which must not end the service.
        logger.error(crash, { error });
      }
      if (stop.aborted) return;
      if (exportAfter) await exportNow('cycle');
      await sleep(nextMs ?? intervalMs, stop);
    }
  };
  const reports = loop(
    options.cycleIntervalMs,
    async () => {
      const run = cycleSignal(work.signal, 'report cycle', collector.deadlines.reportsMs);
      const results = await collector.collect(run.signal).finally(run.dispose);
      const failed = results.filter((result) => !result.ok).length;
      logger.info('cycle finished', { sources: results.length, failedSources: failed });
      return undefined;
    },
    'cycle crashed',
  );
  const serviceHealthIntervalMs = options.serviceHealthIntervalMs;
  const serviceHealth =
    serviceHealthIntervalMs === undefined
      ? Promise.resolve()
      : loop(
          serviceHealthIntervalMs,
          async () => {
            const run = cycleSignal(work.signal, 'service-health poll', collector.deadlines.serviceHealthMs);
            const results = await collector.pollServiceHealth(run.signal).finally(run.dispose);
            const failed = results.filter((result) => !result.ok).length;
            const events = results.reduce((sum, result) => sum + result.events.length, 0);
            logger.info('service health poll finished', { tenants: results.length, failed, events });
            return undefined;
          },
          'service health poll crashed',
        );
  const governanceIntervalMs = options.governanceIntervalMs;
  const governance =
    governanceIntervalMs === undefined
      ? Promise.resolve()
      : loop(
          governanceIntervalMs,
          async () => {
            const run = cycleSignal(work.signal, 'governance poll', collector.deadlines.governanceMs);
            const results = await collector.pollGovernance(run.signal).finally(run.dispose);
            logger.info('governance poll finished', {
              signals: results.length,
              failed: results
                .filter((result) => !result.ok)
                .map(({ tenantId, signal }) => ({ tenantId, signal })),
              events: results.reduce((sum, result) => sum + result.events, 0),
            });
            return undefined;
          },
          'governance poll crashed',
        );
  // Call records only add to counters, which the periodic export carries, like an audit poll's.
  const callQualityIntervalMs = options.callQualityIntervalMs;
  const callQuality =
    callQualityIntervalMs === undefined
      ? Promise.resolve()
      : loop(
          callQualityIntervalMs,
          async () => {
            const run = cycleSignal(work.signal, 'call-quality poll', collector.deadlines.callQualityMs);
            const results = await collector.pollCallQuality(run.signal).finally(run.dispose);
            logger.info('call quality poll finished', {
              tenants: results.length,
              failed: results.filter((result) => !result.ok).length,
              records: results.reduce((sum, result) => sum + result.records, 0),
            });
            return undefined;
          },
          'call quality poll crashed',
          false,
        );
  // Every audit stream on its own schedule, so one that is failing or far behind never holds up another.
  const audit = collector.auditStreams.map((stream) =>
    loop(
      // Only when a poll crashed (a bug): each poll says when the stream is due again.
      CONFIGURATION_RETRY_MS,
      async () => {
        const run = cycleSignal(work.signal, 'audit poll', collector.deadlines.auditMs);
        const result = await stream.poll(run.signal).finally(run.dispose);
        return result.nextPollMs;
      },
      'audit poll crashed',
      false,
    ),
  );
  const cycles = Promise.all([reports, serviceHealth, governance, callQuality, ...audit]);

  if (!stop.aborted) await new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true }));
  await periodic;
  logger.info('stopping: no new cycles; waiting for in-flight work');
  if (!(await settlesWithin(cycles, options.graceMs ?? 10_000))) {
    logger.warn('in-flight work did not finish in time; aborting it');
    work.abort(new Error('the collector is shutting down'));
    if (!(await settlesWithin(cycles, ABORT_SETTLE_MS)))
      logger.warn('abandoning in-flight work that ignored the abort');
  }
  await exportNow('shutdown');
  logger.info('stopped');
}

async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  const timeout = new AbortController();
  const settled = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    sleep(ms, timeout.signal).then(() => false),
  ]);
  timeout.abort();
  return settled;
}
