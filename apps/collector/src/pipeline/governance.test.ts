import {
  EVENT_M365_SERVICE_ISSUE,
  type EventRecord,
  METRIC_M365_REPORT_NAMES_CONCEALED,
  METRIC_M365OTEL_GOVERNANCE_ITEMS_SKIPPED,
  METRIC_M365OTEL_GOVERNANCE_POLLS,
  METRIC_M365OTEL_RECORDS,
  type MetricObservation,
} from '@m365-otel/mappers';
import { describe, expect, it } from 'vitest';
import { type RecordingBackend, recordingExporter } from '../export/__fixtures__/recording-exporter.js';
import { TenantEvents } from '../export/events.js';
import { serviceResource, TenantResource } from '../export/resource.js';
import { SelfMetrics } from '../export/self-metrics.js';
import { createJsonLogger } from '../logging/logger.js';
import {
  FailureStreaks,
  type GovernanceCollection,
  type GovernanceSource,
  type GovernanceTenant,
  pollGovernance,
} from './governance.js';
import { SnapshotStore } from './snapshot-store.js';

// The per-signal poll with its sources, the backend and the clock replaced by doubles.

const TENANT = 'tenant-a';
const HOUR = 3_600_000;
const INTERVAL_MS = 6 * HOUR;
const base = (() => {
  const { resource } = serviceResource({});
  if (!resource) throw new Error('no resource');
  return resource;
})();

const gauge = (value: number): MetricObservation => ({
  metric: METRIC_M365_REPORT_NAMES_CONCEALED,
  attributes: {},
  value,
});
const event = (id: string): EventRecord => ({
  eventName: EVENT_M365_SERVICE_ISSUE,
  timestamp: '2026-11-30T10:00:00Z',
  attributes: { 'm365.service.issue.id': id },
  body: {},
});
const forbidden = new Error(
  'Microsoft Graph answered 403 Authorization_RequestDenied: grant the application permission IdentityRiskyUser.Read.All',
);

/** A source answering with whatever `answer` holds at each poll: a collection, or an error to throw. */
function source(signal: GovernanceSource['signal'], answer: { next: GovernanceCollection | Error }) {
  const polled: AbortSignal[] = [];
  const fake: GovernanceSource = {
    signal,
    permission: `${signal}.Read.All`,
    collect: async (abort) => {
      polled.push(abort);
      if (answer.next instanceof Error) throw answer.next;
      return answer.next;
    },
  };
  return { source: fake, polled };
}

function setup(sources: GovernanceSource[]) {
  const backend: RecordingBackend = { refuse: false, exported: [] };
  const lines: Record<string, unknown>[] = [];
  const logger = createJsonLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  const store = new SnapshotStore();
  const selfMetrics = new SelfMetrics(base);
  const resource = new TenantResource(base, TENANT);
  const tenant: GovernanceTenant = {
    tenantId: TENANT,
    sources,
    events: new TenantEvents(resource),
    resource,
  };
  const failures = new FailureStreaks();
  let nowMs = Date.parse('2026-11-30T12:00:00Z');
  const poll = (advanceMs = 0) => {
    nowMs += advanceMs;
    return pollGovernance({
      tenants: [tenant],
      exporter: recordingExporter(backend),
      store,
      failures,
      selfMetrics,
      logger,
      intervalMs: INTERVAL_MS,
      signal: new AbortController().signal,
      now: () => nowMs,
    });
  };
  const selfMetric = async (name: string) =>
    (await selfMetrics.collect()).scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === name)
      ?.dataPoints.map(({ attributes, value }) => ({ attributes, value }));
  const polls = () => selfMetric(METRIC_M365OTEL_GOVERNANCE_POLLS);
  const errors = () => lines.filter((line) => line.level === 'error');
  return { poll, store, backend, resource, polls, selfMetric, errors, lines };
}

