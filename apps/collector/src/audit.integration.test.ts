import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_TYPES } from '@m365-otel/management-api';
import {
  ATTR_LOG_RECORD_UID,
  ATTR_M365_AUDIT_CONTENT_TYPE,
  EVENT_M365_AUDIT_RECORD,
} from '@m365-otel/mappers';
import { decodeJsonExports, decodeJsonLogs } from '@m365-otel/otlp-sink';
import { beforeEach, describe, expect, it } from 'vitest';
import { simulatedRun } from './__fixtures__/simulated-run.js';

// The audit log end to end: separate `run --once` processes sharing one state directory, against the simulator's
// Management Activity API (realistic feed: late and re-published records), an OTLP/HTTP sink standing in for the
// backend. What must arrive comes from the simulator's ground truth over the range each run's checkpoint says it
// listed, never from the collector's own counts.

const HOUR = 3_600_000;
// The simulator's clock, hours behind this host's: the collector lists in the server's time (its Date header).
const clock = { ms: Math.floor((Date.now() - 3 * HOUR) / 1000) * 1000 };

const run = simulatedRun({ seed: 8, users: 20, now: () => new Date(clock.ms) });

beforeEach(() => {
  run.sink.requests.length = 0;
  run.sink.respondWith(200);
  run.simulator.faults.clear();
});

function writeConfig(): { file: string; stateDir: string } {
  return run.writeConfig(
    'reports: { enabled: false }\nserviceHealth: { enabled: false }\naudit: { enabled: true, startFrom: 24h }\n',
    {
      management: true,
    },
  );
}

async function runOnce(file: string) {
  const { code, stderr } = await run.once(file);
  const records = decodeJsonLogs(run.sink.requests).filter(
    (record) => record.eventName === EVENT_M365_AUDIT_RECORD,
  );
  const points = decodeJsonExports(run.sink.requests);
  run.sink.requests.length = 0;
  const lines = stderr
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, stderr, lines, records, points };
}

/** Delivered record Ids by content type, in arrival order (a duplicate shows twice). */
function idsByType(records: ReturnType<typeof decodeJsonLogs>): Map<string, string[]> {
  const byType = new Map<string, string[]>(CONTENT_TYPES.map((type) => [type, []]));
  for (const record of records)
    byType
      .get(String(record.attributes[ATTR_M365_AUDIT_CONTENT_TYPE]))
      ?.push(String(record.attributes[ATTR_LOG_RECORD_UID]));
  return byType;
}

function checkpoint(stateDir: string, contentType: string): { start: string; highWater: string } {
  return JSON.parse(
    readFileSync(join(stateDir, run.simulator.tenantId, 'audit', `${contentType}.json`), 'utf8'),
  );
}

/** The distinct record Ids the simulator published for the content type in [start, end). */
function truthIds(contentType: string, start: string, end: string): string[] {
  return run.simulator.truth.auditRecords(contentType, new Date(start), new Date(end)).recordIds;
}

const duplicatesIn = (ids: readonly string[]) => ids.length - new Set(ids).size;

/**
 * How far a checkpoint time lies after the simulator's (fixed) clock: the collector reads Microsoft's time from the
 * `Date` header and runs it on with its own clock, so a slow run may add a second or so; never before it.
 */
function secondsAfter(iso: string, simulatorMs: number): number {
  const seconds = (Date.parse(iso) - simulatorMs) / 1000;
  expect(seconds).toBeGreaterThanOrEqual(0);
  return seconds;
}

