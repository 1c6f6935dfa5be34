import { main } from '@m365-otel/collector';
import { decodeJsonExports, decodeJsonLogs, type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
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
    // Events too: step 0's message in cycle 1, EX200001 opening in cycle 2.
    expect(decodeJsonLogs(sink.requests).map((record) => record.eventName)).toEqual([
      'm365.service.message',
      'm365.service.issue',
    ]);
  });
});
