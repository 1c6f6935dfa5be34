import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPORT_CATALOG, REPORT_NAMES, type ReportName } from '@m365-otel/report-catalog';
import type { PendingDownload, SimulatorContext } from './context.js';
import { isGraphResource, retryAfter } from './entra.js';
import {
  type ActiveFault,
  BODY_FAULTS,
  DRIFT_OF_KIND,
  FAULT_KINDS,
  type FaultKind,
  type FaultTarget,
  isServerErrorKind,
  REDIRECT_KINDS,
  SERVER_ERRORS,
} from './faults.js';
import { graphDate, header, sendAnswer, sendBody, sendJson, sendRedirect } from './http.js';
import { type ReportRequest, reportCsv, reportJson } from './report-file.js';
import { type RawReportQuery, resolveQuery } from './reports.js';

/** Faults answered before the access token is even looked at, as a throttling front end or a proxy does. */
export const FRONT_DOOR_FAULTS: readonly FaultKind[] = [
  '429',
  '429-http-date',
  '429-no-retry-after',
  '500',
  '502',
  '503',
  '504',
  'reset',
  'slow-headers',
  ...REDIRECT_KINDS,
];
/** Expired download entries are kept this long so a late fetch gets 403 (expired) rather than 404 (unknown). */
const EXPIRED_DOWNLOAD_MEMORY_MS = 3_600_000;

export function graphHeaders(req: IncomingMessage, requestId: string): OutgoingHttpHeaders {
  return {
    'request-id': requestId,
    'client-request-id': header(req, 'client-request-id') ?? requestId,
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: {
        DataCenter: 'Loopback',
        Slice: 'E',
        Ring: '0',
        ScaleUnit: '000',
        RoleInstance: 'SIMULATOR',
      },
    }),
    'Strict-Transport-Security': 'max-age=31536000',
  };
}

export function sendGraphError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extraHeaders: OutgoingHttpHeaders = {},
): void {
  const requestId = randomUUID();
  const headers = graphHeaders(req, requestId);
  sendJson(
    res,
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: graphDate(Date.now()),
          'request-id': requestId,
          'client-request-id': headers['client-request-id'],
        },
      },
    },
    { ...headers, ...extraHeaders },
  );
}

/** Throttling and outage answers in Graph's documented shapes (docs/microsoft-apis.md#throttling-and-retry-after). */
export function serveGraphFault(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  fault: ActiveFault,
): void {
  if (fault.kind === 'reset') {
    ctx.connections.reset(req);
    return;
  }
  const requestId = randomUUID();
  const headers: OutgoingHttpHeaders = graphHeaders(req, requestId);
  if ((REDIRECT_KINDS as readonly FaultKind[]).includes(fault.kind)) {
    sendRedirect(req, res, fault, headers);
    return;
  }
  const after = retryAfter(fault);
  if (after !== undefined) headers['Retry-After'] = after;
  const date = graphDate(Date.now());
  if (isServerErrorKind(fault.kind)) {
    const { status, code, message } = SERVER_ERRORS[fault.kind];
    sendJson(
      res,
      status,
      {
        error: {
          code,
          message,
          innerError: { date, 'request-id': requestId, 'client-request-id': headers['client-request-id'] },
        },
      },
      headers,
    );
    return;
  }
  sendJson(
    res,
    429,
    {
      error: {
        code: 'TooManyRequests',
        innerError: {
          code: '429',
          date,
          message: 'Please retry after',
          'request-id': requestId,
          status: '429',
        },
        message: 'Please retry again later.',
      },
    },
    headers,
  );
}

interface ParsedSegment {
  report: ReportName | undefined;
  /** The function name as sent, for "Resource not found for the segment" messages. */
  name: string;
  query: RawReportQuery | undefined;
}

const SEGMENT = /^(?:microsoft\.graph\.)?([A-Za-z0-9]+)(?:\((.*)\))?$/;
// period is an Edm.String (quoted); date is an Edm.Date, unquoted in v1.0 but quoted on some doc pages.
const PERIOD_ARG = /^period='([^']*)'$/;
const DATE_ARG = /^date=(?:'([^']*)'|([0-9-]+))$/;

