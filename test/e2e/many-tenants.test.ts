import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DecodedPoint, decodeJsonExports, type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
import { type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCollector, startCollectorProcess } from './support/collector-cli.js';
import { simulatorTenantEntry, writeCollectorConfig } from './support/collector-config.js';
import { expectedFromTruth, seriesKey } from './support/expected.js';
import { expectedStatusSeries } from './support/service-health-expected.js';

// Several tenants in one collector process, each its own simulator (a tenant per simulator, each with its own seed,
// ids, secret and CA), one of them broken. The healthy tenants' data must reach the backend equal to their
// simulators' truth under their own m365.tenant.id, whatever the broken one does, and the broken one fails alone,
// named in the logs.

/** A simulated tenant and the environment variable its client secret comes from. */
interface Tenant {
  name: string;
  simulator: RunningSimulator;
  secretVariable: string;
}

let tenants: Tenant[];
let sink: OtlpSink;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'm365-e2e-tenants-'));
  const names = ['healthy', 'throttled', 'broken'];
  const simulators = await Promise.all(
    names.map((name, index) =>
      startSimulator({ seed: 61 + index, users: 10, dataDir: join(workDir, `simulator-${name}`) }),
    ),
  );
  tenants = names.map((name, index) => ({
    name,
    simulator: simulators[index] as RunningSimulator,
    secretVariable: `M365_SECRET_${name.toUpperCase()}`,
  }));
  sink = await startOtlpSink();
});

afterAll(async () => {
  await Promise.all([...(tenants ?? []).map(({ simulator }) => simulator.close()), sink?.close()]);
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  sink.requests.length = 0;
  for (const { simulator } of tenants) simulator.faults.clear();
});

