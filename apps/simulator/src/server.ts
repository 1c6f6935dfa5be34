import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { accessPolicy } from './access.js';
import { ActivityFeed, type AuditBacklog } from './activity-feed.js';
import { CallRecordModel } from './call-records.js';
import { handleCallRecords } from './call-records-api.js';
import { handleArm, isArmRequest } from './connect-health.js';
import {
  emptyStats,
  isReportSettingsShape,
  REPORT_SETTINGS_SHAPES,
  type ReportSettingsShape,
  type SimulatorContext,
  type SimulatorStats,
} from './context.js';
import { directoryListAt, handleDirectoryList } from './directory-api.js';
import { handleJwks, handleOpenIdConfiguration, handleToken } from './entra.js';
import { type Fault, type FaultController, FaultQueue } from './faults.js';
import { type FederatedCredential, type FederatedSignIn, trustFederatedCredentials } from './federated.js';
import { GovernanceModel } from './governance-model.js';
import { type GovernanceTruth, governanceTruth } from './governance-truth.js';
import { handleDownload, handleReportCall, sendGraphError } from './graph.js';
import { HEADER_DRIFTS, type HeaderDrift, isHeaderDrift } from './header-drift.js';
import { BodyTooLargeError, ConnectionResetter, readBody, sendJson } from './http.js';
import { handleActivityFeed, isManagementRequest } from './management-api.js';
import { describeAppCertificate, generateRunPki } from './pki.js';
import { ReportEngine } from './report-engine.js';
import { handleReportSettings } from './report-settings.js';
import { isReportPeriod, REPORT_PERIODS, type ReportQuery, reportCalendar } from './reports.js';
import { handleServiceAnnouncement } from './service-announcement.js';
import {
  type EnumCase,
  type ServiceHealthController,
  ServiceHealthTimeline,
  timelineBase,
} from './service-health.js';
import { TenantModel } from './tenant.js';
import { GroundTruth } from './truth.js';

