import type { ReportName } from '@m365-otel/graph-reports';
import type { ContentType } from '@m365-otel/management-api';
import {
  ATTR_EVENT_NAME,
  ATTR_M365_AUDIT_CONTENT_TYPE,
  ATTR_M365_REPORT_NAME,
  ATTR_M365OTEL_API,
  ATTR_M365OTEL_AUDIT_SKIP_REASON,
  ATTR_M365OTEL_CALL_QUALITY_PART,
  ATTR_M365OTEL_GOVERNANCE_SIGNAL,
  ATTR_M365OTEL_GOVERNANCE_SKIP_REASON,
  ATTR_M365OTEL_HTTP_RETRY_REASON,
  ATTR_M365OTEL_HTTP_STATUS_CLASS,
  ATTR_M365OTEL_OUTCOME,
  ATTR_M365OTEL_RECORD_SOURCE,
  ATTR_M365OTEL_SERVICE_HEALTH_RESOURCE,
  ATTR_M365OTEL_SIGNAL,
  ATTR_M365OTEL_STATE_OPERATION,
  createSelfMetricRecorder,
  type EventOutcome,
  type FetchOutcome,
  type M365otelApi,
  type M365otelAuditSkipReason,
  type M365otelCallQualityPart,
  type M365otelGovernanceSignal,
  type M365otelGovernanceSkipReason,
  type M365otelHttpRetryReason,
  type M365otelHttpStatusClass,
  type M365otelRecordSource,
  type M365otelServiceHealthResource,
  type M365otelSignal,
  type M365otelStateOperation,
  METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED,
  METRIC_M365OTEL_AUDIT_DUPLICATES,
  METRIC_M365OTEL_AUDIT_RECORDS_SKIPPED,
  METRIC_M365OTEL_AUDIT_RETENTION_LOST,
  METRIC_M365OTEL_AUDIT_THROTTLES,
  METRIC_M365OTEL_CALL_QUALITY_PARTS_SKIPPED,
  METRIC_M365OTEL_EXPORT_BUFFERED,
  METRIC_M365OTEL_EXPORT_DROPPED,
  METRIC_M365OTEL_EXPORT_REJECTED,
  METRIC_M365OTEL_EXPORT_REQUESTS,
  METRIC_M365OTEL_GOVERNANCE_ITEMS_SKIPPED,
  METRIC_M365OTEL_GOVERNANCE_POLLS,
  METRIC_M365OTEL_HTTP_REQUESTS,
  METRIC_M365OTEL_HTTP_RETRIES,
  METRIC_M365OTEL_HTTP_THROTTLE_WAIT,
  METRIC_M365OTEL_RECORDS,
  METRIC_M365OTEL_REPORT_FETCHES,
  METRIC_M365OTEL_REPORT_REVISIONS,
  METRIC_M365OTEL_REPORT_ROWS,
  METRIC_M365OTEL_SERVICE_HEALTH_EVENTS,
  METRIC_M365OTEL_SERVICE_HEALTH_ITEMS_SKIPPED,
  METRIC_M365OTEL_SERVICE_HEALTH_POLLS,
  METRIC_M365OTEL_STATE_COMMIT_FAILURES,
  METRIC_M365OTEL_STATE_ERRORS,
  type RowOutcome,
  type SelfMetricRecorder,
} from '@m365-otel/mappers';
import type { Resource } from '@opentelemetry/resources';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { SCOPE } from '../version.js';
import type { ExportRecorder } from './export-buffer.js';

/** A reader that only collects when asked, so metrics ride along with our own acknowledged exports. */
export class OnDemandReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/**
 * The collector's own counters (`m365otel.*`, declared in the signal catalog), on the service resource without a
 * tenant id. They are ordinary SDK counters: cumulative sums whose attribute sets only grow, so the SDK's
 * stale-series behaviour is harmless here.
 */
export class SelfMetrics {
  readonly #provider: MeterProvider;
  readonly #reader = new OnDemandReader();
  readonly #record: SelfMetricRecorder;

  constructor(resource: Resource) {
    this.#provider = new MeterProvider({ resource, readers: [this.#reader] });
    this.#record = createSelfMetricRecorder(this.#provider.getMeter(SCOPE.name, SCOPE.version));
  }

