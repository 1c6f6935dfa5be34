import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportOutcome } from '../export/exporter.js';
import { createJsonLogger } from '../logging/logger.js';
import { sameDeadlineForEverySource } from './__fixtures__/deadlines.js';
import type { CollectorRuns } from './cycles.js';
import { CycleDeadlineError, cycleDeadlineMs } from './deadline.js';
import { runOnce } from './once.js';
import { runService } from './service.js';

const exporter = {} as PushMetricExporter;
const MINUTE = 60_000;

/** How a tenant's Microsoft answers: at once, with a failure, or never until its cycle is aborted. */
type Behaviour = 'ok' | 'failing' | 'hanging';

type Kind = 'reports' | 'service-health' | 'governance' | 'call-quality';

/**
 * A collector double of several tenants, each behaving as `tenants` says in every source; records each cycle's start
 * per (kind, tenant) and how each one ended.
 */
function tenantsCollector(
  tenants: Record<string, Behaviour>,
  options: { deadlineMs?: number; exportMs?: number } = {},
) {
  const started: string[] = [];
  const ended: { key: string; error?: unknown }[] = [];
  let exports = 0;
  const deadlineMs = options.deadlineMs ?? 10 * MINUTE;
  /** Runs one cycle of `kind` for `tenantId` the way the tenant behaves; resolves with ok or the failure. */
  const cycle = (kind: Kind, tenantId: string | undefined, signal: AbortSignal) => {
    if (tenantId === undefined) throw new Error('the run modes must schedule each tenant on its own');
    const key = `${kind} ${tenantId}`;
    started.push(key);
    const behaviour = tenants[tenantId];
    return new Promise<{ ok: true } | { ok: false; error: unknown }>((resolve) => {
      const end = (result: { ok: true } | { ok: false; error: unknown }) => {
        ended.push({ key, ...(!result.ok && { error: result.error }) });
        resolve(result);
      };
      if (behaviour === 'ok') end({ ok: true });
      else if (behaviour === 'failing') end({ ok: false, error: new Error('AADSTS7000215: invalid secret') });
      else signal.addEventListener('abort', () => end({ ok: false, error: signal.reason }), { once: true });
    });
  };
  const collector: CollectorRuns = {
    tenantIds: Object.keys(tenants),
    deadlines: sameDeadlineForEverySource(deadlineMs),
    auditStreams: [],
    collect: async (signal, tenantId = '') => {
      const result = await cycle('reports', tenantId, signal);
      return [
        result.ok
          ? { tenantId, report: 'r', ok: true, unchanged: false }
          : { tenantId, report: 'r', ...result },
      ];
    },
    pollServiceHealth: async (signal, tenantId = '') => {
      const result = await cycle('service-health', tenantId, signal);
      return [
        result.ok ? { tenantId, ok: true, events: [] } : { tenantId, stage: 'fetch', events: [], ...result },
      ];
    },
    pollGovernance: async (signal, tenantId = '') => {
      const result = await cycle('governance', tenantId, signal);
      return [
        result.ok
          ? { tenantId, signal: 'licences', events: 0, ok: true }
          : { tenantId, signal: 'licences', events: 0, stage: 'collect', ...result },
      ];
    },
    pollCallQuality: async (signal, tenantId = '') => {
      const result = await cycle('call-quality', tenantId, signal);
      return [
        result.ok ? { tenantId, records: 0, ok: true } : { tenantId, records: 0, stage: 'list', ...result },
      ];
    },
    /** Takes exportMs (default none); Infinity hangs. */
    export: () => {
      exports++;
      const outcome: ExportOutcome = { ok: true, delivered: true, errors: [], rejected: 0 };
      const exportMs = options.exportMs ?? 0;
      if (exportMs === Number.POSITIVE_INFINITY) return new Promise<ExportOutcome>(() => undefined);
      return new Promise<ExportOutcome>((resolve) => setTimeout(() => resolve(outcome), exportMs));
    },
  };
  const count = (key: string) => started.filter((start) => start === key).length;
  return { collector, started, ended, count, exports: () => exports };
}

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createJsonLogger({
    level: 'info',
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

const INTERVALS: Record<Kind, number> = {
  reports: 60 * MINUTE,
  'service-health': 5 * MINUTE,
  governance: 60 * MINUTE,
  'call-quality': 15 * MINUTE,
};

/** runService with every kind on its interval in INTERVALS, the periodic export every minute. */
function serve(collector: CollectorRuns, stop: AbortSignal, logger = captureLogger().logger) {
  return runService({
    collector,
    exporter,
    logger,
    cycleIntervalMs: INTERVALS.reports,
    serviceHealthIntervalMs: INTERVALS['service-health'],
    governanceIntervalMs: INTERVALS.governance,
    callQualityIntervalMs: INTERVALS['call-quality'],
    exportIntervalMs: MINUTE,
    stop,
  });
}

describe('many tenants in the long-running mode', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(Object.keys(INTERVALS) as Kind[])(
    "a tenant whose %s cycle hangs until its deadline never delays another tenant's next cycles",
    async (kind) => {
      const intervalMs = INTERVALS[kind];
      // The collector's deadline: the interval, at most 30 min. The hanging tenant holds its cycle that long.
      const run = tenantsCollector(
        { hanging: 'hanging', healthy: 'ok', broken: 'failing' },
        { deadlineMs: cycleDeadlineMs(intervalMs) },
      );
      const stop = new AbortController();
      const serving = serve(run.collector, stop.signal);
      await vi.advanceTimersByTimeAsync(intervalMs + 1);
      // The others' second cycles began one interval after their first ended, while the hanging tenant's first
      // held it until its deadline (its second comes an interval after that).
      expect(run.count(`${kind} healthy`)).toBe(2);
      expect(run.count(`${kind} broken`)).toBe(2);
      expect(run.count(`${kind} hanging`)).toBe(1);
      stop.abort();
      await vi.runAllTimersAsync();
      await serving;
    },
  );

  it("aborts a hanging tenant at its own deadline, runs it again an interval later, and never aborts the others'", async () => {
    const run = tenantsCollector({ hanging: 'hanging', healthy: 'ok' }, { deadlineMs: 5 * MINUTE });
    const stop = new AbortController();
    const serving = serve(run.collector, stop.signal);
    // The healthy tenant's polls at 0, 5 and 10 min; the hanging one's poll from 0 aborted at 5 min, the next at 10.
    await vi.advanceTimersByTimeAsync(10 * MINUTE + 1);
    const polls = run.ended.filter(({ key }) => key.startsWith('service-health'));
    expect(polls.filter(({ key }) => key === 'service-health healthy')).toHaveLength(3);
    const aborted = polls.filter(({ key }) => key === 'service-health hanging');
    expect(aborted).toHaveLength(1);
    expect(aborted[0]?.error).toBeInstanceOf(CycleDeadlineError);
    expect(String(aborted[0]?.error)).toContain(
      'the service-health poll did not finish within its deadline of 300 s',
    );
    expect(run.count('service-health hanging')).toBe(2);
    expect(run.ended.filter(({ key, error }) => key.endsWith('healthy') && error !== undefined)).toEqual([]);
    stop.abort();
    await vi.runAllTimersAsync();
    await serving;
  });

  it("logs each tenant's cycle with its tenant id", async () => {
    const run = tenantsCollector({ a: 'ok', b: 'failing' });
    const { logger, lines } = captureLogger();
    const stop = new AbortController();
    const serving = serve(run.collector, stop.signal, logger);
    await vi.advanceTimersByTimeAsync(1);
    const finished = (msg: string) =>
      lines
        .filter((line) => line.msg === msg)
        .map(({ tenantId, failed, failedSources }) => ({
          tenantId,
          failed: failed ?? failedSources,
        }));
    expect(finished('cycle finished')).toEqual([
      { tenantId: 'a', failed: 0 },
      { tenantId: 'b', failed: 1 },
    ]);
    expect(finished('service health poll finished')).toEqual([
      { tenantId: 'a', failed: 0 },
      { tenantId: 'b', failed: 1 },
    ]);
    expect(finished('governance poll finished')).toEqual([
      { tenantId: 'a', failed: [] },
      { tenantId: 'b', failed: ['licences'] },
    ]);
    stop.abort();
    await vi.runAllTimersAsync();
    await serving;
  });

  it("coalesces the exports after many tenants' cycles ending together", async () => {
    const tenants = Object.fromEntries(
      Array.from({ length: 20 }, (_, index) => [`t${index}`, 'ok' as const]),
    );
    const run = tenantsCollector(tenants, { exportMs: 1_000 });
    const stop = new AbortController();
    const serving = serve(run.collector, stop.signal);
    await vi.advanceTimersByTimeAsync(1_001);
    // 20 tenants × 3 kinds whose gauges are exported after a cycle (reports, service health, governance) ended at
    // once: the first asked for an export, the others joined it or the one after it.
    expect(run.ended).toHaveLength(80);
    expect(run.exports()).toBeLessThanOrEqual(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run.exports()).toBeLessThanOrEqual(2);
    stop.abort();
    await vi.runAllTimersAsync();
    await serving;
  });

  it('keeps every tenant on its schedule while an export hangs', async () => {
    const run = tenantsCollector({ a: 'ok', b: 'ok' }, { exportMs: Number.POSITIVE_INFINITY });
    const stop = new AbortController();
    const serving = serve(run.collector, stop.signal);
    await vi.advanceTimersByTimeAsync(10 * MINUTE + 1);
    expect(run.count('service-health a')).toBe(3);
    expect(run.count('service-health b')).toBe(3);
    // The one export under way hangs; every request since waits behind it as a single export.
    expect(run.exports()).toBe(1);
    stop.abort();
    await vi.runAllTimersAsync();
    void serving;
  });
});

describe('many tenants in run --once', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails naming only the broken tenant, after every healthy tenant ran every source', async () => {
    const run = tenantsCollector({ a: 'ok', broken: 'failing', b: 'ok' });
    const { logger, lines } = captureLogger();
    expect(await runOnce(run.collector, exporter, logger, new AbortController().signal)).toBe(false);
    expect(run.ended.filter(({ error }) => error === undefined).map(({ key }) => key)).toEqual(
      (['reports', 'service-health', 'governance', 'call-quality'] as const).flatMap((kind) => [
        `${kind} a`,
        `${kind} b`,
      ]),
    );
    const finished = lines.find((line) => line.msg === 'cycle finished');
    expect(finished?.failedSources).toEqual([
      { tenantId: 'broken', source: 'r' },
      { tenantId: 'broken', source: 'service-health' },
      { tenantId: 'broken', source: 'governance licences' },
      { tenantId: 'broken', source: 'call-quality' },
    ]);
    expect(finished?.sources).toBe(12);
    expect(run.exports()).toBe(1);
  });

  it('aborts a hanging tenant at its deadline while the others succeed, and fails', async () => {
    vi.useFakeTimers();
    const run = tenantsCollector({ a: 'ok', hanging: 'hanging' }, { deadlineMs: 15 * MINUTE });
    const once = runOnce(run.collector, exporter, captureLogger().logger, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    // The export after the aborted cycles.
    await vi.runAllTimersAsync();
    expect(await once).toBe(false);
    const aborted = run.ended.filter(({ error }) => error !== undefined);
    expect(aborted.map(({ key }) => key)).toEqual([
      'reports hanging',
      'service-health hanging',
      'governance hanging',
      'call-quality hanging',
    ]);
    expect(aborted.every(({ error }) => error instanceof CycleDeadlineError)).toBe(true);
    expect(run.ended.filter(({ key }) => key.endsWith(' a')).every(({ error }) => error === undefined)).toBe(
      true,
    );
    expect(vi.getTimerCount()).toBe(0);
  });
});