export interface SimulatorOptions {
  /** Everything generated (ids, secret, users, activity) is a function of the seed. Default 1. */
  seed?: number;
  /** Number of users (each with a mailbox). Default 25. */
  users?: number;
  /** Listen address. Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Host name used in download URLs, so they point at a different host than Graph. Default 'localhost'. */
  downloadHostName?: string;
  /** Where ca.pem and the app certificate files are written. Default: a new temp dir, removed by close(). */
  dataDir?: string;
  /**
   * The tenant's calendar: report refresh date = UTC day of now() - 2 days, and the `date=` window. Lifetimes
   * (tokens, download URLs, client assertions) use real elapsed time instead, so short lifetimes expire in tests
   * whatever day is simulated. Default: real time.
   */
  now?: () => Date;
  /** access token lifetime. Default 3599. */
  tokenLifetimeSeconds?: number;
  /** Lifetime of pre-authenticated download URLs. Default 300. */
  downloadUrlLifetimeSeconds?: number;
  /**
   * The tenant's report setting at start (`/admin/reportSettings` `displayConcealedNames`, which a PATCH changes):
   * reports show users, groups and sites as 32-hex pseudonyms, as tenants do by default since 2021. Default false.
   */
  concealedNames?: boolean;
  /**
   * The body of `GET /admin/reportSettings`: 'entity' (default), the resource as the service sends it, or 'wrapped',
   * under `value` as Microsoft's documentation example shows it; a client must read both.
   */
  reportSettingsShape?: ReportSettingsShape;
  /**
   * Every report file's header drifts this way from the catalog's (header-drift.ts): 'reorder', 'rename', 'missing'
   * or 'extra'. Faults of kind `header-*` drift one file. Default: none.
   */
  headerDrift?: HeaderDrift;
  /**
   * Casing of the service-health enum values sent: 'camel' (default: `serviceOperational`, `incident`, `html`) or
   * 'pascal', as in the Graph doc examples (`ServiceOperational`, `Incident`, `Html`).
   */
  enumCase?: EnumCase;
  /** The service-health timeline step to start at, 0..6. Default 0. */
  serviceHealthStep?: number;
  /**
   * Host name of the Management Activity API, which answers only requests addressed to it (as manage.office.com is
   * not graph.microsoft.com). Default 'localhost'.
   */
  managementHostName?: string;
  /** Items per page of the Management Activity API's content listing before a NextPageUri. Default 100. */
  contentPageSize?: number;
  /**
   * A dense audit log for load tests instead of the realistic one: every content type publishes a blob at the start
   * of every `slotMinutes`, each with exactly `recordsPerBlob` records of its own (plus, on about 5 % of blobs, a
   * re-published one). 24 hours then hold 5 * (1440 / slotMinutes) * recordsPerBlob records, e.g.
   * `{ recordsPerBlob: 700, slotMinutes: 5 }` -> 1,008,000. Default: the realistic feed (1..30 records per blob).
   */
  auditBacklog?: AuditBacklog;
  /**
   * How far the simulator's clock runs ahead of `now` (negative: behind), in ms, within ±1 day: the calendar, what
   * the audit feed has published, its retention checks and the `Date` header of its answers all follow the skewed
   * clock, as a service whose clock is off would. `setClockSkew` changes it while running. Default 0.
   */
  clockSkewMs?: number;
  /**
   * Host name of Azure Resource Manager (Entra Connect Health), which answers only requests addressed to it, as
   * management.azure.com is not graph.microsoft.com. Default 'arm.localhost'.
   */
  armHostName?: string;
  /**
   * The permissions granted to the app (Graph application permissions and Azure RBAC actions): an endpoint needing
   * one that is missing answers 403 as Microsoft does. Default: every permission an endpoint declares.
   */
  grantedPermissions?: readonly string[];
  /** Whether the tenant holds Entra ID P2: without it Identity Protection answers 403. Default true. */
  entraIdP2?: boolean;
  /**
   * The app's federated identity credentials (Azure Workload Identity): a client assertion that is a token from one
   * of these issuers, signed by its key, about its subject, for its audience and within its time, signs the app in;
   * otherwise the token endpoint answers Entra's AADSTS error (700211 issuer, 700213 subject, 700212 audience,
   * 7000272 unknown key, 50013 bad signature, 700024 expired). `createServiceAccountIssuer` makes an issuer and its
   * tokens. Default: none.
   */
  federatedCredentials?: readonly FederatedCredential[];
  /** Called for each federated token accepted, before the token answer is sent. */
  onFederatedSignIn?: (signIn: FederatedSignIn) => void;
}

export interface RunningSimulator {
  /** https://HOST:PORT */
  url: string;
  /** Entra authority base: token endpoint is {authorityUrl}/{tenantId}/oauth2/v2.0/token. */
  authorityUrl: string;
  /** Graph base: reports are {graphUrl}/v1.0/reports/... */
  graphUrl: string;
  /**
   * Management Activity API base on its own host name: {managementUrl}/api/v1.0/{tenantId}/activity/feed/...; tokens
   * for it are requested with scope `{managementUrl}/.default` or `https://manage.office.com/.default`.
   */
  managementUrl: string;
  /** Azure Resource Manager base on its own host name: {armUrl}/providers/Microsoft.ADHybridHealthService/...; scope `{armUrl}/.default` or `https://management.azure.com/.default`. */
  armUrl: string;
  /** PEM of the per-run CA that signed the server certificate. */
  caFile: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** A certificate registered on the app, also accepted as a credential. */
  certificate: { keyFile: string; certFile: string };
  truth: GroundTruth;
  faults: FaultController;
  /** Steps the scripted service-health timeline (step n happens n * 10 min after the base, three hours before the start hour). */
  serviceHealth: ServiceHealthController;
  /** The expected governance metrics, credentials and risk detections at `now` (default: the simulator's clock). */
  governanceTruth(now?: Date): GovernanceTruth;
  /** Sets `clockSkewMs` from now on (the same rules as the option). */
  setClockSkew(ms: number): void;
  stats(): SimulatorStats;
  /**
   * The bearer tokens it issued and the secret parts of the pre-authenticated download URLs it handed out, those
   * not yet forgotten (a token until it expires, a download URL an hour after): what a client must never print.
   */
  issuedSecrets(): { accessTokens: string[]; downloadIds: string[] };
  close(): Promise<void>;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`simulator ${name} must be a positive integer, got ${value}`);
  return value;
}

