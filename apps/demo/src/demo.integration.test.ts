import { CALL_RECORD_SETTLE_MS, main } from '@m365-otel/collector';
import { decodeJsonExports, decodeJsonLogs, type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
import { type GovernanceTruth, type RunningSimulator, startSimulator } from '@m365-otel/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// `m365-otel demo` as a user runs it: the collector's CLI finds this package and hands the command over.

let sink: OtlpSink;
beforeAll(async () => {
  sink = await startOtlpSink();
});
afterAll(async () => {
  await sink?.close();
});
beforeEach(() => {
  sink.requests.length = 0;
  sink.respondWith(200);
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('usage', () => {
  it('rejects bad demo flags', async () => {
    expect((await cli(['demo', '--users', 'many'])).stderr).toContain(
      'demo: --users must be a whole number >= 1, got "many"',
    );
    expect((await cli(['demo', '--interval', 'soon'])).code).toBe(2);
    expect((await cli(['demo', '--otlp', 'http://x:4318/v1/metrics'])).code).toBe(2);
  });
});

describe('demo', { timeout: 60_000 }, () => {
  const demo = (argv: string[], env: Record<string, string> = {}) =>
    cli(['demo', '--users', '20', '--seed', '3', ...argv], env);

  it('prints the table and says how to turn exporting on', async () => {
    const { code, stdout } = await demo([]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Not exporting over OTLP. To export, pass --otlp http://localhost:4318 or set OTEL_EXPORTER_OTLP_ENDPOINT.',
    );
    expect(stdout).toContain('Cycle 1 of 1');
    expect(stdout).toMatch(/metric\s+\| attributes\s+\|\s+value \| unit\s+\| report day/);
    expect(stdout).toMatch(/m365\.mailbox\.storage\.usage\s+\| -\s+\|\s+\d+ \| By\s+\| \d{4}-\d{2}-\d{2}/);
    expect(stdout).toContain('Report ages (m365.report.age):');
    expect(stdout).toContain(
      'Service-health timeline step 0 of 6\nService health: 8 of 8 services operational\n',
    );
  });

  it('advances the service-health timeline each cycle and shows statuses, open issues and events', async () => {
    const { code, stdout } = await demo(['--cycles', '3', '--interval', '1ms']);
    expect(code).toBe(0);
    const cycle3 = stdout.slice(stdout.indexOf('Cycle 3 of 3'));
    expect(cycle3).toContain(
      'Service-health timeline step 2 of 6\nService health: 6 of 8 services operational\n',
    );
    expect(cycle3).toMatch(/Exchange Online\s+\| Exchange\s+\| serviceDegradation/);
    expect(cycle3).toMatch(/Open issues \(2\):/);
    expect(cycle3).toMatch(/\| WARN\s+\| m365\.service\.issue\s+\| updated\s+\| EX200001/);
    expect(cycle3).toMatch(/\| INFO\s+\| m365\.service\.message \| published \| MC200001/);
    // Cycle 2 announced EX200001's opening; cycle 3 does not repeat it.
    expect(stdout.match(/\| opened\s+\| EX200001/g)).toHaveLength(1);
  });

  it('exports each cycle when --otlp is given', async () => {
    const { code, stdout } = await demo(['--cycles', '2', '--interval', '10ms', '--otlp', sink.url], {
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    });
    expect(code).toBe(0);
    expect(stdout).toContain(`Exporting over OTLP http/json to ${sink.url}/v1/metrics`);
    expect(stdout.match(/OTLP export acknowledged/g)).toHaveLength(2);
    expect(decodeJsonExports(sink.requests).some((point) => point.metric === 'm365.mailbox.count')).toBe(
      true,
    );
    // Events too: step 0's message in cycle 1, EX200001 opening in cycle 2; and governance's.
    const events = decodeJsonLogs(sink.requests).map((record) => record.eventName);
    expect(events.filter((name) => name.startsWith('m365.service.'))).toEqual([
      'm365.service.message',
      'm365.service.issue',
    ]);
    expect(events).toContain('m365.app.credential');
  });
});

const MODALITY_OF_LABEL: Readonly<Record<string, string>> = {
  'main-audio': 'audio',
  'main-video': 'video',
  'applicationsharing-video': 'videoBasedScreenSharing',
};

// The same tenant as the demo's (the simulator's model is a function of seed and users), read for its truth.
describe('governance and call quality', { timeout: 60_000 }, () => {
  let truthSimulator: RunningSimulator;
  beforeAll(async () => {
    truthSimulator = await startSimulator({ seed: 3, users: 20 });
  });
  afterAll(async () => {
    await truthSimulator?.close();
  });

  const points = (truth: GovernanceTruth, metric: string) => truth.metrics[metric] ?? [];
  const sumOf = (truth: GovernanceTruth, metric: string, where: Record<string, string | boolean>) =>
    points(truth, metric)
      .filter((point) => Object.entries(where).every(([key, value]) => point.attributes[key] === value))
      .reduce((sum, point) => sum + point.value, 0);
  /** The text from the line starting with `title` to the next blank line. */
  const section = (stdout: string, title: string) => {
    const start = stdout.indexOf(`\n${title}`);
    expect(start, `section ${title}`).toBeGreaterThan(-1);
    const end = stdout.indexOf('\n\n', start + 1);
    const text = stdout.slice(start + 1, end === -1 ? undefined : end + 1);
    // Readable on a 100-column terminal.
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    return text;
  };
  const row = (...cells: (string | number)[]) =>
    new RegExp(
      `^${cells.map((cell) => `\\s*${String(cell).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*`).join('\\|')}$`,
      'm',
    );

  it('prints licences, app credentials, directory sync, Connect Health and risky users as the truth has them', async () => {
    const { code, stdout } = await cli(['demo', '--users', '20', '--seed', '3']);
    expect(code).toBe(0);
    const truth = truthSimulator.governanceTruth();

    const licences = section(stdout, 'Licences');
    const skus = [
      ...new Set(
        points(truth, 'm365.license.units').map((point) => String(point.attributes['m365.license.sku'])),
      ),
    ];
    expect(licences).toContain(`${skus.length} SKUs`);
    for (const sku of skus) {
      const units = (state: string) =>
        sumOf(truth, 'm365.license.units', { 'm365.license.sku': sku, 'm365.license.units.state': state });
      const utilisation = points(truth, 'm365.license.utilization').find(
        (point) => point.attributes['m365.license.sku'] === sku,
      );
      const status = points(truth, 'm365.license.sku.status').find(
        (point) => point.attributes['m365.license.sku'] === sku && point.value === 1,
      );
      expect(licences).toMatch(
        row(
          sku,
          units('consumed'),
          units('enabled'),
          utilisation ? `${(utilisation.value * 100).toFixed(1)} %` : '-',
          String(status?.attributes['m365.license.capability_status']),
        ),
      );
    }

    const credentials = section(stdout, 'App credentials');
    expect(credentials).toContain(`${truth.credentials.length} in all`);
    for (const expiry of ['expired', 'within_7_days', 'within_30_days', 'later']) {
      const count = (type?: string) =>
        truth.credentials.filter(
          (credential) => credential.expiry === expiry && (type === undefined || credential.type === type),
        ).length;
      expect(credentials).toMatch(row(expiry, count('password'), count('certificate'), count()));
    }
    const own = truth.credentials.find(
      (credential) => credential.appId === truthSimulator.clientId && credential.type === 'certificate',
    );
    expect(credentials).toContain(
      `certificate ${((own?.remainingSeconds ?? Number.NaN) / 86_400).toFixed(1)} days left`,
    );

    const sync = section(stdout, 'Directory sync');
    expect(sync).toMatch(
      sumOf(truth, 'm365.directory.sync.enabled', {}) === 1
        ? /^Directory sync \S+: enabled, last sync: objects \d+/
        : /not enabled/,
    );
    expect(sync).toContain(
      `provisioning errors (m365.directory.provisioning_errors): ${sumOf(truth, 'm365.directory.provisioning_errors', {})}\n`,
    );
    for (const point of points(truth, 'm365.directory.provisioning_errors'))
      expect(sync).toMatch(
        row(String(point.attributes['m365.directory.provisioning_error.category']), point.value),
      );

    const connectHealth = section(stdout, 'Connect Health');
    expect(connectHealth).toContain(
      `${sumOf(truth, 'm365.connect_health.services', {})} services, ${sumOf(truth, 'm365.connect_health.alerts', {})} open alerts`,
    );
    const openAlerts = points(truth, 'm365.connect_health.alerts').filter((point) => point.value > 0);
    expect(openAlerts.length).toBeGreaterThan(0);
    for (const point of openAlerts) {
      const { attributes } = point;
      expect(connectHealth).toMatch(
        row(
          String(attributes['m365.connect_health.service.type']),
          String(attributes['m365.connect_health.service.name']),
          String(attributes['m365.connect_health.alert.level']),
          point.value,
        ),
      );
    }

    const risky = section(stdout, 'Risky users');
    expect(risky).toContain(`: ${sumOf(truth, 'm365.risk.users', {})}\n`);
    for (const level of new Set(
      points(truth, 'm365.risk.users').map((point) => String(point.attributes['m365.risk.level'])),
    )) {
      const users = sumOf(truth, 'm365.risk.users', { 'm365.risk.level': level });
      if (users > 0) expect(risky).toMatch(new RegExp(`^${level}\\s+\\|\\s+${users} \\|`, 'm'));
      else expect(risky).not.toMatch(new RegExp(`^${level}\\s+\\|`, 'm'));
    }
  });

  it('prints the final call records of the last day by modality and quality as the truth has them', async () => {
    // The demo's first call-quality poll lists the last day and reads the records settled by then; the truth is
    // taken just before and just after, so a record crossing an edge while the demo runs cannot fail the test.
    const expected = () => {
      const nowMs = Date.now();
      const window = truthSimulator.truth.callRecords(
        new Date(nowMs - 86_400_000).toISOString(),
        new Date(nowMs).toISOString(),
      );
      const records = window.records.filter(
        (record) => record.final && Date.parse(record.lastModifiedDateTime) <= nowMs - CALL_RECORD_SETTLE_MS,
      );
      // The catalog's modality of a stream is Graph's, from its media label (the truth names screen sharing its own way).
      const streams = records
        .flatMap((record) => record.streams)
        .map((stream) => ({ ...stream, modality: MODALITY_OF_LABEL[stream.label] ?? stream.label }));
      const line = (label: string, ofModality: typeof streams) => [
        label,
        ofModality.length,
        ...['good', 'poor', 'unrated'].map(
          (quality) => ofModality.filter((stream) => stream.quality === quality).length,
        ),
        ...['jitter', 'packet_loss', 'round_trip'].map(
          (figure) => ofModality.filter((stream) => stream.poorBy.includes(figure as never)).length,
        ),
      ];
      const modalities = [...new Set(streams.map((stream) => stream.modality))];
      return {
        calls: records.length,
        rows: [
          ...modalities.map((modality) =>
            line(
              modality,
              streams.filter((stream) => stream.modality === modality),
            ),
          ),
          line('all', streams),
        ],
      };
    };
    const before = expected();
    const { code, stdout } = await cli(['demo', '--users', '20', '--seed', '3']);
    const after = expected();
    expect(code).toBe(0);
    const calls = section(stdout, 'Teams call quality');
    const matches = (truth: ReturnType<typeof expected>) =>
      calls.includes(`: ${truth.calls} calls (`) && truth.rows.every((cells) => row(...cells).test(calls));
    expect(before.calls).toBeGreaterThan(0);
    expect(matches(before) || matches(after), `${calls}\nexpected\n${JSON.stringify([before, after])}`).toBe(
      true,
    );
  });
});
