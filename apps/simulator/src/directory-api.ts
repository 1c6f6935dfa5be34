// Graph v1.0 lists of the tenant's governance state (docs/microsoft-apis.md#tenant-governance): licences,
// subscriptions, app registrations and service principals, the organization and its directory sync, users with
// provisioning errors, and Identity Protection. One table declares each list: its path, properties, page size, the
// `$filter` forms it serves and the one permission (and licence) it needs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';
import type { GovernanceModel, Row } from './governance-model.js';
import { passGraphFrontDoor, sendGraphError } from './graph.js';
import { ErrorAnswer, header } from './http.js';
import { dropField, nextPageLink, preferredPageSize, project, sendODataJson } from './odata-answer.js';

/** `$top` and `Prefer: odata.maxpagesize` accept 1..999, as Graph's directory lists do. */
const MAX_PAGE_SIZE = 999;

/**
 * Directory objects (applications, users, ...) answer query errors with the directory's codes; the other lists with
 * OData's generic `BadRequest`.
 */
type ErrorFamily = 'directory' | 'odata';

/** A `$filter` form a list serves; `parse` answers undefined for any other text. */
interface FilterRule {
  /** The form, for the error message. */
  form: string;
  parse(text: string): ((row: Row) => boolean) | undefined;
  /** An advanced query: Graph answers it only with `ConsistencyLevel: eventual` and `$count=true`. */
  advanced: boolean;
  /** The property named in Graph's error message when the filter is refused. */
  property: string;
}

export interface DirectoryList {
  /** After `/v1.0/`. */
  path: string;
  /** The OData entity type, e.g. microsoft.graph.application. */
  typeName: string;
  /** The one application permission the list needs. */
  permission: string;
  /** Identity Protection's lists need the tenant's Entra ID P2 licence. */
  needsEntraIdP2: boolean;
  errors: ErrorFamily;
  defaultPageSize: number;
  /** Every property, in the order Graph writes them. */
  properties: readonly string[];
  filter?: FilterRule;
  /** Without a filter, `/users` would list the whole directory: the simulator serves it only filtered. */
  filterRequired?: boolean;
  rows(governance: GovernanceModel, nowMs: number): readonly Row[];
}

const CREDENTIAL_OWNER_PROPERTIES = [
  'id',
  'appId',
  'displayName',
  'createdDateTime',
  'passwordCredentials',
  'keyCredentials',
] as const;

const rows = <T extends object>(items: readonly T[]): readonly Row[] => items as unknown as readonly Row[];

// `onPremisesProvisioningErrors/any(e:e/category eq 'PropertyConflict')`: the lambda forms Microsoft documents for this
// collection (`category` or `propertyCausingError` compared with eq), any range variable name.
const PROVISIONING_ERROR_FILTER =
  /^\s*onPremisesProvisioningErrors\/any\(\s*([A-Za-z]\w*)\s*:\s*\1\/(category|propertyCausingError)\s+eq\s+'((?:[^']|'')*)'\s*\)\s*$/i;
// `detectedDateTime ge 2026-03-10T00:00:00Z`: a DateTimeOffset literal, unquoted as OData writes it.
const DETECTED_SINCE_FILTER =
  /^\s*detectedDateTime\s+ge\s+(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))\s*$/i;

