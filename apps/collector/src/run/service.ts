import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { CONFIGURATION_RETRY_MS } from '../audit/failures.js';
import type { Logger } from '../logging/logger.js';
import { type CollectorRuns, type TenantCycle, type TenantSourceKind, tenantCycles } from './cycles.js';
import { cycleSignal } from './deadline.js';
import { ExportQueue } from './export-queue.js';
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
 * The long-running mode: for each tenant a report cycle now and every cycleIntervalMs after its previous one ended,
 * likewise its service-health, governance and call-quality polls, and each audit stream, all on their own schedules
 * (run/cycles.ts); an export after each report cycle, service-health or governance poll (coalesced: see
 * ExportQueue) and every exportIntervalMs (gauges must keep arriving, or backends such as Prometheus mark them
 * stale). Each cycle and poll has a deadline of its own (run/deadline.ts), after which what is still running is
 * aborted and failed.
 * On `stop`: no new cycle starts, in-flight work gets graceMs to finish (an audit stream ends after the batch
 * awaiting its acknowledgement, its checkpoint committed) and is then aborted, one last export flushes the current
 * snapshots, and the promise resolves. Every wait is bounded, so shutdown time is too.
 */
export async function runService(options: ServiceOptions): Promise<void> {
  const { collector, exporter, logger, stop } = options;
  const work = new AbortController();

  // Exports are serialised and coalesced: a periodic export never overlaps the one after a cycle, and many tenants'
  // cycles ending together cost one export.
  const exports = new ExportQueue(async (trigger) => {
    try {
      const outcome = await collector.export(exporter);
      if (outcome.ok) logger.debug('exported', { trigger });
      else logger.error('export not acknowledged by the OTLP backend', { trigger, errors: outcome.errors });
    } catch (error) {
      logger.error('export failed', { trigger, error });
    }
  });
  // Not setInterval: a period above Node's timer limit would fire every millisecond; sleep chains shorter waits.
  const periodic = (async () => {
    for (;;) {
      await sleep(options.exportIntervalMs, stop);
      if (stop.aborted) return;
      void exports.request('interval');
    }
  })();

  // Each source of each tenant on its own schedule, under its own deadline: a slow report download never delays a
  // service-health poll, and a tenant whose API hangs, throttles or refuses its credential never delays another
  // tenant's cycle. A cycle may ask for another wait before its next run (an audit stream stopped by its
  // configuration waits longer). Gauges are exported as soon as a cycle changed them, without holding the cycle's
  // schedule; an audit or call-quality poll only adds to counters, which the periodic export carries.
  const loop = async (intervalMs: number, cycle: TenantCycle) => {
    while (!stop.aborted) {
      let nextMs: number | undefined;
      const run = cycleSignal(work.signal, cycle.name, cycle.deadlineMs);
      try {
        const outcome = await cycle.run(run.signal);
        nextMs = outcome.nextMs;
        if (outcome.finished) logger.info(outcome.finished.message, outcome.finished.fields);
      } catch (error) {
        // Each cycle reports failures per source; reaching this is a bug, which must not end the service.
        logger.error(`${cycle.name} crashed`, { tenantId: cycle.tenantId, error });
      } finally {
        run.dispose();
      }
      if (stop.aborted) return;
      if (cycle.exportsAfter) void exports.request('cycle');
      await sleep(nextMs ?? intervalMs, stop);
    }
  };
  const intervals: Record<TenantSourceKind, number | undefined> = {
    reports: options.cycleIntervalMs,
    'service-health': options.serviceHealthIntervalMs,
    // Only when a poll crashed (a bug): each audit poll says when its stream is due again.
    audit: CONFIGURATION_RETRY_MS,
    governance: options.governanceIntervalMs,
    'call-quality': options.callQualityIntervalMs,
  };
  const cycles = Promise.all(
    tenantCycles(collector).flatMap(({ kind, cycle }) => {
      const intervalMs = intervals[kind];
      // A source without an interval is disabled, and not scheduled.
      return intervalMs === undefined ? [] : [loop(intervalMs, cycle)];
    }),
  );

  if (!stop.aborted) await new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true }));
  await periodic;
  logger.info('stopping: no new cycles; waiting for in-flight work');
  if (!(await settlesWithin(cycles, options.graceMs ?? 10_000))) {
    logger.warn('in-flight work did not finish in time; aborting it');
    work.abort(new Error('the collector is shutting down'));
    if (!(await settlesWithin(cycles, ABORT_SETTLE_MS)))
      logger.warn('abandoning in-flight work that ignored the abort');
  }
  await exports.request('shutdown');
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
