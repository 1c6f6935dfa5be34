import type { MetricObservation, ReportSnapshot } from '@m365-otel/mappers';
import type { GovernanceSignal } from '../governance/signals.js';

/** One tenant's last good service-health poll: its gauges. */
export interface ServiceHealthSnapshot {
  observations: MetricObservation[];
}

/** One governance signal's last good poll: its observations and when they were collected. */
export interface GovernanceSnapshot {
  observations: MetricObservation[];
  collectedMs: number;
}

/** What identifies the answer a snapshot was made from, for a conditional read of the next one. */
export interface ReportValidators {
  refreshDate: string | undefined;
  etag: string | undefined;
}

/**
 * The last good snapshot per tenant and source (each report, service health, each governance signal), which every
 * export reads.
 *
 * A failed fetch does not clear a source's entry: in the long-running mode the previous values keep being
 * re-exported until the next successful fetch, so a transient Graph outage does not punch holes into dashboards,
 * and `m365.report.age` (computed at each export) keeps growing, which makes the staleness visible and alertable.
 * `run --once` starts from an empty store, so a failed source there simply has no points and fails the run.
 */
export class SnapshotStore {
  readonly #byTenant = new Map<string, Map<string, ReportSnapshot>>();
  readonly #serviceHealth = new Map<string, ServiceHealthSnapshot>();
  readonly #validators = new Map<string, ReportValidators>();
  readonly #tenantObservations = new Map<string, MetricObservation[]>();
  readonly #governance = new Map<string, Map<GovernanceSignal, GovernanceSnapshot>>();

  /** Stores a report's snapshot with the refresh date and ETag of the answer it was made from. */
  put(tenantId: string, snapshot: ReportSnapshot, validators?: ReportValidators): void {
    const reports = this.#byTenant.get(tenantId) ?? new Map<string, ReportSnapshot>();
    this.#byTenant.set(tenantId, reports);
    reports.set(snapshot.report, snapshot);
    const key = `${tenantId}/${snapshot.report}`;
    if (validators) this.#validators.set(key, validators);
    else this.#validators.delete(key);
  }

  /** The refresh date and ETag of the held snapshot's answer; undefined when none is held. */
  validators(tenantId: string, report: string): ReportValidators | undefined {
    return this.#byTenant.get(tenantId)?.has(report)
      ? this.#validators.get(`${tenantId}/${report}`)
      : undefined;
  }

  /** The tenant's current snapshots, one per report, in the order they were first stored. */
  snapshots(tenantId: string): ReportSnapshot[] {
    return [...(this.#byTenant.get(tenantId)?.values() ?? [])];
  }

  /** Observations about the tenant's reports as a whole (m365.report.names_concealed), replaced each cycle. */
  putTenantObservations(tenantId: string, observations: MetricObservation[]): void {
    this.#tenantObservations.set(tenantId, observations);
  }

  tenantObservations(tenantId: string): readonly MetricObservation[] {
    return this.#tenantObservations.get(tenantId) ?? [];
  }

  putServiceHealth(tenantId: string, snapshot: ServiceHealthSnapshot): void {
    this.#serviceHealth.set(tenantId, snapshot);
  }

  serviceHealth(tenantId: string): ServiceHealthSnapshot | undefined {
    return this.#serviceHealth.get(tenantId);
  }

  /** Replaces a governance signal's observations with those of its latest good poll. */
  putGovernance(tenantId: string, signal: GovernanceSignal, snapshot: GovernanceSnapshot): void {
    const signals = this.#governance.get(tenantId) ?? new Map<GovernanceSignal, GovernanceSnapshot>();
    this.#governance.set(tenantId, signals);
    signals.set(signal, snapshot);
  }

  governance(tenantId: string, signal: GovernanceSignal): GovernanceSnapshot | undefined {
    return this.#governance.get(tenantId)?.get(signal);
  }

  /** Forgets a signal's observations (they grew too old to stand for the tenant's state). */
  dropGovernance(tenantId: string, signal: GovernanceSignal): void {
    this.#governance.get(tenantId)?.delete(signal);
  }

  /** Every governance signal's observations of the tenant, in the order the signals were first stored. */
  governanceObservations(tenantId: string): MetricObservation[] {
    return [...(this.#governance.get(tenantId)?.values() ?? [])].flatMap((snapshot) => snapshot.observations);
  }
}
