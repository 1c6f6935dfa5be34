import type { Counter } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { SCOPE } from '../version.js';

/** A reader that only collects when asked, so self-metrics ride along with our own acknowledged exports. */
class OnDemandReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export type FetchOutcome = 'success' | 'failure';
/** exported: acknowledged by the backend; failed: not acknowledged (they are sent again on the next poll). */
export type EventOutcome = 'exported' | 'failed';
const OUTCOME = 'm365otel.outcome';

/**
 * The collector's own counters (`m365otel.*`), on the service resource without a tenant id. They are ordinary SDK
 * counters: cumulative sums whose attribute sets only grow, so the SDK's stale-series behaviour is harmless here.
 */
export class SelfMetrics {
  readonly #provider: MeterProvider;
  readonly #reader = new OnDemandReader();
  readonly #fetches: Counter;
  readonly #rows: Counter;
  readonly #polls: Counter;
  readonly #events: Counter;
  readonly #stateCommitFailures: Counter;
  readonly #rejected: Counter;

  constructor(resource: Resource) {
    this.#provider = new MeterProvider({ resource, readers: [this.#reader] });
    const meter = this.#provider.getMeter(SCOPE.name, SCOPE.version);
    this.#fetches = meter.createCounter('m365otel.report.fetches', {
      description: 'Report downloads attempted by the collector, by report and outcome (success or failure).',
      unit: '{fetch}',
    });
    this.#rows = meter.createCounter('m365otel.report.rows', {
      description: 'Report rows read, by report and outcome: accepted, or rejected for a malformed cell.',
      unit: '{row}',
    });
    this.#polls = meter.createCounter('m365otel.service_health.polls', {
      description:
        'Service-health polls (overviews, issues and, when enabled, messages of one tenant), by outcome (success or failure).',
      unit: '{poll}',
    });
    this.#events = meter.createCounter('m365otel.service_health.events', {
      description:
        'Service-health events sent over OTLP, by event name and outcome: exported (acknowledged) or failed.',
      unit: '{event}',
    });
    this.#stateCommitFailures = meter.createCounter('m365otel.state.commit_failures', {
      description:
        'State writes the state directory refused after the backend acknowledged the events; the state is kept in memory and written again on the next poll.',
      unit: '{failure}',
    });
    this.#rejected = meter.createCounter('m365otel.export.rejected', {
      description:
        'Items the OTLP backend rejected in a partial success (data points or log records), by signal; they are not sent again.',
      unit: '{item}',
    });
  }

  recordFetch(report: string, outcome: FetchOutcome): void {
    this.#fetches.add(1, { 'm365.report.name': report, [OUTCOME]: outcome });
  }

  recordRows(report: string, accepted: number, rejected: number): void {
    this.#rows.add(accepted, { 'm365.report.name': report, [OUTCOME]: 'accepted' });
    this.#rows.add(rejected, { 'm365.report.name': report, [OUTCOME]: 'rejected' });
  }

  recordPoll(outcome: FetchOutcome): void {
    this.#polls.add(1, { [OUTCOME]: outcome });
  }

  recordEvents(eventName: string, outcome: EventOutcome, count: number): void {
    this.#events.add(count, { 'event.name': eventName, [OUTCOME]: outcome });
  }

  recordStateCommitFailure(): void {
    this.#stateCommitFailures.add(1);
  }

  recordRejected(signal: 'metrics' | 'logs', count: number): void {
    this.#rejected.add(count, { 'm365otel.signal': signal });
  }

  async collect(): Promise<ResourceMetrics> {
    const { resourceMetrics } = await this.#reader.collect();
    return resourceMetrics;
  }

  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}
