import type { ActivityFeed, ContentType } from './activity-feed.js';
import type { CallRecordModel } from './call-records.js';
import { type CallRecordStats, emptyCallRecordStats } from './call-records-stats.js';
import type { FaultQueue } from './faults.js';
import type { FederatedSignIn, TrustedFederatedCredential } from './federated.js';
import type { GovernanceModel } from './governance-model.js';
import type { HeaderDrift } from './header-drift.js';
import type { ConnectionResetter } from './http.js';
import type { AppCertificate } from './pki.js';
import type { ReportEngine } from './report-engine.js';
import type { ReportRequest } from './report-file.js';
import type { ReportCalendar } from './reports.js';
import type { EnumCase, ServiceHealthTimeline } from './service-health.js';
import type { TenantModel } from './tenant.js';

export interface SimulatorStats extends CallRecordStats {
  /** Every request except the simulator's own control and truth endpoints. */
  requests: number;
  tokenRequests: number;
  tokensIssued: number;
  /** Of those, the ones a federated token (Workload Identity) signed for. */
  federatedSignIns: number;
  /** Graph report function calls (before any fault or error). */
  reportRequests: number;
  /**
   * The same calls per function, under the catalog's spelling (Graph matches names case-insensitively); a name the
   * catalog does not know is counted as written.
   */
  reportRequestsByFunction: Record<string, number>;
  /** Of those, the ones answered 304 Not Modified (If-None-Match matched the file's ETag). */
  reportsNotModified: number;
  /** CSV report rows written into download bodies: generation follows the client's reading, like the audit blobs. */
  reportRowsGenerated: number;
  /** Calls of /admin/reportSettings (GET or PATCH, before any fault or error). */
  reportSettingsRequests: number;
  /** Requests for pre-authenticated download URLs. */
  downloads: number;
  /** Download requests that carried an Authorization header: a bearer token leaked to the download host. */
  downloadsWithAuthorization: number;
  faultsServed: number;
  /** Calls under /v1.0/admin/serviceAnnouncement (before any fault or error). */
  serviceHealthRequests: number;
  /** Requests to the Management Activity API host (before any fault or error). */
  managementRequests: number;
  /** Of those, the ones without a `PublisherIdentifier`: Microsoft counts them against a shared quota. */
  managementRequestsWithoutPublisher: number;
  /** Audit records generated into blob bodies: generation follows the client's reading, so one that stops, stops it. */
  auditRecordsGenerated: number;
  /**
   * Calls of the governance lists per path (before any error): `/v1.0/applications`, `/v1.0/identityProtection/riskyUsers`,
   * ..., and on the ARM host `/providers/Microsoft.ADHybridHealthService/services` and `.../services/{serviceName}/alerts`.
   */
  governanceRequestsByPath: Record<string, number>;
}

export function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    tokenRequests: 0,
    tokensIssued: 0,
    federatedSignIns: 0,
    reportRequests: 0,
    reportRequestsByFunction: {},
    reportsNotModified: 0,
    reportRowsGenerated: 0,
    reportSettingsRequests: 0,
    downloads: 0,
    downloadsWithAuthorization: 0,
    faultsServed: 0,
    serviceHealthRequests: 0,
    managementRequests: 0,
    managementRequestsWithoutPublisher: 0,
    auditRecordsGenerated: 0,
    governanceRequestsByPath: {},
    ...emptyCallRecordStats(),
  };
}

export interface IssuedToken {
  /** Real time (Date.now) after which Graph answers 401. */
  expiresAtMs: number;
  /** The resource of the `scope` the token was issued for, e.g. https://graph.microsoft.com. */
  resource: string;
}

/** A report file behind a pre-authenticated URL: the request is captured at the 302 (day, names, drift). */
export interface PendingDownload extends ReportRequest {
  expiresAtMs: number;
}

/** The tenant's `/admin/reportSettings`. */
export interface ReportSettings {
  /** True: every report shows users, groups and sites as 32-hex pseudonyms. */
  displayConcealedNames: boolean;
}

/**
 * The body of `GET /admin/reportSettings`: `entity`, the resource itself as the service and its CLI show it;
 * `wrapped`, the resource under `value`, as Microsoft's documentation example shows it.
 */
export type ReportSettingsShape = 'entity' | 'wrapped';
export const REPORT_SETTINGS_SHAPES: readonly ReportSettingsShape[] = ['entity', 'wrapped'];

export function isReportSettingsShape(value: unknown): value is ReportSettingsShape {
  return (REPORT_SETTINGS_SHAPES as readonly unknown[]).includes(value);
}

/**
 * What the app registration may read: the permissions granted to it (Graph application permissions and Azure RBAC
 * actions alike) and whether the tenant holds the Entra ID P2 licence Identity Protection needs.
 */
export interface AccessPolicy {
  granted: ReadonlySet<string>;
  entraIdP2: boolean;
}

/** Everything the request handlers share. */
export interface SimulatorContext {
  url: string;
  /** https://{downloadHostName}:{port}: the host of pre-authenticated download URLs. */
  downloadOrigin: string;
  model: TenantModel;
  reports: ReportEngine;
  reportSettings: ReportSettings;
  reportSettingsShape: ReportSettingsShape;
  /** Every report's header drifts this way (the `headerDrift` option); faults drift one file. */
  headerDrift: HeaderDrift | undefined;
  faults: FaultQueue;
  stats: SimulatorStats;
  tokens: Map<string, IssuedToken>;
  downloads: Map<string, PendingDownload>;
  appCertificate: AppCertificate;
  /** The app's federated identity credentials (the `federatedCredentials` option). */
  federatedCredentials: readonly TrustedFederatedCredential[];
  /** Told of each federated token accepted, before the answer is sent (the `onFederatedSignIn` option). */
  onFederatedSignIn: ((signIn: FederatedSignIn) => void) | undefined;
  connections: ConnectionResetter;
  tokenLifetimeSeconds: number;
  downloadUrlLifetimeSeconds: number;
  /** The report calendar from the simulator's clock. */
  calendar(): ReportCalendar;
  serviceHealth: ServiceHealthTimeline;
  /** Casing of the service-health enum values sent (the stored timeline is camelCase). */
  enumCase: EnumCase;
  /** The simulated clock (the same one as the report calendar): what the audit feed has published by now. */
  now(): Date;
  /** https://{managementHostName}:{port}: the Management Activity API's own host. */
  managementOrigin: string;
  activityFeed: ActivityFeed;
  /** Subscription state per content type; absent = never started. */
  subscriptions: Map<ContentType, 'enabled' | 'disabled'>;
  /** Items per page of `subscriptions/content` before a NextPageUri. */
  contentPageSize: number;
  /** How far `now` runs ahead of the caller's clock (the `clockSkewMs` option), for the control endpoints. */
  clockSkew: { get(): number; set(ms: number): void };
  /** Licences, app credentials, directory sync, Identity Protection and Connect Health. */
  governance: GovernanceModel;
  /** The permissions granted to the app and the tenant's Entra ID P2 licence. */
  access: AccessPolicy;
  /** https://{armHostName}:{port}: Azure Resource Manager's own host (Entra Connect Health). */
  armOrigin: string;
  /** The Teams call records (`/communications/callRecords`). */
  callRecords: CallRecordModel;
}
