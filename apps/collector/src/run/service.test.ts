import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { describe, expect, it, vi } from 'vitest';
import type { AuditStreamResult } from '../audit/stream.js';
import type { ExportOutcome } from '../export/exporter.js';
import { createJsonLogger } from '../logging/logger.js';
import type { CallQualityResult } from '../pipeline/call-quality.js';
import type { SourceResult } from '../pipeline/cycle.js';
import type { GovernanceResult } from '../pipeline/governance.js';
import type { ServiceHealthResult } from '../pipeline/service-health.js';
import { sameDeadlineForEverySource } from './__fixtures__/deadlines.js';
import type { AuditStreamRun, CollectorRuns } from './cycles.js';
import { CycleDeadlineError } from './deadline.js';
import { runOnce } from './once.js';
import { runService } from './service.js';

const exporter = {} as PushMetricExporter;

/** A collector double that records calls; `collect` can be made slow to exercise shutdown. */
function fakeCollector(
  options: {
    collectMs?: number;
    results?: SourceResult[];
    exportOk?: boolean;
    serviceHealth?: ServiceHealthResult[];
    deadlineMs?: number;
    audit?: AuditStreamRun[];
    governance?: GovernanceResult[];
    callQuality?: CallQualityResult[];
  } = {},
) {
  const calls: string[] = [];
  const deadlineMs = options.deadlineMs ?? 3_600_000;
  const collector: CollectorRuns = {
    tenantIds: ['t'],
    deadlines: sameDeadlineForEverySource(deadlineMs),
    auditStreams: options.audit ?? [],
    collect: (signal) =>
      new Promise<SourceResult[]>((resolve) => {
        calls.push('collect');
        const done = () =>
          resolve(options.results ?? [{ tenantId: 't', report: 'r', ok: true, unchanged: false }]);
        const timer = setTimeout(done, options.collectMs ?? 0);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          calls.push('aborted');
          resolve([{ tenantId: 't', report: 'r', ok: false, error: signal.reason }]);
        });
      }),
    pollServiceHealth: async () => {
      calls.push('poll');
      return options.serviceHealth ?? [{ tenantId: 't', ok: true, events: [] }];
    },
    pollGovernance: async () => {
      calls.push('governance');
      return options.governance ?? [];
    },
    pollCallQuality: async () => {
      calls.push('call-quality');
      return options.callQuality ?? [];
    },
    export: async (): Promise<ExportOutcome> => {
      calls.push('export');
      return options.exportOk === false
        ? { ok: false, delivered: false, errors: ['rejected'], rejected: 0 }
        : { ok: true, delivered: true, errors: [], rejected: 0 };
    },
  };
  return { collector, calls };
}
const logger = createJsonLogger({ level: 'error', write: () => undefined });

describe('runOnce', () => {
  it('succeeds only when every source succeeded and the export was acknowledged', async () => {
    const stop = new AbortController().signal;
    expect(await runOnce(fakeCollector().collector, exporter, logger, stop)).toBe(true);
    expect(await runOnce(fakeCollector({ exportOk: false }).collector, exporter, logger, stop)).toBe(false);
    const failing = fakeCollector({
      results: [{ tenantId: 't', report: 'r', ok: false, error: new Error('x') }],
    });
    expect(await runOnce(failing.collector, exporter, logger, stop)).toBe(false);
    expect(failing.calls).toEqual(['collect', 'poll', 'governance', 'call-quality', 'export']);
  });

  it('fails when a service-health poll failed, and still exports the metrics', async () => {
    const stop = new AbortController().signal;
    const failing = fakeCollector({
      serviceHealth: [{ tenantId: 't', ok: false, stage: 'export', error: new Error('500'), events: [] }],
    });
    expect(await runOnce(failing.collector, exporter, logger, stop)).toBe(false);
    expect(failing.calls).toEqual(['collect', 'poll', 'governance', 'call-quality', 'export']);
  });
});

