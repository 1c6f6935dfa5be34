import {
  METRIC_M365_MAILBOX_STORAGE_USAGE,
  observation,
  REPORT_MAPPINGS,
  type ReportMapping,
  type ReportSnapshot,
} from '@m365-otel/mappers';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { type RecordingBackend, recordingExporter } from '../export/__fixtures__/recording-exporter.js';
import { EntityRecordStream, TenantEvents } from '../export/events.js';
import { type ExportOutcome, emptyOutcome } from '../export/exporter.js';
import { serviceResource } from '../export/resource.js';
import { SelfMetrics } from '../export/self-metrics.js';
import { createJsonLogger } from '../logging/logger.js';
import { entityFilter } from '../reports/entity-filter.js';
import type { DayPoint } from '../reports/high-water.js';
import { retainingStore, storedValue } from '../state/__fixtures__/retaining.js';
import { MemoryStateStore } from '../state/memory-store.js';
import { type ReportDateOptions, readReportDate } from './report-date.js';
import type { ReportFetch, ReportRequest } from './tenant-source.js';

// The commit protocol of report-date mode with Graph and the backend replaced by doubles.

const TENANT = 'tenant-a';
const NOW = Date.parse('2026-03-10T12:00:00Z');
const storage = REPORT_MAPPINGS.find(
  (mapping) => mapping.report === 'getMailboxUsageStorage',
) as ReportMapping;
const METRIC = 'm365.mailbox.storage.usage';
const resource = (() => {
  const { resource } = serviceResource({});
  if (!resource) throw new Error('no resource');
  return resource;
})();

/** A snapshot of getMailboxUsageStorage with one observation per day (C3's `days`). */
function answer(values: Record<string, number>, refreshDate = '2026-03-08'): ReportFetch {
  const days = Object.entries(values)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, value]) => ({
      date,
      observations: [observation(METRIC_M365_MAILBOX_STORAGE_USAGE, {}, value)],
    }));
  const snapshot: ReportSnapshot = {
    report: 'getMailboxUsageStorage',
    reportDate: days.at(-1)?.date,
    observations: days.at(-1)?.observations ?? [],
    rejectedRows: 0,
    problems: [],
    days,
    refreshDate,
    concealedNames: undefined,
  };
  return { status: 'read', snapshot, rows: days.length, refreshDate, etag: `"${refreshDate}"` };
}

const RECORDS = [
  { identity: { kind: 'mailbox', names: ['alice@contoso.com'] }, user: 'alice@contoso.com' },
  { identity: { kind: 'mailbox', names: ['svc-backup@contoso.com'] }, user: 'svc-backup@contoso.com' },
] as const;

function harness(logs?: RecordingBackend) {
  const requests: ReportRequest[] = [];
  const exported: DayPoint[][] = [];
  let next: ReportFetch = answer({});
  let outcome: ExportOutcome = emptyOutcome();
  const state = retainingStore(new MemoryStateStore()).state;
  const selfMetrics = new SelfMetrics(resource);
  const source = {
    tenantId: TENANT,
    fetch: async (_mapping: ReportMapping, request: ReportRequest) => {
      const { records, ...asked } = request;
      requests.push(asked);
      const entities = records?.attempt();
      // As the mapping does while the rows stream by: a record for each row the filter keeps.
      if (next.status === 'read')
        for (const { identity, user } of RECORDS)
          if (entities?.filter(identity))
            entities.onRecord({
              eventName: 'm365.report.mailbox',
              timestampMs: Date.parse('2026-03-08T00:00:00Z'),
              attributes: { 'user.name': user },
            });
      return next;
    },
  };
  const options: ReportDateOptions = {
    period: 'D7',
    refetchDays: 3,
    enabledMetrics: new Set([METRIC]),
    state,
    exportPoints: async (_tenant, points) => {
      exported.push([...points]);
      return outcome;
    },
    selfMetrics,
    logger: createJsonLogger({ level: 'error', write: () => undefined }),
    signal: new AbortController().signal,
    now: () => NOW,
    ...(logs && {
      entities: {
        reports: new Set(['getMailboxUsageStorage']),
        filter: entityFilter({
          include: { users: [], mailboxes: [], sites: [], groups: [] },
          exclude: { users: [], mailboxes: [/^svc-/], sites: [], groups: [] },
        }),
        stream: () => new EntityRecordStream(new TenantEvents(resource), recordingExporter(logs), NOW),
      },
    }),
  };
  return {
    requests,
    exported,
    state,
    selfMetrics,
    answer: (fetch: ReportFetch) => {
      next = fetch;
    },
    failExports: (errors: string[]) => {
      outcome = { ok: false, delivered: false, errors, rejected: 0 };
    },
    acknowledge: () => {
      outcome = emptyOutcome();
    },
    read: () => readReportDate(source, storage, options),
  };
}

