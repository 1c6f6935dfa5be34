// `GET /v1.0/communications/callRecords[/{id}[/sessions]]`: the list (filter on startDateTime, $select, paging),
// one record with its sessions expanded (paged inline past a page of sessions), and the sessions of a record.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type CallRecordModel,
  compareInstants,
  type Instant,
  type ModelCallRecord,
  parseInstant,
  SESSION_PAGE_MAX,
  versionAt,
} from './call-records.js';
import {
  CALL_RECORD_PROPERTIES,
  type CallRecordProperty,
  callRecordJson,
  sessionJson,
} from './call-records-json.js';
import type { SimulatorContext } from './context.js';
import { passGraphFrontDoor, sendForbidden, sendGraphError } from './graph.js';
import { ErrorAnswer } from './http.js';
import { dropField, nextPageLink, preferredPageSize, sendODataJson } from './odata-answer.js';

/** The application permission every callRecords request needs. */
export const CALL_RECORDS_PERMISSION = 'CallRecords.Read.All';
/** Graph's default page of call records (also the simulator's largest). */
export const CALL_RECORD_PAGE_SIZE = 60;
const RECORD_TYPE = 'microsoft.graph.callRecords.callRecord';

type Json = Record<string, unknown>;

/**
 * The record id and the segments after it, from the path after `communications/`: `callRecords/{id}/...` or
 * `callRecords('{id}')/...`; no id for the collection itself; undefined for any other segment.
 */
function parsePath(segments: readonly string[]): { id: string | undefined; tail: string[] } | undefined {
  const [first = '', ...rest] = segments;
  if (first === 'callRecords') return { id: rest[0], tail: rest.slice(1) };
  const keyed = /^callRecords\('([^']+)'\)$/.exec(first);
  return keyed?.[1] === undefined ? undefined : { id: keyed[1], tail: rest };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `segments`: the path after `/v1.0/communications/`, e.g. `['callRecords', '{id}', 'sessions']`. */
export async function handleCallRecords(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  segments: readonly string[],
  url: URL,
): Promise<void> {
  const path = parsePath(segments.map(decode));
  const id = path?.id;
  const tail = path?.tail ?? [];
  const stats = ctx.stats;
  const route =
    path === undefined
      ? 'unknown'
      : id === undefined
        ? 'list'
        : tail.length === 0
          ? 'get'
          : tail.length === 1 && tail[0] === 'sessions'
            ? 'sessions'
            : 'unknown';
  if (route === 'list') stats.callRecordListPages += 1;
  else if (route === 'get' && id !== undefined) {
    stats.callRecordGets += 1;
    stats.callRecordGetsById[id] = (stats.callRecordGetsById[id] ?? 0) + 1;
  } else if (route === 'sessions') stats.callRecordSessionPages += 1;

  const door = {
    target: 'call-records',
    methodNotAllowedCode: 'BadRequest',
    resource: url.pathname,
  } as const;
  if (!(await passGraphFrontDoor(ctx, req, res, door))) return;
  if (!ctx.access.granted.has(CALL_RECORDS_PERMISSION)) {
    sendForbidden(
      req,
      res,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
    return;
  }
  try {
    const nowMs = ctx.now().getTime();
    const body =
      route === 'list'
        ? listPage(ctx, req, url, nowMs)
        : route === 'get' && id !== undefined
          ? getRecord(ctx, req, url, id, nowMs)
          : route === 'sessions' && id !== undefined
            ? sessionPage(ctx, req, url, id, nowMs)
            : undefined;
    if (body === undefined) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `Resource not found for the segment '${tail.at(-1) ?? segments[0] ?? 'communications'}'.`,
      );
    }
    dropField(ctx, 'call-records', [
      ...objectsOf(Array.isArray(body.json.value) ? body.json.value : body.json),
    ]);
    await sendODataJson(ctx, req, res, 'call-records', body.json, {
      // Graph's clock, which stamps the records' times: a client judges how old a record is on it.
      Date: new Date(nowMs).toUTCString(),
      ...(body.applied === undefined ? {} : { 'Preference-Applied': body.applied }),
    });
  } catch (error) {
    if (!(error instanceof ErrorAnswer)) throw error;
    sendGraphError(req, res, error.status, error.code, error.message);
  }
}