export const DIRECTORY_LISTS: readonly DirectoryList[] = [
  {
    path: 'subscribedSkus',
    typeName: 'microsoft.graph.subscribedSku',
    permission: 'LicenseAssignment.Read.All',
    needsEntraIdP2: false,
    errors: 'odata',
    defaultPageSize: 100,
    properties: [
      'accountId',
      'accountName',
      'appliesTo',
      'capabilityStatus',
      'consumedUnits',
      'id',
      'prepaidUnits',
      'servicePlans',
      'skuId',
      'skuPartNumber',
      'subscriptionIds',
    ],
    rows: (governance) => rows(governance.subscribedSkus),
  },
  {
    path: 'directory/subscriptions',
    typeName: 'microsoft.graph.companySubscription',
    permission: 'Organization.Read.All',
    needsEntraIdP2: false,
    errors: 'odata',
    defaultPageSize: 100,
    properties: [
      'commerceSubscriptionId',
      'createdDateTime',
      'id',
      'isTrial',
      'nextLifecycleDateTime',
      'ownerId',
      'ownerTenantId',
      'ownerType',
      'serviceStatus',
      'skuId',
      'skuPartNumber',
      'status',
      'totalLicenses',
    ],
    rows: (governance) => rows(governance.companySubscriptions),
  },
  {
    path: 'applications',
    typeName: 'microsoft.graph.application',
    permission: 'Application.Read.All',
    needsEntraIdP2: false,
    errors: 'directory',
    defaultPageSize: 100,
    properties: [...CREDENTIAL_OWNER_PROPERTIES, 'signInAudience', 'publisherDomain'],
    rows: (governance) => rows(governance.applications),
  },
  {
    path: 'servicePrincipals',
    typeName: 'microsoft.graph.servicePrincipal',
    permission: 'Application.Read.All',
    needsEntraIdP2: false,
    errors: 'directory',
    defaultPageSize: 100,
    properties: [
      ...CREDENTIAL_OWNER_PROPERTIES,
      'accountEnabled',
      'appOwnerOrganizationId',
      'servicePrincipalType',
    ],
    rows: (governance) => rows(governance.servicePrincipals),
  },
  {
    path: 'organization',
    typeName: 'microsoft.graph.organization',
    permission: 'Organization.Read.All',
    needsEntraIdP2: false,
    errors: 'directory',
    defaultPageSize: 100,
    properties: [
      'id',
      'businessPhones',
      'city',
      'country',
      'countryLetterCode',
      'createdDateTime',
      'displayName',
      'onPremisesLastSyncDateTime',
      'onPremisesLastPasswordSyncDateTime',
      'onPremisesSyncEnabled',
      'postalCode',
      'preferredLanguage',
      'state',
      'street',
      'tenantType',
      'technicalNotificationMails',
      'verifiedDomains',
    ],
    rows: (governance) => [governance.organization],
  },
  {
    path: 'directory/onPremisesSynchronization',
    typeName: 'microsoft.graph.onPremisesDirectorySynchronization',
    permission: 'OnPremDirectorySynchronization.Read.All',
    needsEntraIdP2: false,
    errors: 'odata',
    defaultPageSize: 100,
    properties: ['id', 'configuration', 'features'],
    rows: (governance) => [governance.onPremisesSynchronization],
  },
  {
    path: 'users',
    typeName: 'microsoft.graph.user',
    permission: 'User.Read.All',
    needsEntraIdP2: false,
    errors: 'directory',
    defaultPageSize: 100,
    properties: [
      'id',
      'displayName',
      'userPrincipalName',
      'onPremisesSyncEnabled',
      'onPremisesProvisioningErrors',
    ],
    filterRequired: true,
    filter: {
      form: "onPremisesProvisioningErrors/any(e:e/category eq 'VALUE') (or e/propertyCausingError eq 'VALUE')",
      property: 'onPremisesProvisioningErrors',
      advanced: true,
      parse(text) {
        const match = PROVISIONING_ERROR_FILTER.exec(text);
        const field = match?.[2];
        const literal = match?.[3];
        if (field === undefined || literal === undefined) return undefined;
        const key = field.toLowerCase() === 'category' ? 'category' : 'propertyCausingError';
        const value = literal.replaceAll("''", "'");
        return (row) =>
          (row.onPremisesProvisioningErrors as Row[]).some(
            (error) => String(error[key]).toLowerCase() === value.toLowerCase(),
          );
      },
    },
    rows: (governance) => rows(governance.usersWithProvisioningErrors),
  },
  {
    path: 'identityProtection/riskyUsers',
    typeName: 'microsoft.graph.riskyUser',
    permission: 'IdentityRiskyUser.Read.All',
    needsEntraIdP2: true,
    errors: 'odata',
    defaultPageSize: 100,
    properties: [
      'id',
      'isDeleted',
      'isProcessing',
      'riskDetail',
      'riskLastUpdatedDateTime',
      'riskLevel',
      'riskState',
      'userDisplayName',
      'userPrincipalName',
    ],
    rows: (governance) => rows(governance.riskyUsers),
  },
  {
    path: 'identityProtection/riskDetections',
    typeName: 'microsoft.graph.riskDetection',
    permission: 'IdentityRiskEvent.Read.All',
    needsEntraIdP2: true,
    errors: 'odata',
    defaultPageSize: 100,
    properties: [
      'id',
      'requestId',
      'correlationId',
      'riskEventType',
      'riskState',
      'riskLevel',
      'riskDetail',
      'source',
      'detectionTimingType',
      'activity',
      'tokenIssuerType',
      'ipAddress',
      'location',
      'activityDateTime',
      'detectedDateTime',
      'lastUpdatedDateTime',
      'userId',
      'userDisplayName',
      'userPrincipalName',
      'additionalInfo',
    ],
    filter: {
      form: 'detectedDateTime ge YYYY-MM-DDTHH:MM:SSZ',
      property: 'detectedDateTime',
      advanced: false,
      parse(text) {
        const literal = DETECTED_SINCE_FILTER.exec(text)?.[1];
        const since = literal === undefined ? Number.NaN : Date.parse(literal);
        if (Number.isNaN(since)) return undefined;
        return (row) => Date.parse(String(row.detectedDateTime)) >= since;
      },
    },
    rows: (governance, nowMs) => rows(governance.riskDetections(nowMs)),
  },
];

