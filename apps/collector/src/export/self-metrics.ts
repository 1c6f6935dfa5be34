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
  }

  recordFetch(report: string, outcome: FetchOutcome): void {
    this.#fetches.add(1, { 'm365.report.name': report, [OUTCOME]: outcome });
  }

  recordRows(report: string, accepted: number, rejected: number): void {
    this.#rows.add(accepted, { 'm365.report.name': report, [OUTCOME]: 'accepted' });
    this.#rows.add(rejected, { 'm365.report.name': report, [OUTCOME]: 'rejected' });
  }

  async collect(): Promise<ResourceMetrics> {
    const { resourceMetrics } = await this.#reader.collect();
    return resourceMetrics;
  }

  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}
