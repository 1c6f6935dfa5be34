import type { ActivityClient, ContentType } from '@m365-otel/management-api';
import { describe, expect, it } from 'vitest';
import { memoryRecordIdLogs } from '../audit/record-ids.js';
import type { AuditConfig } from '../config/types.js';
import type { TenantEvents } from '../export/events.js';
import { createJsonLogger } from '../logging/logger.js';
import { retainingStore } from '../state/__fixtures__/retaining.js';
import { MemoryStateStore } from '../state/memory-store.js';
import { type AuditTenantMetrics, createAuditStreams } from './audit.js';
import type { ActivityClientSettings } from './tenant-source.js';

const TENANT = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const config: AuditConfig = {
  enabled: true,
  contentTypes: ['Audit.Exchange', 'DLP.All'],
  pollInterval: '3m',
  pollIntervalMs: 180_000,
  startFrom: '24h',
  startFromMs: 86_400_000,
  overlap: '15m',
  overlapMs: 900_000,
  publisherId: '8c3b2f6e-0a4d-4e1b-9f2a-7d6c5b4a3e21',
  dedupCacheSize: 1000,
};

describe('createAuditStreams', () => {
  it('makes one stream per content type on one client per tenant, and routes the client’s reports', () => {
    const settings: ActivityClientSettings[] = [];
    const counted: string[] = [];
    const lines: Array<Record<string, unknown>> = [];
    const metrics = {
      recordSkipped: (type: ContentType) => counted.push(`record ${type}`),
      throttled: (type: ContentType) => counted.push(`throttle ${type}`),
      retentionLost: (type: ContentType, seconds: number) => counted.push(`lost ${type} ${seconds}`),
    } as unknown as AuditTenantMetrics;
    const streams = createAuditStreams({
      tenants: [
        {
          source: {
            tenantId: TENANT,
            activityClient: (options) => {
              settings.push(options);
              return { serverNow: () => 0 } as unknown as ActivityClient;
            },
          },
          events: {} as TenantEvents,
          metrics,
        },
      ],
      config,
      exporter: {
        export: () => undefined,
        shutdown: async () => undefined,
        forceFlush: async () => undefined,
      },
      state: retainingStore(new MemoryStateStore()).state,
      recordIds: memoryRecordIdLogs(),
      map: () => {
        throw new Error('not mapped in this test');
      },
      logger: createJsonLogger({ level: 'error', write: (line) => lines.push(JSON.parse(line)) }),
      now: () => 0,
    });
    expect(streams.map((stream) => stream.name)).toEqual([`${TENANT}/Audit.Exchange`, `${TENANT}/DLP.All`]);
    expect(settings).toHaveLength(1);
    const [client] = settings;
    expect(client?.publisherId).toBe(config.publisherId);
    client?.onSkippedItem?.({
      source: 'DLP.All',
      kind: 'record',
      where: 'DLP.All blob abc, [3]',
      id: undefined,
      problems: [],
    });
    client?.onSkippedItem?.({
      source: 'DLP.All',
      kind: 'content blob',
      where: 'DLP.All content 2026-11-30T00:00:00..2026-11-30T01:00:00 page 1, [0]',
      id: undefined,
      problems: [],
    });
    client?.onThrottled?.({ operation: 'blob fetch', contentType: 'Audit.Exchange', waitMs: 1000 });
    client?.onThrottled?.({ operation: 'subscriptions list', waitMs: 1000 });
    client?.onRetentionExceeded?.({
      contentType: 'Audit.Exchange',
      startTime: '2026-11-20T00:00:00.000Z',
      endTime: '2026-11-20T01:00:00.000Z',
    });
    expect(counted).toEqual(['record DLP.All', 'throttle Audit.Exchange', 'lost Audit.Exchange 3600']);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        tenantId: TENANT,
        contentType: 'Audit.Exchange',
        lostFrom: '2026-11-20T00:00:00.000Z',
        lostUntil: '2026-11-20T01:00:00.000Z',
        lostSeconds: 3600,
      }),
    ]);
  });
});