function parseSegment(raw: string): ParsedSegment {
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return { report: undefined, name: raw, query: undefined };
  }
  const match = SEGMENT.exec(segment);
  const name = match?.[1] ?? segment;
  const lower = name.toLowerCase();
  // OData function names are matched case-insensitively by Graph.
  const report = REPORT_NAMES.find((candidate) => candidate.toLowerCase() === lower);
  const args = match?.[2];
  // A parameterless function (the activation reports) is called without parentheses, or with empty ones.
  if (args === undefined || args === '') return { report, name, query: match === null ? undefined : {} };
  const period = PERIOD_ARG.exec(args);
  if (period?.[1] !== undefined) return { report, name, query: { period: period[1] } };
  const date = DATE_ARG.exec(args);
  const dateText = date?.[1] ?? date?.[2];
  return { report, name, query: dateText === undefined ? undefined : { date: dateText } };
}

/** Where a report call arrived: `/{version}/reports/...` or `/{version}/copilot/reports/...`. */
export interface ReportPath {
  version: 'v1.0' | 'beta';
  copilot: boolean;
}

/**
 * Whether a function answers at that path: v1.0 functions at both versions' `/reports`, beta-only ones (Forms) at
 * `/beta/reports` only, the Copilot ones at `/copilot/reports` of both versions and at their older `/beta/reports`.
 */
function servedAt(report: ReportName, path: ReportPath): boolean {
  switch (REPORT_CATALOG[report].endpoint) {
    case 'reports':
      return !path.copilot;
    case 'beta-reports':
      return !path.copilot && path.version === 'beta';
    case 'copilot-reports':
      return path.copilot || path.version === 'beta';
  }
}

const JSON_FORMAT = 'application/json';
const CSV_FORMAT = 'text/csv';

/**
 * The format answered: `$format` when given, else the function's default (JSON for the Copilot reports). v1.0 documents
 * JSON only for the Microsoft 365 Apps reports and the Copilot ones; beta for every function.
 */
function answerFormat(
  report: ReportName,
  path: ReportPath,
  format: string | null,
): 'csv' | 'json' | undefined {
  const definition = REPORT_CATALOG[report];
  if (format === null) return definition.endpoint === 'copilot-reports' ? 'json' : 'csv';
  if (format === CSV_FORMAT) return 'csv';
  if (format !== JSON_FORMAT) return undefined;
  const jsonInV1 = definition.endpoint === 'copilot-reports' || definition.family === 'm365-apps';
  return path.version === 'beta' || jsonInV1 ? 'json' : undefined;
}

/** A strong validator of the file a request would get: the same tenant, day, query, names and header give the same. */
function reportETag(ctx: SimulatorContext, request: ReportRequest): string {
  const { model } = ctx;
  const identity = JSON.stringify([model.seed, model.users, request]);
  return `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
}

function matchesETag(req: IncomingMessage, etag: string): boolean {
  const ifNoneMatch = header(req, 'if-none-match');
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

export type TokenCheck = { ok: true; token: string } | { ok: false; message: string };

/** Checks the bearer token; `accepts` says which token resources (audiences) this API takes (default: Graph's). */
export function checkAccessToken(
  ctx: SimulatorContext,
  req: IncomingMessage,
  accepts: (ctx: SimulatorContext, resource: string) => boolean = isGraphResource,
): TokenCheck {
  const authorization = header(req, 'authorization');
  const match = authorization === undefined ? null : /^Bearer\s+(\S+)$/i.exec(authorization);
  const token = match?.[1];
  if (token === undefined) return { ok: false, message: 'Access token is empty.' };
  const issued = ctx.tokens.get(token);
  if (issued === undefined)
    return { ok: false, message: 'CompactToken parsing failed with error code: 80049217' };
  if (issued.expiresAtMs <= Date.now()) {
    return { ok: false, message: 'Lifetime validation failed, the token is expired.' };
  }
  if (!accepts(ctx, issued.resource)) {
    return { ok: false, message: 'Access token validation failure. Invalid audience.' };
  }
  return { ok: true, token };
}

export function sendUnauthorized(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  message: string,
): void {
  sendGraphError(req, res, 401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': `Bearer realm="", authorization_uri="${ctx.url}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
  });
}

const DRIFT_FAULTS: readonly FaultKind[] = FAULT_KINDS.filter((kind) => DRIFT_OF_KIND[kind] !== undefined);

/** Answers 403 as Graph does when the app lacks the permission an API needs. */
export function sendForbidden(
  req: IncomingMessage,
  res: ServerResponse,
  code: string,
  message: string,
): void {
  sendGraphError(req, res, 403, code, message);
}

/**
 * `GET /{version}/reports/{function}(...)` (and `/copilot/reports/...`): a CSV answer is a 302 to a short-lived
 * pre-authenticated download URL, with the file's ETag (304 when `If-None-Match` has it); a JSON answer is the rows.
 */
