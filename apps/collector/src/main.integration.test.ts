import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRIC_CATALOG, reportAgeSeconds, reportsFor } from '@m365-otel/mappers';
import { type DecodedPoint, decodeJsonExports } from '@m365-otel/otlp-sink';
import type { RunningSimulator } from '@m365-otel/simulator';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simulatedRun } from './__fixtures__/simulated-run.js';

// The collector end to end: the CLI's `run`, the simulated tenant over HTTPS with its own CA, and an OTLP/HTTP sink
// that records what the backend would receive. Expected values come from the simulator's ground truth, which is
// computed from its own model, never from the collector's mapping code.

const run = simulatedRun({ seed: 7, users: 40 });
let configFile: string;

beforeAll(() => {
  // No protocol in the config: the environment's OTEL_EXPORTER_OTLP_PROTOCOL chooses it.
  configFile = run.writeConfig('', { otlp: `{ endpoint: "${run.sink.url}" }` }).file;
});
beforeEach(() => {
  run.sink.requests.length = 0;
  run.sink.respondWith(200);
});

const cli = (argv: string[], env: Record<string, string>, stop?: AbortSignal) =>
  run.cli(argv, { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', ...env }, stop });

type Expected = Map<string, number>;
const key = (metric: string, attributes: Record<string, string>) =>
  `${metric} ${Object.entries(attributes)
    .map(([name, value]) => `${name}=${value}`)
    .join(',')}`;

/** The series the tenant must have, from ground truth: the newest report day; an empty (null) cell has no series. */
function expectedFromTruth(): { expected: Expected; reportDates: Map<string, string> } {
  const expected: Expected = new Map();
  const reportDates = new Map<string, string>();
  // The newest day on which every column the metrics read has a value (Microsoft fills the newest days late).
  const daily = (report: Parameters<RunningSimulator['truth']['dailyCounts']>[0], columns: string[]) => {
    const complete = run.simulator.truth
      .dailyCounts(report, 'D7')
      .find((day) => columns.every((column) => day.values[column] != null));
    if (!complete) throw new Error(`no complete day for ${report}`);
    reportDates.set(report, complete.reportDate);
    return complete.values;
  };
  const put = (metric: string, attributes: Record<string, string>, value: number | null | undefined) => {
    if (value !== null && value !== undefined) expected.set(key(metric, attributes), value);
  };
  const email = daily('getEmailActivityCounts', [
    'Send',
    'Receive',
    'Read',
    'Meeting Created',
    'Meeting Interacted',
  ]);
  put('m365.email.messages', { 'm365.email.action': 'sent' }, email.Send);
  put('m365.email.messages', { 'm365.email.action': 'received' }, email.Receive);
  put('m365.email.messages', { 'm365.email.action': 'read' }, email.Read);
  put('m365.email.meetings', { 'm365.email.meeting.action': 'created' }, email['Meeting Created']);
  put('m365.email.meetings', { 'm365.email.meeting.action': 'interacted' }, email['Meeting Interacted']);
  const users = daily('getEmailActivityUserCounts', ['Send', 'Receive', 'Read']);
  put('m365.email.active_users', { 'm365.email.action': 'sent' }, users.Send);
  put('m365.email.active_users', { 'm365.email.action': 'received' }, users.Receive);
  put('m365.email.active_users', { 'm365.email.action': 'read' }, users.Read);
  const mailboxes = daily('getMailboxUsageMailboxCounts', ['Total', 'Active']);
  put('m365.mailbox.count', { 'm365.mailbox.state': 'active' }, mailboxes.Active);
  const { Total: total, Active: active } = mailboxes;
  put(
    'm365.mailbox.count',
    { 'm365.mailbox.state': 'inactive' },
    total != null && active != null ? total - active : null,
  );
  const quota = daily('getMailboxUsageQuotaStatusMailboxCounts', [
    'Under Limit',
    'Warning Issued',
    'Send Prohibited',
    'Send/Receive Prohibited',
    'Indeterminate',
  ]);
  put('m365.mailbox.quota.mailboxes', { 'm365.mailbox.quota.status': 'under_limit' }, quota['Under Limit']);
  put(
    'm365.mailbox.quota.mailboxes',
    { 'm365.mailbox.quota.status': 'warning_issued' },
    quota['Warning Issued'],
  );
  put(
    'm365.mailbox.quota.mailboxes',
    { 'm365.mailbox.quota.status': 'send_prohibited' },
    quota['Send Prohibited'],
  );
  put(
    'm365.mailbox.quota.mailboxes',
    { 'm365.mailbox.quota.status': 'send_receive_prohibited' },
    quota['Send/Receive Prohibited'],
  );
  put('m365.mailbox.quota.mailboxes', { 'm365.mailbox.quota.status': 'indeterminate' }, quota.Indeterminate);
  put(
    'm365.mailbox.storage.usage',
    {},
    daily('getMailboxUsageStorage', ['Storage Used (Byte)'])['Storage Used (Byte)'],
  );
  const detail = run.simulator.truth.detailTotals('getMailboxUsageDetail', { period: 'D7' });
  put('m365.mailbox.items', { 'm365.mailbox.item.state': 'present' }, detail.sums['Item Count']);
  put('m365.mailbox.items', { 'm365.mailbox.item.state': 'deleted' }, detail.sums['Deleted Item Count']);
  reportDates.set('getMailboxUsageDetail', run.simulator.truth.reportRefreshDate);
  return { expected, reportDates };
}

/** `m365otel.http.requests` by `<api> <status class>`. */
function httpRequests(points: DecodedPoint[]): Map<string, number> {
  return new Map(
    points
      .filter((point) => point.metric === 'm365otel.http.requests')
      .map((point) => [
        `${point.attributes['m365otel.api']} ${point.attributes['m365otel.http.status_class']}`,
        point.value,
      ]),
  );
}

function tenantPoints(points: DecodedPoint[]) {
  return points.filter((point) => point.resource['m365.tenant.id'] === run.simulator.tenantId);
}

describe('run --once against the simulator', () => {
  it('exports exactly the ground truth, on the tenant resource, and exits 0', async () => {
    const { code, stderr } = await cli(['run', '--once', '--config', configFile], {
      M365_CLIENT_SECRET: run.simulator.clientSecret,
    });
    expect(stderr).not.toContain(run.simulator.clientSecret);
    expect(code, stderr).toBe(0);
    // Service health runs too (enabled by default); its gauges and events are checked in
    // service-health.integration.test.ts.
    expect(run.sink.requests.every((request) => ['/v1/metrics', '/v1/logs'].includes(request.path))).toBe(
      true,
    );

    const points = decodeJsonExports(run.sink.requests);
    const tenant = tenantPoints(points);
    expect(tenant.length).toBeGreaterThan(0);
    for (const point of tenant) expect(point.resource['service.name']).toBe('m365-otel');

    const { expected, reportDates } = expectedFromTruth();
    // The e-mail and mailbox metrics, worked out here from the truth; every other report's metrics are checked
    // against the truth by the mappers' and the end-to-end tests.
    const checked = new Set([...expected.keys()].map((series) => series.slice(0, series.indexOf(' '))));
    const values = tenant.filter((point) => checked.has(point.metric));
    expect(new Map(values.map((point) => [key(point.metric, point.attributes), point.value]))).toEqual(
      expected,
    );
    expect(values.every((point) => point.kind === 'gauge')).toBe(true);

    // One age point per report, computed at the point's own timestamp from the truth's newest report day.
    const ages = tenant.filter(
      (point) =>
        point.metric === 'm365.report.age' && reportDates.has(point.attributes['m365.report.name'] ?? ''),
    );
    expect(new Set(ages.map((point) => point.attributes['m365.report.name']))).toEqual(
      new Set(reportDates.keys()),
    );
    for (const age of ages) {
      const reportDate = reportDates.get(age.attributes['m365.report.name'] ?? '') ?? '';
      const atMs = Number(BigInt(age.timeUnixNano) / 1_000_000n);
      expect(age.value).toBeCloseTo(reportAgeSeconds(reportDate, atMs), 3);
      expect(BigInt(age.startTimeUnixNano) <= BigInt(age.timeUnixNano)).toBe(true);
    }

    // Self-metrics: a resource of their own, without the tenant id; one fetch of every report the metrics need.
    const fetches = points.filter((point) => point.metric === 'm365otel.report.fetches');
    expect(new Set(fetches.map((fetch) => fetch.attributes['m365.report.name']))).toEqual(
      new Set(
        reportsFor(
          new Set(METRIC_CATALOG.filter((metric) => metric.enabledByDefault).map((m) => m.name)),
        ).map((mapping) => mapping.report),
      ),
    );
    for (const fetch of fetches) {
      expect(fetch.resource['m365.tenant.id']).toBeUndefined();
      expect(fetch.attributes['m365otel.outcome']).toBe('success');
      expect(fetch.value).toBe(1);
    }
    // Each report read is Graph's 302 to the download location, then the download itself.
    const requests = httpRequests(points);
    expect(requests.get('graph.reports 3xx')).toBe(fetches.length);
    expect(requests.get('graph.report_download 2xx')).toBe(fetches.length);
  });

  it('exits 1 when the backend does not acknowledge the export', async () => {
    run.sink.respondWith(400);
    const { code, stderr } = await cli(['run', '--once', '--config', configFile], {
      M365_CLIENT_SECRET: run.simulator.clientSecret,
    });
    expect(code).toBe(1);
    expect(stderr).toContain('export not acknowledged by the OTLP backend');
  });

  it('exits 1 on a partial success, logging the backend’s message, and does not send the request again', async () => {
    run.sink.respondWithPartialSuccess('/v1/metrics', 2, 'cardinality limit reached');
    const { code, stderr } = await cli(['run', '--once', '--config', configFile], {
      M365_CLIENT_SECRET: run.simulator.clientSecret,
    });
    expect(code).toBe(1);
    expect(stderr).toContain('export not acknowledged by the OTLP backend');
    expect(stderr).toContain('rejected 2 data points of the request');
    expect(stderr).toContain('cardinality limit reached');
    // One request per ResourceMetrics (the tenant's and the self-metrics), none repeated.
    expect(run.sink.requests.filter((request) => request.path === '/v1/metrics')).toHaveLength(2);
  });

  it('exits 1 when the reports cannot be read, and still exports its self-metrics', async () => {
    const { code, stderr } = await cli(['run', '--once', '--config', configFile], {
      M365_CLIENT_SECRET: 'wrong-secret-value',
    });
    expect(code).toBe(1);
    // The rejected credential is tried once per cycle, not once per report.
    expect(stderr.match(/"msg":"report failed"/g)).toHaveLength(1);
    expect(stderr).toContain('AADSTS7000215');
    expect(stderr).toContain('credential rejected');
    expect(stderr).not.toContain('wrong-secret-value');
    const points = decodeJsonExports(run.sink.requests);
    expect(tenantPoints(points)).toEqual([]);
    expect(
      points
        .filter((point) => point.metric === 'm365otel.report.fetches')
        .every((point) => point.attributes['m365otel.outcome'] === 'failure'),
    ).toBe(true);
  });
  it('waits out a throttled token endpoint (429, Retry-After: 1) and exits 0', async () => {
    run.simulator.faults.inject({ kind: '429', target: 'token', retryAfterSeconds: 1 });
    const { code, stderr } = await cli(['run', '--once', '--config', configFile], {
      M365_CLIENT_SECRET: run.simulator.clientSecret,
    });
    expect(code, stderr).toBe(0);
    expect(run.simulator.faults.pending()).toEqual([]);
    const fetches = decodeJsonExports(run.sink.requests).filter(
      (point) => point.metric === 'm365otel.report.fetches',
    );
    expect(fetches.every((point) => point.attributes['m365otel.outcome'] === 'success')).toBe(true);
    const points = decodeJsonExports(run.sink.requests);
    expect(httpRequests(points).get('entra.token 4xx')).toBe(1);
    const waited = points.filter((point) => point.metric === 'm365otel.http.throttle_wait');
    expect(waited.map((point) => [point.attributes['m365otel.api'], point.value])).toEqual([
      ['entra.token', 1],
    ]);
  });

  it('after a restart exports the same report gauges, ages and names_concealed without downloading again', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'm365-otel-restart-')), 'collector.yaml');
    copyFileSync(configFile, config);
    const env = { M365_CLIENT_SECRET: run.simulator.clientSecret };
    const reportSeries = () => {
      const points = tenantPoints(decodeJsonExports(run.sink.requests)).filter(
        (point) => point.metric.startsWith('m365.') && !point.metric.startsWith('m365.service.'),
      );
      run.sink.requests.length = 0;
      return new Map(
        points.map((point) => [
          key(point.metric, point.attributes),
          // An age grows with the clock; what must survive is that it is there, for the same report day.
          point.metric === 'm365.report.age'
            ? Math.round(point.value - Number(BigInt(point.timeUnixNano) / 1_000_000n) / 1000)
            : point.value,
        ]),
      );
    };
    expect((await cli(['run', '--once', '--config', config], env)).code).toBe(0);
    const first = reportSeries();
    expect([...first.keys()].some((series) => series.startsWith('m365.report.names_concealed'))).toBe(true);
    const downloads = run.simulator.stats().downloads;
    // Without ReportSettings.Read.All, names_concealed comes from what the per-entity reports' rows showed.
    run.simulator.faults.inject({ kind: 'forbidden', target: 'report-settings' });
    const second = await cli(['run', '--once', '--config', config], env);
    expect(second.code, second.stderr).toBe(0);
    expect(run.simulator.faults.pending()).toEqual([]);
    expect(run.simulator.stats().downloads).toBe(downloads);
    expect(second.stderr).toContain('"msg":"report unchanged since the last read"');
    expect(reportSeries()).toEqual(first);
  });

  it('exits 1 naming the report when a download is an HTML page instead of the CSV', async () => {
    run.simulator.faults.inject({
      kind: 'captive-portal',
      target: 'download',
      report: 'getMailboxUsageStorage',
    });
    // A state of its own: with the shared one the report is unchanged since an earlier test and not downloaded.
    const fresh = join(mkdtempSync(join(tmpdir(), 'm365-otel-html-')), 'collector.yaml');
    copyFileSync(configFile, fresh);
    const { code, stderr } = await cli(['run', '--once', '--config', fresh], {
      M365_CLIENT_SECRET: run.simulator.clientSecret,
    });
    expect(code).toBe(1);
    const failed = stderr.split('\n').filter((line) => line.includes('"msg":"report failed"'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain('"report":"getMailboxUsageStorage"');
    expect(failed[0]).toContain('is not CSV: content-type text/html');
    const fetches = decodeJsonExports(run.sink.requests).filter(
      (point) => point.metric === 'm365otel.report.fetches',
    );
    expect(
      fetches.find((point) => point.attributes['m365otel.outcome'] === 'failure')?.attributes[
        'm365.report.name'
      ],
    ).toBe('getMailboxUsageStorage');
  });
});

