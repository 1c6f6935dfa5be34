import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeJsonExports } from '@m365-otel/otlp-sink';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedRun } from './__fixtures__/simulated-run.js';

// The health endpoints of `run` end to end: the CLI in service mode against the simulator, faults injected on its
// side, the answers read over HTTP from the port the collector logs. Conditions are waited for, never timed.

const run = simulatedRun({ seed: 11, users: 10 });

afterEach(() => {
  run.simulator.faults.clear();
  run.sink.requests.length = 0;
});

/** A config in a fresh directory (its own state), health on a free loopback port; `extra` is appended YAML. */
function writeConfig(extra: string): string {
  return run.writeConfig(`health: { enabled: true, endpoint: "127.0.0.1:0" }\n${extra}`, { management: true })
    .file;
}

interface Service {
  /** The port the health endpoints took, from the collector's log. */
  port: Promise<number>;
  stderr(): string;
  /** Stops the service and resolves with its exit code. */
  stop(): Promise<number>;
}

function startService(file: string): Service {
  const stop = new AbortController();
  let stderr = '';
  let listening: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => {
    listening = resolve;
  });
  const exited = run
    .cli(['run', '--config', file], {
      env: { OTEL_METRIC_EXPORT_INTERVAL: '200' },
      stop: stop.signal,
      onStderr: (text) => {
        stderr += text;
        const endpoint = /"msg":"health endpoints listening","endpoint":"127\.0\.0\.1:(\d+)"/.exec(text)?.[1];
        if (endpoint !== undefined) listening(Number(endpoint));
      },
    })
    .then(({ code }) => code);
  return {
    port: Promise.race([port, exited.then((code) => Promise.reject(new Error(`exited ${code}: ${stderr}`)))]),
    stderr: () => stderr,
    stop: () => {
      stop.abort();
      return exited;
    },
  };
}