/** What a Graph API of the simulator is, for its front door: its fault target and how Graph names it in a 405. */
export interface GraphFrontDoor {
  target: FaultTarget;
  /** The report function a fault may be aimed at. */
  report?: ReportName | undefined;
  /** The 405's code: `BadRequest`, or `Request_BadRequest` for the directory. */
  methodNotAllowedCode: string;
  /** What the 405 names, e.g. `/v1.0/subscribedSkus` or `report functions`. */
  resource: string;
}

/**
 * Serves the first front-door fault of `target` and resolves true when it answered the request; 'slow-headers' only
 * holds the request back and resolves false.
 */
export async function answeredByFrontDoorFault(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: FaultTarget,
  report?: ReportName,
): Promise<boolean> {
  const fault = ctx.faults.take(target, report, FRONT_DOOR_FAULTS);
  if (fault === undefined) return false;
  ctx.stats.faultsServed += 1;
  if (fault.kind === 'slow-headers') {
    await sleep(fault.pauseMs);
    return false;
  }
  serveGraphFault(ctx, req, res, fault);
  return true;
}

/**
 * What every Graph API of the simulator does first, in Graph's order: throttling, outage and redirect faults of its
 * target ('slow-headers' only delays what follows), the method (GET only), the bearer token, then the
 * 'expired-token' fault. Answers and resolves false when the request ends there.
 */
export async function passGraphFrontDoor(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  door: GraphFrontDoor,
): Promise<boolean> {
  if (await answeredByFrontDoorFault(ctx, req, res, door.target, door.report)) return false;
  if (req.method !== 'GET') {
    sendGraphError(
      req,
      res,
      405,
      door.methodNotAllowedCode,
      `The HTTP method '${req.method}' is not allowed for ${door.resource}.`,
    );
    return false;
  }
  const auth = checkAccessToken(ctx, req);
  if (!auth.ok) {
    sendUnauthorized(ctx, req, res, auth.message);
    return false;
  }
  if (ctx.faults.take(door.target, door.report, ['expired-token']) !== undefined) {
    ctx.stats.faultsServed += 1;
    // As if the token had just expired: it stays expired, so only a fresh token gets through.
    const issued = ctx.tokens.get(auth.token);
    if (issued !== undefined) issued.expiresAtMs = 0;
    sendUnauthorized(ctx, req, res, 'Lifetime validation failed, the token is expired.');
    return false;
  }
  return true;
}

export async function handleReportCall(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: ReportPath,
  rawSegment: string,
  search: URLSearchParams,
): Promise<void> {
  ctx.stats.reportRequests += 1;
  const parsed = parseSegment(rawSegment);
  const name = parsed.report ?? parsed.name;
  ctx.stats.reportRequestsByFunction[name] = (ctx.stats.reportRequestsByFunction[name] ?? 0) + 1;
  const door = {
    target: 'report',
    report: parsed.report,
    methodNotAllowedCode: 'BadRequest',
    resource: 'report functions',
  } as const;
  if (!(await passGraphFrontDoor(ctx, req, res, door))) return;
  if (ctx.faults.take('report', parsed.report, ['forbidden']) !== undefined) {
    ctx.stats.faultsServed += 1;
    sendForbidden(req, res, 'S2SUnauthorized', 'Invalid permission.');
    return;
  }
  const notFound = `Resource not found for the segment '${parsed.name}'.`;
  if (parsed.report === undefined || parsed.query === undefined || !servedAt(parsed.report, path)) {
    sendGraphError(req, res, 400, 'BadRequest', notFound);
    return;
  }
  const format = answerFormat(parsed.report, path, search.get('$format'));
  if (format === undefined) {
    sendGraphError(
      req,
      res,
      400,
      'BadRequest',
      `Invalid format '${search.get('$format')}' for ${parsed.name}.`,
    );
    return;
  }
  const calendar = ctx.calendar();
  const resolution = resolveQuery(parsed.report, parsed.query, calendar);
  if (!resolution.ok) {
    if (resolution.problem === 'date-outside-window') {
      sendGraphError(
        req,
        res,
        400,
        'InvalidArgument',
        `Invalid date value specified: ${resolution.date}. Only support data for the past 28 days.`,
      );
    } else {
      sendGraphError(req, res, 400, 'BadRequest', notFound);
    }
    return;
  }
  const driftFault = ctx.faults.take('report', parsed.report, DRIFT_FAULTS);
  if (driftFault !== undefined) ctx.stats.faultsServed += 1;
  const request: ReportRequest = {
    report: parsed.report,
    query: resolution.query,
    refreshDay: calendar.refreshDay,
    concealed: ctx.reportSettings.displayConcealedNames,
    drift: driftFault === undefined ? ctx.headerDrift : DRIFT_OF_KIND[driftFault.kind],
  };
  if (format === 'json') {
    res.writeHead(200, {
      ...graphHeaders(req, randomUUID()),
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'private',
    });
    const context = `${ctx.url}/${path.version}/$metadata#Collection(microsoft.graph.${parsed.report})`;
    await sendBody(res, reportJson(ctx.reports, request, context), undefined);
    return;
  }
  const etag = reportETag(ctx, request);
  if (matchesETag(req, etag)) {
    ctx.stats.reportsNotModified += 1;
    res.writeHead(304, { ...graphHeaders(req, randomUUID()), ETag: etag, 'Cache-Control': 'private' });
    res.end();
    return;
  }
  const id = randomBytes(24).toString('base64url');
  const now = Date.now();
  pruneDownloads(ctx.downloads, now);
  const pending: PendingDownload = { ...request, expiresAtMs: now + ctx.downloadUrlLifetimeSeconds * 1000 };
  ctx.downloads.set(id, pending);
  res.writeHead(302, {
    ...graphHeaders(req, randomUUID()),
    Location: `${ctx.downloadOrigin}/data/download/${id}`,
    ETag: etag,
    'Content-Type': 'text/plain',
    'Content-Length': 0,
    'Cache-Control': 'private',
  });
  res.end();
}

