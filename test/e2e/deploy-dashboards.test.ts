import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DASHBOARDS_DIRECTORY,
  metricNamesIn,
  type PrometheusQuery,
  RANGE,
  RATE_INTERVAL,
  TENANT_LABEL,
  TENANT_VARIABLE,
  unknownReferences,
} from '@m365-otel/dashboards';
import {
  ATTR_M365_APP_CREDENTIAL_EXPIRY,
  ATTR_M365_RISK_LEVEL,
  ATTR_M365_RISK_STATE,
  ATTR_M365_SERVICE_STATUS,
  METRIC_CATALOG,
  METRIC_M365_APP_CREDENTIALS,
  METRIC_M365_RISK_USERS,
  METRIC_M365OTEL_SOURCE_LAST_SUCCESS,
  prometheusLabelName,
  prometheusMetricName,
  prometheusSeriesNames,
  RECORDED_METRIC_CATALOG,
  SELF_METRIC_CATALOG,
} from '@m365-otel/mappers';
import { CONTENT_TYPES, type Fault, type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollectorOnce } from './support/collector-cli.js';
import {
  EVERY_GOVERNANCE_SIGNAL,
  simulatorEverySourceTenantYaml,
  writeCollectorConfig,
} from './support/collector-config.js';
import { type OtelCollector, startCollector } from './support/otelcol.js';
import { type Prometheus, startPrometheus } from './support/prometheus.js';

// The shipped Grafana dashboards against real data: the simulator's tenant -> the collector CLI (`run --once` twice,
// every source on, meeting faults it gets over) -> a real OpenTelemetry Collector -> a real Prometheus by remote
// write (the path docs/backends.md and the dashboards assume); then every panel query of every committed dashboard
// file, with Grafana's variables replaced as Grafana would, runs against that Prometheus and must return at least
// one series, unless it is listed below as needing data these runs cannot produce.

const repoRoot = resolve(import.meta.dirname, '../..');

/** Windows for Grafana's interval variables: `$__rate_interval` holds both runs' exports, `$__range` everything. */
const WINDOWS: Readonly<Record<string, string>> = { [RATE_INTERVAL]: '2m', [RANGE]: '1h' };

/**
 * Queries that stay empty here, by `dashboard uid / panel title / refId`, with the reason: most count failures the
 * runs must not meet (the SDK starts a counter's series at its first count). The test checks that they are empty,
 * so an entry goes once the test produces its data.
 */
const FAILED_FOR_GOOD =
  'a download or poll that failed for good fails the run, and these runs must succeed to feed the other panels';
const EXPORT_FAILURE =
  'the Collector here takes every export at once: nothing waits in the buffer, nothing is rejected';
const STATE_FAILURE =
  "state files fail to read or write only on a broken disk; the runs' state directories work";
const NO_DATA_FROM_SIMULATOR: ReadonlyMap<string, string> = new Map([
  [
    'm365-audit / Blobs and records skipped / B',
    'an unreadable record inside a readable blob: none of the faults injected here makes one',
  ],
  [
    'm365-audit / Throttled and lost to retention / B',
    "audit log that aged out of Microsoft's seven-day retention before it was read: the runs read the last day",
  ],
  ['m365-collector / Report downloads and polls that failed / A', FAILED_FOR_GOOD],
  ['m365-collector / Report downloads and polls that failed / B', FAILED_FOR_GOOD],
  ['m365-collector / Report downloads and polls that failed / C', FAILED_FOR_GOOD],
  ['m365-collector / Export buffer / A', EXPORT_FAILURE],
  ['m365-collector / Items dropped or rejected / A', EXPORT_FAILURE],
  ['m365-collector / Items dropped or rejected / B', EXPORT_FAILURE],
  ['m365-collector / State errors / A', STATE_FAILURE],
  ['m365-collector / State errors / B', STATE_FAILURE],
]);

const MINUTE_MS = 60_000;

/**
 * Faults each run meets and gets over, so that it still succeeds: a throttled report call and a throttled audit
 * listing of each content type (waited out and retried), and one expired audit blob (skipped). They start
 * the retry, throttling and skip counters, which a healthy run never starts. Every run meets them on the same series,
 * so each such counter has the two samples a rate needs: the blob is named by its content id, published half an
 * hour before the runs (both list the last day), and each of the streams' first listings is throttled.
 */
