import {
  type ClientCredential,
  loadCertificateCredential,
  resolveCloudEndpoints,
  scopeForResource,
  TokenProvider,
} from '@m365-otel/auth';
import { CallRecordsClient } from '@m365-otel/call-records';
import { ConnectHealthClient } from '@m365-otel/connect-health';
import { DirectoryClient } from '@m365-otel/directory';
import {
  isReportName,
  REPORT_CATALOG,
  type ReadOptions,
  type ReportName,
  type ReportPeriod,
  ReportsClient,
} from '@m365-otel/graph-reports';
import { HttpClient } from '@m365-otel/http';
import { ActivityClient, type ActivityClientOptions } from '@m365-otel/management-api';
import type {
  AccumulatorOptions,
  M365otelHttpStatusClass,
  ReportAccumulator,
  ReportMapping,
  ReportSnapshot,
} from '@m365-otel/mappers';
import type { AttemptOutcome, RequestObserver } from '@m365-otel/request-pipeline';
import { ServiceHealthClient } from '@m365-otel/service-health';
import type { TenantConfig } from '../config/types.js';
import type { SelfMetrics } from '../export/self-metrics.js';
import type { Logger } from '../logging/logger.js';

/**
 * A report read, or found unchanged since the refresh date or ETag the caller knew (nothing downloaded or mapped).
 * `refreshDate` and `etag` are what a later read passes back.
 */
export type ReportFetch =
  | {
      status: 'read';
      snapshot: ReportSnapshot;
      /** Data rows read from the CSV. */
      rows: number;
      refreshDate: string | undefined;
      etag: string | undefined;
    }
  | { status: 'unchanged'; refreshDate: string | undefined; etag: string | undefined };

/** Which report answer to ask for: the period, and what is known of the last answer the caller used. */
export interface ReportRequest extends Pick<ReadOptions, 'knownRefreshDate' | 'etag'> {
  period: ReportPeriod;
  /** Per-entity reports with details on: which rows are kept, and where their log records go. */
  records?: ReportRecords;
}

/** Where a per-entity report's log records go while its file downloads. */
export interface ReportRecords {
  /** The filter and record sink for one read of the file (the client reads it again whole after a broken transfer). */
  attempt(): NonNullable<AccumulatorOptions['entities']>;
  /** undefined when the records may keep coming; otherwise the download waits for the promise (see RowVisitor). */
  ready(signal: AbortSignal): Promise<void> | undefined;
}

/** What the collector decides about a tenant's Management Activity API client; the rest comes from the tenant. */
export type ActivityClientSettings = Pick<
  ActivityClientOptions,
  'publisherId' | 'onSkippedItem' | 'onRetentionExceeded' | 'onThrottled' | 'onClockSkew'
>;

/** The self-metrics a tenant's requests are counted in (`m365otel.http.*`). */
export type HttpSelfMetrics = Pick<SelfMetrics, 'recordHttpRequest' | 'recordHttpRetry'>;

export interface TenantSourceOptions {
  /** Where every request of the tenant's clients and token provider is counted; nothing is counted without it. */
  selfMetrics?: HttpSelfMetrics;
  /** Ends token requests at shutdown (a throttled authority may ask to wait for minutes). */
  stop?: AbortSignal;
}

/**
 * One tenant's connection to Microsoft: its HTTP client, token provider, reports and service-health clients, and on
 * request its Management Activity API client (same connection pool and credential, a token for the management host).
 */
