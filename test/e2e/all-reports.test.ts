import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_CATALOG, type ReportPeriod } from '@m365-otel/graph-reports';
import {
  type DetailRow,
  type RunningSimulator,
  type SimulatorStats,
  startSimulator,
} from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_METRICS,
  ALL_REPORT_MAPPINGS,
  expectedLatest,
  expectedReportDays,
  metricAttributes,
  REPORT_METRICS,
} from './support/all-reports-expected.js';
import { type CliRun, runCollectorOnce } from './support/collector-cli.js';
import { simulatorTenantYaml, writeCollectorConfig } from './support/collector-config.js';
import { addDays, countDays, type DaySeries, samplesByDay, seriesKey } from './support/expected.js';
import { type MetricBackends, startMetricBackends } from './support/metric-backends.js';
import type { OtelCollector } from './support/otelcol.js';
import type { Prometheus } from './support/prometheus.js';
import { type MetricStore, readUntil, sampleAttributes } from './support/promql.js';
import type { VictoriaMetrics } from './support/victoria-metrics.js';

// Every metric of the catalog on, so every report function is read: simulator -> collector CLI -> the real
// OpenTelemetry Collector -> VictoriaMetrics (OTLP) and Prometheus (remote write), compared with the simulator's
// ground truth in both time modes. support/all-reports-expected.ts says what the expectations are made of.

const PERIOD: ReportPeriod = 'D7';
const DAY_MS = 86_400_000;
const BACKFILL_DAYS = 28;
/** The default reports.interval (6h): cycles a day with everything on. */
const CYCLES_PER_DAY = 4;
const REPORTS = ALL_REPORT_MAPPINGS.map((mapping) => mapping.report);
const DAILY_REPORTS = REPORTS.filter((report) => REPORT_CATALOG[report].shape === 'daily');

let simulator: RunningSimulator;
let backends: MetricBackends;
let vm: VictoriaMetrics;
let prometheus: Prometheus;
let otelcol: OtelCollector;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-all-reports-'));
  [simulator, backends] = await Promise.all([
    // The report settings in the shape of Microsoft's documentation example, which the collector reads too.
    startSimulator({
      seed: 23,
      users: 300,
      dataDir: join(workDir, 'simulator'),
      reportSettingsShape: 'wrapped',
    }),
    // The backfill reaches 27 days before the refresh date, two days before today: under 30 days back.
    startMetricBackends({ outOfOrderTimeWindow: '30d', retentionTime: '30d' }),
  ]);
  ({ vm, prometheus, otelcol } = backends);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), backends?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

/** A config with every catalog metric on, in its own state directory. */
function writeConfig(name: string, time: 'latest' | 'report-date'): Promise<string> {
  return writeCollectorConfig(join(workDir, `${name}.yaml`), [
    ...simulatorTenantYaml(simulator),
    `reports: { enabled: true, period: ${PERIOD}, interval: 6h, time: ${time}, refetchDays: 3 }`,
    // Service health has its own end-to-end test; its metrics are on but its source is not polled here.
    'serviceHealth: { enabled: false }',
    'metrics:',
    ...ALL_METRICS.map((metric) => `  ${metric}: { enabled: true }`),
    `state: { directory: ${join(workDir, `state-${name}`)} }`,
    `export: { otlp: { endpoint: ${otelcol.otlpHttpUrl}, protocol: http/protobuf } }`,
  ]);
}

/** What the simulator served during one run. */
interface Served {
  /** Per report function, the calls received. */
  calls: Record<string, number>;
  downloads: number;
  /** Report calls answered 304 (the ETag matched). */
  notModified: number;
  reportSettingsCalls: number;
}

interface Run extends CliRun {
  served: Served;
}

function served(before: SimulatorStats, after: SimulatorStats): Served {
  const calls: Record<string, number> = {};
  for (const [report, count] of Object.entries(after.reportRequestsByFunction)) {
    const made = count - (before.reportRequestsByFunction[report] ?? 0);
    if (made > 0) calls[report] = made;
  }
  return {
    calls,
    downloads: after.downloads - before.downloads,
    notModified: after.reportsNotModified - before.reportsNotModified,
    reportSettingsCalls: after.reportSettingsRequests - before.reportSettingsRequests,
  };
}

async function runOnce(config: string): Promise<Run> {
  const before = simulator.stats();
  const run = await runCollectorOnce(config, simulator);
  expect(run.code, run.stderr).toBe(0);
  return { ...run, served: served(before, simulator.stats()) };
}