describe('runOnce with governance and call quality', () => {
  it("fails when one governance signal or one tenant's call-quality poll failed, and still exports", async () => {
    const stop = new AbortController().signal;
    const governance: GovernanceResult[] = [
      { tenantId: 't', signal: 'licences', ok: true, events: 0 },
      {
        tenantId: 't',
        signal: 'riskyUsers',
        ok: false,
        stage: 'collect',
        error: new Error('403'),
        events: 0,
      },
    ];
    const failing = fakeCollector({ governance });
    expect(await runOnce(failing.collector, exporter, logger, stop)).toBe(false);
    expect(failing.calls.at(-1)).toBe('export');
    const calls: CallQualityResult[] = [
      { tenantId: 't', ok: false, stage: 'list', error: new Error('x'), records: 0 },
    ];
    expect(await runOnce(fakeCollector({ callQuality: calls }).collector, exporter, logger, stop)).toBe(
      false,
    );
    const good = fakeCollector({
      governance: [{ tenantId: 't', signal: 'licences', ok: true, events: 0 }],
      callQuality: [{ tenantId: 't', ok: true, records: 3 }],
    });
    expect(await runOnce(good.collector, exporter, logger, stop)).toBe(true);
  });
});

/** An audit stream double: answers each poll with `status`, asking for `nextPollMs`, and counts its polls. */
function fakeStream(name: string, status: AuditStreamResult['status'], nextPollMs: number) {
  const polls: number[] = [];
  const stream: AuditStreamRun = {
    tenantId: 't',
    name,
    poll: async () => {
      polls.push(Date.now());
      return {
        tenantId: 't',
        contentType: 'DLP.All',
        status,
        ok: status === 'ok',
        records: 1,
        duplicates: 0,
        blobs: 1,
        commitFailures: 0,
        rejected: 0,
        nextPollMs,
      };
    },
  };
  return { stream, polls };
}

describe('runOnce with audit streams', () => {
  it('polls every stream once and succeeds only when every stream did', async () => {
    const stop = new AbortController().signal;
    const good = fakeStream('t/Audit.Exchange', 'ok', 1);
    const bad = fakeStream('t/DLP.All', 'failed', 1);
    expect(await runOnce(fakeCollector({ audit: [good.stream] }).collector, exporter, logger, stop)).toBe(
      true,
    );
    expect(
      await runOnce(fakeCollector({ audit: [good.stream, bad.stream] }).collector, exporter, logger, stop),
    ).toBe(false);
    expect([good.polls.length, bad.polls.length]).toEqual([2, 1]);
  });
});

