// Microsoft Entra Connect Health through Azure Resource Manager (docs/microsoft-apis.md#entra-connect-health), on a
// host name of its own as management.azure.com is not graph.microsoft.com: the services onboarded and each service's
// alerts, in ARM's shapes (`nextLink` paging, `{"error":{"code","message"}}` errors, `api-version` required).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';
import { isArmResource } from './entra.js';
import type { Row } from './governance-model.js';
import { checkAccessToken } from './graph.js';
import { ErrorAnswer, header, sendJson } from './http.js';

export const CONNECT_HEALTH_API_VERSION = '2014-01-01';
/** Items per page before a `nextLink`: small, so that the simulated tenant's few services and alerts span pages. */
export const CONNECT_HEALTH_PAGE_SIZE = 2;
const PROVIDER = '/providers/Microsoft.ADHybridHealthService';

/** The Azure RBAC action each operation needs, declared once (access.ts). */
export const CONNECT_HEALTH_PERMISSIONS = {
  services: 'Microsoft.ADHybridHealthService/services/read',
  alerts: 'Microsoft.ADHybridHealthService/services/alerts/read',
} as const;

function armHeaders(ctx: SimulatorContext): OutgoingHttpHeaders {
  const id = randomUUID();
  return {
    'x-ms-request-id': id,
    'x-ms-correlation-request-id': id,
    'Strict-Transport-Security': 'max-age=31536000',
    Date: ctx.now().toUTCString(),
  };
}

/** Whether a request is addressed to the ARM host (by its Host header), not to Graph's. */
export function isArmRequest(ctx: SimulatorContext, req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (host === undefined) return false;
  try {
    return new URL(`https://${host}`).host === new URL(ctx.armOrigin).host;
  } catch {
    return false;
  }
}

type Operation = { kind: 'services' } | { kind: 'alerts'; serviceName: string };

function operationOf(pathname: string): Operation | undefined {
  const prefix = `${PROVIDER}/services`.toLowerCase();
  const lower = pathname.toLowerCase();
  if (lower === prefix) return { kind: 'services' };
  if (!lower.startsWith(`${prefix}/`) || !lower.endsWith('/alerts')) return undefined;
  const raw = pathname.slice(prefix.length + 1, -'/alerts'.length);
  if (raw === '' || raw.includes('/')) return undefined;
  try {
    return { kind: 'alerts', serviceName: decodeURIComponent(raw) };
  } catch {
    return undefined;
  }
}

/**
 * Every request on the ARM host: counted per path in `stats().governanceRequestsByPath`, then the token (an ARM one),
 * `api-version`, the RBAC action, and the page.
 */
export async function handleArm(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const operation = operationOf(url.pathname);
  const statsKey =
    operation?.kind === 'alerts' ? `${PROVIDER}/services/${operation.serviceName}/alerts` : url.pathname;
  ctx.stats.governanceRequestsByPath[statsKey] = (ctx.stats.governanceRequestsByPath[statsKey] ?? 0) + 1;
  try {
    const body = answer(ctx, req, url, operation);
    sendJson(res, 200, body, armHeaders(ctx));
  } catch (error) {
    if (!(error instanceof ErrorAnswer)) throw error;
    const headers = armHeaders(ctx);
    if (error.status === 401) {
      headers['WWW-Authenticate'] =
        `Bearer authorization_uri="${ctx.url}/${ctx.model.tenantId}", error="invalid_token", error_description="${error.message}"`;
    }
    sendJson(res, error.status, { error: { code: error.code, message: error.message } }, headers);
  }
}

function answer(
  ctx: SimulatorContext,
  req: IncomingMessage,
  url: URL,
  operation: Operation | undefined,
): Row {
  if (header(req, 'authorization') === undefined) {
    throw new ErrorAnswer(
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
    );
  }
  const auth = checkAccessToken(ctx, req, isArmResource);
  if (!auth.ok)
    throw new ErrorAnswer(401, 'InvalidAuthenticationToken', `The access token is invalid. ${auth.message}`);
  if (operation === undefined) {
    throw new ErrorAnswer(
      404,
      'InvalidResourceType',
      `The resource type could not be found for the path '${url.pathname}'; the simulator serves ${PROVIDER}/services and ${PROVIDER}/services/{serviceName}/alerts.`,
    );
  }
  if (req.method !== 'GET') {
    throw new ErrorAnswer(
      405,
      'MethodNotAllowed',
      `The HTTP method '${req.method}' is not supported for this resource.`,
    );
  }
  const version = url.searchParams.get('api-version');
  if (version === null) {
    throw new ErrorAnswer(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  if (version !== CONNECT_HEALTH_API_VERSION) {
    throw new ErrorAnswer(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location 'global' and API version '${version}' for type 'services'. The supported api-versions are '${CONNECT_HEALTH_API_VERSION}'.`,
    );
  }
  const action = CONNECT_HEALTH_PERMISSIONS[operation.kind];
  if (!ctx.access.granted.has(action)) {
    throw new ErrorAnswer(
      403,
      'AuthorizationFailed',
      `The client '${ctx.model.clientId}' with object id '${ctx.model.clientId}' does not have authorization to perform action '${action}' over scope '${PROVIDER}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }
  const offset = offsetOf(url.searchParams.get('$skipToken'));
  const items = itemsOf(ctx, url, operation);
  const end = offset + CONNECT_HEALTH_PAGE_SIZE;
  return {
    value: items.slice(offset, end),
    nextLink: end < items.length ? nextLink(ctx, url, end) : null,
  };
}

function itemsOf(ctx: SimulatorContext, url: URL, operation: Operation): readonly Row[] {
  const services = ctx.governance.connectHealthServices;
  if (operation.kind === 'services') return services as unknown as Row[];
  const position = services.findIndex(
    (service) => service.serviceName.toLowerCase() === operation.serviceName.toLowerCase(),
  );
  if (position < 0) {
    throw new ErrorAnswer(
      404,
      'NotFound',
      `The service '${operation.serviceName}' is not onboarded to Connect Health.`,
    );
  }
  if (url.searchParams.has('$filter')) {
    throw new ErrorAnswer(
      400,
      'BadRequest',
      'The simulator does not serve $filter on alerts; use state=Active.',
    );
  }
  const state = url.searchParams.get('state');
  const alerts = ctx.governance.connectHealthAlerts(position);
  const chosen =
    state === null ? alerts : alerts.filter((alert) => alert.state.toLowerCase() === state.toLowerCase());
  return chosen as unknown as Row[];
}

function offsetOf(token: string | null): number {
  if (token === null) return 0;
  const offset = /^\d+$/.test(token) ? Number(token) : Number.NaN;
  if (!Number.isSafeInteger(offset))
    throw new ErrorAnswer(400, 'InvalidSkipToken', `The skip token '${token}' is invalid.`);
  return offset;
}

/** ARM's continuation: the same request with `$skipToken` moved on, on the ARM host. */
function nextLink(ctx: SimulatorContext, url: URL, offset: number): string {
  const next = new URL(url.pathname, ctx.armOrigin);
  for (const [key, value] of url.searchParams) if (key !== '$skipToken') next.searchParams.append(key, value);
  next.searchParams.set('$skipToken', String(offset));
  return next.toString();
}
