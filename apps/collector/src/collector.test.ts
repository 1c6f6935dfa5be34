import { tmpdir } from 'node:os';
import { METRIC_M365_REPORT_NAMES_CONCEALED } from '@m365-otel/mappers';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPExporterError } from '@opentelemetry/otlp-exporter-base';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it, vi } from 'vitest';
import type { CallRecordListing } from './call-quality/cursor.js';
import { Collector } from './collector.js';
import { parseConfig } from './config/load.js';
import { serviceResource } from './export/resource.js';
import { createJsonLogger } from './logging/logger.js';
import { MemoryStateStore } from './state/memory-store.js';

// The collector's wiring of governance and call quality, with their sources replaced by doubles.

const TENANT = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const NOW = Date.parse('2026-11-30T12:00:00Z');
const base = (() => {
  const { resource } = serviceResource({});
  if (!resource) throw new Error('no resource');
  return resource;
})();

function config(sections: string) {
  return parseConfig(
    `tenants:\n  - tenantId: ${TENANT}\n    clientId: 0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d\n    clientSecret: x\n` +
      `reports: { enabled: false }\nserviceHealth: { enabled: false }\n${sections}`,
    { env: {}, baseDir: tmpdir(), label: 'config.yaml' },
  );
}

const tenantMetrics = (all: ResourceMetrics[]) => {
  const tenant = all.find((rm) => rm.resource.attributes['m365.tenant.id'] === TENANT);
  if (!tenant) throw new Error('no tenant metrics');
  return tenant;
};