/**
 * Exactly one call of every report function (the rate limit is per function, and none is read twice), and one of
 * admin/reportSettings for m365.report.names_concealed.
 */
function expectEveryReportCalledOnce(run: Run): void {
  expect(run.served.calls).toEqual(Object.fromEntries(REPORTS.map((report) => [report, 1])));
  expect(run.served.reportSettingsCalls).toBe(1);
  expect(run.logs.filter((line) => String(line.msg).startsWith('report settings not read'))).toEqual([]);
}

function exportedPoints(run: CliRun): number {
  return run.logs
    .filter((line) => line.msg === 'report mapped')
    .reduce((sum, line) => sum + (typeof line.exportedPoints === 'number' ? line.exportedPoints : 0), 0);
}

/** The catalog metric each stored name stands for, in this store's naming. */
function metricsByStoredName(store: MetricStore): Map<string, string> {
  return new Map([...REPORT_METRICS].map((metric) => [store.metricName(metric), metric]));
}

function tenantMatcher(store: MetricStore): string {
  return `${store.labelName('m365.tenant.id')}="${simulator.tenantId}"`;
}

/** A sample's catalog metric and key, or undefined for a sample of another metric (age, self-metrics). */
function sampleKey(
  store: MetricStore,
  names: Map<string, string>,
  labels: Record<string, string>,
): string | undefined {
  const metric = names.get(labels.__name__ ?? '');
  if (metric === undefined) return undefined;
  return seriesKey(metric, sampleAttributes(store, { labels }, metricAttributes(metric)));
}

/** Every report-metric sample the store holds for the tenant, per series and day; a day's second sample fails. */
async function storedDays(store: MetricStore, expectedSamples: number): Promise<DaySeries> {
  const names = metricsByStoredName(store);
  const read = async () => {
    const found: DaySeries = new Map();
    let samples = 0;
    for (const series of await store.rawSamples(`{${tenantMatcher(store)}}[40d]`)) {
      const key = sampleKey(store, names, series.labels);
      if (key === undefined) continue;
      const days = samplesByDay(store, key, series.samples);
      found.set(key, days);
      samples += days.size;
    }
    return { found, samples };
  };
  return (await readUntil(read, ({ samples }) => samples >= expectedSamples, 20_000)).found;
}

/**
 * The report-metric samples stamped within [startedMs, finishedMs] (a latest-mode run's: the report-date points lie
 * days back), per series; a series with a second sample in the run, or one stamped outside it, fails the test.
 */
async function samplesOfRun(
  store: MetricStore,
  startedMs: number,
  finishedMs: number,
  expectedSeries: number,
): Promise<Map<string, number>> {
  const names = metricsByStoredName(store);
  const read = async () => {
    const windowSeconds = Math.ceil((Date.now() - startedMs) / 1000) + 1;
    const found = new Map<string, number>();
    for (const series of await store.rawSamples(`{${tenantMatcher(store)}}[${windowSeconds}s]`)) {
      const key = sampleKey(store, names, series.labels);
      if (key === undefined) continue;
      expect(series.samples, `${store.name}: one sample of ${key}`).toHaveLength(1);
      const [{ timestampMs, value }] = series.samples as [{ timestampMs: number; value: number }];
      expect(timestampMs, `${store.name}: ${key} stamped during the run`).toBeGreaterThanOrEqual(startedMs);
      expect(timestampMs, `${store.name}: ${key} stamped during the run`).toBeLessThanOrEqual(finishedMs);
      found.set(key, value);
    }
    return found;
  };
  return readUntil(read, (found) => found.size >= expectedSeries, 20_000);
}

