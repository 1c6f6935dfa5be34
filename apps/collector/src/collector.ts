import {
  type EventRecord,
  type MetricObservation,
  mapAuditRecord,
  type ReportMapping,
  type ReportSnapshot,
  reportsFor,
} from '@m365-otel/mappers';
import type { Resource } from '@opentelemetry/resources';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { RecordIdLogs } from './audit/record-ids.js';
import type { AuditStream } from './audit/stream.js';
import type { CallRecordListing } from './call-quality/cursor.js';
import type { CollectorConfig, TenantConfig } from './config/types.js';
import type { AuditMetrics } from './export/audit-metrics.js';
import { dataPointsOf, logBatchBytes, metricBatchBytes } from './export/batch-size.js';
import { EntityRecordStream, TenantEvents } from './export/events.js';
import { BufferedExporter, ExportBuffer } from './export/export-buffer.js';
import { type ExportOutcome, exportResourceMetrics } from './export/exporter.js';
import { buildDayPointMetrics, buildReportMetrics } from './export/report-metrics.js';
import { TenantResource } from './export/resource.js';
import { SelfMetrics } from './export/self-metrics.js';
import type { LogRecordLimits } from './export/settings.js';
import { namesConcealedOwner, polledGovernanceSignals } from './governance/signal-calls.js';
import type { GovernanceSignal } from './governance/signals.js';
import { ThrottleNoticingAuditMetrics } from './health/audit-throttles.js';
import { SourceStatusBoard } from './health/board.js';
import {
  auditOutcome,
  callQualityOutcome,
  governanceOutcome,
  reportsOutcome,
  serviceHealthOutcome,
} from './health/outcomes.js';
import { auditSource, governanceSource, type SourceName } from './health/source.js';
import { withSourceGauges } from './health/source-metrics.js';
import { WatchedStateStore } from './health/watched-state.js';
import type { JsonLogger, Logger } from './logging/logger.js';
import { createAuditStreams } from './pipeline/audit.js';
import {
  type CallQualityResult,
  type CallQualityTenant,
  type CallRecordsReader,
  pollCallQuality,
} from './pipeline/call-quality.js';
import { runCycle, type SourceResult } from './pipeline/cycle.js';
import type { EntityRecords } from './pipeline/entity-records.js';
import {
  FailureStreaks,
  type GovernanceResult,
  type GovernanceSource,
  pollGovernance,
} from './pipeline/governance.js';
import { namesConcealed } from './pipeline/names-concealed.js';
import { pollServiceHealth, type ServiceHealthResult } from './pipeline/service-health.js';
import { type ServiceHealthSnapshot, SnapshotStore } from './pipeline/snapshot-store.js';
import { TenantSource } from './pipeline/tenant-source.js';
import { dayStartMs } from './reports/days.js';
import { entityFilter } from './reports/entity-filter.js';
import type { DayPoint } from './reports/high-water.js';
import { cycleDeadlineMs, MAX_CYCLE_DEADLINE_MS } from './run/deadline.js';
import { RetainingStateStore } from './state/retaining-store.js';
import type { StateStore } from './state/store.js';

