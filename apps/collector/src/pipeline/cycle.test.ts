import { ReportError } from '@m365-otel/graph-reports';
import {
  METRIC_M365_MAILBOX_COUNT,
  type MetricObservation,
  type ReportMapping,
  type ReportSnapshot,
  reportsFor,
} from '@m365-otel/mappers';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { recordingExporter } from '../export/__fixtures__/recording-exporter.js';
import { EntityRecordStream, TenantEvents } from '../export/events.js';
import { serviceResource } from '../export/resource.js';
import { SelfMetrics } from '../export/self-metrics.js';
import { createJsonLogger } from '../logging/logger.js';
import { entityFilter } from '../reports/entity-filter.js';
import { retainingStore } from '../state/__fixtures__/retaining.js';
import { MemoryStateStore } from '../state/memory-store.js';
import { runCycle } from './cycle.js';
import { SnapshotStore } from './snapshot-store.js';
import type { ReportFetch, ReportRequest } from './tenant-source.js';

const TENANT = '00000000-0000-0000-0000-000000000001';
const REPORT = 'getMailboxUsageDetail';
const resource = (() => {
  const { resource } = serviceResource({});
  if (!resource) throw new Error('no resource');
  return resource;
})();
const ENABLED = new Set<string>([METRIC_M365_MAILBOX_COUNT]);
const mapping = reportsFor(ENABLED, new Set([REPORT])).find(
  ({ report }) => report === REPORT,
) as ReportMapping;
const OBSERVATION: MetricObservation = {
  metric: METRIC_M365_MAILBOX_COUNT,
  attributes: { 'm365.mailbox.state': 'active' },
  value: 2,
} as MetricObservation;
const SNAPSHOT: ReportSnapshot = {
  report: REPORT,
  reportDate: '2026-03-08',
  observations: [OBSERVATION],
  refreshDate: '2026-03-08',
  days: [{ date: '2026-03-08', observations: [OBSERVATION] }],
  concealedNames: false,
  rejectedRows: 0,
  problems: [],
};

/**
 * A tenant whose mailbox report was refreshed on 2026-03-08 with two mailboxes, answering `unchanged` to that refresh
 * date; a backend for the records that refuses while `refuse` is set.
 */
function harness() {
  const requests: Array<Omit<ReportRequest, 'records'>> = [];
  const logs = { refuse: false, exported: [] as ReadableLogRecord[] };
  const exporter = recordingExporter(logs);
  const source = {
    tenantId: TENANT,
    // Without ReportSettings.Read.All: names_concealed comes from what the rows showed.
    reportSettings: async (): Promise<{ displayConcealedNames: boolean }> => {
      throw new ReportError('reportSettings: 403 Forbidden', { status: 403 });
    },
    fetch: async (_mapping: ReportMapping, request: ReportRequest): Promise<ReportFetch> => {
      const { records, ...asked } = request;
      requests.push(asked);
      if (asked.knownRefreshDate === '2026-03-08')
        return { status: 'unchanged', refreshDate: '2026-03-08', etag: '"v1"' };
      const sink = records?.attempt();
      for (const user of ['alice@contoso.com', 'bob@contoso.com'])
        if (sink?.filter({ kind: 'mailbox', names: [user] }))
          sink.onRecord({
            eventName: 'm365.report.mailbox',
            timestampMs: Date.parse('2026-03-08T00:00:00Z'),
            attributes: { 'user.name': user },
          });
      return { status: 'read', snapshot: SNAPSHOT, rows: 2, refreshDate: '2026-03-08', etag: '"v1"' };
    },
  };
  const state = retainingStore(new MemoryStateStore()).state;
  const filters = { users: [], mailboxes: [], sites: [], groups: [] };
  /** One cycle of a process whose memory is `store`: a new store is a restart. */
  const cycle = (store: SnapshotStore) =>
    runCycle({
      sources: [source],
      mappings: [mapping],
      period: 'D7',
      store,
      selfMetrics: new SelfMetrics(resource),
      logger: createJsonLogger({ level: 'error', write: () => undefined }),
      signal: new AbortController().signal,
      entities: {
        reports: new Set([REPORT]),
        filter: entityFilter({ include: filters, exclude: filters }),
        stream: () => new EntityRecordStream(new TenantEvents(resource), exporter, 0),
      },
      latestState: { state, enabledMetrics: ENABLED },
      namesConcealed: new Set(),
    });
  return { requests, logs, cycle, state };
}

describe('runCycle in latest mode', () => {
  it('reads a report again after the backend refused its records, and then holds its refresh date', async () => {
    const run = harness();
    const store = new SnapshotStore();
    run.logs.refuse = true;
    expect((await run.cycle(store))[0]).toMatchObject({ ok: false });
    // The gauges stand meanwhile.
    expect(store.snapshots(TENANT)).toEqual([SNAPSHOT]);
    run.logs.refuse = false;
    expect((await run.cycle(store))[0]).toMatchObject({ ok: true, unchanged: false });
    expect(run.requests[1]).toEqual({ period: 'D7' });
    expect(run.logs.exported).toHaveLength(2);
    expect((await run.cycle(store))[0]).toMatchObject({ ok: true, unchanged: true });
    expect(run.logs.exported).toHaveLength(2);
  });

  it('after a restart asks with the kept refresh date and ETag, sends nothing and exports the kept gauges', async () => {
    const run = harness();
    await run.cycle(new SnapshotStore());
    const restarted = new SnapshotStore();
    expect((await run.cycle(restarted))[0]).toMatchObject({ ok: true, unchanged: true });
    expect(run.requests[1]).toEqual({ period: 'D7', knownRefreshDate: '2026-03-08', etag: '"v1"' });
    expect(run.logs.exported).toHaveLength(2);
    expect(restarted.snapshots(TENANT)).toEqual([{ ...SNAPSHOT, days: [], observations: [OBSERVATION] }]);
    expect(restarted.tenantObservations(TENANT)).toEqual([
      expect.objectContaining({ metric: 'm365.report.names_concealed', value: 0 }),
    ]);
  });

  it('after a restart with a quarantined state reads the report again for its gauges, without its records', async () => {
    const run = harness();
    await run.cycle(new SnapshotStore());
    await run.state.write(`${TENANT}/reports-latest/${REPORT}`, { selection: 7 });
    const restarted = new SnapshotStore();
    expect((await run.cycle(restarted))[0]).toMatchObject({ ok: true, unchanged: false });
    expect(run.requests[1]).toEqual({ period: 'D7' });
    expect(run.logs.exported).toHaveLength(2);
    expect(restarted.snapshots(TENANT)).toEqual([SNAPSHOT]);
    // Rebuilt: the next cycle knows the refresh date again.
    expect((await run.cycle(new SnapshotStore()))[0]).toMatchObject({ ok: true, unchanged: true });
  });
});