describe('run (long-running) against the simulator', () => {
  it('exports after the cycle and periodically, then stops cleanly with exit 0', async () => {
    const stop = new AbortController();
    const running = cli(
      ['run', '--config', configFile],
      { M365_CLIENT_SECRET: run.simulator.clientSecret, OTEL_METRIC_EXPORT_INTERVAL: '100' },
      stop.signal,
    );
    const deadline = Date.now() + 10_000;
    // Wait for the cycle's export and at least two periodic re-exports of the tenant's resource.
    while (Date.now() < deadline && tenantRequests() < 3)
      await new Promise((resolve) => setTimeout(resolve, 25));
    stop.abort();
    const { code, stderr } = await running;
    expect(code).toBe(0);
    expect(tenantRequests()).toBeGreaterThanOrEqual(3);
    expect(stderr).toContain('"msg":"stopped"');
    // Re-exports carry the same series with a newer timestamp: the gauges stay fresh between report fetches.
    const storage = tenantPoints(decodeJsonExports(run.sink.requests)).filter(
      (point) => point.metric === 'm365.mailbox.storage.usage',
    );
    expect(new Set(storage.map((point) => point.value)).size).toBe(1);
    expect(new Set(storage.map((point) => point.timeUnixNano)).size).toBeGreaterThan(1);
  });
});

function tenantRequests(): number {
  return run.sink.requests.filter(
    (request) => request.path === '/v1/metrics' && request.body.includes(run.simulator.tenantId),
  ).length;
}
