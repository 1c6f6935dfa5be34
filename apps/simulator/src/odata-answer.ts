import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';
import { BODY_FAULTS, type FaultTarget } from './faults.js';
import { graphHeaders } from './graph.js';
import { header, oneChunk, sendAnswer } from './http.js';

export const ODATA_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * A 200 answer of a Graph JSON API (a page of a list or an entity) with Graph's headers and OData's, its body shaped
 * by the body faults of `target` (BODY_FAULTS); a 'foreign-next-link' fault gives it an `@odata.nextLink` on the
 * fault's other origin.
 */
export async function sendODataJson(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: FaultTarget,
  json: unknown,
  headers: OutgoingHttpHeaders = {},
): Promise<void> {
  const foreign = ctx.faults.take(target, undefined, ['foreign-next-link']);
  if (foreign !== undefined) ctx.stats.faultsServed += 1;
  const answer =
    foreign === undefined || typeof json !== 'object' || json === null
      ? json
      : { ...json, '@odata.nextLink': `${foreign.origin}${req.url ?? '/'}` };
  const payload = Buffer.from(JSON.stringify(answer), 'utf8');
  const fault = ctx.faults.take(target, undefined, BODY_FAULTS);
  if (fault !== undefined) ctx.stats.faultsServed += 1;
  await sendAnswer(
    res,
    {
      ...graphHeaders(req, randomUUID()),
      'OData-Version': '4.0',
      'Cache-Control': 'no-cache',
      ...headers,
      'Content-Type': ODATA_CONTENT_TYPE,
      'Content-Length': payload.length,
    },
    oneChunk(payload),
    fault,
    'json',
  );
}

/**
 * The 'drop-field' fault of `target`: the first of `objects` (in the answer's order) that has the field loses it, as
 * Microsoft's drift does.
 */
export function dropField(
  ctx: SimulatorContext,
  target: FaultTarget,
  objects: ReadonlyArray<Record<string, unknown>>,
): void {
  const fault = ctx.faults.take(target, undefined, ['drop-field'], ({ field }) =>
    objects.some((object) => field !== undefined && Object.hasOwn(object, field)),
  );
  if (fault?.field === undefined) return;
  ctx.stats.faultsServed += 1;
  const field = fault.field;
  const object = objects.find((candidate) => Object.hasOwn(candidate, field));
  if (object !== undefined) delete object[field];
}

/**
 * The page size a client asked for with `Prefer: odata.maxpagesize=N`, at most `maxSize` (and the
 * `Preference-Applied` to answer); `defaultSize` without one.
 */
export function preferredPageSize(
  req: IncomingMessage,
  defaultSize: number,
  maxSize: number,
): { size: number; applied: string | undefined } {
  const prefer = header(req, 'prefer') ?? '';
  const match = /(?:^|[,;\s])odata\.maxpagesize\s*=\s*"?(\d+)"?/i.exec(prefer);
  const requested = match?.[1] === undefined ? 0 : Number(match[1]);
  if (requested < 1) return { size: defaultSize, applied: undefined };
  const size = Math.min(requested, maxSize);
  return { size, applied: `odata.maxpagesize=${size}` };
}

/**
 * A next link: the same request on the simulator's origin with query option `name` (`$skip`, `$skiptoken`) set to
 * `value`, the other options kept exactly as the client encoded them.
 */
export function nextPageLink(ctx: SimulatorContext, url: URL, name: string, value: string): string {
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && decodedKey(part).toLowerCase() !== name);
  return `${ctx.url}${url.pathname}?${[...kept, `${name}=${value}`].join('&')}`;
}

function decodedKey(part: string): string {
  const raw = part.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** `$select`: the row with only `properties`, in their order. */
export function project(
  row: Record<string, unknown>,
  properties: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const property of properties) out[property] = row[property];
  return out;
}
