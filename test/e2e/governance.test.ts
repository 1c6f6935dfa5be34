import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReceivedLogRecord } from '@m365-otel/otlp-sink';
import {
  GOVERNANCE_PERMISSIONS,
  type GovernanceTruth,
  type RunningSimulator,
  startSimulator,
} from '@m365-otel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCollectorOnce } from './support/collector-cli.js';
import { CLIENT_SECRET_FROM_ENV, writeCollectorConfig } from './support/collector-config.js';
import { type MetricBackends, startMetricBackends } from './support/metric-backends.js';
import { type MetricStore, sampleAttributes, tenantSeriesSince } from './support/promql.js';

// Governance end to end: the simulator's tenant -> the built collector CLI (`run --once`, every governance signal
// on) -> a real OpenTelemetry Collector -> VictoriaMetrics and Prometheus (metrics) and its file exporter (log
// records), compared with the simulator's ground truth at the run's time.

/** Metrics whose value moves with the clock (seconds left or since): compared within the run's duration. */
const CLOCK_METRICS = new Set([
  'm365.subscription.lifecycle.remaining',
  'm365.app.own_credential.remaining',
  'm365.directory.sync.age',
]);
const LICENCE_METRICS = ['m365.license.units', 'm365.license.utilization', 'm365.license.sku.status'];
const SYNC_METRICS = [
  'm365.directory.sync.enabled',
  'm365.directory.sync.age',
  'm365.directory.sync.feature.enabled',
  'm365.directory.provisioning_errors',
];
const TENANT_ATTRIBUTES = ['m365.tenant.name', 'm365.tenant.type', 'm365.tenant.domain'];
const DAY_MS = 86_400_000;

let simulator: RunningSimulator;
let denied: RunningSimulator;
let backends: MetricBackends;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-gov-'));
  [simulator, denied, backends] = await Promise.all([
    // arm.localhost does not resolve everywhere: Resource Manager's host is localhost here (Graph's is 127.0.0.1).
    startSimulator({ seed: 21, dataDir: join(workDir, 'simulator'), armHostName: 'localhost' }),
    startSimulator({
      seed: 22,
      dataDir: join(workDir, 'simulator-denied'),
      armHostName: 'localhost',
      grantedPermissions: GOVERNANCE_PERMISSIONS.filter((name) => name !== 'Application.Read.All'),
      entraIdP2: false,
    }),
    startMetricBackends(),
  ]);
});