  recordFetch(report: ReportName, outcome: FetchOutcome): void {
    this.#record(METRIC_M365OTEL_REPORT_FETCHES, 1, {
      [ATTR_M365_REPORT_NAME]: report,
      [ATTR_M365OTEL_OUTCOME]: outcome,
    });
  }

  recordRows(report: ReportName, accepted: number, rejected: number): void {
    const counted = (outcome: RowOutcome, rows: number) =>
      this.#record(METRIC_M365OTEL_REPORT_ROWS, rows, {
        [ATTR_M365_REPORT_NAME]: report,
        [ATTR_M365OTEL_OUTCOME]: outcome,
      });
    counted('accepted', accepted);
    counted('rejected', rejected);
  }

  /** Report-date mode: values of days already exported that Microsoft changed since (not sent again). */
  recordRevisions(report: ReportName, count: number): void {
    this.#record(METRIC_M365OTEL_REPORT_REVISIONS, count, { [ATTR_M365_REPORT_NAME]: report });
  }

  recordPoll(outcome: FetchOutcome): void {
    this.#record(METRIC_M365OTEL_SERVICE_HEALTH_POLLS, 1, { [ATTR_M365OTEL_OUTCOME]: outcome });
  }

  /** One poll of one governance signal (or of call quality) of one tenant. */
  recordGovernancePoll(signal: M365otelGovernanceSignal, outcome: FetchOutcome): void {
    this.#record(METRIC_M365OTEL_GOVERNANCE_POLLS, 1, {
      [ATTR_M365OTEL_GOVERNANCE_SIGNAL]: signal,
      [ATTR_M365OTEL_OUTCOME]: outcome,
    });
  }

  recordEvents(eventName: string, outcome: EventOutcome, count: number): void {
    this.#record(METRIC_M365OTEL_SERVICE_HEALTH_EVENTS, count, {
      [ATTR_EVENT_NAME]: eventName,
      [ATTR_M365OTEL_OUTCOME]: outcome,
    });
  }

  recordSkippedItem(resource: M365otelServiceHealthResource): void {
    this.#record(METRIC_M365OTEL_SERVICE_HEALTH_ITEMS_SKIPPED, 1, {
      [ATTR_M365OTEL_SERVICE_HEALTH_RESOURCE]: resource,
    });
  }

  /** A part of a Teams call record that Graph sent malformed, left out by the call-records client. */
  recordCallRecordPartSkipped(part: M365otelCallQualityPart): void {
    this.#record(METRIC_M365OTEL_CALL_QUALITY_PARTS_SKIPPED, 1, { [ATTR_M365OTEL_CALL_QUALITY_PART]: part });
  }

  recordStateCommitFailure(): void {
    this.#record(METRIC_M365OTEL_STATE_COMMIT_FAILURES, 1, {});
  }

  /** A state-store operation that failed: an unreadable file, a refused write, a corrupt file quarantined. */
  recordStateError(operation: M365otelStateOperation): void {
    this.#record(METRIC_M365OTEL_STATE_ERRORS, 1, { [ATTR_M365OTEL_STATE_OPERATION]: operation });
  }

  recordAuditDuplicates(contentType: ContentType, count: number): void {
    this.#record(METRIC_M365OTEL_AUDIT_DUPLICATES, count, { [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType });
  }

  recordAuditBlobSkipped(contentType: ContentType, reason: M365otelAuditSkipReason): void {
    this.#record(METRIC_M365OTEL_AUDIT_BLOBS_SKIPPED, 1, {
      [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType,
      [ATTR_M365OTEL_AUDIT_SKIP_REASON]: reason,
    });
  }

  recordAuditRecordSkipped(contentType: ContentType): void {
    this.#record(METRIC_M365OTEL_AUDIT_RECORDS_SKIPPED, 1, { [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType });
  }

  recordAuditThrottle(contentType: ContentType): void {
    this.#record(METRIC_M365OTEL_AUDIT_THROTTLES, 1, { [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType });
  }

  recordAuditRetentionLost(contentType: ContentType, seconds: number): void {
    this.#record(METRIC_M365OTEL_AUDIT_RETENTION_LOST, seconds, {
      [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType,
    });
  }

  /** One request to Microsoft on the wire, as a tenant's request observer was told of it. */
  recordHttpRequest(api: M365otelApi, statusClass: M365otelHttpStatusClass): void {
    this.#record(METRIC_M365OTEL_HTTP_REQUESTS, 1, {
      [ATTR_M365OTEL_API]: api,
      [ATTR_M365OTEL_HTTP_STATUS_CLASS]: statusClass,
    });
  }

  /** A request sent again after `waitSeconds`; the wait counts as throttle wait when Microsoft throttled. */
  recordHttpRetry(api: M365otelApi, reason: M365otelHttpRetryReason, waitSeconds: number): void {
    this.#record(METRIC_M365OTEL_HTTP_RETRIES, 1, {
      [ATTR_M365OTEL_API]: api,
      [ATTR_M365OTEL_HTTP_RETRY_REASON]: reason,
    });
    if (reason === 'throttled')
      this.#record(METRIC_M365OTEL_HTTP_THROTTLE_WAIT, waitSeconds, { [ATTR_M365OTEL_API]: api });
  }

  /** Records of a source processed: delivered to the backend, or (call records) read. */
  recordRecords(source: M365otelRecordSource, count: number): void {
    this.#record(METRIC_M365OTEL_RECORDS, count, { [ATTR_M365OTEL_RECORD_SOURCE]: source });
  }

  /** An item (or a field of one) of a governance signal that Microsoft sent malformed, left out. */
  recordGovernanceItemsSkipped(
    signal: M365otelGovernanceSignal,
    reason: M365otelGovernanceSkipReason,
    count: number,
  ): void {
    this.#record(METRIC_M365OTEL_GOVERNANCE_ITEMS_SKIPPED, count, {
      [ATTR_M365OTEL_GOVERNANCE_SIGNAL]: signal,
      [ATTR_M365OTEL_GOVERNANCE_SKIP_REASON]: reason,
    });
  }

  recordRejected(signal: M365otelSignal, count: number): void {
    this.#record(METRIC_M365OTEL_EXPORT_REJECTED, count, { [ATTR_M365OTEL_SIGNAL]: signal });
  }

  /** The export counters, for the exporters (export/export-buffer.ts). */
  get exports(): ExportRecorder {
    return {
      request: (signal, outcome) =>
        this.#record(METRIC_M365OTEL_EXPORT_REQUESTS, 1, {
          [ATTR_M365OTEL_SIGNAL]: signal,
          [ATTR_M365OTEL_OUTCOME]: outcome,
        }),
      dropped: (signal, items) =>
        this.#record(METRIC_M365OTEL_EXPORT_DROPPED, items, { [ATTR_M365OTEL_SIGNAL]: signal }),
      buffered: (signal, bytes) =>
        this.#record(METRIC_M365OTEL_EXPORT_BUFFERED, bytes, { [ATTR_M365OTEL_SIGNAL]: signal }),
    };
  }

  async collect(): Promise<ResourceMetrics> {
    const { resourceMetrics } = await this.#reader.collect();
    return resourceMetrics;
  }

  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}
