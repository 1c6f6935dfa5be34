import {
  type ContentType,
  isContentType,
  type RetentionLoss,
  type SkippedActivityItem,
} from '@m365-otel/management-api';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import { auditCheckpointKey } from '../audit/checkpoint.js';
import type { RecordIdLogs } from '../audit/record-ids.js';
import {
  AuditStream,
  type AuditStreamMetrics,
  type AuditStreamOptions,
  reportRetentionLoss,
} from '../audit/stream.js';
import { SubscriptionGate } from '../audit/subscriptions.js';
import type { AuditConfig } from '../config/types.js';
import type { TenantEvents } from '../export/events.js';
import type { Logger } from '../logging/logger.js';
import type { RetainingStateStore } from '../state/retaining-store.js';
import type { TenantSource } from './tenant-source.js';

/** What the audit streams of one tenant report beyond each stream's own progress. */
export interface AuditTenantMetrics extends AuditStreamMetrics {
  /** A record of a blob left out as malformed (the rest of the blob is used). */
  recordSkipped(contentType: ContentType): void;
  throttled(contentType: ContentType): void;
}

export interface AuditTenant {
  source: Pick<TenantSource, 'tenantId' | 'activityClient'>;
  events: TenantEvents;
  metrics: AuditTenantMetrics;
}

export interface AuditStreamsOptions {
  tenants: readonly AuditTenant[];
  config: AuditConfig;
  exporter: LogRecordExporter;
  state: RetainingStateStore;
  recordIds: RecordIdLogs;
  map: AuditStreamOptions['map'];
  logger: Logger;
  now: () => number;
  stop?: AbortSignal;
}

/**
 * One stream per (tenant, content type), each with its own checkpoint, schedule and failures; the streams of a
 * tenant share its Management Activity API client (one request budget, one set of subscriptions).
 */
export function createAuditStreams(options: AuditStreamsOptions): AuditStream[] {
  const { config } = options;
  return options.tenants.flatMap(({ source, events, metrics }) => {
    const tenantId = source.tenantId;
    const { logger } = options;
    const client = source.activityClient({
      ...(config.publisherId !== undefined && { publisherId: config.publisherId }),
      onSkippedItem: (item: SkippedActivityItem) => {
        if (item.kind === 'record' && isContentType(item.source)) metrics.recordSkipped(item.source);
      },
      onRetentionExceeded: (loss: RetentionLoss) =>
        reportRetentionLoss(
          { metrics, logger },
          {
            tenantId,
            contentType: loss.contentType,
            fromMs: Date.parse(loss.startTime),
            untilMs: Date.parse(loss.endTime),
          },
        ),
      // The subscription list names no content type; it is one call per tenant at start, so it is left out.
      onThrottled: (event) => {
        if (event.contentType !== undefined && isContentType(event.contentType))
          metrics.throttled(event.contentType);
      },
      onClockSkew: (skewMs) =>
        logger.warn('this host’s clock differs from Microsoft’s: audit listings follow Microsoft’s clock', {
          tenantId,
          skewMs,
        }),
    });
    const subscriptions = new SubscriptionGate(client, config.contentTypes);
    return config.contentTypes.map(
      (contentType) =>
        new AuditStream({
          tenantId,
          contentType,
          client,
          subscriptions,
          state: options.state,
          recordIds: options.recordIds(auditCheckpointKey(tenantId, contentType)),
          map: options.map,
          exportEvents: (batch, observedMs) => events.exportAudit(batch, options.exporter, observedMs),
          metrics,
          logger,
          config,
          serverNow: () => client.serverNow(),
          now: options.now,
          ...(options.stop && { stop: options.stop }),
        }),
    );
  });
}
