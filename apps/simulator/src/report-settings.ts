import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';
import {
  answeredByFrontDoorFault,
  checkAccessToken,
  graphHeaders,
  sendForbidden,
  sendGraphError,
  sendUnauthorized,
} from './graph.js';
import { BodyTooLargeError, readBody, sendJson } from './http.js';

/**
 * `GET`/`PATCH /{version}/admin/reportSettings`: whether the reports conceal user, group and site names. GET answers
 * the resource as the service sends it (`{"@odata.context", "displayConcealedNames"}`), or with the `wrapped` shape
 * as Microsoft's documentation example has it (`{"value": {"@odata.type", "displayConcealedNames"}}`); PATCH takes
 * `{"displayConcealedNames": boolean}` and answers 204. Reports requested after a change follow it.
 */
export async function handleReportSettings(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  version: 'v1.0' | 'beta',
): Promise<void> {
  ctx.stats.reportSettingsRequests += 1;
  if (await answeredByFrontDoorFault(ctx, req, res, 'report-settings')) return;
  if (req.method !== 'GET' && req.method !== 'PATCH') {
    sendGraphError(req, res, 405, 'BadRequest', `The HTTP method '${req.method}' is not allowed.`);
    return;
  }
  const auth = checkAccessToken(ctx, req);
  if (!auth.ok) {
    sendUnauthorized(ctx, req, res, auth.message);
    return;
  }
  if (ctx.faults.take('report-settings', undefined, ['expired-token']) !== undefined) {
    ctx.stats.faultsServed += 1;
    const issued = ctx.tokens.get(auth.token);
    if (issued !== undefined) issued.expiresAtMs = 0;
    sendUnauthorized(ctx, req, res, 'Lifetime validation failed, the token is expired.');
    return;
  }
  if (ctx.faults.take('report-settings', undefined, ['forbidden']) !== undefined) {
    ctx.stats.faultsServed += 1;
    sendForbidden(
      req,
      res,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
    return;
  }
  if (req.method === 'GET') {
    const { displayConcealedNames } = ctx.reportSettings;
    sendJson(
      res,
      200,
      ctx.reportSettingsShape === 'wrapped'
        ? { value: { '@odata.type': '#microsoft.graph.adminReportSettings', displayConcealedNames } }
        : {
            '@odata.context': `${ctx.url}/${version}/$metadata#admin/reportSettings/$entity`,
            displayConcealedNames,
          },
      graphHeaders(req, randomUUID()),
    );
    return;
  }
  const problem = await applyPatch(ctx, req);
  if (problem !== undefined) {
    sendGraphError(req, res, 400, 'BadRequest', problem);
    return;
  }
  res.writeHead(204, graphHeaders(req, randomUUID())).end();
}

/** Applies a PATCH body; returns what is wrong with it, if anything. */
async function applyPatch(ctx: SimulatorContext, req: IncomingMessage): Promise<string | undefined> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    return error instanceof BodyTooLargeError ? error.message : 'The request body is not valid JSON.';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'The request body must be an adminReportSettings object.';
  }
  const { displayConcealedNames, '@odata.type': _type, ...unknown } = body as Record<string, unknown>;
  const extra = Object.keys(unknown)[0];
  if (extra !== undefined)
    return `Property '${extra}' does not exist on type 'microsoft.graph.adminReportSettings'.`;
  if (typeof displayConcealedNames !== 'boolean') return "'displayConcealedNames' must be a boolean.";
  ctx.reportSettings.displayConcealedNames = displayConcealedNames;
  return undefined;
}