/** The list served at a path after `/v1.0/` (Graph matches segments case-insensitively). */
export function directoryListAt(path: string): DirectoryList | undefined {
  const lower = path.toLowerCase();
  return DIRECTORY_LISTS.find((list) => list.path.toLowerCase() === lower);
}

function badRequest(list: DirectoryList, message: string): ErrorAnswer {
  return new ErrorAnswer(400, list.errors === 'directory' ? 'Request_BadRequest' : 'BadRequest', message);
}

function unsupportedFilter(list: DirectoryList, property: string): ErrorAnswer {
  return list.errors === 'directory'
    ? new ErrorAnswer(
        400,
        'Request_UnsupportedQuery',
        `Unsupported or invalid query filter clause specified for property '${property}' of resource '${list.typeName.replace('microsoft.graph.', '')}'.`,
      )
    : new ErrorAnswer(400, 'BadRequest', `Invalid filter clause: '${property}' is not supported here.`);
}

interface ListQuery {
  select: string[] | undefined;
  predicate: ((row: Row) => boolean) | undefined;
  count: boolean;
  pageSize: number;
  preferenceApplied: string | undefined;
  offset: number;
}

const SUPPORTED_OPTIONS = new Set(['$select', '$filter', '$top', '$count', '$skiptoken']);

function option(search: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of search) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** The page size: `$top` if given, else `Prefer: odata.maxpagesize`, else the list's default. */
function pageSizeOf(
  list: DirectoryList,
  req: IncomingMessage,
  top: string | undefined,
): { pageSize: number; preferenceApplied: string | undefined } {
  if (top !== undefined) {
    const value = /^\d+$/.test(top) ? Number(top) : 0;
    if (value < 1 || value > MAX_PAGE_SIZE) {
      throw badRequest(
        list,
        `Invalid page size specified: '${top}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`,
      );
    }
    return { pageSize: value, preferenceApplied: undefined };
  }
  const { size, applied } = preferredPageSize(req, list.defaultPageSize, MAX_PAGE_SIZE);
  return { pageSize: size, preferenceApplied: applied };
}

const SKIP_TOKEN_PREFIX = 'sim1:';

function skipToken(offset: number): string {
  return Buffer.from(`${SKIP_TOKEN_PREFIX}${offset}`, 'utf8').toString('base64url');
}

function offsetOf(list: DirectoryList, token: string | undefined): number {
  if (token === undefined) return 0;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const offset = text.startsWith(SKIP_TOKEN_PREFIX)
    ? Number(text.slice(SKIP_TOKEN_PREFIX.length))
    : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw badRequest(list, 'The skip token is null or invalid.');
  return offset;
}