export class TenantSource {
  readonly tenantId: string;
  /** Graph's serviceAnnouncement API on the same connection pool and token as the reports. */
  readonly serviceHealth: ServiceHealthClient;
  /** Teams call records, on the same connection pool and token as the reports. */
  readonly callRecords: CallRecordsClient;
  /** Graph's directory lists (licences, credentials, organization, sync, Identity Protection), same pool and token. */
  readonly directory: DirectoryClient;
  /**
   * Entra Connect Health on Azure Resource Manager: same pool and credential, a token for the ARM host; undefined
   * when the tenant's cloud has no ARM endpoint (cloud custom without endpoints.arm).
   */
  readonly connectHealth: ConnectHealthClient | undefined;
  readonly #tenant: TenantConfig;
  readonly #http: HttpClient;
  readonly #reports: ReportsClient;
  readonly #logger: Logger;
  readonly #stop: AbortSignal | undefined;
  readonly #management: string | undefined;
  readonly #authority: string;
  readonly #observer: RequestObserver | undefined;
  readonly #graphScope: string;
  #tokens: Promise<TokenProvider> | undefined;

  constructor(tenant: TenantConfig, logger: Logger, options: TenantSourceOptions = {}) {
    this.tenantId = tenant.tenantId;
    this.#tenant = tenant;
    this.#logger = logger;
    this.#stop = options.stop;
    const observer = options.selfMetrics && countingObserver(options.selfMetrics);
    this.#observer = observer;
    this.#http = new HttpClient(tenant.caFile ? { caFile: tenant.caFile } : {});
    const endpoints = resolveCloudEndpoints(tenant.cloud, tenant.endpoints);
    this.#management = endpoints.management;
    this.#authority = endpoints.authority;
    const scope = scopeForResource(endpoints.graph);
    this.#graphScope = scope;
    const getAccessToken = async (options?: { forceRefresh?: boolean }) => {
      const tokens = await this.#tokenProvider(endpoints.authority);
      return (await tokens.getToken(scope, options)).token;
    };
    const graph = {
      graphBaseUrl: endpoints.graph,
      http: this.#http,
      logger,
      getAccessToken,
      observer,
    };
    this.#reports = new ReportsClient(graph);
    this.serviceHealth = new ServiceHealthClient(graph);
    this.callRecords = new CallRecordsClient(graph);
    this.directory = new DirectoryClient(graph);
    const arm = endpoints.arm;
    const armScope = arm === undefined ? undefined : scopeForResource(arm);
    this.connectHealth =
      arm === undefined || armScope === undefined
        ? undefined
        : new ConnectHealthClient({
            armBaseUrl: arm,
            http: this.#http,
            logger,
            observer,
            getAccessToken: async (options?: { forceRefresh?: boolean }) => {
              const tokens = await this.#tokenProvider(endpoints.authority);
              return (await tokens.getToken(armScope, options)).token;
            },
          });
  }