describe('every report, reports.time: report-date', () => {
  let config: string;
  let backfillFrom: string;
  let first: DaySeries;

  beforeAll(async () => {
    config = await writeConfig('report-date', 'report-date');
  });

  it('reads every report function once and backfills every series on its report days into both backends', async () => {
    backfillFrom = addDays(simulator.truth.reportRefreshDate, 1 - BACKFILL_DAYS);
    first = expectedReportDays(simulator, PERIOD, backfillFrom);
    const run = await runOnce(config);
    expectEveryReportCalledOnce(run);
    expect(run.served.downloads).toBe(REPORTS.length);
    expect(exportedPoints(run)).toBe(countDays(first));
    // Every report metric has series: nothing in the catalog is left unexercised.
    const metricsSeen = new Set([...first.keys()].map((key) => key.slice(0, key.indexOf('{'))));
    expect([...REPORT_METRICS].filter((metric) => !metricsSeen.has(metric))).toEqual([]);
    for (const store of [vm, prometheus])
      expect(await storedDays(store, countDays(first)), store.name).toEqual(first);
    console.log(
      `all reports: ${REPORTS.length} report functions, ${ALL_METRICS.length} metrics (${REPORT_METRICS.size} from reports), ` +
        `${first.size} report series, ${countDays(first)} points in the 28-day backfill`,
    );
  });

  it('reads no report again and sends nothing when run again on the same day', async () => {
    const run = await runOnce(config);
    expectEveryReportCalledOnce(run);
    const unchanged = run.logs.filter((line) => line.msg === 'report unchanged since the last read');
    expect(new Set(unchanged.map((line) => line.report))).toEqual(new Set(REPORTS));
    // A summary or per-entity report is asked as before, so Graph answers 304 to its ETag. A daily report is asked
    // with the period that reaches back to its refetch window now (D7, not the backfill's D30): another file, so its
    // download starts, and stops at the first row, whose Report Refresh Date is the one already read.
    expect(run.served.notModified).toBe(REPORTS.length - DAILY_REPORTS.length);
    expect(run.served.downloads).toBe(DAILY_REPORTS.length);
    expect(exportedPoints(run)).toBe(0);
  });

  it('exports only the new day (and the day that was still empty) once the calendar advances a day', async () => {
    simulator.setClockSkew(DAY_MS);
    const next: DaySeries = new Map([...first].map(([key, days]) => [key, new Map(days)]));
    for (const [key, days] of expectedReportDays(simulator, PERIOD, backfillFrom))
      for (const [day, value] of days) next.set(key, (next.get(key) ?? new Map()).set(day, value));
    const fresh = [...next].flatMap(([key, days]) =>
      [...days.keys()].filter((day) => !first.get(key)?.has(day)).map((day) => ({ key, day })),
    );
    expect(new Set(fresh.map(({ day }) => day))).toEqual(
      new Set([addDays(simulator.truth.reportRefreshDate, -1), simulator.truth.reportRefreshDate]),
    );
    const run = await runOnce(config);
    expectEveryReportCalledOnce(run);
    expect(run.served.downloads).toBe(REPORTS.length);
    expect(exportedPoints(run)).toBe(fresh.length);
    for (const store of [vm, prometheus])
      expect(await storedDays(store, countDays(next)), store.name).toEqual(next);
  });
});

// After report-date mode moved the simulator's calendar a day: latest mode starts from its own empty state and
// expects whatever day the truth describes now.
describe('every report, reports.time: latest', () => {
  /** VictoriaMetrics' series after the run, for the spot checks. */
  let stored: Map<string, number>;

  it('exports the newest complete day of every report series, stamped at collection, to both backends', async () => {
    const config = await writeConfig('latest', 'latest');
    const expected = expectedLatest(simulator, PERIOD);
    const startedMs = Date.now();
    const run = await runOnce(config);
    const finishedMs = Date.now();
    expectEveryReportCalledOnce(run);
    expect(run.served.downloads).toBe(REPORTS.length);

    for (const store of [vm, prometheus]) {
      const series = await samplesOfRun(store, startedMs, finishedMs, expected.series.size);
      expect(series, store.name).toEqual(expected.series);
      if (store === vm) stored = series;
      // Read from admin/reportSettings (the tenant shows names).
      const [concealed] = await store.query(
        `{__name__="${store.metricName('m365.report.names_concealed')}",${tenantMatcher(store)}}`,
      );
      expect(concealed?.value, store.name).toBe(0);
      // Every report's age: collection time minus 00:00 UTC of the day its gauges describe.
      const ages = await store.query(
        `{__name__="${store.metricName('m365.report.age')}",${tenantMatcher(store)}}`,
      );
      const reportOf = (labels: Record<string, string>) => labels[store.labelName('m365.report.name')] ?? '';
      expect(new Set(ages.map((age) => reportOf(age.labels))), store.name).toEqual(
        new Set(expected.reportDays.keys()),
      );
      for (const age of ages) {
        const dayStartMs = Date.parse(`${expected.reportDays.get(reportOf(age.labels))}T00:00:00Z`);
        expect(age.value).toBeGreaterThanOrEqual((startedMs - dayStartMs) / 1000 - 1);
        expect(age.value).toBeLessThanOrEqual((finishedMs - dayStartMs) / 1000 + 1);
      }
    }
    console.log(
      `all reports: latest mode, ${expected.series.size} series; everything on at the default interval (6h) makes ` +
        `${REPORTS.length * CYCLES_PER_DAY} report calls and ${CYCLES_PER_DAY} report-settings calls per tenant a day, ` +
        'one download per report and Microsoft refresh',
    );
  });

  // The expectations above come out of the mapping itself; these values come straight from the truth's rows, so
  // a mapping that read the wrong column, day or sign would fail here even though it agrees with itself.
  it.each(spotChecks())('holds $name as computed from the truth rows', ({ series, value }) => {
    expect(stored.get(series)).toBe(value());
  });
});