describe('cycle deadline', () => {
  it('aborts a cycle that outlives its deadline, fails its sources with the reason, and runOnce fails', async () => {
    vi.useFakeTimers();
    try {
      let failure: unknown;
      const { collector, calls } = fakeCollector({ collectMs: 24 * 60 * 60 * 1000, deadlineMs: 15 * 60_000 });
      const collect = collector.collect;
      collector.collect = async (signal) => {
        const results = await collect(signal);
        failure = results.find((result) => !result.ok && 'error' in result)?.error;
        return results;
      };
      const once = runOnce(collector, exporter, logger, new AbortController().signal);
      await vi.advanceTimersByTimeAsync(15 * 60_000);
      expect(await once).toBe(false);
      expect(calls).toEqual(['collect', 'poll', 'governance', 'call-quality', 'aborted', 'export']);
      expect(failure).toBeInstanceOf(CycleDeadlineError);
      expect(String(failure)).toContain('the report cycle did not finish within its deadline of 900 s');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('runService', () => {
  it('cycles, exports after each cycle and periodically, and flushes on stop', async () => {
    const { collector, calls } = fakeCollector();
    const stop = new AbortController();
    const running = runService({
      collector,
      exporter,
      logger,
      cycleIntervalMs: 60,
      serviceHealthIntervalMs: undefined,
      exportIntervalMs: 25,
      stop: stop.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    stop.abort();
    await running;
    expect(calls).not.toContain('poll');
    expect(calls.filter((call) => call === 'collect').length).toBeGreaterThanOrEqual(2);
    // cycle exports + periodic exports + the final flush
    expect(calls.filter((call) => call === 'export').length).toBeGreaterThan(
      calls.filter((call) => call === 'collect').length,
    );
    expect(calls.at(-1)).toBe('export');
  });

  it('lets in-flight work finish within the grace period', async () => {
    const { collector, calls } = fakeCollector({ collectMs: 50 });
    const stop = new AbortController();
    const running = runService({
      collector,
      exporter,
      logger,
      cycleIntervalMs: 10_000,
      serviceHealthIntervalMs: undefined,
      exportIntervalMs: 10_000,
      stop: stop.signal,
      graceMs: 1_000,
    });
    stop.abort();
    await running;
    expect(calls).toEqual(['collect', 'export']);
  });

  it('aborts in-flight work after the grace period, then still flushes, in bounded time', async () => {
    const { collector, calls } = fakeCollector({ collectMs: 60_000 });
    const stop = new AbortController();
    const started = Date.now();
    const running = runService({
      collector,
      exporter,
      logger,
      cycleIntervalMs: 10_000,
      serviceHealthIntervalMs: undefined,
      exportIntervalMs: 10_000,
      stop: stop.signal,
      graceMs: 50,
    });
    setTimeout(() => stop.abort(), 10);
    await running;
    expect(calls).toEqual(['collect', 'aborted', 'export']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('polls service health on its own interval, exporting after each poll', async () => {
    const { collector, calls } = fakeCollector();
    const stop = new AbortController();
    const running = runService({
      collector,
      exporter,
      logger,
      cycleIntervalMs: 10_000,
      serviceHealthIntervalMs: 30,
      exportIntervalMs: 10_000,
      stop: stop.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    stop.abort();
    await running;
    expect(calls.filter((call) => call === 'collect')).toHaveLength(1);
    expect(calls.filter((call) => call === 'poll').length).toBeGreaterThanOrEqual(3);
    // one export per cycle and per poll, plus the final flush
    expect(calls.filter((call) => call === 'export').length).toBe(
      calls.length - calls.filter((c) => c === 'export').length + 1,
    );
  });

  it('polls governance (exporting after each poll) and call quality (counters only) on their own intervals', async () => {
    const { collector, calls } = fakeCollector();
    const stop = new AbortController();
    const running = runService({
      collector,
      exporter,
      logger,
      cycleIntervalMs: 10_000,
      serviceHealthIntervalMs: undefined,
      governanceIntervalMs: 30,
      callQualityIntervalMs: 20,
      exportIntervalMs: 10_000,
      stop: stop.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    stop.abort();
    await running;
    const count = (name: string) => calls.filter((call) => call === name).length;
    expect(count('collect')).toBe(1);
    expect(count('governance')).toBeGreaterThanOrEqual(3);
    expect(count('call-quality')).toBeGreaterThan(count('governance'));
    // one export per report cycle and per governance poll, plus the final flush
    expect(count('export')).toBe(count('collect') + count('governance') + 1);
  });

  it('waits out intervals longer than a Node timer holds (30 days) instead of cycling in a tight loop', async () => {
    vi.useFakeTimers();
    try {
      const { collector, calls } = fakeCollector();
      const stop = new AbortController();
      const thirtyDaysMs = 30 * 24 * 60 * 60 * 1000;
      const running = runService({
        collector,
        exporter,
        logger,
        cycleIntervalMs: thirtyDaysMs,
        serviceHealthIntervalMs: thirtyDaysMs,
        exportIntervalMs: thirtyDaysMs,
        stop: stop.signal,
      });
      await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
      expect(calls.filter((call) => call === 'collect')).toHaveLength(1);
      expect(calls.filter((call) => call === 'poll')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(thirtyDaysMs);
      expect(calls.filter((call) => call === 'collect')).toHaveLength(2);
      stop.abort();
      await vi.runAllTimersAsync();
      await running;
    } finally {
      vi.useRealTimers();
    }
  });

  it('polls each audit stream on the schedule its last poll asked for', async () => {
    vi.useFakeTimers();
    try {
      const live = fakeStream('t/Audit.Exchange', 'ok', 3 * 60_000);
      const misconfigured = fakeStream('t/DLP.All', 'failed', 15 * 60_000);
      const { collector, calls } = fakeCollector({ audit: [live.stream, misconfigured.stream] });
      const stop = new AbortController();
      const running = runService({
        collector,
        exporter,
        logger,
        cycleIntervalMs: 6 * 60 * 60_000,
        serviceHealthIntervalMs: undefined,
        exportIntervalMs: 60 * 60_000,
        stop: stop.signal,
      });
      await vi.advanceTimersByTimeAsync(30 * 60_000);
      expect(live.polls).toHaveLength(11);
      expect(misconfigured.polls).toHaveLength(3);
      // The report cycle's export and the periodic one carry the audit counters: no export per audit poll.
      expect(calls.filter((call) => call === 'export')).toHaveLength(1);
      stop.abort();
      await vi.runAllTimersAsync();
      await running;
    } finally {
      vi.useRealTimers();
    }
  });
});