interface Readyz {
  status: string;
  checks: Record<string, string>;
  tenants: Array<{
    tenantId: string;
    token: string;
    sources: Array<{
      source: string;
      status: string;
      lastSuccess?: string;
      lastFailure?: { time: string; reason: string };
    }>;
  }>;
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

async function readyz(port: number): Promise<{ status: number; body: Readyz }> {
  const answer = await get(port, '/readyz');
  return { status: answer.status, body: JSON.parse(answer.body) as Readyz };
}

/** Asks /readyz until `holds` says yes; generous bound, the service polls on its own schedule. */
async function until(
  port: number,
  holds: (answer: { status: number; body: Readyz }) => boolean,
  what: string,
  withinMs = 90_000,
): Promise<{ status: number; body: Readyz }> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await readyz(port);
    if (holds(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(answer)}`);
    await sleep(100);
  }
}

const source = (body: Readyz, name: string) =>
  body.tenants[0]?.sources.find((entry) => entry.source === name);

describe('run with health.enabled', () => {
  it('is alive at once, not ready while Entra refuses the token, shows the failure, and recovers', async () => {
    // Consent removed until the test restores it: every token request is refused (AADSTS65001).
    run.simulator.faults.inject({ kind: 'consent-missing', target: 'token', times: 1_000 });
    const service = startService(
      writeConfig('reports: { enabled: false }\nserviceHealth: { interval: 30s }\n'),
    );
    try {
      const port = await service.port;
      expect((await get(port, '/healthz')).status).toBe(200);
      const first = await readyz(port);
      expect(first.status).toBe(503);
      expect(first.body.checks.authenticated).toBe('no tenant has acquired a token yet');

      const failed = await until(
        port,
        ({ body }) => source(body, 'service-health')?.status.startsWith('failed: ') === true,
        'service health failing',
      );
      expect(failed.status).toBe(503);
      expect(failed.body.status).toBe('not ready');
      const tenant = failed.body.tenants[0];
      expect(tenant?.tenantId).toBe(run.simulator.tenantId);
      expect(tenant?.token).toMatch(/^failed: .*AADSTS65001.*What to do: /);
      expect(source(failed.body, 'service-health')).toEqual({
        source: 'service-health',
        status: tenant?.token,
        lastFailure: { time: expect.any(String), reason: tenant?.token.slice('failed: '.length) },
      });
      expect(JSON.stringify(failed.body)).not.toContain(run.simulator.clientSecret);
      expect((await get(port, '/healthz')).status).toBe(200);

      run.simulator.faults.clear();
      const recovered = await until(port, ({ status }) => status === 200, 'ready after consent is granted');
      expect(recovered.body.status).toBe('ready');
      expect(recovered.body.checks).toEqual({ config: 'ok', authenticated: 'ok', stateStore: 'ok' });
      expect(recovered.body.tenants[0]?.token).toBe('acquired');
      expect(source(recovered.body, 'service-health')).toMatchObject({
        status: 'ok',
        lastSuccess: expect.any(String),
        lastFailure: { reason: expect.stringContaining('AADSTS65001') },
      });
    } finally {
      expect(await service.stop()).toBe(0);
    }
    await expect(get(await service.port, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
  }, 150_000);

  it('shows an audit stream throttled when AF429 outlasts the retries, and ok after its next poll', async () => {
    // As many AF429 answers as the pipeline makes attempts at the first listing.
    run.simulator.faults.inject({ kind: 'af429', target: 'management', operation: 'ListContent', times: 5 });
    const service = startService(
      writeConfig(
        'reports: { enabled: false }\nserviceHealth: { enabled: false }\naudit: { enabled: true, contentTypes: [Audit.Exchange], pollInterval: 30s, startFrom: 1h }\n',
      ),
    );
    try {
      const port = await service.port;
      const throttled = await until(
        port,
        ({ body }) => source(body, 'audit Audit.Exchange')?.status === 'throttled',
        'the audit stream throttled',
      );
      // The subscription calls were answered: the tenant holds a token, so the process is ready.
      expect(throttled.status).toBe(200);
      expect(source(throttled.body, 'audit Audit.Exchange')?.lastFailure?.reason).toContain('AF429');
      const recovered = await until(
        port,
        ({ body }) => source(body, 'audit Audit.Exchange')?.status === 'ok',
        'the audit stream recovered',
      );
      expect(source(recovered.body, 'audit Audit.Exchange')?.lastSuccess).toEqual(expect.any(String));
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 150_000);

  it('shows the reports degraded when one report is forbidden, stays ready, and exports the source gauges', async () => {
    run.simulator.faults.inject({ kind: 'forbidden', target: 'report', report: 'getMailboxUsageStorage' });
    const service = startService(writeConfig(''));
    try {
      const port = await service.port;
      const answer = await until(
        port,
        ({ body }) =>
          source(body, 'reports')?.status !== 'no data yet' &&
          source(body, 'service-health')?.status !== 'no data yet',
        'the first report cycle and service-health poll',
      );
      expect(answer.status).toBe(200);
      const reports = source(answer.body, 'reports');
      expect(reports?.status).toBe('degraded');
      expect(reports?.lastFailure?.reason).toMatch(
        /^1 of \d+ reports failed: getMailboxUsageStorage: .*Reports\.Read\.All/,
      );
      expect(reports?.lastSuccess).toBeUndefined();
      expect(source(answer.body, 'service-health')?.status).toBe('ok');

      // The gauges ride on the tenant's Resource with the next export.
      const deadline = Date.now() + 30_000;
      const gauges = () =>
        decodeJsonExports(run.sink.requests).filter(
          (point) =>
            point.metric.startsWith('m365otel.source.') &&
            point.resource['m365.tenant.id'] === run.simulator.tenantId,
        );
      while (
        Date.now() < deadline &&
        !gauges().some((point) => point.attributes['m365otel.source'] === 'reports')
      )
        await sleep(100);
      const points = gauges();
      const lastSuccess = points.find(
        (point) =>
          point.metric === 'm365otel.source.last_success' &&
          point.attributes['m365otel.source'] === 'service_health',
      );
      const exportedMs = Number(BigInt(lastSuccess?.timeUnixNano ?? '0') / 1_000_000n);
      expect(lastSuccess?.kind).toBe('gauge');
      expect(lastSuccess?.value).toBeGreaterThan(Date.parse('2026-01-01') / 1000);
      expect(lastSuccess?.value).toBeLessThanOrEqual(exportedMs / 1000);
      // The reports' staleness is the age of the newest report day read: days, not seconds.
      const reportsStaleness = points.find(
        (point) =>
          point.metric === 'm365otel.source.staleness' && point.attributes['m365otel.source'] === 'reports',
      );
      expect(reportsStaleness?.value).toBeGreaterThan(86_400);
      // Degraded: no full success to tell.
      expect(
        points.some(
          (point) =>
            point.metric === 'm365otel.source.last_success' &&
            point.attributes['m365otel.source'] === 'reports',
        ),
      ).toBe(false);
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 150_000);
});