function recoverableFaults(sim: RunningSimulator): Fault[] {
  const now = Date.now();
  const blob = CONTENT_TYPES.flatMap((contentType) => [
    ...sim.truth.auditRecordIds(contentType, new Date(now - 50 * MINUTE_MS), new Date(now - 10 * MINUTE_MS)),
  ])[0];
  if (blob === undefined) throw new Error('the simulated audit log has no blob half an hour old');
  return [
    { kind: '429', target: 'report', retryAfterSeconds: 1 },
    {
      kind: 'af429',
      target: 'management',
      operation: 'ListContent',
      retryAfterSeconds: 1,
      times: CONTENT_TYPES.length,
    },
    { kind: 'blob-expired', target: 'management', contentId: blob.contentId },
  ];
}

/**
 * The series on a tenant's Resource, which carry its label: every catalog metric and recorded metric, and the
 * self-metrics about a tenant's sources (the other self-metrics describe the whole process).
 */
const TENANT_SERIES = prometheusSeriesNames([
  ...METRIC_CATALOG,
  ...RECORDED_METRIC_CATALOG,
  ...SELF_METRIC_CATALOG.filter((metric) => metric.name.startsWith('m365otel.source.')),
]);

interface DashboardQuery {
  /** `uid / panel title / refId` */
  key: string;
  expr: string;
  instant: boolean;
}

interface DashboardFile {
  uid: string;
  templating: { list: Array<{ name: string; query?: unknown }> };
  panels: Array<{ type: string; title: string; targets?: PrometheusQuery[]; panels?: unknown[] }>;
}

/** Every committed dashboard file, as a user imports it. */
async function dashboardFiles(): Promise<DashboardFile[]> {
  const directory = join(repoRoot, DASHBOARDS_DIRECTORY);
  const names = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => JSON.parse(await readFile(join(directory, name), 'utf8')) as DashboardFile),
  );
}

function queriesOf(dashboard: DashboardFile): DashboardQuery[] {
  return dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      key: `${dashboard.uid} / ${panel.title} / ${target.refId}`,
      expr: target.expr,
      instant: target.instant,
    })),
  );
}

/** The expression as Grafana sends it: the tenant variable (a regex for a multi-value one) and the windows set. */
function substitute(expr: string, tenantId: string): string {
  let result = expr.replaceAll(`$${TENANT_VARIABLE}`, tenantId);
  for (const [variable, window] of Object.entries(WINDOWS)) result = result.replaceAll(variable, window);
  const left = result.match(/\$\{?\w+/);
  if (left) throw new Error(`${expr}: the variable ${left[0]} has no value here`);
  return result;
}

interface QueryAnswer {
  status: string;
  error?: string;
  data?: { result: unknown[] };
}

/** How many series the query returns: an instant query at now, or a range query over the run as a graph asks. */
async function seriesCount(
  prometheus: Prometheus,
  expr: string,
  instant: boolean,
  fromMs: number,
): Promise<number> {
  const now = Date.now() / 1000;
  const url = new URL(prometheus.remoteWriteUrl);
  url.pathname = instant ? '/api/v1/query' : '/api/v1/query_range';
  url.searchParams.set('query', expr);
  if (instant) url.searchParams.set('time', String(now));
  else {
    // One step a second: the runs last seconds, and a graph shows what is stamped between two of its steps.
    url.searchParams.set('start', String(Math.floor(fromMs / 1000) - 10));
    // Steps fall on whole seconds: the end is the next one, so that a step follows the newest sample.
    url.searchParams.set('end', String(Math.ceil(now) + 1));
    url.searchParams.set('step', '1');
  }
  const body = (await (await fetch(url)).json()) as QueryAnswer;
  if (body.status !== 'success' || !body.data) throw new Error(`${expr}: ${body.error}`);
  return body.data.result.length;
}

function seriesName(metric: string): string {
  const definition = SELF_METRIC_CATALOG.find((candidate) => candidate.name === metric);
  if (definition === undefined) throw new Error(`${metric} is not a self-metric`);
  return prometheusMetricName(definition);
}

let simulator: RunningSimulator;
let prometheus: Prometheus;
let otelcol: OtelCollector;
let workDir: string;
let run: CliRun;
let startMs: number;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-dashboards-'));
  [simulator, prometheus] = await Promise.all([
    // Step 2 of the service-health timeline: Exchange degraded by an incident, a SharePoint advisory open, so the
    // unhealthy-service and open-issue panels have something to show. Resource Manager's host is localhost here.
    startSimulator({
      seed: 51,
      dataDir: join(workDir, 'simulator'),
      armHostName: 'localhost',
      serviceHealthStep: 2,
    }),
    startPrometheus(),
  ]);
  otelcol = await startCollector({ prometheusWriteUrl: prometheus.remoteWriteUrl });
  const config = (name: string) =>
    writeCollectorConfig(join(workDir, `${name}.yaml`), [
      ...simulatorEverySourceTenantYaml(simulator),
      'reports: { enabled: true }',
      'serviceHealth: { enabled: true }',
      // A whole day, so what the audit panels count is there at any hour of the test: the simulated log re-publishes
      // records from hours back (none within one hour) and a failed sign-in is one AAD record in four, too few in
      // a quiet hour.
      'audit: { enabled: true, startFrom: 24h }',
      EVERY_GOVERNANCE_SIGNAL,
      'callQuality: { enabled: true }',
      `state: { directory: ${join(workDir, `state-${name}`)} }`,
    ]);
  // Two runs, as a scheduled `run --once` (a Kubernetes CronJob) makes them: a counter has a sample per run, and a
  // rate needs two. Each run has a state of its own, so the second reads the audit log and the call records again
  // and counts the same series the first did.
  startMs = Date.now();
  let secondStartMs = 0;
  const faults = recoverableFaults(simulator);
  for (const name of ['first', 'second']) {
    secondStartMs = Date.now();
    for (const fault of faults) simulator.faults.inject(fault);
    run = await runCollectorOnce(await config(name), simulator, {
      OTEL_EXPORTER_OTLP_ENDPOINT: otelcol.otlpHttpUrl,
    });
    if (run.code !== 0) return;
  }
  // The second run's export reaches Prometheus through the Collector's batch a moment after the CLI exits: wait
  // until every source's gauge (one per source, in the run's single export) carries a sample of that run.
  const lastSuccess = seriesName(METRIC_M365OTEL_SOURCE_LAST_SUCCESS);
  await prometheus.queryUntil(
    `min(timestamp(${lastSuccess}{${TENANT_LABEL}="${simulator.tenantId}"})) >= ${Math.floor(secondStartMs / 1000)}`,
    (samples) => samples.length > 0,
  );
}, 240_000);

