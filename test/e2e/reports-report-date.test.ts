import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollector } from './support/collector-cli.js';
import { type DaySeries, expectedDaysFromTruth, seriesKey } from './support/expected.js';
import { type OtelCollector, startCollector } from './support/otelcol.js';
import { type Prometheus, startPrometheus } from './support/prometheus.js';
import type { MetricStore } from './support/promql.js';
import { startVictoriaMetrics, type VictoriaMetrics } from './support/victoria-metrics.js';

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
let vm: VictoriaMetrics;
let prometheus: Prometheus;
let otelcol: OtelCollector;
let workDir: string;
let config: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-report-date-'));
  [simulator, vm, prometheus] = await Promise.all([
    startSimulator({ seed: 11, users: 120, dataDir: join(workDir, 'simulator') }),
    startVictoriaMetrics(),
    // The backfill reaches 27 days before the refresh date, which is two days before today: under 30 days back.
    startPrometheus({ outOfOrderTimeWindow: '30d', retentionTime: '30d' }),
  ]);
  otelcol = await startCollector({
    metricsOtlpBaseUrl: vm.otlpBaseUrl,
    prometheusWriteUrl: prometheus.remoteWriteUrl,
  });
  config = join(workDir, 'report-date.yaml');
  await writeFile(
    config,
    [
      'tenants:',
      `  - tenantId: ${simulator.tenantId}`,
      `    clientId: ${simulator.clientId}`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the collector's own ${env:NAME} substitution
      '    clientSecret: ${env:M365_CLIENT_SECRET}',
      '    cloud: custom',
      `    endpoints: { authority: ${simulator.authorityUrl}, graph: ${simulator.graphUrl} }`,
      `    tls: { caFile: ${simulator.caFile} }`,
      'reports: { enabled: true, period: D7, interval: 6h, time: report-date, refetchDays: 3 }',
      'serviceHealth: { enabled: false }',
      `state: { directory: ${join(workDir, 'state')} }`,
      `export: { otlp: { endpoint: ${otelcol.otlpHttpUrl}, protocol: http/protobuf } }`,
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await Promise.all([simulator?.close(), vm?.stop(), prometheus?.stop(), otelcol?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

function runOnce(): Promise<CliRun> {
  return runCollector(['run', '--once', '--config', config], { M365_CLIENT_SECRET: simulator.clientSecret });
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
        const attributes: Record<string, string> = {};
        for (const attribute of DATAPOINT_ATTRIBUTES) {
          const value = series.labels[store.labelName(attribute)];
          if (value !== undefined) attributes[attribute] = value;
        }
        const days = new Map<string, number>();
        for (const { timestampMs, value } of series.samples) {
          expect(timestampMs % DAY_MS, `${store.name}: ${metric} sample at 00:00 UTC`).toBe(0);
          const day = new Date(timestampMs).toISOString().slice(0, 10);
          expect(days.has(day), `${store.name}: one sample of ${metric} on ${day}`).toBe(false);
          days.set(day, value);
          samples += 1;
        }
        found.set(seriesKey(metric, attributes), days);
      }
    }
    return { found, samples };
  };
  // Fresh samples become searchable shortly after ingestion, not at once.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { found, samples } = await read();
    if (samples >= expectedSamples || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function count(series: DaySeries): number {
  return [...series.values()].reduce((sum, days) => sum + days.size, 0);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

describe('run --once with reports.time: report-date', () => {
  let backfillFrom: string;
  let first: DaySeries;

  it('backfills the 28 days of daily data, each point on its report day, into VictoriaMetrics and Prometheus', async () => {
    backfillFrom = addDays(simulator.truth.reportRefreshDate, 1 - BACKFILL_DAYS);
    first = expectedDaysFromTruth(simulator, backfillFrom);
    const run = await runOnce();
    expect(run.code, run.stderr).toBe(0);
    expect(exportedPoints(run)).toBe(count(first));
    for (const store of [vm, prometheus])
      expect(await storedDays(store, count(first)), store.name).toEqual(first);
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
      expect(await storedDays(store, count(next)), store.name).toEqual(next);
  });
});
