import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';
import { passGraphFrontDoor, sendGraphError } from './graph.js';
import { ErrorAnswer } from './http.js';
import { dropField, nextPageLink, preferredPageSize, project, sendODataJson } from './odata-answer.js';
import { casedIssue, casedMessage, casedOverview } from './service-health.js';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

type Collection = 'healthOverviews' | 'issues' | 'messages';
type Row = Record<string, unknown>;

interface ResourceType {
  /** The OData type name used in Graph's error messages. */
  typeName: string;
  /** Every structural property, in the order Graph writes them. */
  properties: readonly string[];
  /** Properties `$filter` accepts, with their EDM kind. */
  filterable: Readonly<Record<string, 'string' | 'boolean'>>;
  /** What a single-entity 404 calls the key. */
  noun: string;
}

const RESOURCES: Readonly<Record<Collection, ResourceType>> = {
  healthOverviews: {
    typeName: 'microsoft.graph.serviceHealth',
    properties: ['service', 'status', 'id'],
    filterable: { service: 'string', status: 'string', id: 'string' },
    noun: 'Service',
  },
  issues: {
    typeName: 'microsoft.graph.serviceHealthIssue',
    properties: [
      'startDateTime',
      'endDateTime',
      'lastModifiedDateTime',
      'title',
      'id',
      'impactDescription',
      'classification',
      'origin',
      'status',
      'service',
      'feature',
      'featureGroup',
      'isResolved',
      'details',
      'posts',
    ],
    filterable: {
      title: 'string',
      id: 'string',
      impactDescription: 'string',
      classification: 'string',
      origin: 'string',
      status: 'string',
      service: 'string',
      feature: 'string',
      featureGroup: 'string',
      isResolved: 'boolean',
    },
    noun: 'Service health issue',
  },
  messages: {
    typeName: 'microsoft.graph.serviceUpdateMessage',
    properties: [
      'startDateTime',
      'endDateTime',
      'lastModifiedDateTime',
      'title',
      'id',
      'category',
      'severity',
      'tags',
      'isMajorChange',
      'actionRequiredByDateTime',
      'services',
      'expiryDateTime',
      'hasAttachments',
      'details',
      'body',
      'viewPoint',
    ],
    filterable: {
      title: 'string',
      id: 'string',
      category: 'string',
      severity: 'string',
      isMajorChange: 'boolean',
      hasAttachments: 'boolean',
    },
    noun: 'Message',
  },
};

function noSuchProperty(name: string, resource: ResourceType): ErrorAnswer {
  return new ErrorAnswer(
    400,
    'BadRequest',
    `Could not find a property named '${name}' on type '${resource.typeName}'.`,
  );
}

/** Graph matches property names case-insensitively; answers the canonical spelling. */
function propertyName(name: string, candidates: readonly string[], resource: ResourceType): string {
  const found = candidates.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (found === undefined) throw noSuchProperty(name, resource);
  return found;
}

interface Clause {
  property: string;
  negate: boolean;
  value: string | boolean;
}

const FILTER_SUBSET =
  "the simulator supports `prop eq|ne 'text'` and `prop eq|ne true|false` joined by `and`";
const CLAUSE = /\s*([A-Za-z]+)\s+(eq|ne)\s+('(?:[^']|'')*'|true|false)\s*/y;
const AND = /and\s+/iy;

/** The `$filter` subset: comparisons of one property with a literal, joined by `and`. */
function parseFilter(text: string, resource: ResourceType): Clause[] {
  const clauses: Clause[] = [];
  let position = 0;
  for (;;) {
    CLAUSE.lastIndex = position;
    const match = CLAUSE.exec(text);
    const [, rawName, operator, literal] = match ?? [];
    if (match === null || rawName === undefined || operator === undefined || literal === undefined) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `Invalid filter clause: unsupported expression '${text.slice(position).trim()}'; ${FILTER_SUBSET}.`,
      );
    }
    position = CLAUSE.lastIndex;
    const filterable = Object.keys(resource.filterable);
    const known = propertyName(rawName, resource.properties, resource);
    if (!filterable.includes(known)) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `Invalid filter clause: the simulator filters on ${filterable.join(', ')} only, not '${known}'.`,
      );
    }
    const property = known;
    const value = literal.startsWith("'") ? literal.slice(1, -1).replaceAll("''", "'") : literal === 'true';
    const kind = resource.filterable[property];
    if (kind !== (typeof value === 'boolean' ? 'boolean' : 'string')) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `A binary operator with incompatible types was detected. Found operand types '${kind === 'boolean' ? 'Edm.Boolean' : 'Edm.String'}' and '${typeof value === 'boolean' ? 'Edm.Boolean' : 'Edm.String'}' for operator kind '${operator === 'eq' ? 'Equal' : 'NotEqual'}'.`,
      );
    }
    clauses.push({ property, negate: operator === 'ne', value });
    if (position === text.length) return clauses;
    AND.lastIndex = position;
    if (AND.exec(text) === null) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `Invalid filter clause: unsupported expression '${text.slice(position).trim()}'; ${FILTER_SUBSET}.`,
      );
    }
    position = AND.lastIndex;
  }
}