/**
 * The objects of an answer depth first: each list item (or the entity), then its sessions, segments, media, streams;
 * the 'drop-field' fault takes the field from the first that has it (e.g. a stream without `streamDirection`).
 */
function* objectsOf(value: unknown): Generator<Json> {
  if (Array.isArray(value)) {
    for (const item of value) yield* objectsOf(item);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const json = value as Json;
  yield json;
  for (const nested of ['sessions', 'segments', 'media', 'streams'] as const) yield* objectsOf(json[nested]);
}

interface Answer {
  json: Json;
  applied: string | undefined;
}

/** The value of query option `name` (matched case-insensitively); refuses options the request does not take. */
function options(url: URL, allowed: readonly string[], what: string): (name: string) => string | undefined {
  for (const key of url.searchParams.keys()) {
    if (key.startsWith('$') && !allowed.includes(key.toLowerCase())) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `Query option '${key}' is not supported on ${what}; the simulator supports ${allowed.join(', ')}.`,
      );
    }
  }
  return (name) => {
    for (const [key, value] of url.searchParams) if (key.toLowerCase() === name) return value;
    return undefined;
  };
}

function noSuchProperty(name: string): ErrorAnswer {
  return new ErrorAnswer(
    400,
    'BadRequest',
    `Could not find a property named '${name}' on type '${RECORD_TYPE}'.`,
  );
}

function parseSelect(text: string | undefined): CallRecordProperty[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((raw) => {
    const name = raw.trim();
    const found = CALL_RECORD_PROPERTIES.find((property) => property.toLowerCase() === name.toLowerCase());
    if (found === undefined) throw noSuchProperty(name);
    return found;
  });
}

type Comparison = 'ge' | 'gt' | 'le' | 'lt';
interface StartClause {
  operator: Comparison;
  instant: Instant;
}

const FILTER_FORMS =
  'the simulator filters call records on startDateTime only: `startDateTime ge|gt|le|lt <DateTimeOffset>`, alone or two joined by `and`';
const CLAUSE = /^\s*(\w+)\s+(\w+)\s+(\S+)\s*$/;

/** `startDateTime ge X and startDateTime lt Y`, each alone, or any two startDateTime comparisons joined by `and`. */
function parseFilter(text: string | undefined): StartClause[] {
  if (text === undefined) return [];
  const parts = text.split(/\s+and\s+/i);
  if (parts.length > 2) throw new ErrorAnswer(400, 'BadRequest', `Invalid filter clause: ${FILTER_FORMS}.`);
  return parts.map((part) => {
    const [, property = '', rawOperator = '', literal = ''] = CLAUSE.exec(part) ?? [];
    const operator = rawOperator.toLowerCase();
    if (property.toLowerCase() !== 'startdatetime' || !['ge', 'gt', 'le', 'lt'].includes(operator)) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `Invalid filter clause: unsupported expression '${part.trim()}'; ${FILTER_FORMS}.`,
      );
    }
    if (literal.startsWith("'")) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind '${OPERATOR_KIND[operator as Comparison]}'.`,
      );
    }
    const instant = parseInstant(literal);
    if (instant === undefined) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `The DateTimeOffset text '${literal}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.`,
      );
    }
    return { operator: operator as Comparison, instant };
  });
}

const OPERATOR_KIND: Readonly<Record<Comparison, string>> = {
  ge: 'GreaterThanOrEqual',
  gt: 'GreaterThan',
  le: 'LessThanOrEqual',
  lt: 'LessThan',
};