function pruneDownloads(downloads: Map<string, PendingDownload>, now: number): void {
  for (const [id, entry] of downloads) {
    if (entry.expiresAtMs + EXPIRED_DOWNLOAD_MEMORY_MS < now) downloads.delete(id);
  }
}

/** The download host answers like blob storage: XML errors, no Graph envelope. */
function sendBlobError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: OutgoingHttpHeaders = {},
): void {
  const requestId = randomUUID();
  const body = Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}</Message></Error>`,
    'utf8',
  );
  res.writeHead(status, {
    ...headers,
    'x-ms-request-id': requestId,
    'Content-Type': 'application/xml',
    'Content-Length': body.length,
  });
  res.end(body);
}

/** `GET /data/download/{id}`: the CSV, streamed. Never needs (and counts) an Authorization header. */
export async function handleDownload(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
): Promise<void> {
  ctx.stats.downloads += 1;
  if (header(req, 'authorization') !== undefined) ctx.stats.downloadsWithAuthorization += 1;
  if (req.method !== 'GET') {
    sendBlobError(res, 405, 'UnsupportedHttpVerb', "The resource doesn't support specified Http Verb.");
    return;
  }
  const entry = ctx.downloads.get(id);
  if (entry === undefined) {
    sendBlobError(res, 404, 'ResourceNotFound', 'The specified resource does not exist.');
    return;
  }
  if (entry.expiresAtMs <= Date.now()) {
    sendBlobError(
      res,
      403,
      'AuthenticationFailed',
      'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature. Signed expiry time has passed.',
    );
    return;
  }
  const fault = ctx.faults.take('download', entry.report);
  if (fault !== undefined) ctx.stats.faultsServed += 1;
  if (fault?.kind === 'slow-headers') await sleep(fault.pauseMs);
  if (fault?.kind === 'reset') {
    ctx.connections.reset(req);
    return;
  }
  if (fault !== undefined && (REDIRECT_KINDS as readonly FaultKind[]).includes(fault.kind)) {
    sendRedirect(req, res, fault, { 'x-ms-request-id': randomUUID() });
    return;
  }
  if (fault !== undefined && (isServerErrorKind(fault.kind) || fault.kind.startsWith('429'))) {
    const after = retryAfter(fault);
    const [status, code, message] = isServerErrorKind(fault.kind)
      ? [
          SERVER_ERRORS[fault.kind].status,
          'ServerBusy',
          'The server is currently unable to receive requests. Please retry your request.',
        ]
      : [429, 'TooManyRequests', 'Too many requests. Please retry later.'];
    sendBlobError(res, status, code, message, after === undefined ? {} : { 'Retry-After': after });
    return;
  }
  const bodyFault =
    fault !== undefined && (BODY_FAULTS as readonly FaultKind[]).includes(fault.kind) ? fault : undefined;
  await sendAnswer(
    res,
    {
      'Content-Type': 'application/octet-stream',
      'x-ms-request-id': randomUUID(),
      'Cache-Control': 'no-store',
    },
    reportCsv(ctx.reports, entry, ctx.stats),
    bodyFault,
    'csv',
  );
}