const MAX_CLOCK_SKEW_MS = 24 * 3_600_000;

function clockSkew(ms: number): number {
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > MAX_CLOCK_SKEW_MS) {
    throw new Error(`simulator clockSkewMs must be an integer within ±${MAX_CLOCK_SKEW_MS}, got ${ms}`);
  }
  return ms;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const downloadHostName = options.downloadHostName ?? 'localhost';
  const managementHostName = options.managementHostName ?? 'localhost';
  const armHostName = options.armHostName ?? 'arm.localhost';
  const access = accessPolicy(options.grantedPermissions, options.entraIdP2 ?? true);
  const federatedCredentials = trustFederatedCredentials(options.federatedCredentials ?? []);
  const contentPageSize = positiveInteger('contentPageSize', options.contentPageSize ?? 100);
  const tokenLifetimeSeconds = positiveInteger('tokenLifetimeSeconds', options.tokenLifetimeSeconds ?? 3599);
  const downloadUrlLifetimeSeconds = positiveInteger(
    'downloadUrlLifetimeSeconds',
    options.downloadUrlLifetimeSeconds ?? 300,
  );
  if (options.enumCase !== undefined && options.enumCase !== 'camel' && options.enumCase !== 'pascal') {
    throw new Error(`simulator enumCase must be 'camel' or 'pascal', got '${String(options.enumCase)}'`);
  }
  const baseNow = options.now ?? (() => new Date());
  let skewMs = clockSkew(options.clockSkewMs ?? 0);
  const now = (): Date => new Date(baseNow().getTime() + skewMs);
  const setClockSkew = (ms: number): void => {
    skewMs = clockSkew(ms);
  };
  const calendar = () => reportCalendar(now());
  const model = new TenantModel({
    seed: options.seed ?? 1,
    users: options.users ?? 25,
    concealedNames: options.concealedNames ?? false,
    anchorDay: calendar().refreshDay,
  });
  if (options.headerDrift !== undefined && !isHeaderDrift(options.headerDrift)) {
    throw new Error(
      `simulator headerDrift must be one of ${HEADER_DRIFTS.join(', ')}, got '${String(options.headerDrift)}'`,
    );
  }
  const headerDrift = options.headerDrift;
  const reportSettingsShape = options.reportSettingsShape ?? 'entity';
  if (!isReportSettingsShape(reportSettingsShape)) {
    throw new Error(
      `simulator reportSettingsShape must be one of ${REPORT_SETTINGS_SHAPES.join(', ')}, got '${String(reportSettingsShape)}'`,
    );
  }
  const reports = new ReportEngine(model);
  const reportSettings = { displayConcealedNames: options.concealedNames ?? false };
  const serviceHealth = new ServiceHealthTimeline(timelineBase(now()), options.serviceHealthStep ?? 0);
  const activityFeed = new ActivityFeed(model, options.auditBacklog);
  const callRecords = new CallRecordModel(model);
  const truth = new GroundTruth(
    model,
    reports,
    { concealed: () => reportSettings.displayConcealedNames, headerDrift: () => headerDrift },
    calendar,
    serviceHealth,
    activityFeed,
    now,
    callRecords,
  );
  const faults = new FaultQueue();
  const stats = emptyStats();

  const pki = await generateRunPki([
    'localhost',
    '127.0.0.1',
    '::1',
    host,
    downloadHostName,
    managementHostName,
    armHostName,
  ]);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'm365-otel-simulator-')));
  await mkdir(dataDir, { recursive: true });
  const caFile = join(dataDir, 'ca.pem');
  const certificate = { keyFile: join(dataDir, 'app-key.pem'), certFile: join(dataDir, 'app-cert.pem') };
  await writeFile(caFile, pki.ca.certificatePem);
  await writeFile(certificate.certFile, pki.app.certificatePem);
  await writeFile(certificate.keyFile, pki.app.privateKeyPem, { mode: 0o600 });

  const appCertificate = describeAppCertificate(pki.app.certificatePem);
  const governance = new GovernanceModel({
    tenant: model,
    anchorMs: now().getTime(),
    certificate: appCertificate,
  });
  const truthOfGovernance = (at: Date = now()): GovernanceTruth =>
    governanceTruth(
      governance,
      {
        clientId: model.clientId,
        clientSecret: model.clientSecret,
        thumbprintHex: appCertificate.thumbprintHex,
      },
      at,
    );
  let ctx: SimulatorContext | undefined;
  const server = createServer(
    { key: pki.server.privateKeyPem, cert: pki.server.certificatePem },
    (req, res) => {
      if (ctx === undefined) {
        res.writeHead(503).end();
        return;
      }
      route(ctx, truth, truthOfGovernance, req, res).catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        sendJson(res, 500, {
          error: {
            code: 'generalException',
            message: error instanceof Error ? error.message : String(error),
          },
        });
      });
    },
  );
  const connections = new ConnectionResetter();
  server.on('connection', (socket: Socket) => connections.track(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://${urlHost(host)}:${port}`;
  ctx = {
    url,
    downloadOrigin: `https://${urlHost(downloadHostName)}:${port}`,
    model,
    reports,
    reportSettings,
    reportSettingsShape,
    headerDrift,
    faults,
    stats,
    tokens: new Map(),
    downloads: new Map(),
    appCertificate,
    federatedCredentials,
    onFederatedSignIn: options.onFederatedSignIn,
    connections,
    tokenLifetimeSeconds,
    downloadUrlLifetimeSeconds,
    calendar,
    serviceHealth,
    enumCase: options.enumCase ?? 'camel',
    now,
    managementOrigin: `https://${urlHost(managementHostName)}:${port}`,
    activityFeed,
    subscriptions: new Map(),
    contentPageSize,
    clockSkew: { get: () => skewMs, set: setClockSkew },
    governance,
    access,
    armOrigin: `https://${urlHost(armHostName)}:${port}`,
    callRecords,
  };

  return {
    url,
    authorityUrl: url,
    graphUrl: url,
    managementUrl: ctx.managementOrigin,
    armUrl: ctx.armOrigin,
    caFile,
    tenantId: model.tenantId,
    clientId: model.clientId,
    clientSecret: model.clientSecret,
    certificate,
    truth,
    faults,
    serviceHealth: {
      get step() {
        return serviceHealth.step;
      },
      lastStep: serviceHealth.lastStep,
      advance: () => serviceHealth.advance(),
      setStep: (step: number) => serviceHealth.setStep(step),
    },
    governanceTruth: truthOfGovernance,
    setClockSkew,
    issuedSecrets: () => ({ accessTokens: [...ctx.tokens.keys()], downloadIds: [...ctx.downloads.keys()] }),
    stats: () => ({
      ...stats,
      reportRequestsByFunction: { ...stats.reportRequestsByFunction },
      governanceRequestsByPath: { ...stats.governanceRequestsByPath },
      callRecordGetsById: { ...stats.callRecordGetsById },
    }),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function route(
  ctx: SimulatorContext,
  truth: GroundTruth,
  governanceTruth: (at?: Date) => GovernanceTruth,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://simulator.invalid');
  const { pathname, searchParams } = url;
  if (pathname.startsWith('/_simulator/')) {
    await handleControl(ctx, truth, governanceTruth, req, res, pathname, searchParams);
    return;
  }
  ctx.stats.requests += 1;
  const segments = pathname.split('/').slice(1);
  const [first, second, third, fourth] = segments;
  // By path as well as by host, so that the ARM host may share a name with the management or download host.
  if (first === 'providers' && isArmRequest(ctx, req)) {
    await handleArm(ctx, req, res, url);
    return;
  }
  if (
    first === 'api' &&
    second === 'v1.0' &&
    third !== undefined &&
    fourth === 'activity' &&
    segments[4] === 'feed' &&
    isManagementRequest(ctx, req)
  ) {
    await handleActivityFeed(ctx, req, res, third, segments.slice(5), url);
    return;
  }
  if (first === 'data' && second === 'download' && third !== undefined && segments.length === 3) {
    await handleDownload(ctx, req, res, third);
    return;
  }
  const directoryList = first === 'v1.0' ? directoryListAt(segments.slice(1).join('/')) : undefined;
  if (directoryList !== undefined) {
    await handleDirectoryList(ctx, req, res, directoryList, url);
    return;
  }
  if (first === 'v1.0' || first === 'beta') {
    if (second === 'admin' && third === 'reportSettings' && segments.length === 3) {
      await handleReportSettings(ctx, req, res, first);
      return;
    }
    if (second === 'admin' && first === 'v1.0') {
      await handleServiceAnnouncement(ctx, req, res, segments.slice(2), url);
      return;
    }
    if (first === 'v1.0' && second === 'communications' && third?.startsWith('callRecords')) {
      await handleCallRecords(ctx, req, res, segments.slice(2), url);
      return;
    }
    if (second === 'reports' && segments.length === 3 && third !== undefined) {
      await handleReportCall(ctx, req, res, { version: first, copilot: false }, third, searchParams);
      return;
    }
    if (second === 'copilot' && third === 'reports' && segments.length === 4 && fourth !== undefined) {
      await handleReportCall(ctx, req, res, { version: first, copilot: true }, fourth, searchParams);
      return;
    }
    sendGraphError(req, res, 400, 'BadRequest', `Resource not found for the segment '${second ?? ''}'.`);
    return;
  }
  if (first !== undefined && first !== '' && segments.length === 4) {
    if (second === 'oauth2' && third === 'v2.0' && fourth === 'token') {
      await handleToken(ctx, req, res, first);
      return;
    }
    if (second === 'v2.0' && third === '.well-known' && fourth === 'openid-configuration') {
      handleOpenIdConfiguration(ctx, req, res, first);
      return;
    }
    if (second === 'discovery' && third === 'v2.0' && fourth === 'keys') {
      handleJwks(ctx, req, res, first);
      return;
    }
  }
  sendJson(res, 404, { error: { code: 'NotFound', message: `No simulated endpoint at ${pathname}` } });
}

/** `period=` or `date=` (or neither, for the parameterless reports). */
function queryFromSearch(search: URLSearchParams): ReportQuery {
  const period = search.get('period');
  const date = search.get('date');
  if (period === null && date === null) return {};
  if (isReportPeriod(period) && date === null) return { period };
  if (date !== null && period === null) return { date };
  throw new Error(`give either period (${REPORT_PERIODS.join(', ')}) or date=YYYY-MM-DD`);
}

/** The test/demo side door: truth, stats and faults as JSON. Never part of what a collector talks to. */
async function handleControl(
  ctx: SimulatorContext,
  truth: GroundTruth,
  governanceTruth: (at?: Date) => GovernanceTruth,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  search: URLSearchParams,
): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    switch (`${method} ${pathname}`) {
      case 'GET /_simulator/truth':
        sendJson(res, 200, truth.summary());
        return;
      case 'GET /_simulator/truth/daily-counts': {
        const period = search.get('period');
        if (!isReportPeriod(period)) throw new Error(`period must be one of ${REPORT_PERIODS.join(', ')}`);
        const report = search.get('report') ?? '';
        // The asynchronous pass keeps the server responsive on big tenants; truth then reads the cache.
        await truth.prepare(report, { period });
        sendJson(res, 200, truth.dailyCounts(report, period));
        return;
      }
      case 'GET /_simulator/truth/report': {
        const report = search.get('name') ?? '';
        const query = queryFromSearch(search);
        await truth.prepare(report, query);
        sendJson(res, 200, truth.report(report, query));
        return;
      }
      case 'GET /_simulator/truth/detail-totals':
        sendJson(res, 200, truth.detailTotals(search.get('report') ?? '', queryFromSearch(search)));
        return;
      case 'GET /_simulator/truth/detail-rows': {
        const rows = truth.detailRows(search.get('report') ?? '', queryFromSearch(search));
        // Pull the first row now, so a bad request fails with 400 before the 200 is sent.
        const first = rows.next();
        res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
        await pipeline(Readable.from(ndjson(first, rows)), res);
        return;
      }
      case 'GET /_simulator/truth/audit':
        sendJson(res, 200, truth.auditRecords(...auditQuery(search)));
        return;
      case 'GET /_simulator/truth/audit-count':
        sendJson(res, 200, truth.auditCount(...auditQuery(search)));
        return;
      case 'GET /_simulator/truth/audit-ids': {
        const ids = truth.auditRecordIds(...auditQuery(search));
        // As for detail rows: the first step validates the query before the 200.
        const first = ids.next();
        res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
        await pipeline(Readable.from(ndjson(first, ids)), res);
        return;
      }
      case 'GET /_simulator/truth/governance': {
        const at = search.get('now');
        const when = at === null ? undefined : new Date(at);
        if (when !== undefined && Number.isNaN(when.getTime()))
          throw new Error(`now must be an ISO time, got '${at}'`);
        // The licences are counted without blocking the server (a million users take seconds).
        await ctx.governance.prepare();
        sendJson(res, 200, governanceTruth(when));
        return;
      }
      case 'GET /_simulator/truth/call-records':
        sendJson(res, 200, truth.callRecords(search.get('from') ?? '', search.get('to') ?? ''));
        return;
      case 'GET /_simulator/truth/service-health':
        sendJson(res, 200, truth.serviceHealth());
        return;
      case 'GET /_simulator/service-health':
        sendJson(res, 200, { step: ctx.serviceHealth.step, lastStep: ctx.serviceHealth.lastStep });
        return;
      case 'POST /_simulator/service-health/step': {
        const body = await readJson(req, 'step body', true);
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          throw new Error('step body must be a JSON object: {} to advance or {"step": n}');
        }
        const { step, ...unknown } = body as Record<string, unknown>;
        const extra = Object.keys(unknown)[0];
        if (extra !== undefined) throw new Error(`step body has unknown field '${extra}'`);
        if (step === undefined) ctx.serviceHealth.advance();
        else ctx.serviceHealth.setStep(step as number);
        sendJson(res, 200, { step: ctx.serviceHealth.step, lastStep: ctx.serviceHealth.lastStep });
        return;
      }
      case 'GET /_simulator/clock':
        sendJson(res, 200, { now: ctx.now().toISOString(), skewMs: ctx.clockSkew.get() });
        return;
      case 'POST /_simulator/clock': {
        const body = await readJson(req, 'clock body');
        const { skewMs, ...unknown } = (typeof body === 'object' && body !== null ? body : {}) as Record<
          string,
          unknown
        >;
        const extra = Object.keys(unknown)[0];
        if (extra !== undefined) throw new Error(`clock body has unknown field '${extra}'`);
        if (typeof skewMs !== 'number') throw new Error('clock body must be {"skewMs": n}');
        ctx.clockSkew.set(skewMs);
        sendJson(res, 200, { now: ctx.now().toISOString(), skewMs: ctx.clockSkew.get() });
        return;
      }
      case 'GET /_simulator/stats':
        sendJson(res, 200, { ...ctx.stats });
        return;
      case 'GET /_simulator/faults':
        sendJson(res, 200, ctx.faults.pending());
        return;
      case 'POST /_simulator/faults': {
        const fault = await readJson(req, 'fault body');
        ctx.faults.inject(fault as Fault);
        sendJson(res, 201, ctx.faults.pending());
        return;
      }
      case 'DELETE /_simulator/faults':
        ctx.faults.clear();
        res.writeHead(204).end();
        return;
      default:
        sendJson(res, 404, { error: `no control endpoint ${method} ${pathname}` });
    }
  } catch (error) {
    if (res.headersSent) throw error;
    // Validation errors of the truth and fault APIs are the caller's mistakes: 400 with the precise message.
    sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** contentType, startTime and endTime of an audit truth query. */
function auditQuery(search: URLSearchParams): [contentType: string, start: Date, end: Date] {
  return [
    search.get('contentType') ?? '',
    new Date(search.get('startTime') ?? ''),
    new Date(search.get('endTime') ?? ''),
  ];
}

/** A small JSON request body; with `emptyIsObject`, an empty body counts as `{}`. */
async function readJson(req: IncomingMessage, what: string, emptyIsObject = false): Promise<unknown> {
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new Error(error.message);
    throw error;
  }
  if (emptyIsObject && text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON`);
  }
}

function* ndjson(first: IteratorResult<object>, rest: Iterator<object>): Generator<string> {
  let batch = '';
  for (let item = first; item.done !== true; item = rest.next()) {
    batch += `${JSON.stringify(item.value)}\n`;
    if (batch.length >= 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  yield batch;
}
