import { type CallQualityRecorder, type CallRecordLike, createCallQualityRecorder } from '@m365-otel/mappers';
import { MeterProvider, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { CallQualityMetrics } from '../collector.js';
import { SCOPE } from '../version.js';
import { currentResource, type ResourceHolder } from './resource.js';
import { OnDemandReader } from './self-metrics.js';

/**
 * One tenant's call-quality metrics (`m365.call.*`): SDK counters and histograms, cumulative, collected on demand
 * with the other metrics of an export, as the audit metrics are. Each collection carries the tenant's Resource
 * current then (the SDK fixes its provider's at creation, before the tenant's name is known).
 */
export class TenantCallQualityMetrics implements CallQualityMetrics<CallRecordLike> {
  readonly #provider: MeterProvider;
  readonly #reader = new OnDemandReader();
  readonly #recorder: CallQualityRecorder;
  readonly #resource: ResourceHolder;

  constructor(resource: ResourceHolder) {
    this.#resource = resource;
    this.#provider = new MeterProvider({ resource: resource.current, readers: [this.#reader] });
    this.#recorder = createCallQualityRecorder(this.#provider.getMeter(SCOPE.name, SCOPE.version));
  }

  record(callRecord: CallRecordLike): void {
    this.#recorder.record(callRecord);
  }

  async collect(): Promise<ResourceMetrics> {
    const { resourceMetrics } = await this.#reader.collect();
    return { ...resourceMetrics, resource: currentResource(this.#resource) };
  }

  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}
