import {
  type EventRecord,
  M365OTEL_GOVERNANCE_SKIP_REASON_VALUES,
  type M365otelGovernanceSkipReason,
  type MetricObservation,
} from '@m365-otel/mappers';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { TenantEvents } from '../export/events.js';
import type { TenantResource } from '../export/resource.js';
import type { SelfMetrics } from '../export/self-metrics.js';
import { GOVERNANCE_SIGNAL_ATTRIBUTE, type GovernanceSignal } from '../governance/signals.js';
import type { Logger } from '../logging/logger.js';
import { EventExportError } from './event-export-error.js';
import type { SnapshotStore } from './snapshot-store.js';

/** What one poll of a signal found. */
export interface GovernanceCollection {
  /** The signal's gauges: they replace its previous ones in the snapshot store. */
  observations: MetricObservation[];
  /** Log records to export; the poll succeeds only once the backend acknowledged them. */
  events?: EventRecord[];
  /** Resource attributes of the tenant (its name, type and domain): the first ones found are added to its Resource. */
  resourceAttributes?: Readonly<Record<string, string>>;
  /**
   * Commits the signal's progress (a cursor) once its events were acknowledged, and only then: a crash or a failed
   * export before it sends the same events again, never loses them.
   */
  commit?: (signal: AbortSignal) => Promise<void>;
  /**
   * Calls of the signal that failed while the others were read (the subscriptions beside the SKUs, say): the
   * observations and events of the others are kept and delivered, then the poll fails naming these.
   */
  failures?: readonly GovernanceCallFailure[];
  /** What the poll left out because Microsoft sent it malformed, by reason (counted, the rest is used). */
  skipped?: Readonly<Record<M365otelGovernanceSkipReason, number>>;
}

/** One call of a signal that failed: the resource it lists (as the catalog names it) and why. */
export interface GovernanceCallFailure {
  resource: string;
  error: unknown;
}

/** A signal's poll that read part of what it reads: the parts that failed, each with its error. */
export class GovernancePartialError extends Error {
  readonly failures: readonly GovernanceCallFailure[];

