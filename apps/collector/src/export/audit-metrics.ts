import type { ContentType } from '@m365-otel/management-api';
import type { AuditEvent } from '@m365-otel/mappers';
import {
  ATTR_M365_AUDIT_CONTENT_TYPE,
  ATTR_M365_AUDIT_RESULT,
  ATTR_M365_AUDIT_WORKLOAD,
  type AuditMetricRecorder,
  createAuditMetricRecorder,
  METRIC_M365_AUDIT_EVENT_LAG,
  METRIC_M365_AUDIT_LISTING_LAG,
  METRIC_M365_AUDIT_RECORDS,
} from '@m365-otel/mappers';
import type { Resource } from '@opentelemetry/resources';
import { MeterProvider, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { BlobSkipReason } from '../audit/stream.js';
import type { AuditTenantMetrics } from '../pipeline/audit.js';
import { SCOPE } from '../version.js';
import { currentResource, type ResourceHolder } from './resource.js';
import { OnDemandReader, type SelfMetrics } from './self-metrics.js';

/**
 * One tenant's audit metrics: `m365.audit.*` on the tenant's Resource (SDK instruments, collected on demand with
 * the other metrics of an export), and the streams' `m365otel.audit.*` counters on the collector's own.
 */
export class AuditMetrics implements AuditTenantMetrics {
  readonly #provider: MeterProvider;
  readonly #reader = new OnDemandReader();
  readonly #record: AuditMetricRecorder;
  readonly #self: SelfMetrics;

  readonly #resource: Resource | ResourceHolder;

  /** With a holder, each collection carries the Resource current then (the SDK fixes its provider's at creation). */
  constructor(resource: Resource | ResourceHolder, self: SelfMetrics) {
    this.#resource = resource;
    this.#provider = new MeterProvider({ resource: currentResource(resource), readers: [this.#reader] });
    this.#record = createAuditMetricRecorder(this.#provider.getMeter(SCOPE.name, SCOPE.version));
    this.#self = self;
  }

  delivered(contentType: ContentType, events: readonly AuditEvent[], blobCreatedMs: readonly number[]): void {
    // One add per distinct attribute set of the batch, not per record: the SDK hashes the attributes of every call.
    const counts = new Map<string, { attributes: AuditEvent['recordsMetric']; count: number }>();
    const lag = { [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType };
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as AuditEvent;
      const attributes = event.recordsMetric;
      const key = `${attributes[ATTR_M365_AUDIT_WORKLOAD] ?? ''}\n${attributes[ATTR_M365_AUDIT_RESULT]}\n${attributes[ATTR_M365_AUDIT_CONTENT_TYPE]}`;
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { attributes, count: 1 });
      const created = blobCreatedMs[index];
      // A record published before it happened is Microsoft's clock, not a lag: counted as none.
      if (event.timestampMs !== undefined && created !== undefined && !Number.isNaN(created))
        this.#record(METRIC_M365_AUDIT_EVENT_LAG, Math.max(0, created - event.timestampMs) / 1000, lag);
    }
    for (const { attributes, count } of counts.values())
      this.#record(METRIC_M365_AUDIT_RECORDS, count, attributes);
    this.#self.recordRecords('audit', events.length);
  }

  listingLag(contentType: ContentType, seconds: number): void {
    this.#record(METRIC_M365_AUDIT_LISTING_LAG, seconds, { [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType });
  }

  duplicates(contentType: ContentType, count: number): void {
    this.#self.recordAuditDuplicates(contentType, count);
  }

  blobSkipped(contentType: ContentType, reason: BlobSkipReason): void {
    this.#self.recordAuditBlobSkipped(contentType, reason);
  }

  recordSkipped(contentType: ContentType): void {
    this.#self.recordAuditRecordSkipped(contentType);
  }

  throttled(contentType: ContentType): void {
    this.#self.recordAuditThrottle(contentType);
  }

  retentionLost(contentType: ContentType, seconds: number): void {
    this.#self.recordAuditRetentionLost(contentType, seconds);
  }

  rejected(count: number): void {
    this.#self.recordRejected('logs', count);
  }

  commitFailed(): void {
    this.#self.recordStateCommitFailure();
  }

  async collect(): Promise<ResourceMetrics> {
    const { resourceMetrics } = await this.#reader.collect();
    return { ...resourceMetrics, resource: currentResource(this.#resource) };
  }

  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}
