import { type EventRecord, issueEvent, mapServiceHealth, messageEvent } from '@m365-otel/mappers';
import type {
  ServiceHealthClient,
  ServiceHealthResource,
  ServiceUpdateMessage,
  SkippedServiceHealthItem,
} from '@m365-otel/service-health';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { ServiceHealthConfig } from '../config/types.js';
import type { TenantEvents } from '../export/events.js';
import type { SelfMetrics } from '../export/self-metrics.js';
import type { Logger } from '../logging/logger.js';
import { diffIssues, diffMessages, issueVersion, messageVersion } from '../service-health/announcements.js';
import {
  applyServiceHealthFilter,
  filterMessages,
  type ServiceHealthFilter,
} from '../service-health/filter.js';
import type { RetainingStateStore } from '../state/retaining-store.js';
import { EventExportError } from './event-export-error.js';
import {
  parseServiceHealthState,
  type ServiceHealthState,
  sameState,
  serializeServiceHealthState,
  serviceHealthStateKey,
} from './service-health-state.js';
import type { SnapshotStore } from './snapshot-store.js';
import type { TenantSource } from './tenant-source.js';

/** Where a poll stopped: the log says which, since each calls for a different fix. */
export type PollStage = 'fetch' | 'messages' | 'state' | 'export' | 'commit';

export type ServiceHealthResult =
  | { tenantId: string; ok: true; events: EventRecord[] }
  | { tenantId: string; ok: false; stage: PollStage; error: unknown; events: EventRecord[] };
// `events` holds the events the backend acknowledged in this poll (a failure after the export still has them).

export interface ServiceHealthTenant {
  /** Narrowed to what a poll uses, so tests can stand in for Graph. */
  source: Pick<TenantSource, 'tenantId'> & {
    serviceHealth: Pick<ServiceHealthClient, 'listHealthOverviews' | 'listIssues' | 'listMessages'>;
  };
  events: TenantEvents;
}

export interface ServiceHealthPollOptions {
  tenants: readonly ServiceHealthTenant[];
  config: ServiceHealthConfig;
  /** Retaining: a commit the disk refused still holds in this process, so its events are not announced again. */
  state: RetainingStateStore;
  exporter: LogRecordExporter;
  store: SnapshotStore;
  selfMetrics: SelfMetrics;
  logger: Logger;
  signal: AbortSignal;
  now: () => number;
}

/** Polls every tenant's service health once, side by side; never throws (failures are in the results and the log). */
export function pollServiceHealth(options: ServiceHealthPollOptions): Promise<ServiceHealthResult[]> {
  return Promise.all(options.tenants.map((tenant) => pollTenant(tenant, options)));
}

/**
 * One tenant: fetch, map the gauges into the snapshot store, diff against the announced versions, export the
 * events and wait for the acknowledgement, and only then commit the new versions. A crash or a failed export
 * anywhere before the commit leaves the state as it was, so the same events are sent next time (at least once);
 * after a commit they are never sent again. A commit the disk refuses fails the poll (stage `commit`, counted)
 * but holds in memory, so this process does not announce those events again while it retries the write.
 */
