import type { AuditStream } from '../audit/stream.js';
import type { Collector } from '../collector.js';

/** What a run mode needs from the collector (a narrow type, so the scheduling can be tested on its own). */
export type CollectorRuns = Pick<
  Collector,
  | 'tenantIds'
  | 'collect'
  | 'pollServiceHealth'
  | 'pollGovernance'
  | 'pollCallQuality'
  | 'export'
  | 'deadlines'
> & {
  readonly auditStreams: readonly AuditStreamRun[];
};

/** One audit stream, as the run modes schedule it. */
export type AuditStreamRun = Pick<AuditStream, 'tenantId' | 'name' | 'poll'>;

/** A failed source as `run --once` names it: a report by name, `service-health`, `audit <content type>`, ... */
export interface FailedSource {
  tenantId: string;
  source: string;
  /** An audit stream's status. */
  status?: string;
}

/** What one cycle of one tenant's source kind (or one audit stream's poll) did. */
export interface CycleOutcome {
  /** Sources read: reports, service-health polls, audit streams, governance signals, call-quality polls. */
  sources: number;
  failed: FailedSource[];
  /** Service-health and governance events the backend acknowledged. */
  events: number;
  /** Call records read and committed, when the cycle read call records. */
  callRecords?: number;
  /** Audit records acknowledged and those left out as duplicates, when the cycle polled an audit stream. */
  audit?: { records: number; duplicates: number };
  /** When the source asks to run again sooner or later than its interval (an audit stream's next poll). */
  nextMs?: number;
  /** The line the long-running mode logs when the cycle ends; audit streams log their own. */
  finished?: { message: string; fields: Record<string, unknown> };
}

/**
 * One unit of scheduling: one source kind of one tenant, or one audit stream. Each runs on its own schedule under
 * its own deadline, so a tenant whose API hangs, throttles or refuses its credential delays only itself.
 */
export interface TenantCycle {
  tenantId: string;
  /** Names the cycle in deadline errors and crash lines: `report cycle`, `service-health poll`, ... */
  name: string;
  deadlineMs: number;
  /** Whether its gauges are worth an export as soon as it ends (audit and call records only add to counters). */
  exportsAfter: boolean;
  run(signal: AbortSignal): Promise<CycleOutcome>;
}

/** The source kinds scheduled per tenant, in the order `run --once` reports them. */
export type TenantSourceKind = 'reports' | 'service-health' | 'audit' | 'governance' | 'call-quality';

/**
 * Every cycle of the collector: per tenant its report cycle, service-health, governance and call-quality polls (a
 * disabled source polls nothing), and every audit stream; grouped by kind in TenantSourceKind order, each kind's
 * cycles in the config's tenant order.
 */
export function tenantCycles(collector: CollectorRuns): { kind: TenantSourceKind; cycle: TenantCycle }[] {
  const { deadlines } = collector;
  const perTenant = (kind: TenantSourceKind, build: (tenantId: string) => TenantCycle) =>
    collector.tenantIds.map((tenantId) => ({ kind, cycle: build(tenantId) }));
  return [
    ...perTenant('reports', (tenantId) => ({
      tenantId,
      name: 'report cycle',
      deadlineMs: deadlines.reportsMs,
      exportsAfter: true,
      async run(signal) {
        const results = await collector.collect(signal, tenantId);
        const failed = results
          .filter((result) => !result.ok)
          .map(({ report }) => ({ tenantId, source: report }));
        return {
          sources: results.length,
          failed,
          events: 0,
          finished: {
            message: 'cycle finished',
            fields: { tenantId, sources: results.length, failedSources: failed.length },
          },
        };
      },
    })),
    ...perTenant('service-health', (tenantId) => ({
      tenantId,
      name: 'service-health poll',
      deadlineMs: deadlines.serviceHealthMs,
      exportsAfter: true,
      async run(signal) {
        const results = await collector.pollServiceHealth(signal, tenantId);
        const failed = results
          .filter((result) => !result.ok)
          .map(() => ({ tenantId, source: 'service-health' }));
        const events = results.reduce((sum, result) => sum + result.events.length, 0);
        return {
          sources: results.length,
          failed,
          events,
          finished: {
            message: 'service health poll finished',
            fields: { tenantId, failed: failed.length, events },
          },
        };
      },
    })),
    ...collector.auditStreams.map((stream) => ({
      kind: 'audit' as const,
      cycle: {
        tenantId: stream.tenantId,
        name: 'audit poll',
        deadlineMs: deadlines.auditMs,
        exportsAfter: false,
        async run(signal: AbortSignal): Promise<CycleOutcome> {
          const result = await stream.poll(signal);
          return {
            sources: 1,
            failed: result.ok
              ? []
              : [{ tenantId: result.tenantId, source: `audit ${result.contentType}`, status: result.status }],
            events: 0,
            audit: { records: result.records, duplicates: result.duplicates },
            nextMs: result.nextPollMs,
          };
        },
      },
    })),
    ...perTenant('governance', (tenantId) => ({
      tenantId,
      name: 'governance poll',
      deadlineMs: deadlines.governanceMs,
      exportsAfter: true,
      async run(signal) {
        const results = await collector.pollGovernance(signal, tenantId);
        const failed = results
          .filter((result) => !result.ok)
          .map(({ signal: governed }) => ({ tenantId, source: `governance ${governed}` }));
        const events = results.reduce((sum, result) => sum + result.events, 0);
        return {
          sources: results.length,
          failed,
          events,
          finished: {
            message: 'governance poll finished',
            fields: {
              tenantId,
              signals: results.length,
              failed: results.filter((result) => !result.ok).map(({ signal: governed }) => governed),
              events,
            },
          },
        };
      },
    })),
    ...perTenant('call-quality', (tenantId) => ({
      tenantId,
      name: 'call-quality poll',
      deadlineMs: deadlines.callQualityMs,
      exportsAfter: false,
      async run(signal) {
        const results = await collector.pollCallQuality(signal, tenantId);
        const failed = results
          .filter((result) => !result.ok)
          .map(() => ({ tenantId, source: 'call-quality' }));
        const records = results.reduce((sum, result) => sum + result.records, 0);
        return {
          sources: results.length,
          failed,
          events: 0,
          ...(results.length > 0 && { callRecords: records }),
          finished: {
            message: 'call quality poll finished',
            fields: { tenantId, failed: failed.length, records },
          },
        };
      },
    })),
  ];
}