// Strings compare case-insensitively, so enum filters work whichever casing the tenant answers in.
function matches(row: Row, clauses: readonly Clause[]): boolean {
  return clauses.every(({ property, negate, value }) => {
    const actual = row[property];
    const equal =
      typeof value === 'string' && typeof actual === 'string'
        ? actual.toLowerCase() === value.toLowerCase()
        : actual === value;
    return equal !== negate;
  });
}

interface QueryOptions {
  filter: Clause[];
  select: string[] | undefined;
  expandIssues: boolean;
  skip: number;
}

const LIST_OPTIONS = new Set(['$filter', '$select', '$expand', '$skip']);
const ENTITY_OPTIONS = new Set(['$select', '$expand']);

function parseOptions(search: URLSearchParams, collection: Collection, entity: boolean): QueryOptions {
  const resource = RESOURCES[collection];
  const allowed = entity ? ENTITY_OPTIONS : LIST_OPTIONS;
  for (const key of search.keys()) {
    if (key.startsWith('$') && !allowed.has(key.toLowerCase())) {
      throw new ErrorAnswer(
        400,
        'BadRequest',
        `Query option '${key}' is not supported on ${entity ? 'a single' : 'this'} ${collection} request; the simulator supports ${[...allowed].join(', ')}.`,
      );
    }
  }
  const get = (name: string): string | undefined => {
    for (const [key, value] of search) if (key.toLowerCase() === name) return value;
    return undefined;
  };
  const filter = get('$filter');
  const select = get('$select');
  const expand = get('$expand');
  const skipText = get('$skip');
  let expandIssues = false;
  if (expand !== undefined) {
    if (collection !== 'healthOverviews') throw noSuchProperty(expand, resource);
    for (const item of expand.split(',')) {
      if (item.trim().toLowerCase() !== 'issues') throw noSuchProperty(item.trim(), resource);
      expandIssues = true;
    }
  }
  if (skipText !== undefined && !/^\d+$/.test(skipText)) {
    throw new ErrorAnswer(400, 'BadRequest', `Invalid value '${skipText}' for $skip query option found.`);
  }
  return {
    filter: filter === undefined ? [] : parseFilter(filter, resource),
    select:
      select === undefined
        ? undefined
        : select.split(',').map((name) => propertyName(name.trim(), resource.properties, resource)),
    expandIssues,
    skip: skipText === undefined ? 0 : Number(skipText),
  };
}

function contextUrl(
  ctx: SimulatorContext,
  collection: Collection,
  options: QueryOptions,
  entity: boolean,
): string {
  const parts = [...(options.select ?? []), ...(options.expandIssues ? ['issues()'] : [])];
  const projection = parts.length === 0 ? '' : `(${parts.join(',')})`;
  return `${ctx.url}/v1.0/$metadata#admin/serviceAnnouncement/${collection}${projection}${entity ? '/$entity' : ''}`;
}

function rowsOf(ctx: SimulatorContext, collection: Collection, expandIssues: boolean): Row[] {
  const { state } = ctx.serviceHealth;
  const enumCase = ctx.enumCase;
  if (collection === 'issues') return state.issues.map((issue) => ({ ...casedIssue(issue, enumCase) }));
  if (collection === 'messages') {
    return state.messages.map((message) => ({ ...casedMessage(message, enumCase) }));
  }
  return state.overviews.map((overview) => {
    const row: Row = { ...casedOverview(overview, enumCase) };
    if (expandIssues) {
      row.issues = state.issues
        .filter((issue) => issue.service === overview.service)
        .map((issue) => casedIssue(issue, enumCase));
    }
    return row;
  });
}

