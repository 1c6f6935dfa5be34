// The Office 365 Management Activity API (docs/microsoft-apis.md#office-365-management-activity-api) on its own host:
// `/api/v1.0/{tenant}/activity/feed/...`, answering only requests addressed to the management host name.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CONTENT_TYPES,
  type ContentBlob,
  type ContentType,
  isContentType,
  type ManagementOperation,
  RETENTION_MS,
} from './activity-feed.js';
import type { SimulatorContext } from './context.js';
import { isManagementResource, retryAfter } from './entra.js';
import {
  type ActiveFault,
  BODY_FAULTS,
  type FaultKind,
  isServerErrorKind,
  REDIRECT_KINDS,
  SERVER_ERRORS,
} from './faults.js';
import { checkAccessToken, FRONT_DOOR_FAULTS } from './graph.js';
import {
  ErrorAnswer,
  jsonArrayBody,
  oneChunk,
  readBody,
  sendAnswer,
  sendJson,
  sendRedirect,
} from './http.js';

/** Answered before the token is looked at, as the throttling front end does; AF429 is this API's own. */
const THROTTLE_FAULTS: readonly FaultKind[] = [...FRONT_DOOR_FAULTS, 'af429'];
const NO_PUBLISHER = '00000000-0000-0000-0000-000000000000';

/** The longest `startTime`..`endTime` window, and the default window when both are omitted. */
const MAX_WINDOW_MS = 24 * 3_600_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The documented formats (YYYY-MM-DD, YYYY-MM-DDTHH:MM, YYYY-MM-DDTHH:MM:SS) plus what the service also takes in
// practice: fractions of a second and a zone (`Z` or `+00:00`). A time without a zone is UTC.
const TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2})(\.\d{1,7})?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Every answer carries the service's clock in `Date`: clients compute windows in server time from it. */
function activityHeaders(ctx: SimulatorContext): OutgoingHttpHeaders {
  return {
    'request-id': randomUUID(),
    'Strict-Transport-Security': 'max-age=31536000',
    Date: ctx.now().toUTCString(),
  };
}

function sendActivityError(ctx: SimulatorContext, res: ServerResponse, error: ErrorAnswer): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } }, activityHeaders(ctx));
}

/** Whether a request is addressed to the management host (by its Host header), not to Graph's. */
export function isManagementRequest(ctx: SimulatorContext, req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (host === undefined) return false;
  try {
    return new URL(`https://${host}`).host === new URL(ctx.managementOrigin).host;
  } catch {
    return false;
  }
}

