import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_HEALTHY_STATUSES } from '@m365-otel/mappers';
import { type DecodedLogRecord, decodeJsonExports, decodeJsonLogs } from '@m365-otel/otlp-sink';
import { SERVICE_HEALTH_STATUSES } from '@m365-otel/service-health';
import { beforeEach, describe, expect, it } from 'vitest';
import { simulatedRun } from './__fixtures__/simulated-run.js';

// Service health end to end: separate `run --once` processes (as a cron job would run them) sharing one state
// directory, against the simulator's scripted timeline, with an OTLP/HTTP sink standing in for the backend. What
// is expected comes from the simulator's ground truth and the timeline in the contract, never from the mappers.

const run = simulatedRun({ seed: 5, users: 10 });

beforeEach(() => {
  run.sink.requests.length = 0;
  run.sink.respondWith(200);
});

/** A config in a fresh directory (so a fresh default state directory beside it); `extra` is appended YAML. */
function writeConfig(extra = 'serviceHealth: { messages: true }\n'): { file: string; stateDir: string } {
  return run.writeConfig(`reports: { enabled: false }\n${extra}`);
}

async function runOnce(file: string) {
  const { code, stderr } = await run.once(file);
  const result = {
    code,
    stderr,
    events: decodeJsonLogs(run.sink.requests),
    points: decodeJsonExports(run.sink.requests),
  };
  run.sink.requests.length = 0;
  return result;
}

const eventKey = (record: DecodedLogRecord) =>
  record.eventName === 'm365.service.issue'
    ? `${record.attributes['m365.service.issue.id']} ${record.attributes['m365.service.issue.change']}`
    : `${record.attributes['m365.service.message.id']} ${record.attributes['m365.service.message.change']}`;

// The contract's timeline: what changes at each step. Step 0 is the first run: resolved history is the baseline
// (no event) while every listed message is announced.
const EXPECTED_EVENTS: readonly string[][] = [
  ['MC100001 published'],
  ['EX200001 opened'],
  ['EX200001 updated', 'SP200002 opened', 'MC200001 published'],
  ['EX200001 updated', 'EX200003 opened'],
  ['SP200002 resolved', 'MC200001 updated'],
  ['EX200001 resolved', 'EX200003 resolved'],
  ['EX200001 updated'],
];