export interface CollectorOptions {
  config: CollectorConfig;
  /** The service resource (service.name, OTEL_RESOURCE_ATTRIBUTES, ...); each tenant adds its id to it. */
  resource: Resource;
  logger: JsonLogger;
  /**
   * Both required when serviceHealth or audit is enabled. The events exporter is given here rather than per call,
   * unlike the metrics exporter: exporting events is part of a poll, whose state is committed only after the backend
   * acknowledged them.
   */
  eventExporter?: LogRecordExporter;
  /** Bounds on the events' attributes and body strings (OTEL_*_ATTRIBUTE_*_LIMIT); the defaults when absent. */
  logRecordLimits?: LogRecordLimits;
  state?: StateStore;
  /**
   * Required with reports.time report-date (and a state store): each report's new day points are exported as the
   * report is read, and its high-water marks committed once this exporter's backend acknowledged them. The
   * exporter `export` is given may be the same one.
   */
  reportExporter?: PushMetricExporter;
  /** Required when audit is enabled: each audit stream's record-Id log, beside its checkpoint in `state`. */
  recordIds?: RecordIdLogs;
  /**
   * Shutdown: ends the tenants' token requests, which may be waiting out a throttled authority, and ends each audit
   * stream's poll after its acknowledged batch.
   */
  stop?: AbortSignal;
  /**
   * Required when governance is enabled: a tenant's sources, on its clients, for the signals the config turns on;
   * a source of another signal is left out.
   */
  governanceSources?: (tenant: TenantSource, context: GovernanceSourceContext) => readonly GovernanceSource[];
  /**
   * Required when callQuality is enabled: how a tenant's call records are read and counted. The full record's type
   * is the client's; the collector only passes it from the reader to the metrics and the event (method parameters,
   * so a wiring typed by the client's CallRecord fits).
   */
  callQuality?: CallQualityWiring<CallRecordListing, unknown>;
  /**
   * `run` with export.buffer.enabled: events, audit records and report-date points that fail with a retryable error
   * are kept within this budget and sent again until delivered. Absent (`run --once`): such a failure fails the
   * source at once.
   */
  exportBuffer?: { maxBytes: number; maxBackoffMs: number };
  now?: () => number;
}

/** What a tenant's governance sources are built with. */
export interface GovernanceSourceContext {
  /** The signals polled: those the config turns on that feed a metric or event switched on, in GOVERNANCE_SIGNALS order. */
  signals: readonly GovernanceSignal[];
  /** The collector's state store (the risk-detection cursor); present whenever riskyUsers is on. */
  state: RetainingStateStore | undefined;
  now: () => number;
  /** The metrics `metrics:` switches on: a call whose metrics and events are all off is not made. */
  enabledMetrics: ReadonlySet<string>;
  /** The tenant as configured (its app and credential: the collector's own credential). */
  tenant: TenantConfig;
  /** Lines naming the tenant. */
  logger: Logger;
  /**
   * `m365.report.names_concealed` of the tenant, worked out as the report cycle does; tenantSettings owns the metric
   * while it is polled, the report cycle otherwise, so it is exported once.
   */
  namesConcealed(signal: AbortSignal): Promise<MetricObservation | undefined>;
}

/** A tenant's call-quality metrics: SDK instruments on its Resource, collected with each export. */
export interface CallQualityMetrics<Full> {
  record(callRecord: Full): void;
  collect(): Promise<ResourceMetrics>;
  shutdown(): Promise<void>;
}

/** How the collector reads and counts one tenant's call records, and makes a record's log record. */
export interface CallQualityWiring<Listing extends CallRecordListing, Full> {
  tenant(
    source: TenantSource,
    resource: TenantResource,
  ): { reader: CallRecordsReader<Listing, Full>; metrics: CallQualityMetrics<Full> };
  event(callRecord: Full): EventRecord;
}

/**
 * One tenant as the collector holds it: its connection to Microsoft, its Resource (which learns the tenant's name
 * once), events, audit metrics and governance sources.
 */
interface CollectorTenant {
  source: TenantSource;
  resource: TenantResource;
  events: TenantEvents;
  audit: AuditMetrics | undefined;
  governance: readonly GovernanceSource[];
}

/** An audit stream as the run modes poll it: each result also goes to the source status board. */
export type PolledAuditStream = Pick<AuditStream, 'name' | 'tenantId' | 'contentType' | 'poll'>;