/** `/api/v1.0/{tenant}/activity/feed/{...operation}` on the management host; `segments` start after `feed`. */
export async function handleActivityFeed(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  tenant: string,
  segments: readonly string[],
  url: URL,
): Promise<void> {
  ctx.stats.managementRequests += 1;
  const publisher = url.searchParams.get('PublisherIdentifier');
  if (publisher === null) ctx.stats.managementRequestsWithoutPublisher += 1;
  const method = req.method ?? 'GET';
  const operation = operationOf(segments, method);
  const forOperation = (fault: ActiveFault): boolean =>
    fault.operation === undefined || fault.operation === operation;
  const throttle = ctx.faults.take('management', undefined, THROTTLE_FAULTS, forOperation);
  if (throttle !== undefined) ctx.stats.faultsServed += 1;
  if (throttle?.kind === 'slow-headers') await sleep(throttle.pauseMs);
  else if (throttle !== undefined) {
    serveThrottleFault(ctx, req, res, throttle, operation, publisher);
    return;
  }
  const auth = checkAccessToken(ctx, req, isManagementResource);
  // The API's own 401 body, not Graph's (clients must not expect an `error` object here).
  const deny = (): void =>
    sendJson(res, 401, { Message: 'Authorization has been denied for this request.' }, activityHeaders(ctx));
  if (!auth.ok) {
    deny();
    return;
  }
  if (ctx.faults.take('management', undefined, ['expired-token'], forOperation) !== undefined) {
    ctx.stats.faultsServed += 1;
    // As if the token had just expired: it stays expired, so only a fresh token gets through.
    const issued = ctx.tokens.get(auth.token);
    if (issued !== undefined) issued.expiresAtMs = 0;
    deny();
    return;
  }
  // A blob streams (chunked, as long as it is); every other answer is small and sent with its length.
  const send = async (
    body: AsyncIterable<Buffer>,
    headers: OutgoingHttpHeaders,
    contentLength: number | undefined,
  ): Promise<void> => {
    const shaping = ctx.faults.take('management', undefined, BODY_FAULTS, forOperation);
    if (shaping !== undefined) ctx.stats.faultsServed += 1;
    await sendAnswer(
      res,
      {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        ...(contentLength === undefined ? {} : { 'Content-Length': contentLength }),
      },
      body,
      shaping,
      'json',
    );
  };
  const respond = async (
    body: unknown,
    headers: OutgoingHttpHeaders = activityHeaders(ctx),
  ): Promise<void> => {
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    await send(oneChunk(payload), headers, payload.length);
  };
  try {
    if (!GUID.test(tenant))
      throw new ErrorAnswer(400, 'AF20013', 'The tenant ID in the URL is not a valid GUID.');
    if (tenant.toLowerCase() !== ctx.model.tenantId) {
      throw new ErrorAnswer(
        403,
        'AF20010',
        'The tenant ID passed in the URL does not match the tenant of the token.',
      );
    }
    if (publisher !== null && !GUID.test(publisher)) {
      throw new ErrorAnswer(400, 'AF20002', 'Invalid parameter type: PublisherIdentifier must be a GUID.');
    }
    switch (operation) {
      case 'StartSubscription':
        await respond(await startSubscription(ctx, req, url));
        return;
      case 'StopSubscription':
        stopSubscription(ctx, res, url);
        return;
      case 'ListSubscriptions':
        await respond(listSubscriptions(ctx));
        return;
      case 'ListContent': {
        const { items, nextPageUri } = listContent(ctx, tenant, url, forOperation);
        const headers = activityHeaders(ctx);
        if (nextPageUri !== undefined) headers.NextPageUri = nextPageUri;
        const foreign = ctx.faults.take('management', undefined, ['foreign-next-link'], forOperation);
        if (foreign !== undefined) {
          ctx.stats.faultsServed += 1;
          headers.NextPageUri = `${foreign.origin}${url.pathname}${url.search}`;
        }
        await respond(items, headers);
        return;
      }
      case 'GetBlob': {
        const blob = publishedBlob(ctx, segments[1] as string);
        const gone = ctx.faults.take(
          'management',
          undefined,
          ['blob-expired', 'blob-not-found'],
          (fault) =>
            forOperation(fault) && (fault.contentId === undefined || fault.contentId === blob.contentId),
        );
        if (gone !== undefined) {
          ctx.stats.faultsServed += 1;
          throw gone.kind === 'blob-expired' ? contentExpired(blob) : contentNotFound();
        }
        await send(
          jsonArrayBody(counted(ctx, ctx.activityFeed.recordTexts(blob))),
          activityHeaders(ctx),
          undefined,
        );
        return;
      }
      default:
        throw new ErrorAnswer(404, 'AF20050', `No operation ${method} activity/feed/${segments.join('/')}.`);
    }
  } catch (error) {
    if (!(error instanceof ErrorAnswer)) throw error;
    sendActivityError(ctx, res, error);
  }
}

function operationOf(segments: readonly string[], method: string): ManagementOperation | undefined {
  const path = segments.join('/');
  if (method === 'POST' && path === 'subscriptions/start') return 'StartSubscription';
  if (method === 'POST' && path === 'subscriptions/stop') return 'StopSubscription';
  if (method === 'GET' && path === 'subscriptions/list') return 'ListSubscriptions';
  if (method === 'GET' && path === 'subscriptions/content') return 'ListContent';
  if (method === 'GET' && segments.length === 2 && segments[0] === 'audit') return 'GetBlob';
  return undefined;
}

/** Throttling as this API answers it: AF429 (with 403, or 429 for the HTTP-level kinds), 503, or a reset. */
function serveThrottleFault(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  fault: ActiveFault,
  operation: ManagementOperation | undefined,
  publisher: string | null,
): void {
  if (fault.kind === 'reset') {
    ctx.connections.reset(req);
    return;
  }
  const headers = activityHeaders(ctx);
  if ((REDIRECT_KINDS as readonly FaultKind[]).includes(fault.kind)) {
    sendRedirect(req, res, fault, headers);
    return;
  }
  const after = retryAfter(fault, ctx.now().getTime());
  if (after !== undefined) headers['Retry-After'] = after;
  if (isServerErrorKind(fault.kind)) {
    sendJson(
      res,
      SERVER_ERRORS[fault.kind].status,
      { error: { code: 'AF50000', message: 'An internal error occurred. Retry the request.' } },
      headers,
    );
    return;
  }
  const message = `Too many requests. Method=${operation ?? 'Unknown'}, PublisherId=${publisher ?? NO_PUBLISHER}`;
  sendJson(res, fault.kind === 'af429' ? 403 : 429, { error: { code: 'AF429', message } }, headers);
}

