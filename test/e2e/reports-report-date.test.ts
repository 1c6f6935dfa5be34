import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollectorOnce } from './support/collector-cli.js';
import { simulatorTenantYaml, writeCollectorConfig } from './support/collector-config.js';
import {
  addDays,
  countDays,
  type DaySeries,
  expectedDaysFromTruth,
  samplesByDay,
  seriesKey,
} from './support/expected.js';
import { type MetricBackends, startMetricBackends } from './support/metric-backends.js';
import type { OtelCollector } from './support/otelcol.js';
import type { Prometheus } from './support/prometheus.js';
import { type MetricStore, readUntil, sampleAttributes } from './support/promql.js';
import type { VictoriaMetrics } from './support/victoria-metrics.js';

// reports.time: report-date end to end: simulator -> collector CLI -> the real OpenTelemetry Collector ->
// VictoriaMetrics (OTLP) and Prometheus (remote write, with the out-of-order window past-dated samples need).

const REPORT_METRICS = [
  'm365.email.messages',
  'm365.email.active_users',
  'm365.email.meetings',
  'm365.mailbox.count',
  'm365.mailbox.quota.mailboxes',
  'm365.mailbox.storage.usage',
  'm365.mailbox.items',
];
const DATAPOINT_ATTRIBUTES = [
  'm365.email.action',
  'm365.email.meeting.action',
  'm365.mailbox.state',
  'm365.mailbox.quota.status',
  'm365.mailbox.item.state',
];
const DAY_MS = 86_400_000;
const BACKFILL_DAYS = 28;

let simulator: RunningSimulator;
let backends: MetricBackends;
let vm: VictoriaMetrics;
let prometheus: Prometheus;
let otelcol: OtelCollector;
let workDir: string;
let config: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-report-date-'));
  [simulator, backends] = await Promise.all([
    startSimulator({ seed: 11, users: 120, dataDir: join(workDir, 'simulator') }),
    // The backfill reaches 27 days before the refresh date, which is two days before today: under 30 days back.
    startMetricBackends({ outOfOrderTimeWindow: '30d', retentionTime: '30d' }),
  ]);
  ({ vm, prometheus, otelcol } = backends);
  config = await writeCollectorConfig(join(workDir, 'report-date.yaml'), [
    ...simulatorTenantYaml(simulator),
    'reports: { enabled: true, period: D7, interval: 6h, time: report-date, refetchDays: 3 }',
    'serviceHealth: { enabled: false }',
    `state: { directory: ${join(workDir, 'state')} }`,
    `export: { otlp: { endpoint: ${otelcol.otlpHttpUrl}, protocol: http/protobuf } }`,
  ]);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), backends?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

function runOnce(): Promise<CliRun> {
  return runCollectorOnce(config, simulator);
}

/** The reports that feed REPORT_METRICS (and, by default, nothing else). */
const REPORTS = new Set([
  'getEmailActivityCounts',
  'getEmailActivityUserCounts',
  'getMailboxUsageDetail',
  'getMailboxUsageMailboxCounts',
  'getMailboxUsageQuotaStatusMailboxCounts',
  'getMailboxUsageStorage',
]);

/** Points the run's log says it exported for REPORTS. */
function exportedPoints(run: CliRun): number {
  return run.logs
    .filter((line) => line.msg === 'report mapped' && REPORTS.has(String(line.report)))
    .reduce((sum, line) => sum + (typeof line.exportedPoints === 'number' ? line.exportedPoints : 0), 0);
}

/** Every report sample the store holds for the tenant, per series and day; a day's second sample fails the test. */
async function storedDays(store: MetricStore, expectedSamples: number): Promise<DaySeries> {
  const read = async () => {
    const found: DaySeries = new Map();
    let samples = 0;
    for (const metric of REPORT_METRICS) {
      const selector = `{__name__="${store.metricName(metric)}","${store.labelName('m365.tenant.id')}"="${simulator.tenantId}"}[40d]`;
      for (const series of await store.rawSamples(selector)) {
        const attributes = sampleAttributes(store, series, DATAPOINT_ATTRIBUTES);
        const days = samplesByDay(store, metric, series.samples);
        found.set(seriesKey(metric, attributes), days);
        samples += days.size;
      }
    }
    return { found, samples };
  };
  return (await readUntil(read, ({ samples }) => samples >= expectedSamples, 15_000)).found;
}

describe('run --once with reports.time: report-date', () => {
  let backfillFrom: string;
  let first: DaySeries;

  it('backfills the 28 days of daily data, each point on its report day, into VictoriaMetrics and Prometheus', async () => {
    backfillFrom = addDays(simulator.truth.reportRefreshDate, 1 - BACKFILL_DAYS);
    first = expectedDaysFromTruth(simulator, backfillFrom);
    const run = await runOnce();
    expect(run.code, run.stderr).toBe(0);
    expect(exportedPoints(run)).toBe(countDays(first));
    for (const store of [vm, prometheus])
      expect(await storedDays(store, countDays(first)), store.name).toEqual(first);
  });

  it('sends nothing when run again on the same day', async () => {
    const run = await runOnce();
    expect(run.code, run.stderr).toBe(0);
    expect(exportedPoints(run)).toBe(0);
  });

  it('exports exactly the new day once the calendar advances a day, and the day that was still empty before', async () => {
    simulator.setClockSkew(DAY_MS);
    // What was sent stays; the truth of today adds to it.
    const next: DaySeries = new Map([...first].map(([key, days]) => [key, new Map(days)]));
    for (const [key, days] of expectedDaysFromTruth(simulator, backfillFrom))
      for (const [day, value] of days) next.set(key, (next.get(key) ?? new Map()).set(day, value));
    // New: the new refresh day, and the previous one's cells that were empty then.
    const fresh = [...next].flatMap(([key, days]) =>
      [...days.keys()].filter((day) => !first.get(key)?.has(day)).map((day) => `${key}@${day}`),
    );
    expect(new Set(fresh.map((point) => point.slice(point.indexOf('@') + 1)))).toEqual(
      new Set([addDays(simulator.truth.reportRefreshDate, -1), simulator.truth.reportRefreshDate]),
    );
    const run = await runOnce();
    expect(run.code, run.stderr).toBe(0);
    expect(exportedPoints(run)).toBe(fresh.length);
    for (const store of [vm, prometheus])
      expect(await storedDays(store, countDays(next)), store.name).toEqual(next);
  });
});