function shape(row: Row, collection: Collection, options: QueryOptions): Row {
  const { properties } = RESOURCES[collection];
  const selected = options.select;
  const out = project(
    row,
    selected === undefined ? properties : properties.filter((property) => selected.includes(property)),
  );
  if (options.expandIssues) out.issues = row.issues;
  return out;
}

/** Resolves a single entity's key: issues and messages by id, overviews by service display name. */
function findEntity(ctx: SimulatorContext, collection: Collection, key: string): Row | undefined {
  const rows = rowsOf(ctx, collection, true);
  if (collection === 'healthOverviews') {
    return rows.find((row) => String(row.service).toLowerCase() === key.toLowerCase());
  }
  return rows.find((row) => row.id === key);
}

/**
 * `GET /v1.0/admin/serviceAnnouncement/{healthOverviews|issues|messages}[/{key}]` (segments after `admin`), with the
 * same front door as the report functions: throttling and outage faults first, then the bearer token.
 */
export async function handleServiceAnnouncement(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  segments: readonly string[],
  url: URL,
): Promise<void> {
  ctx.stats.serviceHealthRequests += 1;
  const door = {
    target: 'service-health',
    methodNotAllowedCode: 'BadRequest',
    resource: url.pathname,
  } as const;
  if (!(await passGraphFrontDoor(ctx, req, res, door))) return;
  try {
    const body = answer(ctx, req, segments, url);
    dropField(
      ctx,
      'service-health',
      Array.isArray(body.json.value) ? (body.json.value as Row[]) : [body.json],
    );
    await sendODataJson(ctx, req, res, 'service-health', body.json, body.headers);
  } catch (error) {
    if (!(error instanceof ErrorAnswer)) throw error;
    sendGraphError(req, res, error.status, error.code, error.message);
  }
}

function answer(
  ctx: SimulatorContext,
  req: IncomingMessage,
  segments: readonly string[],
  url: URL,
): { json: Row; headers: OutgoingHttpHeaders } {
  const [root, rawCollection, rawKey, ...rest] = segments;
  if (root !== 'serviceAnnouncement') {
    throw new ErrorAnswer(400, 'BadRequest', `Resource not found for the segment '${root || 'admin'}'.`);
  }
  const collection = (['healthOverviews', 'issues', 'messages'] as const).find(
    (name) => name === rawCollection,
  );
  if (collection === undefined) {
    throw new ErrorAnswer(400, 'BadRequest', `Resource not found for the segment '${rawCollection ?? ''}'.`);
  }
  if (rest.length > 0) {
    throw new ErrorAnswer(400, 'BadRequest', `Resource not found for the segment '${rest[0]}'.`);
  }
  if (rawKey !== undefined && rawKey !== '') {
    let key: string;
    try {
      key = decodeURIComponent(rawKey);
    } catch {
      key = rawKey;
    }
    const options = parseOptions(url.searchParams, collection, true);
    const row = findEntity(ctx, collection, key);
    if (row === undefined) {
      throw new ErrorAnswer(
        404,
        'itemNotFound',
        `${RESOURCES[collection].noun} '${key}' does not exist for the tenant.`,
      );
    }
    return {
      json: {
        '@odata.context': contextUrl(ctx, collection, options, true),
        ...shape(row, collection, options),
      },
      headers: {},
    };
  }
  const options = parseOptions(url.searchParams, collection, false);
  const rows = rowsOf(ctx, collection, options.expandIssues).filter((row) => matches(row, options.filter));
  const { size, applied } = preferredPageSize(req, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = rows.slice(options.skip, options.skip + size);
  const json: Row = { '@odata.context': contextUrl(ctx, collection, options, false) };
  if (options.skip + size < rows.length) {
    json['@odata.nextLink'] = nextPageLink(ctx, url, '$skip', String(options.skip + size));
  }
  json.value = page.map((row) => shape(row, collection, options));
  return { json, headers: applied === undefined ? {} : { 'Preference-Applied': applied } };
}