  /**
   * Downloads one report and maps its rows; throws the client's error (ReportError, AuthError, ...) on failure,
   * also when the CSV lacks a column the mapping reads (a page in its place, or a column Microsoft renamed).
   */
  async fetch(mapping: ReportMapping, request: ReportRequest, signal: AbortSignal): Promise<ReportFetch> {
    const report = asReportName(mapping.report);
    const { period, records, ...conditional } = request;
    // A report that takes no parameters (the activations reports) describes its refresh date whatever the period.
    const query = REPORT_CATALOG[report].parameters === 'none' ? { report } : { report, period };
    const answer = await this.#reports.read(
      query,
      {
        start: (header) =>
          mapping.createAccumulator({ header, ...(records && { entities: records.attempt() }) }),
        row: (accumulator: ReportAccumulator, row) => accumulator.add(row),
        // Only reports with records wait for the exporter: the others are visited without an await per chunk.
        ...(records && {
          ready: (_accumulator: ReportAccumulator, signal: AbortSignal) => records.ready(signal),
        }),
      },
      { signal, requiredColumns: mapping.requiredColumns, ...conditional },
    );
    if (answer.status === 'unchanged')
      return { status: 'unchanged', refreshDate: answer.refreshDate, etag: answer.etag };
    if (answer.header.unknown.length > 0)
      this.#logger.debug('report has undocumented columns', { report, columns: answer.header.unknown });
    const snapshot = answer.state.finish();
    return {
      status: 'read',
      snapshot,
      rows: answer.rows,
      refreshDate: answer.refreshDate ?? snapshot.refreshDate,
      etag: answer.etag,
    };
  }

  /** Whether the tenant's reports conceal names; a ReportError with status 403 without ReportSettings.Read.All. */
  reportSettings(signal: AbortSignal): Promise<{ displayConcealedNames: boolean }> {
    return this.#reports.reportSettings(signal);
  }

  /** Acquires a Graph token (`diagnostic`): throws the AuthError every call of this tenant would meet. */
  async signIn(): Promise<void> {
    await (await this.#tokenProvider(this.#authority)).getToken(this.#graphScope);
  }

  /**
   * Reads a seven-row report without mapping it (`diagnostic`): the report call proves Reports.Read.All, the download
   * that the pre-authenticated URL it answers with is reachable.
   */
  async readProbeReport(signal: AbortSignal): Promise<void> {
    await this.#reports.read(
      { report: PROBE_REPORT, period: 'D7' },
      { start: () => undefined, row: () => undefined },
      { signal },
    );
  }

  /** A client of the tenant's audit log; throws when the tenant's cloud has no management endpoint. */
  activityClient(settings: ActivityClientSettings): ActivityClient {
    const management = this.#management;
    if (management === undefined)
      throw new Error(
        `tenant ${this.tenantId}: cloud custom without endpoints.management, so the audit log cannot be read`,
      );
    const scope = scopeForResource(management);
    return new ActivityClient({
      ...settings,
      managementBaseUrl: management,
      tenantId: this.tenantId,
      http: this.#http,
      logger: this.#logger,
      observer: this.#observer,
      getAccessToken: async (options?: { forceRefresh?: boolean }) => {
        const tokens = await this.#tokenProvider(this.#authority);
        return (await tokens.getToken(scope, options)).token;
      },
    });
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  /** Created on first use, so an unreadable certificate fails this tenant's fetches (and is retried next cycle). */
  #tokenProvider(authority: string): Promise<TokenProvider> {
    this.#tokens ??= this.#credential().then(
      (credential) =>
        new TokenProvider({
          tenantId: this.#tenant.tenantId,
          clientId: this.#tenant.clientId,
          credential,
          authority,
          http: this.#http,
          logger: this.#logger,
          observer: this.#observer,
          ...(this.#stop && { signal: this.#stop }),
        }),
    );
    this.#tokens.catch(() => {
      this.#tokens = undefined;
    });
    return this.#tokens;
  }

  #credential(): Promise<ClientCredential> {
    const credential = this.#tenant.credential;
    if (credential.kind === 'secret') return Promise.resolve({ kind: 'secret', secret: credential.secret });
    // The token file is read by the provider at each token request, not here: the kubelet rotates it.
    if (credential.kind === 'workloadIdentity')
      return Promise.resolve({ kind: 'workloadIdentity', tokenFile: credential.tokenFile });
    return loadCertificateCredential({ keyFile: credential.keyFile, certFile: credential.certFile });
  }
}

/** Counts what the tenant's pipelines are told: each request by its status class, each retry and throttled wait. */
function countingObserver(selfMetrics: HttpSelfMetrics): RequestObserver {
  return {
    attempted: (api, outcome) => selfMetrics.recordHttpRequest(api, statusClassOf(outcome)),
    retrying: (api, { reason, delayMs }) => selfMetrics.recordHttpRetry(api, reason, delayMs / 1000),
  };
}

function statusClassOf(outcome: AttemptOutcome): M365otelHttpStatusClass {
  if ('failure' in outcome) return 'network';
  if (outcome.status < 300) return '2xx';
  if (outcome.status < 400) return '3xx';
  return outcome.status < 500 ? '4xx' : '5xx';
}
/** The smallest report there is: one row a day, four columns. */
const PROBE_REPORT: ReportName = 'getMailboxUsageMailboxCounts';

function asReportName(report: string): ReportName {
  if (isReportName(report)) return report;
  throw new Error(`the mappers package maps report ${report}, which @m365-otel/graph-reports does not know`);
}