describe('pollGovernance', () => {
  it('counts the records the backend acknowledged and what Microsoft sent malformed, by reason', async () => {
    const answer = {
      next: {
        observations: [gauge(1)],
        events: [event('a'), event('b')],
        skipped: { malformed_item: 2, unreadable_field: 0 },
      },
    };
    const { poll, selfMetric } = setup([source('appCredentials', answer).source]);
    await poll();
    expect(await selfMetric(METRIC_M365OTEL_RECORDS)).toEqual([
      { attributes: { 'm365otel.record.source': 'governance' }, value: 2 },
    ]);
    expect(await selfMetric(METRIC_M365OTEL_GOVERNANCE_ITEMS_SKIPPED)).toEqual([
      {
        attributes: {
          'm365otel.governance.signal': 'app_credentials',
          'm365otel.governance.skip_reason': 'malformed_item',
        },
        value: 2,
      },
    ]);
  });

  it('polls every signal side by side; a forbidden one fails alone, logged with the error naming the permission', async () => {
    const licences = source('licences', { next: { observations: [gauge(1)] } });
    const risky = source('riskyUsers', { next: forbidden });
    const { poll, store, polls, errors } = setup([licences.source, risky.source]);
    const results = await poll();
    expect(results).toMatchObject([
      { tenantId: TENANT, signal: 'licences', ok: true, events: 0 },
      { tenantId: TENANT, signal: 'riskyUsers', ok: false, stage: 'collect', error: forbidden },
    ]);
    expect(store.governanceObservations(TENANT)).toEqual([gauge(1)]);
    expect(errors()).toMatchObject([
      {
        msg: 'governance signal failed; the other signals go on',
        tenantId: TENANT,
        signal: 'riskyUsers',
        permission: 'riskyUsers.Read.All',
        stage: 'collect',
        error: { message: forbidden.message },
      },
    ]);
    expect(await polls()).toEqual(
      expect.arrayContaining([
        { attributes: { 'm365otel.governance.signal': 'licences', 'm365otel.outcome': 'success' }, value: 1 },
        {
          attributes: { 'm365otel.governance.signal': 'risky_users', 'm365otel.outcome': 'failure' },
          value: 1,
        },
      ]),
    );
    expect(await polls()).toHaveLength(2);
  });

  it('keeps what a signal read when one of its calls failed, delivers its events, and fails the poll naming the call', async () => {
    const answer = {
      next: {
        observations: [gauge(1)],
        events: [event('a')],
        failures: [{ resource: 'directory/subscriptions', error: forbidden }],
      },
    };
    const { poll, store, backend, errors } = setup([source('licences', answer).source]);
    const [result] = await poll();
    expect(result).toMatchObject({ signal: 'licences', ok: false, stage: 'collect', events: 1 });
    expect(store.governanceObservations(TENANT)).toEqual([gauge(1)]);
    expect(backend.exported).toHaveLength(1);
    expect(errors()).toMatchObject([
      {
        signal: 'licences',
        error: {
          name: 'GovernancePartialError',
          message: `the licences signal read its other calls, but directory/subscriptions: ${forbidden.message}`,
        },
      },
    ]);
  });

  it('logs a failure once per streak, and says when the signal recovers', async () => {
    const answer: { next: GovernanceCollection | Error } = { next: forbidden };
    const { poll, errors, lines } = setup([source('riskyUsers', answer).source]);
    await poll();
    await poll(HOUR);
    expect(errors()).toHaveLength(1);
    expect(lines.filter((line) => line.msg === 'governance signal still failing')).toHaveLength(1);
    answer.next = { observations: [] };
    await poll(HOUR);
    expect(lines.filter((line) => line.msg === 'governance signal recovered')).toHaveLength(1);
    answer.next = forbidden;
    await poll(HOUR);
    expect(errors()).toHaveLength(2);
  });

  it("replaces a signal's observations on success, keeps them through failures for two intervals, then drops them", async () => {
    const answer: { next: GovernanceCollection | Error } = { next: { observations: [gauge(1)] } };
    const { poll, store, lines } = setup([source('tenantSettings', answer).source]);
    await poll();
    answer.next = { observations: [gauge(0)] };
    await poll(HOUR);
    expect(store.governanceObservations(TENANT)).toEqual([gauge(0)]);
    answer.next = new Error('timeout');
    await poll(INTERVAL_MS);
    await poll(INTERVAL_MS);
    expect(store.governanceObservations(TENANT)).toEqual([gauge(0)]);
    await poll(1);
    expect(store.governanceObservations(TENANT)).toEqual([]);
    expect(
      lines.filter((line) => String(line.msg).startsWith('governance signal values dropped')),
    ).toHaveLength(1);
  });

  it('exports the events and waits for the acknowledgement before committing; a refused export commits nothing', async () => {
    const commits: string[] = [];
    const answer = {
      next: {
        observations: [],
        events: [event('a'), event('b')],
        commit: async () => {
          commits.push('committed');
        },
      },
    };
    const { poll, backend } = setup([source('riskyUsers', answer).source]);
    backend.refuse = true;
    expect(await poll()).toMatchObject([{ ok: false, stage: 'export', events: 0 }]);
    expect(commits).toEqual([]);
    backend.refuse = false;
    expect(await poll()).toMatchObject([{ ok: true, events: 2 }]);
    expect(commits).toEqual(['committed']);
    expect(backend.exported.map((record) => record.attributes['m365.service.issue.id'])).toEqual(['a', 'b']);
  });

  it('fails a signal the backend accepted only in part, but commits it: rejected events are never sent again', async () => {
    const commits: string[] = [];
    const answer = {
      next: {
        observations: [],
        events: [event('a'), event('b')],
        commit: async () => {
          commits.push('committed');
        },
      },
    };
    const { poll, backend } = setup([source('riskyUsers', answer).source]);
    backend.rejectOne = true;
    const [partial] = await poll();
    expect(partial).toMatchObject({ ok: false, stage: 'export', events: 2 });
    expect(String((partial as { error: unknown }).error)).toContain('rejected 1 log record of the request');
    expect(commits).toEqual(['committed']);
  });

  it('fails a signal whose commit fails, its events already acknowledged', async () => {
    const answer = {
      next: {
        observations: [],
        events: [event('a')],
        commit: async () => {
          throw new Error('disk full');
        },
      },
    };
    const { poll } = setup([source('riskyUsers', answer).source]);
    expect(await poll()).toMatchObject([{ ok: false, stage: 'commit', events: 1 }]);
  });

  it("adds the first resource attributes found to the tenant's Resource, then its log records carry them", async () => {
    const answer: { next: GovernanceCollection } = {
      next: {
        observations: [],
        resourceAttributes: { 'm365.tenant.name': 'Contoso' },
        events: [event('a')],
      },
    };
    const { poll, resource, backend } = setup([source('tenantSettings', answer).source]);
    await poll();
    answer.next = {
      observations: [],
      resourceAttributes: { 'm365.tenant.name': 'Renamed' },
      events: [event('b')],
    };
    await poll(HOUR);
    expect(resource.current.attributes['m365.tenant.name']).toBe('Contoso');
    expect(backend.exported.map((record) => record.resource.attributes['m365.tenant.name'])).toEqual([
      'Contoso',
      'Contoso',
    ]);
  });

  it("fails with the abort's reason when the poll's deadline passes", async () => {
    const deadline = new Error('the governance poll did not finish within its deadline');
    const hanging: GovernanceSource = {
      signal: 'connectHealth',
      permission: 'Reader',
      collect: (abort) =>
        new Promise((_, reject) => abort.addEventListener('abort', () => reject(new Error('aborted')))),
    };
    const controller = new AbortController();
    const store = new SnapshotStore();
    const running = pollGovernance({
      tenants: [
        {
          tenantId: TENANT,
          sources: [hanging],
          events: new TenantEvents(base),
          resource: new TenantResource(base, TENANT),
        },
      ],
      exporter: undefined,
      store,
      failures: new FailureStreaks(),
      selfMetrics: new SelfMetrics(base),
      logger: createJsonLogger({ level: 'error', write: () => undefined }),
      intervalMs: INTERVAL_MS,
      signal: controller.signal,
      now: Date.now,
    });
    controller.abort(deadline);
    expect(await running).toMatchObject([{ ok: false, stage: 'collect', error: deadline }]);
  });
});