interface SpotCheck {
  name: string;
  series: string;
  value: () => number;
}

function rows(report: string): DetailRow[] {
  return simulator.truth.report(report, { period: PERIOD }).rows;
}

/** The newest row of a daily report whose every cell has a value: the day latest mode reports. */
function newestCompleteRow(report: string): DetailRow {
  const complete = rows(report)
    .filter((row) => Object.values(row).every((cell) => cell !== null))
    .sort((a, b) => String(b['Report Date']).localeCompare(String(a['Report Date'])));
  const [newest] = complete;
  if (newest === undefined) throw new Error(`${report} has no complete day`);
  return newest;
}

function number(row: DetailRow, column: string): number {
  const cell = row[column];
  if (typeof cell !== 'number') throw new Error(`${column} is ${JSON.stringify(cell)}, not a number`);
  return cell;
}

/** `PT1H2M3S` in seconds. */
function isoSeconds(text: string): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(text);
  if (match === null) throw new Error(`${text} is not an ISO-8601 duration`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** Live (not deleted) rows of a per-entity report. */
function liveRows(report: string): DetailRow[] {
  return rows(report).filter((row) => row['Is Deleted'] !== true);
}

/** Rows whose Last Activity Date falls within the period ending on the refresh date. */
function activeInPeriod(row: DetailRow): boolean {
  const last = row['Last Activity Date'];
  return (
    typeof last === 'string' && last > addDays(simulator.truth.reportRefreshDate, -Number(PERIOD.slice(1)))
  );
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** One check per report shape and family, each value computed from the rows as the metric docs describe it. */
function spotChecks(): SpotCheck[] {
  const check = (metric: string, attributes: Record<string, string>, value: () => number): SpotCheck => ({
    name: seriesKey(metric, attributes),
    series: seriesKey(metric, attributes),
    value,
  });
  return [
    // daily counts, one column each
    check('m365.email.messages', { 'm365.email.action': 'sent' }, () =>
      number(newestCompleteRow('getEmailActivityCounts'), 'Send'),
    ),
    // daily, Total - Active
    check('m365.group.count', { 'm365.activity.state': 'inactive' }, () => {
      const row = newestCompleteRow('getOffice365GroupsActivityGroupCounts');
      return number(row, 'Total') - number(row, 'Active');
    }),
    // daily, ISO-8601 durations
    check('m365.teams.media.duration', { 'm365.teams.media': 'audio' }, () =>
      isoSeconds(String(newestCompleteRow('getTeamsUserActivityCounts')['Audio Duration'])),
    ),
    // daily, beta path
    check('m365.forms.responses', { 'm365.forms.response.kind': 'authenticated' }, () =>
      number(newestCompleteRow('getFormsUserActivityCounts'), 'Authenticated responses'),
    ),
    // summary, Copilot path (JSON by default there)
    check(
      'm365.copilot.period_users',
      { 'm365.copilot.app': 'any', 'm365.copilot.user.state': 'enabled' },
      () => number(rows('getMicrosoft365CopilotUserCountSummary')[0] ?? {}, 'Any App Enabled Users'),
    ),
    // per-entity sums: OneDrive storage = Storage Used over the live accounts, split by activity
    ...(['active', 'inactive'] as const).map((state) =>
      check('m365.onedrive.detail.storage.usage', { 'm365.activity.state': state }, () =>
        sum(
          liveRows('getOneDriveUsageAccountDetail')
            .filter((row) => activeInPeriod(row) === (state === 'active'))
            .map((row) => number(row, 'Storage Used (Byte)')),
        ),
      ),
    ),
    check('m365.mailbox.items', { 'm365.mailbox.item.state': 'present' }, () =>
      sum(liveRows('getMailboxUsageDetail').map((row) => number(row, 'Item Count'))),
    ),
    // per-entity row counts by activity
    check(
      'm365.teams.detail.users',
      { 'm365.activity.state': 'active' },
      () => liveRows('getTeamsUserActivityUserDetail').filter(activeInPeriod).length,
    ),
  ];
}