const days = (points: readonly DayPoint[]) => points.map((point) => [point.day, point.value]);

describe('readReportDate', () => {
  it('backfills with D30 on the first run and commits the marks once the backend acknowledged them', async () => {
    const run = harness();
    run.answer(answer({ '2026-03-06': 1, '2026-03-07': 2, '2026-03-08': 3 }));
    const read = await run.read();
    expect(read).toMatchObject({ status: 'read', exported: 3, revised: 0 });
    expect(run.requests).toEqual([{ period: 'D30' }]);
    expect(days(run.exported.flat())).toEqual([
      ['2026-03-06', 1],
      ['2026-03-07', 2],
      ['2026-03-08', 3],
    ]);
    expect(await storedValue(run.state, `${TENANT}/reports/getMailboxUsageStorage`)).toEqual({
      refreshDate: '2026-03-08',
      etag: '"2026-03-08"',
      selection: METRIC,
      series: {
        [`${METRIC}{}`]: {
          newest: '2026-03-08',
          sent: { '2026-03-06': 1, '2026-03-07': 2, '2026-03-08': 3 },
        },
      },
      // Not the points (they went out with their days): what the report age and names_concealed need.
      snapshot: { reportDate: '2026-03-08', observations: [] },
    });
  });

  it('backfills no further than the 28 days Microsoft keeps', async () => {
    const run = harness();
    run.answer(answer({ '2026-02-08': 1, '2026-02-09': 2, '2026-03-08': 3 }));
    await run.read();
    expect(days(run.exported.flat())).toEqual([
      ['2026-02-09', 2],
      ['2026-03-08', 3],
    ]);
  });

  it('asks the configured period with the known refresh date and ETag afterwards, and exports only the new day', async () => {
    const run = harness();
    run.answer(answer({ '2026-03-06': 1, '2026-03-07': 2, '2026-03-08': 3 }));
    await run.read();
    run.answer(answer({ '2026-03-07': 2, '2026-03-08': 3, '2026-03-09': 4 }, '2026-03-09'));
    await run.read();
    expect(run.requests[1]).toEqual({ period: 'D7', knownRefreshDate: '2026-03-08', etag: '"2026-03-08"' });
    expect(days(run.exported[1] ?? [])).toEqual([['2026-03-09', 4]]);
  });

  it('sends nothing when the report is unchanged, and restores what the export needs of its snapshot', async () => {
    const run = harness();
    run.answer(answer({ '2026-03-08': 3 }));
    await run.read();
    run.answer({ status: 'unchanged', refreshDate: '2026-03-08', etag: '"2026-03-08"' });
    expect(await run.read()).toEqual({
      status: 'unchanged',
      refreshDate: '2026-03-08',
      restored: {
        report: 'getMailboxUsageStorage',
        reportDate: '2026-03-08',
        observations: [],
        refreshDate: '2026-03-08',
        days: [],
        concealedNames: undefined,
        rejectedRows: 0,
        problems: [],
      },
    });
    expect(run.requests[1]).toMatchObject({ knownRefreshDate: '2026-03-08', etag: '"2026-03-08"' });
    expect(run.exported).toHaveLength(1);
  });

  it('reads the report again when the state predates the kept snapshot', async () => {
    const run = harness();
    await run.state.write(`${TENANT}/reports/getMailboxUsageStorage`, {
      refreshDate: '2026-03-08',
      etag: '"2026-03-08"',
      selection: METRIC,
      series: { [`${METRIC}{}`]: { newest: '2026-03-08', sent: { '2026-03-08': 3 } } },
    });
    run.answer(answer({ '2026-03-08': 3 }));
    await run.read();
    expect(run.requests[0]).not.toHaveProperty('knownRefreshDate');
    expect(run.exported).toEqual([]);
  });

  it('commits nothing when the backend refuses the export, so the same points go out next time', async () => {
    const run = harness();
    run.answer(answer({ '2026-03-07': 2, '2026-03-08': 3 }));
    run.failExports(['503 Service Unavailable']);
    await expect(run.read()).rejects.toMatchObject({ name: 'ReportStageError', stage: 'export' });
    expect(await storedValue(run.state, `${TENANT}/reports/getMailboxUsageStorage`)).toBeUndefined();
    run.acknowledge();
    await run.read();
    // Still the first run: D30, no known refresh date, every day again.
    expect(run.requests[1]).toEqual({ period: 'D30' });
    expect(days(run.exported[1] ?? [])).toEqual([
      ['2026-03-07', 2],
      ['2026-03-08', 3],
    ]);
  });

  it('counts a revised value without sending it again', async () => {
    const run = harness();
    run.answer(answer({ '2026-03-07': 2, '2026-03-08': 3 }));
    await run.read();
    run.answer(answer({ '2026-03-07': 5, '2026-03-08': 3 }, '2026-03-08'));
    expect(await run.read()).toMatchObject({ status: 'read', exported: 0, revised: 1 });
    expect(run.exported).toHaveLength(1);
    const { scopeMetrics } = await run.selfMetrics.collect();
    const revisions = scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'm365otel.report.revisions');
    expect(revisions?.dataPoints.map((point) => [point.attributes, point.value])).toEqual([
      [{ 'm365.report.name': 'getMailboxUsageStorage' }, 1],
    ]);
  });

  it('reads again without the known refresh date when more metrics are enabled than it was read for', async () => {
    const run = harness();
    run.answer(answer({ '2026-03-08': 3 }));
    await run.state.write(`${TENANT}/reports/getMailboxUsageStorage`, {
      refreshDate: '2026-03-08',
      selection: '',
      series: {},
    });
    await run.read();
    expect(run.requests[0]).toEqual({ period: 'D30' });
  });

  it('sends the log records of the rows the filters keep, and commits only once the backend took them', async () => {
    const logs = { refuse: true, exported: [] as ReadableLogRecord[] };
    const run = harness(logs);
    run.answer(answer({ '2026-03-08': 3 }));
    await expect(run.read()).rejects.toMatchObject({ name: 'ReportStageError', stage: 'export' });
    expect(run.exported).toEqual([]);
    expect(await storedValue(run.state, `${TENANT}/reports/getMailboxUsageStorage`)).toBeUndefined();

    logs.refuse = false;
    await run.read();
    expect(logs.exported.map((record) => [record.eventName, record.attributes['user.name']])).toEqual([
      ['m365.report.mailbox', 'alice@contoso.com'],
    ]);
    expect(logs.exported[0]?.hrTime).toEqual([Date.parse('2026-03-08T00:00:00Z') / 1000, 0]);
    expect(await storedValue(run.state, `${TENANT}/reports/getMailboxUsageStorage`)).toMatchObject({
      selection: `${METRIC};details`,
    });
  });

  it('rebuilds a state it did not write from the next answer, sending none of its points or records again', async () => {
    const logs = { refuse: false, exported: [] as ReadableLogRecord[] };
    const run = harness(logs);
    await run.state.write(`${TENANT}/reports/getMailboxUsageStorage`, { series: [] });
    run.answer(answer({ '2026-03-06': 1, '2026-03-07': 2, '2026-03-08': 3 }));
    expect(await run.read()).toMatchObject({ status: 'read', exported: 0 });
    expect(run.exported).toEqual([]);
    expect(logs.exported).toEqual([]);
    expect(await storedValue(run.state, `${TENANT}/reports/getMailboxUsageStorage`)).toMatchObject({
      series: { [`${METRIC}{}`]: { newest: '2026-03-08' } },
    });
    // From then on as usual: the next day only.
    run.answer(answer({ '2026-03-07': 2, '2026-03-08': 3, '2026-03-09': 4 }, '2026-03-10'));
    await run.read();
    expect(run.exported.map(days)).toEqual([[['2026-03-09', 4]]]);
  });
});