function contentTypeParameter(url: URL): ContentType {
  const contentType = url.searchParams.get('contentType');
  if (contentType === null) throw new ErrorAnswer(400, 'AF20001', 'Missing parameter: contentType.');
  if (!isContentType(contentType)) {
    throw new ErrorAnswer(
      400,
      'AF20020',
      `The specified content type is not valid: ${contentType}. Valid values: ${CONTENT_TYPES.join(', ')}.`,
    );
  }
  return contentType;
}

function subscriptionView(contentType: ContentType, status: 'enabled' | 'disabled'): Record<string, unknown> {
  return { contentType, status, webhook: null };
}

async function startSubscription(
  ctx: SimulatorContext,
  req: IncomingMessage,
  url: URL,
): Promise<Record<string, unknown>> {
  const contentType = contentTypeParameter(url);
  const body = (await readBody(req)).trim();
  if (body !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ErrorAnswer(400, 'AF20002', 'The request body is not valid JSON.');
    }
    // Nothing on loopback can answer Microsoft's webhook validation call, so a webhook fails it as an unreachable
    // endpoint would; collectors here poll, as Microsoft recommends.
    if (typeof parsed === 'object' && parsed !== null && 'webhook' in parsed) {
      throw new ErrorAnswer(400, 'AF20021', 'The webhook endpoint could not be validated.');
    }
  }
  if (ctx.subscriptions.get(contentType) === 'enabled') {
    throw new ErrorAnswer(400, 'AF20024', 'The subscription is already enabled. No property change.');
  }
  ctx.subscriptions.set(contentType, 'enabled');
  return subscriptionView(contentType, 'enabled');
}

function stopSubscription(ctx: SimulatorContext, res: ServerResponse, url: URL): void {
  const contentType = contentTypeParameter(url);
  if (ctx.subscriptions.get(contentType) === undefined) throw noSubscription(contentType);
  ctx.subscriptions.set(contentType, 'disabled');
  res.writeHead(200, { ...activityHeaders(ctx), 'Content-Length': 0 }).end();
}

function noSubscription(contentType: ContentType): ErrorAnswer {
  return new ErrorAnswer(
    400,
    'AF20022',
    `No subscription found for the specified content type: ${contentType}.`,
  );
}

function listSubscriptions(ctx: SimulatorContext): Record<string, unknown>[] {
  return CONTENT_TYPES.flatMap((contentType) => {
    const status = ctx.subscriptions.get(contentType);
    return status === undefined ? [] : [subscriptionView(contentType, status)];
  });
}

function parseTime(name: string, text: string): number {
  const match = TIME.exec(text);
  const ms =
    match === null
      ? Number.NaN
      : Date.parse(
          `${match[1]}T${match[2] ?? '00:00'}:${match[3] ?? '00'}${(match[4] ?? '').slice(0, 4)}${match[5] ?? 'Z'}`,
        );
  if (Number.isNaN(ms))
    throw new ErrorAnswer(400, 'AF20002', `Invalid parameter type: ${name} is not a valid datetime.`);
  return ms;
}

const WINDOW_RULE =
  'startTime and endTime must both be specified (or both omitted) and be no more than 24 hours apart, with the start time no more than 7 days in the past and prior to end time.';

/** The listing window [start, end): given, or the last 24 hours. */
function listingWindow(ctx: SimulatorContext, url: URL): { startMs: number; endMs: number } {
  const start = url.searchParams.get('startTime');
  const end = url.searchParams.get('endTime');
  const nowMs = ctx.now().getTime();
  if (start === null && end === null) return { startMs: nowMs - MAX_WINDOW_MS, endMs: nowMs };
  if (start === null || end === null) throw new ErrorAnswer(400, 'AF20055', WINDOW_RULE);
  const startMs = parseTime('startTime', start);
  const endMs = parseTime('endTime', end);
  if (startMs >= endMs || endMs - startMs > MAX_WINDOW_MS || startMs < nowMs - RETENTION_MS) {
    throw new ErrorAnswer(400, 'AF20055', WINDOW_RULE);
  }
  return { startMs, endMs };
}