  constructor(signal: string, failures: readonly GovernanceCallFailure[]) {
    const parts = failures.map(({ resource, error }) => `${resource}: ${errorMessage(error)}`);
    super(`the ${signal} signal read its other calls, but ${parts.join('; ')}`);
    this.name = 'GovernancePartialError';
    this.failures = failures;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One governance signal of one tenant: its own Microsoft calls, its own failure. */
export interface GovernanceSource {
  signal: GovernanceSignal;
  /** The application permission (and licence) it needs, named in the log when it fails. */
  permission: string;
  collect(signal: AbortSignal): Promise<GovernanceCollection>;
}

export interface GovernanceTenant {
  tenantId: string;
  sources: readonly GovernanceSource[];
  events: TenantEvents;
  resource: Pick<TenantResource, 'discover'>;
}

/** Where a signal's poll stopped. */
export type GovernanceStage = 'collect' | 'export' | 'commit';

export type GovernanceResult = { tenantId: string; signal: GovernanceSignal; events: number } & (
  | { ok: true }
  | { ok: false; stage: GovernanceStage; error: unknown }
);

export interface GovernancePollOptions {
  tenants: readonly GovernanceTenant[];
  /** Required when a source returns events. */
  exporter: LogRecordExporter | undefined;
  store: SnapshotStore;
  /** The failures already logged, per (tenant, signal): one line per streak, not per poll. */
  failures: FailureStreaks;
  selfMetrics: SelfMetrics;
  logger: Logger;
  /** governance.interval: a failed signal's last good observations are dropped once older than two of them. */
  intervalMs: number;
  signal: AbortSignal;
  now: () => number;
}

/** The (tenant, signal) pairs whose current failure streak was logged. */
export class FailureStreaks {
  readonly #failing = new Set<string>();

  /** True when this failure starts a streak (and should be logged in full). */
  failed(tenantId: string, signal: string): boolean {
    const key = `${tenantId}/${signal}`;
    if (this.#failing.has(key)) return false;
    this.#failing.add(key);
    return true;
  }

  /** True when a streak of failures just ended. */
  succeeded(tenantId: string, signal: string): boolean {
    return this.#failing.delete(`${tenantId}/${signal}`);
  }
}

/**
 * Polls every signal source of every tenant once, all side by side: one failing (a permission or licence the
 * tenant lacks, a timeout) never stops another. Never throws; one result per (tenant, source).
 */
export function pollGovernance(options: GovernancePollOptions): Promise<GovernanceResult[]> {
  return Promise.all(
    options.tenants.flatMap((tenant) => tenant.sources.map((source) => pollSignal(tenant, source, options))),
  );
}

/**
 * One signal of one tenant: collect; its observations replace the signal's previous ones; its events are exported
 * and acknowledged; only then is its progress committed. A failure keeps the signal's last good observations
 * until they are older than two intervals, and is logged once per streak with the error's message (Microsoft's
 * 403 names the permission to grant) and counted in `m365otel.governance.polls`.
 */
async function pollSignal(
  tenant: GovernanceTenant,
  source: GovernanceSource,
  options: GovernancePollOptions,
): Promise<GovernanceResult> {
  const { tenantId } = tenant;
  const { logger, selfMetrics, signal } = options;
  const startedMs = options.now();
  let stage: GovernanceStage = 'collect';
  let acknowledged = 0;
  try {
    const collected = await source.collect(signal);
    for (const reason of M365OTEL_GOVERNANCE_SKIP_REASON_VALUES) {
      const count = collected.skipped?.[reason] ?? 0;
      if (count > 0)
        selfMetrics.recordGovernanceItemsSkipped(GOVERNANCE_SIGNAL_ATTRIBUTE[source.signal], reason, count);
    }
    options.store.putGovernance(tenantId, source.signal, {
      observations: collected.observations,
      collectedMs: options.now(),
    });
    if (collected.resourceAttributes && tenant.resource.discover(collected.resourceAttributes))
      logger.info('tenant resource attributes discovered', {
        tenantId,
        attributes: collected.resourceAttributes,
      });

    stage = 'export';
    const events = collected.events ?? [];
    // A partial success fails the poll after the commit: what the backend rejected must never be sent again.
    let partialSuccess: EventExportError | undefined;
    if (events.length > 0) {
      if (!options.exporter)
        throw new Error(`the ${source.signal} source sent events, but the collector has no log exporter`);
      const outcome = await tenant.events.export(events, options.exporter, options.now());
      if (!outcome.delivered) throw new EventExportError(`${source.signal} events`, outcome.errors);
      acknowledged = events.length;
      selfMetrics.recordRecords('governance', acknowledged);
      if (outcome.rejected > 0) {
        selfMetrics.recordRejected('logs', outcome.rejected);
        partialSuccess = new EventExportError(`${source.signal} events`, outcome.errors);
      }
    }

    stage = 'commit';
    await collected.commit?.(signal);
    if (partialSuccess !== undefined) {
      stage = 'export';
      throw partialSuccess;
    }
    if (collected.failures !== undefined && collected.failures.length > 0) {
      stage = 'collect';
      throw new GovernancePartialError(source.signal, collected.failures);
    }

    selfMetrics.recordGovernancePoll(GOVERNANCE_SIGNAL_ATTRIBUTE[source.signal], 'success');
    const recovered = options.failures.succeeded(tenantId, source.signal);
    logger[recovered ? 'info' : 'debug'](
      recovered ? 'governance signal recovered' : 'governance signal polled',
      {
        tenantId,
        signal: source.signal,
        observations: collected.observations.length,
        events: events.length,
        durationMs: options.now() - startedMs,
      },
    );
    return { tenantId, signal: source.signal, ok: true, events: acknowledged };
  } catch (caught) {
    // Aborted (the poll's deadline, or shutdown): the signal's reason says why; the client's error only "aborted".
    const error = signal.aborted ? signal.reason : caught;
    selfMetrics.recordGovernancePoll(GOVERNANCE_SIGNAL_ATTRIBUTE[source.signal], 'failure');
    if (stage === 'commit') selfMetrics.recordStateCommitFailure();
    const fields = { tenantId, signal: source.signal, permission: source.permission, stage, error };
    if (options.failures.failed(tenantId, source.signal))
      logger.error('governance signal failed; the other signals go on', fields);
    else logger.debug('governance signal still failing', fields);
    dropWhenStale(tenant.tenantId, source.signal, options);
    return { tenantId, signal: source.signal, ok: false, stage, error, events: acknowledged };
  }
}

/** A failed signal's last good observations stand for the tenant for two intervals, then they are dropped. */
function dropWhenStale(tenantId: string, signal: GovernanceSignal, options: GovernancePollOptions): void {
  const kept = options.store.governance(tenantId, signal);
  if (kept === undefined || options.now() - kept.collectedMs <= 2 * options.intervalMs) return;
  options.store.dropGovernance(tenantId, signal);
  options.logger.warn('governance signal values dropped: its last good poll is older than two intervals', {
    tenantId,
    signal,
    collectedAt: new Date(kept.collectedMs).toISOString(),
  });
}