function matchesStart(record: ModelCallRecord, clauses: readonly StartClause[]): boolean {
  return clauses.every(({ operator, instant }) => {
    const order = compareInstants(record.start, instant);
    return operator === 'ge'
      ? order >= 0
      : operator === 'gt'
        ? order > 0
        : operator === 'le'
          ? order <= 0
          : order < 0;
  });
}

/** Paging cursors: the list resumes after a record's (start, id), so records appearing meanwhile shift nothing. */
function listToken(record: ModelCallRecord): string {
  return Buffer.from(`${record.start.ms}.${record.start.sub}.${record.id}`, 'utf8').toString('base64url');
}

function parseListToken(token: string): { start: Instant; id: string } {
  const [ms, sub, id] = Buffer.from(token, 'base64url').toString('utf8').split('.');
  if (ms === undefined || sub === undefined || id === undefined || !/^\d+$/.test(ms) || !/^\d+$/.test(sub)) {
    throw new ErrorAnswer(400, 'BadRequest', `Invalid $skiptoken '${token}'.`);
  }
  return { start: { ms: Number(ms), sub: Number(sub) }, id };
}

/** The page size: `$top` or `Prefer: odata.maxpagesize`, at most CALL_RECORD_PAGE_SIZE. */
function listPageSize(
  req: IncomingMessage,
  top: string | undefined,
): { size: number; applied: string | undefined } {
  const preferred = preferredPageSize(req, CALL_RECORD_PAGE_SIZE, CALL_RECORD_PAGE_SIZE);
  if (top === undefined) return preferred;
  if (!/^\d+$/.test(top) || Number(top) < 1) {
    throw new ErrorAnswer(400, 'BadRequest', `Invalid value '${top}' for $top query option found.`);
  }
  return { size: Math.min(Number(top), preferred.size), applied: preferred.applied };
}

function listPage(ctx: SimulatorContext, req: IncomingMessage, url: URL, nowMs: number): Answer {
  // $expand is accepted and ignored: the list never includes sessions (Microsoft: use Get callRecord for them).
  const get = options(url, ['$filter', '$select', '$top', '$skiptoken', '$expand'], 'the callRecords list');
  const clauses = parseFilter(get('$filter'));
  const select = parseSelect(get('$select'));
  const { size, applied } = listPageSize(req, get('$top'));
  const token = get('$skiptoken');
  const after = token === undefined ? undefined : parseListToken(token);
  const records = ctx.callRecords
    .recordsAt(nowMs)
    .filter(
      (record) =>
        matchesStart(record, clauses) &&
        (after === undefined ||
          (compareInstants(record.start, after.start) || record.id.localeCompare(after.id)) > 0),
    );
  const page = records.slice(0, size);
  const projection = select === undefined ? '' : `(${select.join(',')})`;
  const json: Json = {
    '@odata.context': `${ctx.url}/v1.0/$metadata#communications/callRecords${projection}`,
  };
  const last = page.at(-1);
  if (records.length > size && last !== undefined)
    json['@odata.nextLink'] = nextPageLink(ctx, url, '$skiptoken', listToken(last));
  json.value = page.map((record) => {
    const sessions = ctx.callRecords.sessions(record, versionAt(record, nowMs).version);
    return callRecordJson(ctx.callRecords, record, sessions, nowMs, ctx.url, select);
  });
  return { json, applied };
}

function findRecord(model: CallRecordModel, id: string, nowMs: number): ModelCallRecord {
  const record = model.findAt(id, nowMs);
  if (record === undefined) {
    throw new ErrorAnswer(
      404,
      'NotFound',
      `Call record '${id}' was not found; records are kept for 30 days.`,
    );
  }
  return record;
}

type Expansion = 'none' | 'sessions' | 'sessions-segments';