function parseQuery(list: DirectoryList, req: IncomingMessage, search: URLSearchParams): ListQuery {
  for (const key of search.keys()) {
    if (key.startsWith('$') && !SUPPORTED_OPTIONS.has(key.toLowerCase())) {
      throw badRequest(
        list,
        `Query option '${key}' is not supported by the simulator on ${list.path}; it serves ${[...SUPPORTED_OPTIONS].join(', ')}.`,
      );
    }
  }
  const selectText = option(search, '$select');
  const select =
    selectText === undefined
      ? undefined
      : selectText.split(',').map((raw) => {
          const name = raw.trim();
          const known = list.properties.find((property) => property.toLowerCase() === name.toLowerCase());
          if (known === undefined) {
            throw badRequest(list, `Could not find a property named '${name}' on type '${list.typeName}'.`);
          }
          return known;
        });
  const countText = option(search, '$count');
  if (countText !== undefined && countText !== 'true' && countText !== 'false') {
    throw badRequest(list, `Invalid value '${countText}' for $count query option found.`);
  }
  const count = countText === 'true';
  const filterText = option(search, '$filter');
  let predicate: ((row: Row) => boolean) | undefined;
  if (filterText !== undefined) {
    const rule = list.filter;
    predicate = rule?.parse(filterText);
    if (rule === undefined || predicate === undefined) {
      throw unsupportedFilter(list, rule?.property ?? filterText.trim().split(/[\s/(]/, 1)[0] ?? '');
    }
    const eventual = header(req, 'consistencylevel')?.toLowerCase() === 'eventual';
    if (rule.advanced && (!eventual || !count)) throw unsupportedFilter(list, rule.property);
  } else if (list.filterRequired === true) {
    throw badRequest(
      list,
      `The simulator serves ${list.path} only with $filter=${list.filter?.form ?? ''}, ConsistencyLevel: eventual and $count=true.`,
    );
  }
  return {
    select,
    predicate,
    count,
    ...pageSizeOf(list, req, option(search, '$top')),
    offset: offsetOf(list, option(search, '$skiptoken')),
  };
}

/**
 * `GET /v1.0/{list}`: throttling and outage faults first, then the bearer token, the permission and licence, the
 * query; pages of `@odata.nextLink` with an opaque `$skiptoken`. Counted per path in
 * `stats().governanceRequestsByPath` before anything is checked. Faults of target `governance` apply to any list.
 */
export async function handleDirectoryList(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  list: DirectoryList,
  url: URL,
): Promise<void> {
  const statsKey = `/v1.0/${list.path}`;
  ctx.stats.governanceRequestsByPath[statsKey] = (ctx.stats.governanceRequestsByPath[statsKey] ?? 0) + 1;
  const door = {
    target: 'governance',
    methodNotAllowedCode: 'Request_BadRequest',
    resource: statsKey,
  } as const;
  if (!(await passGraphFrontDoor(ctx, req, res, door))) return;
  if (!ctx.access.granted.has(list.permission)) {
    sendGraphError(
      req,
      res,
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
    return;
  }
  if (list.needsEntraIdP2 && !ctx.access.entraIdP2) {
    // What Identity Protection answers a tenant without Entra ID P2 (docs/microsoft-apis.md#identity-protection).
    sendGraphError(req, res, 403, 'Forbidden', 'Your tenant is not licensed for this feature.');
    return;
  }
  let query: ListQuery;
  try {
    query = parseQuery(list, req, url.searchParams);
  } catch (error) {
    if (!(error instanceof ErrorAnswer)) throw error;
    sendGraphError(req, res, error.status, error.code, error.message);
    return;
  }
  const { predicate } = query;
  await ctx.governance.prepare();
  const all = list.rows(ctx.governance, ctx.now().getTime());
  const matching = predicate === undefined ? all : all.filter(predicate);
  const properties = query.select ?? list.properties;
  const projection = query.select === undefined ? '' : `(${query.select.join(',')})`;
  const body: Row = { '@odata.context': `${ctx.url}/v1.0/$metadata#${list.path}${projection}` };
  if (query.count) body['@odata.count'] = matching.length;
  const end = query.offset + query.pageSize;
  if (end < matching.length) body['@odata.nextLink'] = nextPageLink(ctx, url, '$skiptoken', skipToken(end));
  const page = matching.slice(query.offset, end).map((row) => project(row, properties));
  dropField(ctx, 'governance', page);
  body.value = page;
  await sendODataJson(
    ctx,
    req,
    res,
    'governance',
    body,
    query.preferenceApplied === undefined ? {} : { 'Preference-Applied': query.preferenceApplied },
  );
}