describe('audit log with run --once against the simulated Management Activity API', () => {
  it('delivers every record Id of the window exactly once, and a second run only what is new', {
    timeout: 120_000,
  }, async () => {
    const { file, stateDir } = writeConfig();
    const first = await runOnce(file);
    expect(first.code, first.stderr).toBe(0);
    const starting = first.lines.find((line) => line.msg === 'starting');
    expect(starting?.audit).toEqual({
      pollInterval: '3m',
      streams: CONTENT_TYPES.map((type) => `${run.simulator.tenantId}/${type}`),
    });

    const delivered = idsByType(first.records);
    let republishedWithin = 0;
    for (const contentType of CONTENT_TYPES) {
      const { start, highWater } = checkpoint(stateDir, contentType);
      expect(secondsAfter(highWater, clock.ms)).toBeLessThan(5);
      expect(secondsAfter(start, clock.ms - 24 * HOUR)).toBeLessThan(5);
      const truth = run.simulator.truth.auditRecords(contentType, new Date(start), new Date(highWater));
      republishedWithin += truth.blobs.flatMap((blob) => blob.recordIds).length - truth.recordIds.length;
      const ids = delivered.get(contentType) ?? [];
      expect(duplicatesIn(ids), contentType).toBe(0);
      expect([...ids].sort(), contentType).toEqual([...truth.recordIds].sort());
    }
    // The window held records Microsoft published twice: they were dropped, not merely absent.
    expect(republishedWithin).toBeGreaterThan(0);
    const tenantPoints = first.points.filter(
      (point) => point.resource['m365.tenant.id'] === run.simulator.tenantId,
    );
    const counted = tenantPoints
      .filter((point) => point.metric === 'm365.audit.records')
      .reduce((sum, point) => sum + Number(point.value), 0);
    expect(counted).toBe(first.records.length);
    const processed = first.points
      .filter((point) => point.metric === 'm365otel.records')
      .map((point) => [point.attributes['m365otel.record.source'], Number(point.value)]);
    expect(processed).toEqual([['audit', first.records.length]]);
    const duplicates = first.points
      .filter((point) => point.metric === 'm365otel.audit.duplicates')
      .reduce((sum, point) => sum + Number(point.value), 0);
    expect(duplicates).toBe(republishedWithin);

    // Two hours later: only what became available since, and nothing delivered before.
    const firstCheckpoints = new Map(CONTENT_TYPES.map((type) => [type, checkpoint(stateDir, type)]));
    clock.ms += 2 * HOUR;
    const second = await runOnce(file);
    expect(second.code, second.stderr).toBe(0);
    const again = idsByType(second.records);
    for (const contentType of CONTENT_TYPES) {
      const before = firstCheckpoints.get(contentType);
      if (!before) throw new Error('no first checkpoint');
      const { highWater } = checkpoint(stateDir, contentType);
      expect(secondsAfter(highWater, clock.ms)).toBeLessThan(5);
      const old = new Set(delivered.get(contentType));
      const expected = truthIds(contentType, before.start, highWater).filter((id) => !old.has(id));
      const ids = again.get(contentType) ?? [];
      expect(duplicatesIn(ids), contentType).toBe(0);
      expect([...ids].sort(), contentType).toEqual(expected.sort());
      expect(
        ids.filter((id) => old.has(id)),
        contentType,
      ).toEqual([]);
    }
    expect(second.records.length).toBeGreaterThan(0);
  });

  it('a blob that breaks off and throttled listings fail or slow only their own stream; the next run completes it', {
    timeout: 120_000,
  }, async () => {
    const { file, stateDir } = writeConfig();
    run.simulator.faults.inject({ kind: 'truncated', target: 'management', operation: 'GetBlob' });
    run.simulator.faults.inject({ kind: 'af429', target: 'management', operation: 'ListContent', times: 2 });
    const first = await runOnce(file);
    expect(first.code, first.stderr).toBe(1);
    const failed = first.lines.filter((line) => line.msg === 'audit stream failed; retried at its next poll');
    expect(failed).toHaveLength(1);
    const broken = String(failed[0]?.contentType);
    expect(failed[0]).toMatchObject({ kind: 'transient', stage: 'fetch' });
    const throttles = first.points
      .filter((point) => point.metric === 'm365otel.audit.throttles')
      .reduce((sum, point) => sum + Number(point.value), 0);
    expect(throttles).toBe(2);
    // The same throttling in the request pipeline's counters, under the Management Activity API.
    const retries = first.points
      .filter((point) => point.metric === 'm365otel.http.retries')
      .map((point) => [
        point.attributes['m365otel.api'],
        point.attributes['m365otel.http.retry_reason'],
        point.value,
      ]);
    expect(retries).toContainEqual(['management', 'throttled', 2]);

    const delivered = idsByType(first.records);
    for (const contentType of CONTENT_TYPES.filter((type) => type !== broken)) {
      const { start, highWater } = checkpoint(stateDir, contentType);
      expect([...(delivered.get(contentType) ?? [])].sort(), contentType).toEqual(
        truthIds(contentType, start, highWater).sort(),
      );
    }

    const second = await runOnce(file);
    expect(second.code, second.stderr).toBe(0);
    const { start, highWater } = checkpoint(stateDir, broken);
    const all = [...(delivered.get(broken) ?? []), ...(idsByType(second.records).get(broken) ?? [])];
    expect(duplicatesIn(all)).toBe(0);
    expect(all.sort()).toEqual(truthIds(broken, start, highWater).sort());
  });
});