function parseExpand(text: string | undefined): Expansion {
  if (text === undefined) return 'none';
  const compact = text.replace(/\s+/g, '').toLowerCase();
  if (compact === 'sessions') return 'sessions';
  if (compact === 'sessions($expand=segments)') return 'sessions-segments';
  throw new ErrorAnswer(
    400,
    'BadRequest',
    `Expansion '${text}' is not supported: the simulator expands sessions and sessions($expand=segments).`,
  );
}

function sessionsPage(
  ctx: SimulatorContext,
  record: ModelCallRecord,
  nowMs: number,
  offset: number,
  size: number,
  withSegments: boolean,
): { value: Json[]; nextLink: string | undefined } {
  const sessions = ctx.callRecords.sessions(record, versionAt(record, nowMs).version);
  const value = sessions
    .slice(offset, offset + size)
    .map((session, index) => sessionJson(ctx.callRecords, record, session, offset + index, withSegments));
  const next = offset + size;
  const query = `${withSegments ? '$expand=segments&' : ''}$skiptoken=${Buffer.from(String(next)).toString('base64url')}`;
  return {
    value,
    nextLink:
      next < sessions.length
        ? `${ctx.url}/v1.0/communications/callRecords('${record.id}')/sessions?${query}`
        : undefined,
  };
}

function getRecord(ctx: SimulatorContext, req: IncomingMessage, url: URL, id: string, nowMs: number): Answer {
  const get = options(url, ['$select', '$expand'], 'a single callRecord');
  const select = parseSelect(get('$select'));
  const expansion = parseExpand(get('$expand'));
  const record = findRecord(ctx.callRecords, id, nowMs);
  const { size, applied } = preferredPageSize(req, SESSION_PAGE_MAX, SESSION_PAGE_MAX);
  const sessions = ctx.callRecords.sessions(record, versionAt(record, nowMs).version);
  const shape = [
    ...(select ?? []),
    ...(expansion === 'none' ? [] : [expansion === 'sessions' ? 'sessions()' : 'sessions(segments())']),
  ];
  const json: Json = {
    '@odata.context': `${ctx.url}/v1.0/$metadata#communications/callRecords${shape.length === 0 ? '' : `(${shape.join(',')})`}/$entity`,
    ...callRecordJson(ctx.callRecords, record, sessions, nowMs, ctx.url, select),
  };
  if (expansion !== 'none') {
    const page = sessionsPage(ctx, record, nowMs, 0, size, expansion === 'sessions-segments');
    json.sessions = page.value;
    if (page.nextLink !== undefined) json['sessions@odata.nextLink'] = page.nextLink;
  }
  return { json, applied: expansion === 'none' ? undefined : applied };
}

function sessionPage(
  ctx: SimulatorContext,
  req: IncomingMessage,
  url: URL,
  id: string,
  nowMs: number,
): Answer {
  const get = options(url, ['$expand', '$skiptoken'], 'the sessions of a callRecord');
  const expand = get('$expand');
  if (expand !== undefined && expand.trim().toLowerCase() !== 'segments') {
    throw new ErrorAnswer(
      400,
      'BadRequest',
      `Expansion '${expand}' is not supported: sessions expand segments only.`,
    );
  }
  const token = get('$skiptoken');
  const offsetText = token === undefined ? '0' : Buffer.from(token, 'base64url').toString('utf8');
  if (!/^\d+$/.test(offsetText)) throw new ErrorAnswer(400, 'BadRequest', `Invalid $skiptoken '${token}'.`);
  const record = findRecord(ctx.callRecords, id, nowMs);
  const { size, applied } = preferredPageSize(req, SESSION_PAGE_MAX, SESSION_PAGE_MAX);
  const page = sessionsPage(ctx, record, nowMs, Number(offsetText), size, expand !== undefined);
  const json: Json = {
    '@odata.context': `${ctx.url}/v1.0/$metadata#communications/callRecords('${record.id}')/sessions`,
    value: page.value,
  };
  if (page.nextLink !== undefined) json['@odata.nextLink'] = page.nextLink;
  return { json, applied };
}
