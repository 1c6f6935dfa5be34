import type { CallRecordLike } from '@m365-otel/mappers';
import { ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { CALL_QUALITY_WIRING } from '../call-quality/wiring.js';
import { createJsonLogger } from '../logging/logger.js';
import { pollCallQuality } from '../pipeline/call-quality.js';
import { FailureStreaks } from '../pipeline/governance.js';
import { retainingStore } from '../state/__fixtures__/retaining.js';
import { MemoryStateStore } from '../state/memory-store.js';
import { TenantCallQualityMetrics } from './call-quality-metrics.js';
import { TenantEvents } from './events.js';
import { serviceResource, TenantResource } from './resource.js';
import { SelfMetrics } from './self-metrics.js';

const TENANT = 'tenant-a';
const NOW = Date.parse('2026-11-30T12:00:00Z');
const base = (() => {
  const { resource } = serviceResource({});
  if (!resource) throw new Error('no resource');
  return resource;
})();

/** A peer-to-peer audio call an hour and a half settled, one poor stream (jitter) and one good. */
const CALL: CallRecordLike & { lastModifiedDateTime: string } = {
  id: 'call-1',
  type: 'peerToPeer',
  startDateTime: '2026-11-30T09:00:00Z',
  endDateTime: '2026-11-30T10:00:00Z',
  lastModifiedDateTime: '2026-11-30T10:10:00Z',
  version: 1,
  modalities: ['audio'],
  sessions: [
    {
      id: 's1',
      modalities: ['audio'],
      segments: [
        {
          id: 'g1',
          media: [
            {
              label: 'main-audio',
              streams: [
                { streamDirection: 'callerToCallee', averageJitter: 0.05, averageRoundTripTime: 0.1 },
                { streamDirection: 'calleeToCaller', averageJitter: 0.01, averagePacketLossRate: 0.01 },
              ],
            },
          ],
        },
      ],
    },
  ],
};

function points(metrics: ResourceMetrics, name: string) {
  const metric = metrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((m) => m.descriptor.name === name);
  return (metric?.dataPoints ?? []).map(({ attributes, value }) => ({ attributes, value }));
}

describe('TenantCallQualityMetrics', () => {
  it('counts a record only once its log record was acknowledged, on the Resource current at collection', async () => {
    const resource = new TenantResource(base, TENANT);
    const metrics = new TenantCallQualityMetrics(resource);
    let refuse = true;
    const exporter: LogRecordExporter = {
      export: (_records, done) =>
        done(
          refuse
            ? { code: ExportResultCode.FAILED, error: new Error('503') }
            : { code: ExportResultCode.SUCCESS },
        ),
      shutdown: async () => undefined,
      forceFlush: async () => undefined,
    };
    const state = retainingStore(new MemoryStateStore()).state;
    const poll = () =>
      pollCallQuality({
        tenants: [
          {
            tenantId: TENANT,
            reader: {
              listCallRecords: async () => [CALL],
              getCallRecord: async () => CALL,
              serverNow: () => NOW,
            },
            events: new TenantEvents(resource),
            record: (record) => metrics.record(record),
          },
        ],
        state,
        records: { event: CALL_QUALITY_WIRING.event, exporter },
        failures: new FailureStreaks(),
        selfMetrics: new SelfMetrics(base),
        logger: createJsonLogger({ level: 'error', write: () => undefined }),
        signal: new AbortController().signal,
        now: () => NOW,
      });
    try {
      expect(await poll()).toMatchObject([{ ok: false, stage: 'export', records: 0 }]);
      expect(points(await metrics.collect(), 'm365.call.records')).toEqual([]);

      refuse = false;
      resource.discover({ 'm365.tenant.name': 'Contoso' });
      expect(await poll()).toMatchObject([{ ok: true, records: 1 }]);
      expect(await poll()).toMatchObject([{ ok: true, records: 0 }]);
      const collected = await metrics.collect();
      expect(collected.resource.attributes).toMatchObject({
        'm365.tenant.id': TENANT,
        'm365.tenant.name': 'Contoso',
      });
      expect(points(collected, 'm365.call.records')).toEqual([
        { attributes: { 'm365.call.type': 'peerToPeer' }, value: 1 },
      ]);
      expect(points(collected, 'm365.call.stream.poor')).toEqual([
        { attributes: { 'm365.call.modality': 'audio', 'm365.call.quality.metric': 'jitter' }, value: 1 },
      ]);
      expect(points(collected, 'm365.call.stream.jitter')).toEqual([
        {
          attributes: { 'm365.call.modality': 'audio' },
          value: expect.objectContaining({ count: 2, sum: expect.closeTo(0.06, 10) }),
        },
      ]);
    } finally {
      await metrics.shutdown();
    }
  });
});