describe('service health with run --once against the simulated timeline', () => {
  it('exports the status one-hot and announces each change exactly once across runs', async () => {
    const { file, stateDir } = writeConfig();
    expect(run.simulator.serviceHealth.lastStep).toBe(EXPECTED_EVENTS.length - 1);
    for (let step = 0; step <= run.simulator.serviceHealth.lastStep; step++) {
      run.simulator.serviceHealth.setStep(step);
      const truth = run.simulator.truth.serviceHealth();
      const { code, stderr, events, points } = await runOnce(file);
      expect(code, `step ${step}: ${stderr}`).toBe(0);

      // m365.service.status: per service, one point per enum value; 1 only for the current status.
      const tenant = points.filter((point) => point.resource['m365.tenant.id'] === run.simulator.tenantId);
      expect(truth.overviews).toHaveLength(8);
      for (const overview of truth.overviews) {
        const series = tenant.filter(
          (point) =>
            point.metric === 'm365.service.status' &&
            point.attributes['m365.service.name'] === overview.service &&
            point.attributes['m365.service.id'] === overview.id,
        );
        expect(series.map((point) => point.attributes['m365.service.status']).sort()).toEqual(
          [...SERVICE_HEALTH_STATUSES].sort(),
        );
        for (const point of series) {
          expect(
            point.value,
            `step ${step} ${overview.service} ${point.attributes['m365.service.status']}`,
          ).toBe(point.attributes['m365.service.status'] === overview.status ? 1 : 0);
          expect(point.kind).toBe('gauge');
        }
        const healthy = tenant.find(
          (point) =>
            point.metric === 'm365.service.healthy' && point.attributes['m365.service.id'] === overview.id,
        );
        expect(healthy?.value).toBe(
          (DEFAULT_HEALTHY_STATUSES as readonly string[]).includes(overview.status) ? 1 : 0,
        );
      }
      const openIncidents = (service: string) =>
        truth.issues.filter((i) => i.service === service && !i.isResolved && i.classification === 'incident')
          .length;
      const exchangeIncidents = tenant.find(
        (point) =>
          point.metric === 'm365.service.issues' &&
          point.attributes['m365.service.name'] === 'Exchange Online' &&
          point.attributes['m365.service.issue.classification'] === 'incident',
      );
      expect(exchangeIncidents?.value).toBe(openIncidents('Exchange Online'));

      // Events: exactly this step's changes, each carrying the item's state from the truth.
      expect(events.map(eventKey).sort(), `step ${step}`).toEqual([...(EXPECTED_EVENTS[step] ?? [])].sort());
      for (const event of events) {
        expect(event.resource['m365.tenant.id']).toBe(run.simulator.tenantId);
        expect(BigInt(event.observedTimeUnixNano) >= BigInt(event.timeUnixNano)).toBe(true);
        if (event.eventName === 'm365.service.issue') {
          const issue = truth.issues.find((item) => item.id === event.attributes['m365.service.issue.id']);
          if (!issue) throw new Error(`event for an issue the truth does not have: ${eventKey(event)}`);
          expect(event.attributes).toMatchObject({
            'm365.service.name': issue.service,
            'm365.service.issue.classification': issue.classification,
            'm365.service.issue.status': issue.status,
            'm365.service.issue.origin': issue.origin,
            'm365.service.issue.resolved': issue.isResolved,
            'm365.service.issue.start_time': issue.startDateTime,
          });
          if (issue.feature) expect(event.attributes['m365.service.feature.name']).toBe(issue.feature);
          expect(event.timeUnixNano).toBe(
            String(BigInt(Date.parse(issue.lastModifiedDateTime)) * 1_000_000n),
          );
          const change = event.attributes['m365.service.issue.change'];
          expect(event.severityText).toBe(
            issue.classification === 'incident' && !issue.isResolved && change !== 'resolved'
              ? 'WARN'
              : 'INFO',
          );
          expect(event.body).toMatchObject({ title: issue.title, postCount: issue.posts.length });
        } else {
          const message = truth.messages.find(
            (item) => item.id === event.attributes['m365.service.message.id'],
          );
          if (!message) throw new Error(`event for a message the truth does not have: ${eventKey(event)}`);
          expect(event.eventName).toBe('m365.service.message');
          expect(event.attributes).toMatchObject({
            'm365.service.message.category': message.category,
            'm365.service.message.severity': message.severity,
            'm365.service.message.is_major_change': message.isMajorChange,
          });
          expect(event.severityText).toBe('INFO');
          expect(event.body).toMatchObject({ title: message.title, tags: message.tags });
        }
      }

      // A second run at the same step repeats nothing.
      const again = await runOnce(file);
      expect(again.code).toBe(0);
      expect(again.events.map(eventKey), `step ${step}, second run`).toEqual([]);
    }
    const state = JSON.parse(
      readFileSync(join(stateDir, run.simulator.tenantId, 'service-health.json'), 'utf8'),
    );
    expect(state.initialized).toBe(true);
    expect(Object.keys(state.issues).sort()).toEqual(
      run.simulator.truth
        .serviceHealth()
        .issues.map((i) => i.id)
        .sort(),
    );
  }, 120_000);

  it('exits 1 when the backend rejects the events, and the next run delivers them', async () => {
    const { file } = writeConfig();
    run.simulator.serviceHealth.setStep(1);
    run.sink.respondWith(500, '/v1/logs');
    const failed = await runOnce(file);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/"msg":"service health failed".*"stage":"export"/);
    // The gauges were still exported (and acknowledged); only the events were refused.
    expect(failed.points.some((point) => point.metric === 'm365.service.status')).toBe(true);
    const attempted = failed.events.map(eventKey).sort();
    expect(attempted).toEqual(['EX200001 opened', 'MC100001 published']);
    const selfMetric = (points: typeof failed.points, metric: string) =>
      points
        .filter((point) => point.metric === metric)
        .map((point) => ({
          ...point.attributes,
          value: point.value,
          tenant: point.resource['m365.tenant.id'],
        }));
    expect(selfMetric(failed.points, 'm365otel.service_health.polls')).toEqual([
      { 'm365otel.outcome': 'failure', value: 1, tenant: undefined },
    ]);
    expect(selfMetric(failed.points, 'm365otel.service_health.events')).toEqual(
      expect.arrayContaining([
        { 'event.name': 'm365.service.issue', 'm365otel.outcome': 'failed', value: 1, tenant: undefined },
        { 'event.name': 'm365.service.message', 'm365otel.outcome': 'failed', value: 1, tenant: undefined },
      ]),
    );

    run.sink.respondWith(200);
    const retried = await runOnce(file);
    expect(retried.code).toBe(0);
    expect(retried.events.map(eventKey).sort()).toEqual(attempted);

    const after = await runOnce(file);
    expect(after.events).toEqual([]);
  });

  it('applies the filters to events and gauges, and needs no messages permission by default', async () => {
    const { file } = writeConfig('serviceHealth: { exclude: { features: ["/^Mailflow/"] } }\n');
    run.simulator.serviceHealth.setStep(3);
    const { code, events, points } = await runOnce(file);
    expect(code).toBe(0);
    // EX200001 (feature "Mailflow - delayed delivery from Internet") is excluded; messages are off by default.
    expect(events.map(eventKey).sort()).toEqual(['EX200003 opened', 'SP200002 opened']);
    const exchange = points.find(
      (point) =>
        point.metric === 'm365.service.issues' &&
        point.attributes['m365.service.name'] === 'Exchange Online' &&
        point.attributes['m365.service.issue.classification'] === 'incident',
    );
    expect(exchange?.value).toBe(1);
  });

  it('quarantines a corrupt state file, rebuilds it without announcing an open issue again, and exits 0', async () => {
    const { file, stateDir } = writeConfig();
    run.simulator.serviceHealth.setStep(1);
    const first = await runOnce(file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.events.length).toBeGreaterThan(0);
    const stateFile = join(stateDir, run.simulator.tenantId, 'service-health.json');
    writeFileSync(stateFile, '{"initialized": tr');
    const { code, stderr, events, points } = await runOnce(file);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(
      new RegExp(
        `"msg":"state file quarantined: it cannot be used, so the service-health versions are rebuilt as a baseline[^"]*".*"file":"${stateFile.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`,
      ),
    );
    expect(events).toEqual([]);
    expect(points.some((point) => point.metric === 'm365.service.status')).toBe(true);
    const aside = readdirSync(join(stateDir, run.simulator.tenantId)).filter((name) =>
      name.includes('.corrupt-'),
    );
    expect(aside).toEqual([expect.stringMatching(/^service-health\.json\.corrupt-\d{8}T\d{6}\.\d{3}Z$/)]);
    expect(readFileSync(join(stateDir, run.simulator.tenantId, aside[0] ?? ''), 'utf8')).toBe(
      '{"initialized": tr',
    );
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ initialized: true });
    const after = await runOnce(file);
    expect(after.code, after.stderr).toBe(0);
    expect(after.events).toEqual([]);
  });

  it('keeps exporting when Microsoft drifts: an issue without details is used, one without an id is left out', async () => {
    const { file } = writeConfig();
    run.simulator.serviceHealth.setStep(1);
    run.simulator.faults.inject({ kind: 'drop-field', target: 'service-health', field: 'details' });
    const drifted = await runOnce(file);
    expect(drifted.code, drifted.stderr).toBe(0);
    const statusOf = (points: typeof drifted.points) =>
      new Set(
        points
          .filter((point) => point.metric === 'm365.service.status')
          .map((p) => p.attributes['m365.service.id']),
      );
    expect(statusOf(drifted.points).size).toBe(run.simulator.truth.serviceHealth().overviews.length);
    expect(drifted.events.map(eventKey).sort()).toEqual(['EX200001 opened', 'MC100001 published']);

    run.simulator.serviceHealth.setStep(2);
    run.simulator.faults.inject({ kind: 'drop-field', target: 'service-health', field: 'isResolved' });
    const skipped = await runOnce(file);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stderr).toMatch(
      /"msg":"Graph sent an item without a field this client needs; the item is left out".*"problems":\["isResolved: expected true or false, got nothing \(the field is absent\)"\]/,
    );
    expect(statusOf(skipped.points).size).toBe(run.simulator.truth.serviceHealth().overviews.length);
    expect(run.simulator.faults.pending()).toEqual([]);
  });

  it('polls nothing and writes no state when disabled', async () => {
    const { file, stateDir } = writeConfig('serviceHealth: { enabled: false }\n');
    const { code, events, points } = await runOnce(file);
    expect(code).toBe(0);
    expect(events).toEqual([]);
    expect(points.filter((point) => point.metric.startsWith('m365.service.'))).toEqual([]);
    expect(() => readFileSync(join(stateDir, run.simulator.tenantId, 'service-health.json'))).toThrow();
  });
});