async function pollTenant(
  tenant: ServiceHealthTenant,
  options: ServiceHealthPollOptions,
): Promise<ServiceHealthResult> {
  const { config, logger, selfMetrics, signal } = options;
  const tenantId = tenant.source.tenantId;
  const filter = toFilter(config);
  const startedMs = Date.now();
  const acknowledged: EventRecord[] = [];
  let stage: PollStage = 'fetch';
  try {
    const client = tenant.source.serviceHealth;
    // A list that left an item out is incomplete: the state keeps what it knew of the items it did not see, so an
    // issue Microsoft sends without a field once is not announced again as new when it comes back whole.
    const incomplete = new Set<ServiceHealthResource>();
    const onSkippedItem = ({ resource }: SkippedServiceHealthItem) => {
      incomplete.add(resource);
      selfMetrics.recordSkippedItem(resource);
    };
    const [overviews, issues] = await Promise.all([
      client.listHealthOverviews({ signal, onSkippedItem }),
      client.listIssues({ signal, onSkippedItem }),
    ]);
    // Messages need another permission (ServiceMessage.Read.All): lacking it must not cost the status metrics or
    // the issue events, so their failure is held until those are done.
    let messages: ServiceUpdateMessage[] | undefined;
    let messagesError: unknown;
    if (config.messages) {
      try {
        messages = await client.listMessages({ signal, onSkippedItem });
      } catch (error) {
        messagesError = error;
      }
    }

    const kept = applyServiceHealthFilter({ overviews, issues }, filter);
    options.store.putServiceHealth(tenantId, {
      observations: mapServiceHealth(kept, { healthyStatuses: config.healthyStatuses }),
    });

    stage = 'state';
    const key = serviceHealthStateKey(tenantId);
    const loaded = await options.state.load(key, parseServiceHealthState, {
      signal,
      rebuilding:
        'the service-health versions are rebuilt as a baseline: what Microsoft lists now is recorded without an event',
    });
    const previous = loaded.status === 'found' ? loaded.value : undefined;
    // A rebuilt state must not announce every open issue again as new: like a first run it only records, and
    // unlike one it announces nothing at all (changes between the last commit and now are not told).
    const baseline = loaded.status === 'rebuilt';
    const keptMessages = messages === undefined ? undefined : filterMessages(messages, overviews, filter);
    // Changes are worked out over everything Microsoft lists and announced only for what the filters keep; the
    // state records every item, so widening a filter later does not replay old issues as news.
    const keptIssueIds = new Set(kept.issues.map((issue) => issue.id));
    const keptMessageIds = new Set(keptMessages?.map((message) => message.id));
    const events = baseline
      ? []
      : [
          ...diffIssues(previous?.issues ?? new Map(), issues, previous === undefined)
            .filter(({ issue }) => keptIssueIds.has(issue.id))
            .map(({ issue, change }) => issueEvent(issue, change)),
          ...(messages === undefined ? [] : diffMessages(previous?.messages ?? new Map(), messages))
            .filter(({ message }) => keptMessageIds.has(message.id))
            .map(({ message, change }) => messageEvent(message, change)),
        ];

    stage = 'export';
    // A partial success fails the poll, but only after the commit: what the backend rejected must never be sent
    // again (the OTLP specification forbids it), so those events count as delivered.
    let partialSuccess: EventExportError | undefined;
    if (events.length > 0) {
      const outcome = await tenant.events.export(events, options.exporter, options.now());
      countEvents(selfMetrics, events, outcome.delivered ? 'exported' : 'failed');
      if (!outcome.delivered) throw new EventExportError('service-health events', outcome.errors);
      acknowledged.push(...events);
      if (outcome.rejected > 0) {
        selfMetrics.recordRejected('logs', outcome.rejected);
        partialSuccess = new EventExportError('service-health events', outcome.errors);
      }
    }

    stage = 'commit';
    const next: ServiceHealthState = {
      issues: nextVersions(
        previous?.issues,
        issues.map((issue) => [issue.id, issueVersion(issue)]),
        incomplete.has('issues'),
      ),
      // Messages not polled this time (turned off, or failed) keep what was announced, so nothing is re-sent later.
      messages:
        messages === undefined
          ? (previous?.messages ?? new Map())
          : nextVersions(
              previous?.messages,
              messages.map((message) => [message.id, messageVersion(message)]),
              incomplete.has('messages'),
            ),
    };
    // A state the store refused earlier is written again until it lands (the backoff is the poll interval).
    if (!sameState(previous, next) || options.state.isUnsaved(key))
      await options.state.write(key, serializeServiceHealthState(next), { signal });

    if (partialSuccess !== undefined) {
      stage = 'export';
      throw partialSuccess;
    }
    if (messagesError !== undefined) {
      stage = 'messages';
      throw messagesError;
    }
    selfMetrics.recordPoll('success');
    logger.info('service health polled', {
      tenantId,
      services: kept.overviews.length,
      issues: kept.issues.length,
      ...(keptMessages === undefined ? {} : { messages: keptMessages.length }),
      events: events.length,
      firstRun: previous === undefined,
      ...(baseline && { rebuilt: true }),
      durationMs: Date.now() - startedMs,
    });
    return { tenantId, ok: true, events: acknowledged };
  } catch (caught) {
    // Aborted (the cycle's deadline, or shutdown): the signal's reason says why; the client's error only "aborted".
    const error = signal.aborted ? signal.reason : caught;
    selfMetrics.recordPoll('failure');
    if (stage === 'commit') selfMetrics.recordStateCommitFailure();
    logger.error('service health failed', { tenantId, stage, error, durationMs: Date.now() - startedMs });
    return { tenantId, ok: false, stage, error, events: acknowledged };
  }
}

/**
 * The versions to record: what this poll saw, and, when its list left items out, what was recorded before for the
 * items it did not see (Microsoft drops an item from its lists for good only when it ages out, which a complete
 * list then records).
 */
function nextVersions(
  previous: ReadonlyMap<string, string> | undefined,
  seen: ReadonlyArray<readonly [string, string]>,
  listIncomplete: boolean,
): Map<string, string> {
  const next = new Map(listIncomplete ? previous : undefined);
  for (const [id, version] of seen) next.set(id, version);
  return next;
}

function toFilter(config: ServiceHealthConfig): ServiceHealthFilter {
  return {
    includeServices: config.include.services,
    excludeServices: config.exclude.services,
    includeFeatures: config.include.features,
    excludeFeatures: config.exclude.features,
  };
}

function countEvents(
  selfMetrics: SelfMetrics,
  events: readonly EventRecord[],
  outcome: 'exported' | 'failed',
) {
  const byName = new Map<string, number>();
  for (const event of events) byName.set(event.eventName, (byName.get(event.eventName) ?? 0) + 1);
  for (const [name, count] of byName) selfMetrics.recordEvents(name, outcome, count);
}