function contentItem(ctx: SimulatorContext, tenant: string, blob: ContentBlob): Record<string, string> {
  return {
    contentType: blob.contentType,
    contentId: blob.contentId,
    contentUri: `${ctx.managementOrigin}/api/v1.0/${tenant}/activity/feed/audit/${blob.contentId}`,
    contentCreated: new Date(blob.contentCreatedMs).toISOString(),
    contentExpiration: new Date(blob.contentExpirationMs).toISOString(),
  };
}

function listContent(
  ctx: SimulatorContext,
  tenant: string,
  url: URL,
  forOperation: (fault: ActiveFault) => boolean,
): { items: Record<string, string>[]; nextPageUri: string | undefined } {
  const contentType = contentTypeParameter(url);
  // As when Microsoft loses or disables a subscription: the client must start it again.
  const lost = ctx.faults.take(
    'management',
    undefined,
    ['subscription-lost', 'subscription-disabled'],
    forOperation,
  );
  if (lost !== undefined) {
    ctx.stats.faultsServed += 1;
    if (lost.kind === 'subscription-lost') ctx.subscriptions.delete(contentType);
    else if (ctx.subscriptions.has(contentType)) ctx.subscriptions.set(contentType, 'disabled');
  }
  const status = ctx.subscriptions.get(contentType);
  if (status === undefined) throw noSubscription(contentType);
  if (status === 'disabled') {
    throw new ErrorAnswer(400, 'AF20023', `The subscription for ${contentType} is disabled.`);
  }
  const { startMs, endMs } = listingWindow(ctx, url);
  // Nothing is listed before it is published.
  const available = Math.min(endMs, ctx.now().getTime() + 1);
  const nextPage = url.searchParams.get('nextPage');
  let fromMs = startMs;
  if (nextPage !== null) {
    const blob = /^\d{1,12}$/.test(nextPage)
      ? ctx.activityFeed.blob(contentType, Number(nextPage))
      : undefined;
    if (blob === undefined || blob.contentCreatedMs < startMs || blob.contentCreatedMs >= available) {
      throw new ErrorAnswer(400, 'AF20031', 'Invalid nextPage value.');
    }
    fromMs = blob.contentCreatedMs;
  }
  const page: ContentBlob[] = [];
  let next: ContentBlob | undefined;
  for (const blob of ctx.activityFeed.blobs(contentType, fromMs, available)) {
    if (page.length === ctx.contentPageSize) {
      next = blob;
      break;
    }
    page.push(blob);
  }
  let nextPageUri: string | undefined;
  if (next !== undefined) {
    // The same query (the window pinned, even when the caller left it to the default) plus the page marker.
    const nextUrl = new URL(`${ctx.managementOrigin}/api/v1.0/${tenant}/activity/feed/subscriptions/content`);
    nextUrl.searchParams.set('contentType', contentType);
    nextUrl.searchParams.set('startTime', new Date(startMs).toISOString().slice(0, 19));
    nextUrl.searchParams.set('endTime', new Date(endMs).toISOString().slice(0, 19));
    const publisher = url.searchParams.get('PublisherIdentifier');
    if (publisher !== null) nextUrl.searchParams.set('PublisherIdentifier', publisher);
    nextUrl.searchParams.set('nextPage', String(next.slot));
    nextPageUri = nextUrl.toString();
  }
  return { items: page.map((blob) => contentItem(ctx, tenant, blob)), nextPageUri };
}

function* counted(ctx: SimulatorContext, recordTexts: Iterable<string>): Generator<string> {
  for (const text of recordTexts) {
    ctx.stats.auditRecordsGenerated += 1;
    yield text;
  }
}

/** The blob a `contentUri` names, if it is published and not expired. */
function publishedBlob(ctx: SimulatorContext, contentId: string): ContentBlob {
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(contentId);
  } catch {
    decoded = undefined;
  }
  const blob = decoded === undefined ? undefined : ctx.activityFeed.blobById(decoded);
  if (blob === undefined) throw new ErrorAnswer(400, 'AF20052', 'Content ID in the URL is invalid.');
  const nowMs = ctx.now().getTime();
  if (blob.contentCreatedMs > nowMs) throw contentNotFound();
  if (blob.contentExpirationMs <= nowMs) throw contentExpired(blob);
  return blob;
}

function contentNotFound(): ErrorAnswer {
  return new ErrorAnswer(404, 'AF20050', 'The specified content does not exist.');
}

function contentExpired(blob: ContentBlob): ErrorAnswer {
  return new ErrorAnswer(
    400,
    'AF20051',
    `Content requested with the key ${blob.contentId} has already expired. Content older than 7 days cannot be retrieved.`,
  );
}