describe('Collector', () => {
  it('polls the governance sources, exports their gauges and the tenant attributes they discovered', async () => {
    const asked: string[] = [];
    const collector = new Collector({
      config: config('governance: { enabled: true, licences: false }\n'),
      resource: base,
      logger: createJsonLogger({ level: 'error', write: () => undefined }),
      governanceSources: (tenant, { signals }) => {
        asked.push(...signals);
        return [
          {
            signal: 'licences',
            permission: 'LicenseAssignment.Read.All',
            collect: async () => ({ observations: [] }),
          },
          {
            signal: 'tenantSettings',
            permission: 'Organization.Read.All',
            collect: async () => ({
              observations: [{ metric: METRIC_M365_REPORT_NAMES_CONCEALED, attributes: {}, value: 1 }],
              resourceAttributes: { 'm365.tenant.name': `Contoso ${tenant.tenantId.slice(0, 4)}` },
            }),
          },
        ];
      },
      now: () => NOW,
    });
    try {
      expect(collector.deadlines.governanceMs).toBe(30 * 60_000);
      // The licences signal is off: the collector asks for the others, and leaves out a licences source.
      expect(asked).toEqual(['appCredentials', 'tenantSettings', 'directorySync']);
      expect(await collector.pollGovernance(new AbortController().signal)).toMatchObject([
        { tenantId: TENANT, signal: 'tenantSettings', ok: true },
      ]);
      const metrics = tenantMetrics(await collector.resourceMetrics());
      expect(metrics.resource.attributes['m365.tenant.name']).toBe('Contoso 6f1c');
      const concealed = metrics.scopeMetrics
        .flatMap((scope) => scope.metrics)
        .find((metric) => metric.descriptor.name === METRIC_M365_REPORT_NAMES_CONCEALED);
      expect(concealed?.dataPoints.map((point) => point.value)).toEqual([1]);
      expect(await collector.pollCallQuality(new AbortController().signal)).toEqual([]);
    } finally {
      await collector.close();
    }
  });

  it('refuses to start governance without its sources', () => {
    expect(
      () =>
        new Collector({
          config: config('governance: { enabled: true }\n'),
          resource: base,
          logger: createJsonLogger({ level: 'error', write: () => undefined }),
        }),
    ).toThrow(
      'governance is enabled: the collector needs the governance sources, and a state store for riskyUsers',
    );
  });

  it("reads call records through the wiring and exports the tenant's call-quality metrics", async () => {
    const recorded: string[] = [];
    const listing: CallRecordListing = {
      id: 'call-1',
      startDateTime: '2026-11-30T08:00:00Z',
      endDateTime: '2026-11-30T09:00:00Z',
      lastModifiedDateTime: '2026-11-30T09:00:00Z',
    };
    const collector = new Collector({
      config: config('callQuality: { enabled: true }\n'),
      resource: base,
      logger: createJsonLogger({ level: 'error', write: () => undefined }),
      state: new MemoryStateStore(),
      callQuality: {
        tenant: (_source, resource) => ({
          reader: {
            listCallRecords: async () => [listing],
            getCallRecord: async (id: string) => ({ id, streams: 2 }),
            serverNow: () => NOW,
          },
          metrics: {
            record: (callRecord: { id: string }) => recorded.push(callRecord.id),
            collect: async () => ({ resource: resource.current, scopeMetrics: [] }),
            shutdown: async () => undefined,
          },
        }),
        event: () => {
          throw new Error('no log record per call without callQuality.records');
        },
      },
      now: () => NOW,
    });
    try {
      expect(collector.deadlines.callQualityMs).toBe(30 * 60_000);
      expect(await collector.pollCallQuality(new AbortController().signal)).toEqual([
        { tenantId: TENANT, ok: true, records: 1 },
      ]);
      expect(recorded).toEqual(['call-1']);
      const all = await collector.resourceMetrics();
      // The tenant's gauges, its call-quality metrics (the same Resource), then the self-metrics.
      expect(all.filter((rm) => rm.resource.attributes['m365.tenant.id'] === TENANT)).toHaveLength(2);
      expect(await collector.pollGovernance(new AbortController().signal)).toEqual([]);
    } finally {
      await collector.close();
    }
  });

  it('with an export buffer, commits a signal’s progress only once its events got through a backend outage', async () => {
    vi.useFakeTimers({ now: NOW });
    const answers: ExportResult[] = [
      { code: ExportResultCode.FAILED, error: new OTLPExporterError('Service Unavailable', 503) },
      { code: ExportResultCode.FAILED, error: new OTLPExporterError('Service Unavailable', 503) },
      { code: ExportResultCode.SUCCESS },
    ];
    const sent: ReadableLogRecord[][] = [];
    const exporter: LogRecordExporter = {
      export: (records, done) => {
        sent.push(records);
        const answer = answers.shift() as ExportResult;
        queueMicrotask(() => done(answer));
      },
      forceFlush: async () => {},
      shutdown: async () => {},
    };
    let commits = 0;
    const collector = new Collector({
      config: config(
        'governance: { enabled: true, licences: false, tenantSettings: false, directorySync: false }\n',
      ),
      resource: base,
      logger: createJsonLogger({ level: 'error', write: () => undefined }),
      eventExporter: exporter,
      exportBuffer: { maxBytes: 1024 ** 2, maxBackoffMs: 60_000 },
      governanceSources: () => [
        {
          signal: 'appCredentials',
          permission: 'Application.Read.All',
          collect: async () => ({
            observations: [],
            events: [
              {
                eventName: 'm365.app.credential',
                timestamp: '2026-11-30T11:00:00Z',
                attributes: {},
                body: {},
              },
            ],
            commit: async () => {
              commits++;
            },
          }),
        },
      ],
      now: () => NOW,
    });
    try {
      let settled = false;
      const poll = collector.pollGovernance(new AbortController().signal).finally(() => {
        settled = true;
      });
      // Two 503s: the batch waits 1 s, then 2 s, and the signal commits nothing meanwhile.
      await vi.advanceTimersByTimeAsync(2_999);
      expect(sent).toHaveLength(2);
      expect(settled).toBe(false);
      expect(commits).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(await poll).toMatchObject([{ signal: 'appCredentials', ok: true, events: 1 }]);
      expect(sent).toHaveLength(3);
      expect(commits).toBe(1);
      const self = (await collector.resourceMetrics()).at(-1) as ResourceMetrics;
      const requests = self.scopeMetrics
        .flatMap((scope) => scope.metrics)
        .find((metric) => metric.descriptor.name === 'm365otel.export.requests');
      expect(
        requests?.dataPoints.map((point) => [point.attributes['m365otel.outcome'], point.value]).sort(),
      ).toEqual([
        ['delivered', 1],
        ['retryable', 2],
      ]);
    } finally {
      await collector.close();
      vi.useRealTimers();
    }
  });
});