function tenant(name: string): Tenant {
  const found = tenants.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no tenant ${name}`);
  return found;
}

/** A config of every tenant, each signing in with the secret of its own environment variable. */
function writeConfig(name: string, sections: readonly string[]): Promise<string> {
  return writeCollectorConfig(join(workDir, `${name}.yaml`), [
    'tenants:',
    ...tenants.flatMap(({ simulator, secretVariable }) =>
      simulatorTenantEntry(simulator, [`    clientSecret: \${env:${secretVariable}}`]),
    ),
    ...sections,
    `state: { directory: ${join(workDir, `${name}-state`)} }`,
    `export: { otlp: { endpoint: ${sink.url}, protocol: http/json } }`,
  ]);
}

function secrets(): Record<string, string> {
  return Object.fromEntries(
    tenants.map(({ simulator, secretVariable }) => [secretVariable, simulator.clientSecret]),
  );
}

/** Entra refuses the broken tenant's secret from now on (AADSTS7000222: the secret expired). */
function revokeSecret(simulator: RunningSimulator): void {
  simulator.faults.inject({ kind: 'secret-expired', target: 'token', times: 10_000 });
}

/** The newest value of each series of `metric` the sink received for a tenant, keyed `name|status`-like by `key`. */
function latestSeries(
  points: readonly DecodedPoint[],
  tenantId: string,
  metric: string,
  key: (attributes: Record<string, string>) => string,
): Map<string, number> {
  const series = new Map<string, number>();
  for (const point of points)
    if (point.metric === metric && point.resource['m365.tenant.id'] === tenantId)
      series.set(key(point.attributes), point.value);
  return series;
}

/** The newest value of each series of the report metrics the truth names, for one tenant, keyed like the truth. */
function reportSeries(
  points: readonly DecodedPoint[],
  tenantId: string,
  metrics: ReadonlySet<string>,
): Map<string, number> {
  const series = new Map<string, number>();
  for (const point of points)
    if (metrics.has(point.metric) && point.resource['m365.tenant.id'] === tenantId)
      series.set(seriesKey(point.metric, point.attributes), point.value);
  return series;
}

const statusKey = (attributes: Record<string, string>) =>
  `${attributes['m365.service.name']}|${attributes['m365.service.status']}`;

describe('many tenants in one process', () => {
  it("run --once: the healthy and throttled tenants' data equal their truth; the broken one fails alone, named", async () => {
    const throttled = tenant('throttled').simulator;
    throttled.faults.inject({ kind: '429', target: 'service-health', retryAfterSeconds: 2 });
    throttled.faults.inject({
      kind: '429',
      target: 'report',
      report: 'getEmailActivityCounts',
      retryAfterSeconds: 2,
    });
    revokeSecret(tenant('broken').simulator);
    const config = await writeConfig('once', [
      'reports: { enabled: true, period: D7, interval: 6h, time: latest }',
      'serviceHealth: { enabled: true, messages: false }',
    ]);

    const run = await runCollector(['run', '--once', '--config', config], secrets());

    expect(run.code, run.stderr).toBe(1);
    const points = decodeJsonExports(sink.requests);
    for (const name of ['healthy', 'throttled']) {
      const { simulator } = tenant(name);
      const expected = expectedFromTruth(simulator).points;
      const metrics = new Set(expected.map(({ metric }) => metric));
      expect(reportSeries(points, simulator.tenantId, metrics), name).toEqual(
        new Map(expected.map((point) => [seriesKey(point.metric, point.attributes), point.value])),
      );
      expect(latestSeries(points, simulator.tenantId, 'm365.service.status', statusKey), name).toEqual(
        expectedStatusSeries(simulator.truth.serviceHealth()),
      );
    }
    // The throttled tenant was answered 429 and waited its Retry-After out; nothing of the broken tenant arrived.
    expect(throttled.faults.pending()).toEqual([]);
    const broken = tenant('broken').simulator;
    expect(points.filter((point) => point.resource['m365.tenant.id'] === broken.tenantId)).toEqual([]);

    // Only the broken tenant's sources failed, each named with its tenant, and its error lines say why.
    const finished = run.logs.find((line) => line.msg === 'cycle finished');
    const failed = finished?.failedSources as { tenantId: string; source: string }[];
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.map(({ tenantId }) => tenantId))).toEqual(new Set([broken.tenantId]));
    expect(failed.map(({ source }) => source)).toContain('service-health');
    const brokenErrors = run.logs.filter(
      (line) => line.level === 'error' && line.tenantId === broken.tenantId,
    );
    expect(JSON.stringify(brokenErrors)).toContain('AADSTS7000222');
    expect(
      run.logs.filter(
        (line) => line.level === 'error' && line.tenantId !== undefined && line.tenantId !== broken.tenantId,
      ),
    ).toEqual([]);

    // Each tenant's state lives in its own directory; the broken tenant got nowhere to keep any.
    const stateDirs = await readdir(join(workDir, 'once-state'));
    expect(stateDirs).toEqual(
      expect.arrayContaining([tenant('healthy').simulator.tenantId, throttled.tenantId]),
    );
    expect(stateDirs).not.toContain(broken.tenantId);
  });

  it("run: a tenant whose service health hangs until its deadline never delays the others' next polls", async () => {
    // Each of the hanging tenant's polls is aborted at its deadline (the 30 s interval), then waits its interval:
    // its second poll fails about 90 s after the start. The other tenants poll every 30 s after their previous poll
    // ended, so their third poll ends about 60 s after the start; were they held by the hanging tenant (a cycle of
    // every tenant waiting for the slowest), it would end about 120 s after the start, after the hanging tenant's
    // second failure.
    const hanging = tenant('broken').simulator;
    hanging.faults.inject({ kind: 'slow-body', target: 'service-health', pauseMs: 25_000, times: 10_000 });
    const config = await writeConfig('service', [
      'reports: { enabled: false }',
      'serviceHealth: { enabled: true, interval: 30s, messages: false }',
    ]);
    const healthy = tenants
      .filter(({ simulator }) => simulator !== hanging)
      .map(({ simulator }) => simulator.tenantId);
    const polls = (lines: Record<string, unknown>[], tenantId: string) =>
      lines.filter((line) => line.msg === 'service health poll finished' && line.tenantId === tenantId);

    const service = startCollectorProcess(['run', '--config', config], secrets());
    try {
      for (;;) {
        const lines = service.logs();
        if (healthy.every((tenantId) => polls(lines, tenantId).length >= 3)) break;
        if (polls(lines, hanging.tenantId).length >= 2)
          throw new Error(
            `the hanging tenant failed twice before the others polled three times:\n${service
              .logs()
              .map((line) => JSON.stringify(line))
              .join('\n')}`,
          );
        await sleep(250);
      }
      const lines = service.logs();
      for (const tenantId of healthy)
        expect(
          polls(lines, tenantId).every((line) => line.failed === 0),
          tenantId,
        ).toBe(true);
      const hangingPolls = polls(lines, hanging.tenantId);
      expect(hangingPolls.length).toBeLessThanOrEqual(1);
      expect(hangingPolls.every((line) => line.failed === 1)).toBe(true);
      // The healthy tenants' status series arrived on their own resources meanwhile.
      const points = decodeJsonExports(sink.requests);
      for (const { simulator } of tenants.filter(({ simulator }) => simulator !== hanging))
        expect(latestSeries(points, simulator.tenantId, 'm365.service.status', statusKey)).toEqual(
          expectedStatusSeries(simulator.truth.serviceHealth()),
        );
    } finally {
      await service.kill();
    }
  });
});
