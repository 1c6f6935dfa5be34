import type { EntityRecord } from '@m365-otel/mappers';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import {
  EntityRecordStream,
  MAX_ENTITY_BATCHES_IN_FLIGHT,
  MAX_EVENTS_PER_EXPORT,
  TenantEvents,
} from './events.js';
import { serviceResource } from './resource.js';

const resource = (() => {
  const { resource } = serviceResource({});
  if (!resource) throw new Error('no resource');
  return resource;
})();
const DAY_MS = Date.parse('2026-03-08T00:00:00Z');

/** An exporter that answers only when the test acknowledges a batch, recording what it was sent. */
function heldExporter() {
  const exported: ReadableLogRecord[][] = [];
  const answers: Array<(result: ExportResult) => void> = [];
  const exporter: LogRecordExporter = {
    export: (batch, done) => {
      exported.push([...batch]);
      answers.push(done);
    },
    shutdown: async () => undefined,
    forceFlush: async () => undefined,
  };
  return {
    exporter,
    exported,
    /** Acknowledges the oldest batch waiting for an answer. */
    acknowledge: () => answers.shift()?.({ code: ExportResultCode.SUCCESS }),
    waiting: () => answers.length,
  };
}

function records(count: number, timestampMs = DAY_MS): EntityRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    eventName: 'm365.report.user',
    timestampMs,
    attributes: { 'user.name': `user${index}@contoso.com` },
  }));
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('EntityRecordStream', () => {
  it('lets the download go on while batches in flight are under the bound, then waits for an acknowledgement', async () => {
    const backend = heldExporter();
    const stream = new EntityRecordStream(new TenantEvents(resource), backend.exporter, DAY_MS);
    const signal = new AbortController().signal;
    const sink = stream.attempt();
    for (const record of records(MAX_EVENTS_PER_EXPORT * (MAX_ENTITY_BATCHES_IN_FLIGHT - 1))) sink(record);
    expect(stream.ready(signal)).toBeUndefined();
    for (const record of records(MAX_EVENTS_PER_EXPORT)) sink(record);
    const wait = stream.ready(signal);
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait?.then(() => {
      released = true;
    });
    await settle();
    // Batches go out one at a time: the first is at the backend, the others wait behind it, none is acknowledged.
    expect(backend.waiting()).toBe(1);
    expect(released).toBe(false);
    backend.acknowledge();
    await settle();
    expect(released).toBe(true);
    expect(stream.ready(signal)).toBeUndefined();
    const finishing = stream.finish();
    for (let batch = 1; batch < MAX_ENTITY_BATCHES_IN_FLIGHT; batch++) {
      await settle();
      backend.acknowledge();
    }
    const outcome = await finishing;
    expect(outcome).toMatchObject({
      ok: true,
      delivered: true,
      records: MAX_EVENTS_PER_EXPORT * MAX_ENTITY_BATCHES_IN_FLIGHT,
    });
    expect(backend.exported.flat()).toHaveLength(MAX_EVENTS_PER_EXPORT * MAX_ENTITY_BATCHES_IN_FLIGHT);
  });

  it("rejects a wait with the signal's reason when the cycle aborts first", async () => {
    const backend = heldExporter();
    const stream = new EntityRecordStream(new TenantEvents(resource), backend.exporter, DAY_MS);
    const sink = stream.attempt();
    for (const record of records(MAX_EVENTS_PER_EXPORT * MAX_ENTITY_BATCHES_IN_FLIGHT)) sink(record);
    const controller = new AbortController();
    const wait = stream.ready(controller.signal);
    controller.abort(new Error('cycle deadline'));
    await expect(wait).rejects.toThrow('cycle deadline');
    const aborted = AbortSignal.abort(new Error('already over'));
    await expect(stream.ready(aborted)).rejects.toThrow('already over');
  });

  it('forwards each record once when the file is read again after a broken transfer, and a new day whole', async () => {
    const backend = heldExporter();
    const stream = new EntityRecordStream(new TenantEvents(resource), backend.exporter, DAY_MS);
    const file = records(MAX_EVENTS_PER_EXPORT + 100);
    const broken = stream.attempt();
    for (const record of file.slice(0, MAX_EVENTS_PER_EXPORT + 30)) broken(record);
    const again = stream.attempt();
    for (const record of file) again(record);
    // Microsoft refreshed the report before a third read: another day's file is all new.
    const nextDay = records(10, DAY_MS + 86_400_000);
    const third = stream.attempt();
    for (const record of [...file, ...nextDay]) third(record);
    const finishing = stream.finish();
    for (let batch = 0; batch < 2; batch++) {
      await settle();
      backend.acknowledge();
    }
    const outcome = await finishing;
    const names = backend.exported
      .flat()
      .map((record) => `${record.hrTime[0]} ${record.attributes['user.name']}`);
    expect(outcome.records).toBe(file.length + nextDay.length);
    expect(names).toHaveLength(file.length + nextDay.length);
    expect(new Set(names).size).toBe(names.length);
  });
});
