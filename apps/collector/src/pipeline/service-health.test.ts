import {
  ATTR_M365_SERVICE_ISSUE_CLASSIFICATION,
  DEFAULT_HEALTHY_STATUSES,
  METRIC_M365_SERVICE_ISSUES,
  METRIC_M365OTEL_SERVICE_HEALTH_ITEMS_SKIPPED,
} from '@m365-otel/mappers';
import type {
  RequestOptions,
  ServiceHealthIssue,
  ServiceHealthOverview,
  ServiceUpdateMessage,
  SkippedServiceHealthItem,
} from '@m365-otel/service-health';
import { ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import type { ServiceHealthConfig } from '../config/types.js';
import { TenantEvents } from '../export/events.js';
import { PartialSuccessError } from '../export/otlp-exporter.js';
import { serviceResource, tenantResource } from '../export/resource.js';
import { SelfMetrics } from '../export/self-metrics.js';
import { createJsonLogger } from '../logging/logger.js';
import { retainingStore, storedValue } from '../state/__fixtures__/retaining.js';
import { MemoryStateStore } from '../state/memory-store.js';
import type { StateStore } from '../state/store.js';
import { pollServiceHealth, type ServiceHealthResult } from './service-health.js';
import { SnapshotStore } from './snapshot-store.js';

// The commit protocol on its own, with Graph, the backend and the state store replaced by doubles.

const TENANT = 'tenant-a';
const base = (() => {
  const { resource } = serviceResource({});
  if (!resource) throw new Error('no resource');
  return resource;
})();
const known = (value: string) => ({ value, known: true });

const overview: ServiceHealthOverview = {
  id: 'Exchange',
  service: 'Exchange Online',
  status: known('investigating'),
};
const issue = (status: string, isResolved = false): ServiceHealthIssue => ({
  id: 'EX1',
  title: 'Mail delayed',
  service: 'Exchange Online',
  feature: 'Mailflow',
  featureGroup: 'E-Mail timely delivery',
  classification: known('incident'),
  origin: known('microsoft'),
  status: known(status),
  isResolved,
  impactDescription: 'Mail is delayed',
  startDateTime: '2026-03-10T08:00:00Z',
  endDateTime: null,
  lastModifiedDateTime: '2026-03-10T08:10:00Z',
  posts: [],
  details: [],
});
const message: ServiceUpdateMessage = {
  id: 'MC1',
  title: 'A change',
  category: known('planForChange'),
  severity: known('normal'),
  services: ['Exchange Online'],
  tags: [],
  isMajorChange: false,
  startDateTime: '2026-03-10T08:00:00Z',
  endDateTime: null,
  lastModifiedDateTime: '2026-03-10T08:00:00Z',
  actionRequiredByDateTime: null,
  bodyContentType: 'html',
  bodyContent: '<p>x</p>',
};

const config: ServiceHealthConfig = {
  enabled: true,
  interval: '5m',
  intervalMs: 300_000,
  messages: true,
  include: { services: [], features: [] },
  exclude: { services: [], features: [] },
  healthyStatuses: [...DEFAULT_HEALTHY_STATUSES],
};

/** Graph as the test sets it: `messages` throwing stands for a missing ServiceMessage.Read.All. */
const graph = {
  issues: [issue('investigating')],
  messages: [message] as ServiceUpdateMessage[] | Error,
  /** Issues the client left out of its list for a missing field (Microsoft's drift). */
  skippedIssues: [] as SkippedServiceHealthItem[],
};

/**
 * The backend: records what it acknowledged; `accept = false` answers with a failure, `rejectOne` with a partial
 * success that rejects one record.
 */
const backend = {
  accept: true,
  rejectOne: false,
  received: [] as ReadableLogRecord[],
  exporter: {
    export(records, done) {
      if (backend.accept) backend.received.push(...records);
      if (!backend.accept) done({ code: ExportResultCode.FAILED, error: new Error('HTTP 500') });
      else if (backend.rejectOne)
        done({
          code: ExportResultCode.FAILED,
          error: new PartialSuccessError(1, ['log record', 'log records'], 'body too large'),
        });
      else done({ code: ExportResultCode.SUCCESS });
    },
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  } satisfies LogRecordExporter,
};

function setup(disk: StateStore = new MemoryStateStore()) {
  const state = retainingStore(disk).state;
  const selfMetrics = new SelfMetrics(base);
  backend.accept = true;
  backend.rejectOne = false;
  backend.received = [];
  graph.issues = [issue('investigating')];
  graph.messages = [message];
  graph.skippedIssues = [];
  const store = new SnapshotStore();
  const tenant = {
    source: {
      tenantId: TENANT,
      serviceHealth: {
        listHealthOverviews: async () => [overview],
        listIssues: async (options?: RequestOptions) => {
          for (const skipped of graph.skippedIssues) options?.onSkippedItem?.(skipped);
          return graph.issues;
        },
        listMessages: async () => {
          if (graph.messages instanceof Error) throw graph.messages;
          return graph.messages;
        },
      },
    },
    events: new TenantEvents(tenantResource(base, TENANT)),
  };
  const poll = async (): Promise<ServiceHealthResult> => {
    const [result] = await pollServiceHealth({
      tenants: [tenant],
      config,
      state,
      exporter: backend.exporter,
      store,
      selfMetrics,
      logger: createJsonLogger({ level: 'error', write: () => undefined }),
      signal: new AbortController().signal,
      now: () => Date.parse('2026-03-10T12:00:00Z'),
    });
    if (!result) throw new Error('no result');
    return result;
  };
  return { poll, store, state, selfMetrics };
}

const received = () =>
  backend.received.map((record) => {
    const attributes = record.attributes as Record<string, unknown>;
    return `${attributes['m365.service.issue.id'] ?? attributes['m365.service.message.id']} ${attributes['m365.service.issue.change'] ?? attributes['m365.service.message.change']}`;
  });

describe('pollServiceHealth', () => {
  it('announces, then stays quiet until something changes', async () => {
    const { poll, store } = setup();
    expect(await poll()).toMatchObject({ ok: true });
    expect(received()).toEqual(['EX1 opened', 'MC1 published']);
    const openIncidents = store
      .serviceHealth(TENANT)
      ?.observations.filter(
        ({ metric, attributes }) =>
          metric === METRIC_M365_SERVICE_ISSUES &&
          attributes[ATTR_M365_SERVICE_ISSUE_CLASSIFICATION] === 'incident',
      )
      .reduce((sum, { value }) => sum + value, 0);
    expect(openIncidents).toBe(1);
    backend.received = [];
    expect((await poll()).events).toEqual([]);
    graph.issues = [issue('serviceRestored', true)];
    await poll();
    expect(received()).toEqual(['EX1 resolved']);
  });

  it('keeps what it knew of an issue a poll left out, so its return is no news, and counts the skip', async () => {
    const { poll, selfMetrics } = setup();
    await poll();
    expect(received()).toEqual(['EX1 opened', 'MC1 published']);
    backend.received = [];
    graph.issues = [];
    graph.skippedIssues = [
      { resource: 'issues', where: 'issues page 1, value[0]', id: 'EX1', problems: ['title: absent'] },
    ];
    expect(await poll()).toMatchObject({ ok: true, events: [] });
    graph.issues = [issue('investigating')];
    graph.skippedIssues = [];
    expect(await poll()).toMatchObject({ ok: true, events: [] });
    expect(received()).toEqual([]);
    const skipped = (await selfMetrics.collect()).scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === METRIC_M365OTEL_SERVICE_HEALTH_ITEMS_SKIPPED);
    expect(skipped?.dataPoints.map(({ attributes, value }) => ({ attributes, value }))).toEqual([
      { attributes: { 'm365otel.service_health.resource': 'issues' }, value: 1 },
    ]);
  });

  it('forgets an issue a complete list no longer holds', async () => {
    const { poll } = setup();
    await poll();
    backend.received = [];
    graph.issues = [];
    await poll();
    graph.issues = [issue('investigating')];
    await poll();
    expect(received()).toEqual(['EX1 opened']);
  });

  it('commits nothing when the backend refuses the events, so the next poll sends them again', async () => {
    const { poll, state } = setup();
    backend.accept = false;
    const failed = await poll();
    expect(failed).toMatchObject({ ok: false, stage: 'export', events: [] });
    expect(await storedValue(state, `${TENANT}/service-health`)).toBeUndefined();
    backend.accept = true;
    expect(await poll()).toMatchObject({ ok: true });
    expect(received()).toEqual(['EX1 opened', 'MC1 published']);
  });

  it('fails a poll the backend accepted only in part, but commits it: rejected events are never sent again', async () => {
    const { poll, state, selfMetrics } = setup();
    backend.rejectOne = true;
    const partial = await poll();
    expect(partial).toMatchObject({ ok: false, stage: 'export' });
    expect(String((partial as { error: unknown }).error)).toContain('rejected 1 log record of the request');
    expect(partial.events).toHaveLength(2);
    expect(await storedValue(state, `${TENANT}/service-health`)).toMatchObject({
      issues: { EX1: expect.any(String) },
    });
    backend.rejectOne = false;
    backend.received = [];
    expect(await poll()).toMatchObject({ ok: true, events: [] });
    expect(received()).toEqual([]);
    const { scopeMetrics } = await selfMetrics.collect();
    const rejected = scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'm365otel.export.rejected');
    expect(rejected?.dataPoints).toMatchObject([{ attributes: { 'm365otel.signal': 'logs' }, value: 1 }]);
  });

  it('keeps status and issue events when messages fail, and announces the messages once they work', async () => {
    const { poll, store, state } = setup();
    graph.messages = new Error('403 ServiceMessage.Read.All missing');
    const result = await poll();
    expect(result).toMatchObject({ ok: false, stage: 'messages' });
    expect(received()).toEqual(['EX1 opened']);
    expect(store.serviceHealth(TENANT)?.observations.length).toBeGreaterThan(0);
    expect(await storedValue(state, `${TENANT}/service-health`)).toMatchObject({
      issues: { EX1: expect.any(String) },
      messages: {},
    });
    backend.received = [];
    graph.messages = [message];
    expect(await poll()).toMatchObject({ ok: true });
    expect(received()).toEqual(['MC1 published']);
  });

  it('fails a poll whose commit the disk refuses, never announces its events again, and retries the write', async () => {
    const memory = new MemoryStateStore();
    let writable = false;
    const flaky: StateStore = {
      read: (key) => memory.read(key),
      quarantine: (key, reason) => memory.quarantine(key, reason),
      write: async (key, value) => {
        if (!writable) throw new Error('EROFS: read-only file system');
        await memory.write(key, value);
      },
    };
    const { poll, selfMetrics } = setup(flaky);
    const failed = await poll();
    expect(failed).toMatchObject({ ok: false, stage: 'commit' });
    expect(failed.events.map((event) => event.eventName)).toEqual([
      'm365.service.issue',
      'm365.service.message',
    ]);
    backend.received = [];
    // Still unwritable: the poll fails again, but announces nothing it already announced.
    expect(await poll()).toMatchObject({ ok: false, stage: 'commit', events: [] });
    expect(received()).toEqual([]);
    writable = true;
    expect(await poll()).toMatchObject({ ok: true, events: [] });
    expect(received()).toEqual([]);
    expect(await storedValue(memory, `${TENANT}/service-health`)).toMatchObject({
      issues: { EX1: expect.any(String) },
    });
    const { scopeMetrics } = await selfMetrics.collect();
    const failures = scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'm365otel.state.commit_failures');
    expect(failures?.dataPoints.map((point) => point.value)).toEqual([2]);
  });

  it('rebuilds a state it did not write as a silent baseline: no open issue is announced again as new', async () => {
    const disk = new MemoryStateStore();
    await disk.write(`${TENANT}/service-health`, { initialized: true, issues: { EX1: 42 }, messages: {} });
    const { poll } = setup(disk);
    expect(await poll()).toMatchObject({ ok: true, events: [] });
    expect(received()).toEqual([]);
    expect(await storedValue(disk, `${TENANT}/service-health`)).toMatchObject({
      issues: { EX1: expect.any(String) },
      messages: { MC1: expect.any(String) },
    });
    // What changes afterwards is announced as usual.
    graph.issues = [issue('serviceRestored', true)];
    await poll();
    expect(received()).toEqual(['EX1 resolved']);
  });

  it('records filtered-out items too, so widening a filter later does not replay them as news', async () => {
    const { poll } = setup();
    config.exclude.services.push('Exchange Online');
    try {
      expect(await poll()).toMatchObject({ ok: true, events: [] });
    } finally {
      config.exclude.services.pop();
    }
    expect(await poll()).toMatchObject({ ok: true, events: [] });
    graph.issues = [issue('serviceRestored', true)];
    await poll();
    expect(received()).toEqual(['EX1 resolved']);
  });
});