/** Wires the tenants' sources, the snapshot store and the metric building; owns no timers (see run/). */
export class Collector {
  readonly #config: CollectorConfig;
  readonly #logger: JsonLogger;
  readonly #now: () => number;
  readonly #mappings: readonly ReportMapping[];
  readonly #tenants: readonly CollectorTenant[];
  readonly #serviceHealth: { exporter: LogRecordExporter; state: RetainingStateStore } | undefined;
  readonly #auditStreams: readonly PolledAuditStream[];
  readonly #reportDate: { exporter: PushMetricExporter; state: RetainingStateStore } | undefined;
  /** Latest mode with a state store: each report's refresh date, ETag and snapshot kept across restarts. */
  readonly #latestState: RetainingStateStore | undefined;
  readonly #entities: EntityRecords | undefined;
  /** Tenants whose concealed names were logged: once per process is enough. */
  readonly #concealedAnnounced = new Set<string>();
  /** Whether the report cycle owns m365.report.names_concealed: it is on and tenantSettings is not polled. */
  readonly #namesConcealedByReports: boolean;
  readonly #store = new SnapshotStore();
  readonly #selfMetrics: SelfMetrics;
  readonly #eventExporter: LogRecordExporter | undefined;
  /** The governance signals and call-quality polls whose failure streak was logged. */
  readonly #failures = new FailureStreaks();
  /** Each source's latest result, the tenants' tokens and the state store's writes: /readyz and m365otel.source.*. */
  readonly #board: SourceStatusBoard;
  readonly #callQuality:
    | {
        poll: (signal: AbortSignal, tenantId?: string) => Promise<CallQualityResult[]>;
        metrics: CallQualityMetrics<unknown>[];
      }
    | undefined;