afterAll(async () => {
  await Promise.all([simulator?.close(), prometheus?.stop(), otelcol?.stop()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const dashboards = await dashboardFiles();
const queries = dashboards.flatMap(queriesOf);

describe('the shipped Grafana dashboards against Prometheus fed by the real Collector', () => {
  it('are the five dashboards, with queries', () => {
    expect(dashboards.map((dashboard) => dashboard.uid)).toEqual([
      'm365-audit',
      'm365-collector',
      'm365-governance',
      'm365-service-health',
      'm365-usage',
    ]);
    expect(queries.length).toBeGreaterThan(50);
    const keys = queries.map((query) => query.key);
    expect(new Set(keys).size, 'each query is told by its dashboard, panel title and refId').toBe(
      keys.length,
    );
  });

  it('name only series, labels and enum values of the catalog', () => {
    const unknown = queries.flatMap(({ key, expr }) =>
      unknownReferences(expr).map((problem) => `${key}: ${problem}`),
    );
    expect(unknown).toEqual([]);
    for (const key of NO_DATA_FROM_SIMULATOR.keys())
      expect(
        queries.some((query) => query.key === key),
        `${key} is listed but no such query exists`,
      ).toBe(true);
  });

  it('list the simulated tenant in the tenant variable', async () => {
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    for (const dashboard of dashboards) {
      const variable = dashboard.templating.list.find((candidate) => candidate.name === TENANT_VARIABLE);
      const match = String(variable?.query).match(/^label_values\((\w+), (\w+)\)$/);
      expect(match, dashboard.uid).not.toBeNull();
      const [, metric = '', labelName = ''] = match ?? [];
      const url = new URL(prometheus.remoteWriteUrl);
      url.pathname = `/api/v1/label/${labelName}/values`;
      url.searchParams.set('match[]', metric);
      const body = (await (await fetch(url)).json()) as { data: string[] };
      expect(body.data, dashboard.uid).toEqual([simulator.tenantId]);
    }
  });

  it('return data for every panel query, except those that need data the simulator cannot produce', async () => {
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    const empty: string[] = [];
    const answered: string[] = [];
    for (const query of queries) {
      const count = () =>
        seriesCount(prometheus, substitute(query.expr, simulator.tenantId), query.instant, startMs);
      let found = await count();
      // The Collector's remote write sends one export in several requests, so a series of the second run can land a
      // moment after the gauge the set-up waited for: a query that should answer gets a few seconds more.
      for (
        let waitedMs = 0;
        found === 0 && !NO_DATA_FROM_SIMULATOR.has(query.key) && waitedMs < 15_000;
        waitedMs += 500
      ) {
        await sleep(500);
        found = await count();
      }
      (found === 0 ? empty : answered).push(query.key);
    }
    expect(empty.sort(), 'queries without data').toEqual([...NO_DATA_FROM_SIMULATOR.keys()].sort());
    expect(answered.length).toBe(queries.length - NO_DATA_FROM_SIMULATOR.size);
  });

  it("show the simulated tenant's degraded services and open issues", async () => {
    const answer = async (key: string) => {
      const query = queries.find((candidate) => candidate.key === key);
      if (query === undefined) throw new Error(`no query ${key}`);
      return prometheus.query(substitute(query.expr, simulator.tenantId));
    };
    // Step 2 of the simulated timeline: Exchange and SharePoint degraded, one incident and one advisory open.
    expect(
      (await answer('m365-service-health / Unhealthy services / A')).map((sample) => sample.value),
    ).toEqual([2]);
    const statuses = await answer('m365-service-health / Unhealthy services and their status / A');
    expect(statuses.map((sample) => sample.labels[prometheusLabelName(ATTR_M365_SERVICE_STATUS)])).toEqual([
      'serviceDegradation',
      'serviceDegradation',
    ]);
    expect(
      (await answer('m365-service-health / Open incidents / A'))[0]?.value,
      'open incidents',
    ).toBeGreaterThan(0);
    expect(
      (await answer('m365-service-health / Open advisories / A'))[0]?.value,
      'open advisories',
    ).toBeGreaterThan(0);
  });

  it("add up the simulated tenant's governance figures as the simulator's ground truth has them", async () => {
    const truth = await simulator.governanceTruth();
    /** The truth's points of `metric` summed by one attribute, as a `sum by` panel shows them. */
    const truthBy = (metric: string, attribute: string, only: Record<string, string> = {}) => {
      const sums = new Map<string, number>();
      for (const point of truth.metrics[metric] ?? []) {
        if (Object.entries(only).some(([name, value]) => point.attributes[name] !== value)) continue;
        const key = String(point.attributes[attribute]);
        sums.set(key, (sums.get(key) ?? 0) + point.value);
      }
      return sums;
    };
    const panelBy = async (key: string, attribute: string) => {
      const query = queries.find((candidate) => candidate.key === key);
      if (query === undefined) throw new Error(`no query ${key}`);
      const samples = await prometheus.query(substitute(query.expr, simulator.tenantId));
      return new Map(
        samples.map((sample) => [sample.labels[prometheusLabelName(attribute)] ?? '', sample.value]),
      );
    };
    const credentials = truthBy(METRIC_M365_APP_CREDENTIALS, ATTR_M365_APP_CREDENTIAL_EXPIRY);
    expect(
      [...credentials.values()].some((count) => count > 0),
      'the simulated tenant has credentials',
    ).toBe(true);
    expect(
      await panelBy('m365-governance / App credentials by expiry / A', ATTR_M365_APP_CREDENTIAL_EXPIRY),
    ).toEqual(credentials);
    expect(await panelBy('m365-governance / Risky users at risk / A', ATTR_M365_RISK_LEVEL)).toEqual(
      truthBy(METRIC_M365_RISK_USERS, ATTR_M365_RISK_LEVEL, { [ATTR_M365_RISK_STATE]: 'atRisk' }),
    );
  });

  it('show no data for another tenant: the tenant variable narrows every per-tenant query', async () => {
    // Every query of metrics on a tenant's Resource, whether or not it names the tenant variable.
    const perTenant = queries.filter(
      (query) =>
        metricNamesIn(query.expr).every((name) => TENANT_SERIES.has(name)) &&
        !NO_DATA_FROM_SIMULATOR.has(query.key),
    );
    expect(perTenant.length).toBeGreaterThan(40);
    for (const query of perTenant) {
      // A tenant id with no data; a query that ignored the variable would still answer.
      const count = await seriesCount(
        prometheus,
        substitute(query.expr, '00000000-0000-0000-0000-000000000000'),
        query.instant,
        startMs,
      );
      expect(count, query.key).toBe(0);
    }
  });
});
