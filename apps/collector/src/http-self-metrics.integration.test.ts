import {
  METRIC_M365OTEL_HTTP_REQUESTS,
  METRIC_M365OTEL_HTTP_RETRIES,
  METRIC_M365OTEL_HTTP_THROTTLE_WAIT,
} from '@m365-otel/mappers';
import { type DecodedPoint, decodeJsonExports } from '@m365-otel/otlp-sink';
import { describe, expect, it } from 'vitest';
import { simulatedRun } from './__fixtures__/simulated-run.js';

// The collector's own HTTP counters for a `run --once` against the simulator with faults on Graph's service-health
// calls, read from what the OTLP sink received. The simulator's request counts are the ground truth.

const run = simulatedRun({ seed: 11, users: 5 });

/** A counter's value per attribute set, as last exported (the counters are cumulative). */
function counter(points: readonly DecodedPoint[], metric: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const point of points.filter((candidate) => candidate.metric === metric)) {
    // Self-metrics are the collector's own: on its service resource, never a tenant's.
    expect(point.resource['m365.tenant.id']).toBeUndefined();
    const key = Object.entries(point.attributes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `${name}=${String(value)}`)
      .join(' ');
    values.set(key, Math.max(values.get(key) ?? 0, Number(point.value)));
  }
  return values;
}

const sum = (values: Map<string, number>) => [...values.values()].reduce((total, value) => total + value, 0);

describe('m365otel.http.* for run --once with faults injected', () => {
  it('counts every request by API and status class, each retry by reason, and the throttled wait', async () => {
    const { file } = run.writeConfig('reports: { enabled: false }\nserviceHealth: { messages: true }\n');
    run.simulator.faults.inject({ kind: '429', target: 'service-health', retryAfterSeconds: 1 });
    run.simulator.faults.inject({ kind: '503', target: 'service-health' });
    run.simulator.faults.inject({ kind: 'reset', target: 'service-health' });
    run.simulator.faults.inject({ kind: 'expired-token', target: 'service-health' });
    const before = run.simulator.stats();
    const { code, stderr } = await run.once(file);
    expect(code, stderr).toBe(0);
    const after = run.simulator.stats();
    expect(after.faultsServed - before.faultsServed).toBe(4);
    const points = decodeJsonExports(run.sink.requests);

    const requests = counter(points, METRIC_M365OTEL_HTTP_REQUESTS);
    // Every request the simulator served is counted once, the refused and the retried ones too.
    expect(sum(requests)).toBe(after.requests - before.requests);
    const serviceHealth = (statusClass: string) =>
      requests.get(`m365otel.api=graph.service_health m365otel.http.status_class=${statusClass}`);
    const served = after.serviceHealthRequests - before.serviceHealthRequests;
    const classes = ['2xx', '3xx', '4xx', '5xx', 'network'].map(
      (statusClass) => serviceHealth(statusClass) ?? 0,
    );
    expect(classes.reduce((total, value) => total + value, 0)).toBe(served);
    // The 429 and the 401 of the expired token at least (another request may meet the refused token meanwhile).
    expect(serviceHealth('4xx')).toBeGreaterThanOrEqual(2);
    expect(serviceHealth('5xx')).toBe(1);
    expect(serviceHealth('network')).toBe(1);
    expect(requests.get('m365otel.api=entra.token m365otel.http.status_class=2xx')).toBeGreaterThanOrEqual(
      after.tokenRequests - before.tokenRequests,
    );

    expect(Object.fromEntries(counter(points, METRIC_M365OTEL_HTTP_RETRIES))).toEqual({
      'm365otel.api=graph.service_health m365otel.http.retry_reason=throttled': 1,
      'm365otel.api=graph.service_health m365otel.http.retry_reason=server_error': 1,
      'm365otel.api=graph.service_health m365otel.http.retry_reason=network': 1,
    });
    // The Retry-After of the 429, in seconds; backoff after the 503 and the reset is not throttling.
    expect(Object.fromEntries(counter(points, METRIC_M365OTEL_HTTP_THROTTLE_WAIT))).toEqual({
      'm365otel.api=graph.service_health': 1,
    });
  });
});