afterAll(async () => {
  await Promise.all([simulator?.close(), denied?.close(), backends?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

interface Run extends CliRun {
  startMs: number;
  endMs: number;
}

/** One `run --once` of the CLI with every governance signal on, through the Collector; `credential` as YAML lines. */
async function collect(
  sim: RunningSimulator,
  name: string,
  credential: readonly string[] = CLIENT_SECRET_FROM_ENV,
): Promise<Run> {
  const config = await writeCollectorConfig(join(workDir, `${name}.yaml`), [
    'tenants:',
    `  - tenantId: ${sim.tenantId}`,
    `    clientId: ${sim.clientId}`,
    ...credential,
    '    cloud: custom',
    `    endpoints: { authority: ${sim.authorityUrl}, graph: ${sim.graphUrl}, arm: ${sim.armUrl} }`,
    `    tls: { caFile: ${sim.caFile} }`,
    'reports: { enabled: false }',
    'serviceHealth: { enabled: false }',
    'governance: { enabled: true, licences: true, appCredentials: true, tenantSettings: true, directorySync: true, connectHealth: true, riskyUsers: true }',
    `state: { directory: ${join(workDir, `state-${sim.tenantId}`)} }`,
  ]);
  // The VictoriaMetrics filter compares sample times at one-second resolution: each run starts in a new second.
  await sleep(1000 - (Date.now() % 1000) + 5);
  const startMs = Date.now();
  const run = await runCollectorOnce(config, sim, {
    OTEL_EXPORTER_OTLP_ENDPOINT: backends.otelcol.otlpHttpUrl,
  });
  return { ...run, startMs, endMs: Date.now() };
}

/** What `GET /_simulator/truth/governance?now=` answers, from the simulator's model at `ms`. */
async function truthAt(sim: RunningSimulator, ms: number): Promise<GovernanceTruth> {
  return sim.governanceTruth(new Date(ms));
}

const seriesKey = (attributes: Record<string, unknown>) =>
  JSON.stringify(
    Object.entries(attributes)
      .map(([name, value]) => [name, String(value)])
      .sort(),
  );

/** Every series of `metric` the run exported for the tenant, by its attributes (Resource attributes left out). */
async function exported(
  store: MetricStore,
  metric: string,
  run: Run,
  sim: RunningSimulator,
  truth: GovernanceTruth,
): Promise<Map<string, { value: number; resource: Record<string, string> }>> {
  const expected = truth.metrics[metric] ?? [];
  const names = new Set(expected.flatMap((point) => Object.keys(point.attributes)));
  const samples = await store.queryUntil(
    tenantSeriesSince(store, metric, sim.tenantId, run.startMs),
    (found) => found.length >= expected.length,
  );
  return new Map(
    samples.map((sample) => [
      seriesKey(sampleAttributes(store, sample, names)),
      { value: sample.value, resource: sampleAttributes(store, sample, TENANT_ATTRIBUTES) },
    ]),
  );
}

/** The run's series of `metric` equal the truth's at the run's time (clock metrics within the run's duration). */
async function expectMetric(
  store: MetricStore,
  metric: string,
  run: Run,
  sim: RunningSimulator,
  [atStart, atEnd]: [GovernanceTruth, GovernanceTruth],
  only: (attributes: Record<string, unknown>) => boolean = () => true,
): Promise<number> {
  const series = await exported(store, metric, run, sim, atStart);
  const expected = (atStart.metrics[metric] ?? []).filter((point) => only(point.attributes));
  const ending = new Map(
    (atEnd.metrics[metric] ?? []).map((point) => [seriesKey(point.attributes), point.value]),
  );
  expect(expected.length, `${metric}: the truth has points`).toBeGreaterThan(0);
  expect(
    [...series.keys()].filter((key) => only(Object.fromEntries(JSON.parse(key)))).sort(),
    metric,
  ).toEqual(expected.map((point) => seriesKey(point.attributes)).sort());
  for (const point of expected) {
    const key = seriesKey(point.attributes);
    const found = series.get(key);
    // Prometheus gets the Resource's attributes in target_info (the Collector promotes only the tenant id).
    if (store === backends.vm)
      expect(found?.resource, `${metric} ${key}: tenant resource attributes`).toEqual(atStart.resource);
    if (CLOCK_METRICS.has(metric)) {
      const bounds = [point.value, ending.get(key) ?? point.value].sort((a, b) => a - b);
      expect(found?.value, `${store.name} ${metric} ${key}`).toBeGreaterThanOrEqual((bounds[0] ?? 0) - 1);
      expect(found?.value, `${store.name} ${metric} ${key}`).toBeLessThanOrEqual((bounds[1] ?? 0) + 1);
    } else expect(found?.value, `${store.name} ${metric} ${key}`).toBeCloseTo(point.value, 9);
  }
  return expected.length;
}

const attribute = (record: ReceivedLogRecord, name: string) => String(record.attributes[name]);

/** Requests per simulator path since `before`. */
function requestsSince(sim: RunningSimulator, before: Record<string, number>): Record<string, number> {
  const now = sim.stats().governanceRequestsByPath;
  return Object.fromEntries(
    Object.entries(now)
      .map(([path, count]) => [path, count - (before[path] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}

describe('governance: simulator -> collector CLI (run --once) -> OpenTelemetry Collector -> VictoriaMetrics, Prometheus, log file', () => {
  it('exports every governance metric as the truth has it, a record per credential and each risk detection once', async () => {
    const { vm, prometheus, otelcol } = backends;
    await otelcol.takeLogRecords();
    const before = { ...simulator.stats().governanceRequestsByPath };
    const run = await collect(simulator, 'first');
    expect(run.code, run.stderr).toBe(0);
    const truths: [GovernanceTruth, GovernanceTruth] = [
      await truthAt(simulator, run.startMs),
      await truthAt(simulator, run.endMs),
    ];
    const [truth] = truths;

    // Metrics: every series of every governance metric, in VictoriaMetrics; the licences in Prometheus too.
    const compared: string[] = [];
    for (const metric of Object.keys(truth.metrics)) {
      // The collector signs in with the client secret here: its own credential is the password one.
      const only =
        metric === 'm365.app.own_credential.remaining'
          ? (attributes: Record<string, unknown>) => attributes['m365.app.credential.type'] === 'password'
          : undefined;
      const points = await expectMetric(vm, metric, run, simulator, truths, only);
      compared.push(`${metric} ${points}`);
    }
    for (const metric of LICENCE_METRICS) await expectMetric(prometheus, metric, run, simulator, truths);
    // Tenant settings own m365.report.names_concealed while they are polled: one series, the tenant's setting.
    const concealed = await vm.queryUntil(
      tenantSeriesSince(vm, 'm365.report.names_concealed', simulator.tenantId, run.startMs),
      (found) => found.length > 0,
    );
    expect(concealed.map((sample) => sample.value)).toEqual([
      simulator.truth.summary().concealedNames ? 1 : 0,
    ]);

    // Log records: one m365.app.credential per credential, the detections of the first run's look-back once.
    const credentials = truth.credentials.length;
    const lookBackStart = run.startMs - DAY_MS;
    const certain = truth.riskDetections.filter((d) => Date.parse(d.detectedDateTime) >= run.endMs - DAY_MS);
    const records = await otelcol.waitForLogRecords(credentials + certain.length);
    const credentialRecords = records.filter((record) => record.eventName === 'm365.app.credential');
    const credentialKey = (owner: string, keyId: string, type: string, end: string) =>
      `${owner} ${keyId} ${type} ${end}`;
    expect(
      credentialRecords
        .map((r) =>
          credentialKey(
            attribute(r, 'm365.app.credential.owner'),
            attribute(r, 'm365.app.credential.key_id'),
            attribute(r, 'm365.app.credential.type'),
            attribute(r, 'm365.app.credential.end_time'),
          ),
        )
        .sort(),
    ).toEqual(truth.credentials.map((c) => credentialKey(c.owner, c.keyId, c.type, c.endDateTime)).sort());
    for (const record of credentialRecords) {
      expect(record.resource).toMatchObject({ 'm365.tenant.id': simulator.tenantId, ...truth.resource });
      // A secret's hint stays in Graph: the record has none.
      expect(JSON.stringify(record)).not.toContain('hint');
    }
    const detections = records.filter((record) => record.eventName === 'm365.risk.detection');
    const detectionIds = detections.map((record) => attribute(record, 'm365.risk.detection.id'));
    expect(new Set(detectionIds).size).toBe(detectionIds.length);
    const listable = new Set(
      (await truthAt(simulator, run.endMs)).riskDetections
        .filter((d) => Date.parse(d.detectedDateTime) >= lookBackStart)
        .map((d) => d.id),
    );
    for (const id of detectionIds) expect(listable.has(id), `detection ${id} in the look-back`).toBe(true);
    for (const detection of certain) expect(detectionIds).toContain(detection.id);
    expect(run.stderr).not.toContain(simulator.clientSecret);

    // One request per page and resource: never one per SKU, app, user or alert; Connect Health one alerts list
    // per service (ARM has no tenant-wide alert list), the simulator's ARM pages holding 2 items.
    const requests = requestsSince(simulator, before);
    const services = (truth.metrics['m365.connect_health.services'] ?? []).reduce(
      (sum, p) => sum + p.value,
      0,
    );
    const alertsPaths = Object.entries(requests).filter(([path]) => path.endsWith('/alerts'));
    expect(alertsPaths).toHaveLength(services);
    for (const [path, count] of alertsPaths) {
      const service = path.split('/').at(-2);
      const open = (truth.metrics['m365.connect_health.alerts'] ?? [])
        .filter((p) => p.attributes['m365.connect_health.service.name'] === service)
        .reduce((sum, p) => sum + p.value, 0);
      expect(count, path).toBe(Math.max(1, Math.ceil(open / 2)));
    }
    expect(
      Object.fromEntries(Object.entries(requests).filter(([path]) => !path.endsWith('/alerts'))),
    ).toEqual({
      '/v1.0/subscribedSkus': 1,
      '/v1.0/directory/subscriptions': 1,
      '/v1.0/applications': 1,
      '/v1.0/servicePrincipals': 1,
      // Tenant settings and directory sync share one read of the organization.
      '/v1.0/organization': 1,
      '/v1.0/directory/onPremisesSynchronization': 1,
      '/v1.0/users': 1,
      '/v1.0/identityProtection/riskyUsers': 1,
      '/v1.0/identityProtection/riskDetections': 1,
      '/providers/Microsoft.ADHybridHealthService/services': Math.ceil(services / 2),
    });

    // A second run, signing in with the certificate: no detection twice, the certificate's time left exported.
    const second = await collect(simulator, 'second', [
      `    certificate: { keyFile: ${simulator.certificate.keyFile}, certFile: ${simulator.certificate.certFile} }`,
    ]);
    expect(second.code, second.stderr).toBe(0);
    const again = await otelcol.waitForLogRecords(credentials);
    const repeated = again
      .filter((record) => record.eventName === 'm365.risk.detection')
      .map((record) => attribute(record, 'm365.risk.detection.id'))
      .filter((id) => detectionIds.includes(id));
    expect(repeated, 'detections sent twice').toEqual([]);
    expect(again.filter((record) => record.eventName === 'm365.app.credential')).toHaveLength(credentials);
    await expectMetric(
      vm,
      'm365.app.own_credential.remaining',
      second,
      simulator,
      [await truthAt(simulator, second.startMs), await truthAt(simulator, second.endMs)],
      (attributes) => attributes['m365.app.credential.type'] === 'certificate',
    );

    console.log(
      `governance run: ${compared.length} metrics equal the truth (${compared.join(', ')}); ` +
        `${credentialRecords.length} credential records, ${detectionIds.length} risk detections; ` +
        `requests ${JSON.stringify(requests)}; second run: ${again.length} records, none repeated`,
    );
  });

  it('without Application.Read.All and Entra ID P2: licences and sync still exported, exit 1 naming the permission and the licence', async () => {
    const { vm, otelcol } = backends;
    await otelcol.takeLogRecords();
    const run = await collect(denied, 'denied');
    expect(run.code, run.stderr).toBe(1);
    const truths: [GovernanceTruth, GovernanceTruth] = [
      await truthAt(denied, run.startMs),
      await truthAt(denied, run.endMs),
    ];
    for (const metric of [...LICENCE_METRICS, ...SYNC_METRICS])
      await expectMetric(vm, metric, run, denied, truths);

    const failures = run.logs.filter(
      (line) => line.msg === 'governance signal failed; the other signals go on',
    );
    const failed = (signal: string) => JSON.stringify(failures.find((line) => line.signal === signal));
    expect(failures.map((line) => line.signal).sort()).toEqual(['appCredentials', 'riskyUsers']);
    expect(failed('appCredentials')).toContain('Application.Read.All');
    expect(failed('riskyUsers')).toContain('Microsoft Entra ID P2');
    const finished = run.logs.find((line) => line.msg === 'cycle finished');
    expect(finished?.failedSources).toEqual([
      { tenantId: denied.tenantId, source: 'governance appCredentials' },
      { tenantId: denied.tenantId, source: 'governance riskyUsers' },
    ]);
    expect(
      (await otelcol.takeLogRecords()).filter((record) => record.eventName === 'm365.app.credential'),
    ).toEqual([]);
    console.log(
      `denied run: exit ${run.code}; ${failures.map((line) => `${line.signal}: ${(line.error as { message?: string }).message}`).join(' | ')}`,
    );
  });
});