  constructor(options: CollectorOptions) {
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    const reports = options.config.reports;
    this.#mappings = reports.enabled ? reportsFor(options.config.enabledMetrics, reports.details) : [];
    const { serviceHealth, audit } = options.config;
    this.#board = new SourceStatusBoard(
      options.config.tenants.map((tenant) => tenant.tenantId),
      this.#now,
    );
    this.#selfMetrics = new SelfMetrics(options.resource);
    const selfMetrics = this.#selfMetrics;
    // One retaining store for every source: a commit the disk refused holds in this process whichever wrote it.
    const state =
      options.state &&
      new RetainingStateStore(new WatchedStateStore(options.state, this.#board), {
        logger: options.logger,
        selfMetrics,
      });
    const { eventExporter, reportExporter } = this.#acknowledgedExporters(options);
    if (serviceHealth.enabled) {
      if (!eventExporter || !state)
        throw new Error('serviceHealth is enabled: the collector needs an event exporter and a state store');
      this.#serviceHealth = { exporter: eventExporter, state };
    }
    if (reports.enabled && reports.time === 'report-date') {
      if (!reportExporter || !state)
        throw new Error(
          'reports.time is report-date: the collector needs a report exporter and a state store',
        );
      this.#reportDate = { exporter: reportExporter, state };
    } else if (reports.enabled) this.#latestState = state;
    if (reports.enabled && reports.details.size > 0) {
      const exporter = eventExporter;
      if (!exporter) throw new Error('reports.details is set: the collector needs an event exporter');
      this.#entities = {
        reports: reports.details,
        filter: entityFilter(reports.filters),
        stream: (tenantId) => new EntityRecordStream(this.#tenant(tenantId).events, exporter, this.#now()),
      };
    }
    this.#eventExporter = eventExporter;
    const { governance, callQuality } = options.config;
    const governanceSources = options.governanceSources;
    if (governance.enabled && (!governanceSources || (governance.riskyUsers && !state)))
      throw new Error(
        'governance is enabled: the collector needs the governance sources, and a state store for riskyUsers',
      );
    const signals = polledGovernanceSignals(governance, options.config.enabledMetrics);
    this.#namesConcealedByReports = namesConcealedOwner(options.config) === 'reports';
    this.#tenants = options.config.tenants.map((tenant) => {
      const resource = new TenantResource(options.resource, tenant.tenantId);
      // Every line the auth and report clients log for this tenant then names it.
      const logger = options.logger.child({ tenantId: tenant.tenantId });
      const source = new TenantSource(tenant, logger, { selfMetrics, stop: options.stop });
      return {
        source,
        resource,
        events: new TenantEvents(resource, options.logRecordLimits),
        audit: audit.enabled
          ? new ThrottleNoticingAuditMetrics(resource, selfMetrics, (contentType) =>
              this.#board.throttled(tenant.tenantId, auditSource(contentType)),
            )
          : undefined,
        governance: governanceSources
          ? governanceSources(source, {
              signals,
              state,
              now: this.#now,
              enabledMetrics: options.config.enabledMetrics,
              tenant,
              logger,
              namesConcealed: (signal) =>
                namesConcealed(source, this.#store.snapshots(tenant.tenantId), {
                  signal,
                  logger,
                  announced: this.#concealedAnnounced,
                }),
            }).filter((governed) => signals.includes(governed.signal))
          : [],
      };
    });
    if (callQuality.enabled) {
      if (!options.callQuality || !state || (callQuality.records && !eventExporter))
        throw new Error(
          'callQuality is enabled: the collector needs its call-records wiring, a state store and, with records, an event exporter',
        );
      this.#callQuality = this.#wireCallQuality(options.callQuality, state, eventExporter);
    }
    if (audit.enabled) {
      if (!eventExporter || !state || !options.recordIds)
        throw new Error(
          'audit is enabled: the collector needs an event exporter, a state store and record-Id logs',
        );
      this.#auditStreams = createAuditStreams({
        tenants: this.#tenants.flatMap(({ source, events, audit: metrics }) =>
          metrics ? [{ source, events, metrics }] : [],
        ),
        config: audit,
        exporter: eventExporter,
        state,
        recordIds: options.recordIds,
        map: mapAuditRecord,
        logger: options.logger,
        now: this.#now,
        ...(options.stop && { stop: options.stop }),
      }).map((stream) => this.#reportingAuditStream(stream));
    } else this.#auditStreams = [];
    for (const { source, governance: signals } of this.#tenants) {
      const expected: SourceName[] = [
        ...(this.#mappings.length > 0 ? (['reports'] as const) : []),
        ...(serviceHealth.enabled ? (['service-health'] as const) : []),
        ...signals.map((governed) => governanceSource(governed.signal)),
        ...(callQuality.enabled ? (['call-quality'] as const) : []),
      ];
      for (const name of expected) this.#board.expect(source.tenantId, name);
    }
  }

  /** The stream, its poll results told to the board. */
  #reportingAuditStream(stream: AuditStream): PolledAuditStream {
    const source = auditSource(stream.contentType);
    this.#board.expect(stream.tenantId, source);
    return {
      name: stream.name,
      tenantId: stream.tenantId,
      contentType: stream.contentType,
      poll: async (signal) => {
        const startedMs = this.#now();
        const result = await stream.poll(signal);
        const outcome = auditOutcome(result, startedMs);
        if (outcome) this.#board.record(stream.tenantId, source, outcome);
        return result;
      },
    };
  }

  /** Every tenant's sources and token, and the state store's writes, for the health endpoints. */
  get health(): SourceStatusBoard {
    return this.#board;
  }

  /**
   * The exporters whose acknowledgement a source waits for before it commits: each request counted, and with
   * `exportBuffer` a batch failing with a retryable error kept and sent again until delivered (export/export-buffer.ts).
   */
  #acknowledgedExporters(options: CollectorOptions): {
    eventExporter: LogRecordExporter | undefined;
    reportExporter: PushMetricExporter | undefined;
  } {
    const recorder = this.#selfMetrics.exports;
    const buffer =
      options.exportBuffer &&
      new ExportBuffer({
        maxBytes: options.exportBuffer.maxBytes,
        maxBackoffMs: options.exportBuffer.maxBackoffMs,
        recorder,
        logger: this.#logger,
        stop: options.stop ?? new AbortController().signal,
      });
    const buffering = buffer ? { buffer } : {};
    return {
      eventExporter:
        options.eventExporter &&
        new BufferedExporter(options.eventExporter, {
          signal: 'logs',
          recorder,
          ...buffering,
          bytesOf: logBatchBytes,
          itemsOf: (records) => records.length,
        }),
      reportExporter:
        options.reportExporter &&
        new BufferedExporter(options.reportExporter, {
          signal: 'metrics',
          recorder,
          ...buffering,
          bytesOf: metricBatchBytes,
          itemsOf: dataPointsOf,
        }),
    };
  }

  /**
   * How long a report cycle, a service-health, governance, audit or call-quality poll may run before what is still
   * running is aborted. Audit and call-quality polls get the longest: they commit batch by batch, and a backlog (the
   * first day of call records of a large tenant) takes long to deliver.
   */
  get deadlines(): {
    reportsMs: number;
    serviceHealthMs: number;
    auditMs: number;
    governanceMs: number;
    callQualityMs: number;
  } {
    return {
      reportsMs: cycleDeadlineMs(this.#config.reports.intervalMs),
      serviceHealthMs: cycleDeadlineMs(this.#config.serviceHealth.intervalMs),
      auditMs: MAX_CYCLE_DEADLINE_MS,
      governanceMs: cycleDeadlineMs(this.#config.governance.intervalMs),
      callQualityMs: MAX_CYCLE_DEADLINE_MS,
    };
  }

  /** One per (tenant, content type) when audit is enabled; each polls on its own schedule (see run/). */
  get auditStreams(): readonly PolledAuditStream[] {
    return this.#auditStreams;
  }

  /** The configured tenants' ids, in the config's order; the run modes schedule each tenant's sources on its own. */
  get tenantIds(): readonly string[] {
    return this.#tenants.map(({ source }) => source.tenantId);
  }

  /** The report functions a cycle reads, from the enabled metrics. */
  get reports(): readonly string[] {
    return this.#mappings.map((mapping) => mapping.report);
  }

  /**
   * Reads every needed report of every tenant once, or of the one tenant `tenantId` names; never throws (failures
   * are in the results and the log).
   */
  async collect(signal: AbortSignal, tenantId?: string): Promise<SourceResult[]> {
    const reportDate = this.#reportDate;
    const results = await runCycle({
      sources: this.#selected(tenantId).map((tenant) => tenant.source),
      mappings: this.#mappings,
      period: this.#config.reports.period,
      store: this.#store,
      selfMetrics: this.#selfMetrics,
      logger: this.#logger,
      signal,
      ...(this.#entities && { entities: this.#entities }),
      ...(this.#namesConcealedByReports && { namesConcealed: this.#concealedAnnounced }),
      ...(this.#latestState && {
        latestState: { state: this.#latestState, enabledMetrics: this.#config.enabledMetrics },
      }),
      ...(reportDate && {
        reportDate: {
          refetchDays: this.#config.reports.refetchDays,
          enabledMetrics: this.#config.enabledMetrics,
          state: reportDate.state,
          exportPoints: (tenantId, points) => this.#exportDayPoints(reportDate.exporter, tenantId, points),
          now: this.#now,
        },
      }),
    });
    for (const { source } of this.#tenants) {
      const tenantId = source.tenantId;
      const outcome = reportsOutcome(
        results.filter((result) => result.tenantId === tenantId),
        this.#newestReportDayMs(tenantId),
      );
      if (outcome) this.#board.record(tenantId, 'reports', outcome);
    }
    return results;
  }

  /** 00:00 UTC of the newest report day the tenant's snapshots describe: how fresh its reports are. */
  #newestReportDayMs(tenantId: string): number | undefined {
    const days = this.#store
      .snapshots(tenantId)
      .flatMap(({ reportDate }) => (reportDate ? [reportDate] : []));
    return days.length === 0 ? undefined : Math.max(...days.map(dayStartMs));
  }

  /** One tenant's report-date points, awaiting the backend's answer; rejected points are counted by the caller. */
  #exportDayPoints(
    exporter: PushMetricExporter,
    tenantId: string,
    points: readonly DayPoint[],
  ): Promise<ExportOutcome> {
    return exportResourceMetrics(exporter, [
      buildDayPointMetrics({
        resource: this.#tenant(tenantId).resource.current,
        points,
        enabledMetrics: this.#config.enabledMetrics,
      }),
    ]);
  }

  /** Every tenant, or the one `tenantId` names. */
  #selected(tenantId: string | undefined): readonly CollectorTenant[] {
    return tenantId === undefined ? this.#tenants : [this.#tenant(tenantId)];
  }

  #tenant(tenantId: string): CollectorTenant {
    const tenant = this.#tenants.find(({ source }) => source.tenantId === tenantId);
    if (!tenant) throw new Error(`no tenant ${tenantId} among the configured ones`);
    return tenant;
  }

  /**
   * Polls every tenant's service health once, or the one tenant `tenantId` names: the status gauges join the
   * tenant's snapshot, the issue (and message) events are exported and acknowledged, and only then are their
   * versions committed to the state store. Never throws; returns no results when serviceHealth is disabled.
   */
  async pollServiceHealth(signal: AbortSignal, tenantId?: string): Promise<ServiceHealthResult[]> {
    if (!this.#serviceHealth) return [];
    const results = await pollServiceHealth({
      tenants: this.#selected(tenantId),
      config: this.#config.serviceHealth,
      state: this.#serviceHealth.state,
      exporter: this.#serviceHealth.exporter,
      store: this.#store,
      selfMetrics: this.#selfMetrics,
      logger: this.#logger,
      signal,
      now: this.#now,
    });
    for (const result of results)
      this.#board.record(result.tenantId, 'service-health', serviceHealthOutcome(result));
    return results;
  }

  /**
   * Polls every enabled governance signal of every tenant (or of the one `tenantId` names) once, side by side:
   * each signal's observations replace its previous ones, its events are exported and acknowledged before its
   * progress is committed, and a signal that fails (a permission or licence the tenant lacks) fails alone. Never
   * throws; no results when governance is disabled.
   */
  async pollGovernance(signal: AbortSignal, tenantId?: string): Promise<GovernanceResult[]> {
    const results = await pollGovernance({
      tenants: this.#selected(tenantId).map((tenant) => ({
        tenantId: tenant.source.tenantId,
        sources: tenant.governance,
        events: tenant.events,
        resource: tenant.resource,
      })),
      exporter: this.#eventExporter,
      store: this.#store,
      failures: this.#failures,
      selfMetrics: this.#selfMetrics,
      logger: this.#logger,
      intervalMs: this.#config.governance.intervalMs,
      signal,
      now: this.#now,
    });
    for (const result of results)
      this.#board.record(result.tenantId, governanceSource(result.signal), governanceOutcome(result));
    return results;
  }

  /**
   * Reads the new final call records of every tenant (or of the one `tenantId` names) once (docs/governance.md):
   * counted into the call-quality metrics, a log record each with callQuality.records, the cursor committed after
   * each acknowledged batch. Never throws; no results when callQuality is disabled.
   */
  async pollCallQuality(signal: AbortSignal, tenantId?: string): Promise<CallQualityResult[]> {
    const results = this.#callQuality ? await this.#callQuality.poll(signal, tenantId) : [];
    for (const result of results)
      this.#board.record(result.tenantId, 'call-quality', callQualityOutcome(result));
    return results;
  }

  /** Typed by the wiring's own record types, so the collector itself needs none of the client's. */
  #wireCallQuality<Listing extends CallRecordListing, Full>(
    wiring: CallQualityWiring<Listing, Full>,
    state: RetainingStateStore,
    exporter: LogRecordExporter | undefined,
  ): {
    poll: (signal: AbortSignal, tenantId?: string) => Promise<CallQualityResult[]>;
    metrics: CallQualityMetrics<unknown>[];
  } {
    const tenants: CallQualityTenant<Listing, Full>[] = [];
    const metrics: CallQualityMetrics<Full>[] = [];
    for (const tenant of this.#tenants) {
      const wired = wiring.tenant(tenant.source, tenant.resource);
      metrics.push(wired.metrics);
      tenants.push({
        tenantId: tenant.source.tenantId,
        reader: wired.reader,
        events: tenant.events,
        record: (callRecord) => wired.metrics.record(callRecord),
      });
    }
    const records =
      this.#config.callQuality.records && exporter ? { event: wiring.event, exporter } : undefined;
    return {
      poll: (signal, tenantId) =>
        pollCallQuality({
          tenants:
            tenantId === undefined ? tenants : tenants.filter((tenant) => tenant.tenantId === tenantId),
          state,
          ...(records && { records }),
          failures: this.#failures,
          selfMetrics: this.#selfMetrics,
          logger: this.#logger,
          signal,
          now: this.#now,
        }),
      metrics,
    };
  }

  snapshots(tenantId: string): ReportSnapshot[] {
    return this.#store.snapshots(tenantId);
  }

  serviceHealth(tenantId: string): ServiceHealthSnapshot | undefined {
    return this.#store.serviceHealth(tenantId);
  }

  /**
   * Everything to export now: one ResourceMetrics per tenant (stamped now), its audit metrics when audit is enabled
   * (the same resource), then the self-metrics. The tenant's ResourceMetrics carries its sources' gauges too.
   */
  async resourceMetrics(): Promise<ResourceMetrics[]> {
    const nowMs = this.#now();
    const tenants = this.#tenants.map(({ source, resource }) =>
      withSourceGauges(
        buildReportMetrics({
          resource: resource.current,
          snapshots: this.#store.snapshots(source.tenantId),
          observations: [
            ...this.#store.tenantObservations(source.tenantId),
            ...(this.#store.serviceHealth(source.tenantId)?.observations ?? []),
            ...this.#store.governanceObservations(source.tenantId),
          ],
          enabledMetrics: this.#config.enabledMetrics,
          nowMs,
          time: this.#config.reports.time,
        }),
        this.#board.freshness(source.tenantId),
        nowMs,
      ),
    );
    const audit = await Promise.all(this.#tenants.flatMap(({ audit }) => (audit ? [audit.collect()] : [])));
    const calls = await Promise.all((this.#callQuality?.metrics ?? []).map((metrics) => metrics.collect()));
    return [...tenants, ...audit, ...calls, await this.#selfMetrics.collect()];
  }

  /**
   * Exports the current metrics; data points the backend rejects (a partial success) are counted and not resent.
   * Never buffered: the next export carries the latest values (and the counters' totals) anyway.
   */
  async export(exporter: PushMetricExporter): Promise<ExportOutcome> {
    const counted = new BufferedExporter(exporter, {
      signal: 'metrics',
      recorder: this.#selfMetrics.exports,
      bytesOf: metricBatchBytes,
      itemsOf: dataPointsOf,
    });
    const outcome = await exportResourceMetrics(counted, await this.resourceMetrics());
    if (outcome.rejected > 0) this.#selfMetrics.recordRejected('metrics', outcome.rejected);
    return outcome;
  }

  async close(): Promise<void> {
    await Promise.all([
      ...this.#tenants.flatMap((tenant) => [
        tenant.source.close(),
        ...(tenant.audit ? [tenant.audit.shutdown()] : []),
      ]),
      ...(this.#callQuality?.metrics ?? []).map((metrics) => metrics.shutdown()),
      this.#selfMetrics.shutdown(),
    ]);
  }
}
