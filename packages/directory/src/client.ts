import {
  type ApiClientBase,
  type ApiClientOptions,
  type ApiErrorFactory,
  createApiClientBase,
  DriftReporter,
  isDateTimeOffset,
  MicrosoftApiError,
  type ParsedItem,
  pageSizeOption,
  type RateLimiter,
  readJsonPages,
} from '@m365-otel/request-pipeline';
import { PROVISIONING_ERROR_CATEGORIES } from './enums.js';
import { DirectoryError } from './errors.js';
import {
  COMPANY_SUBSCRIPTION,
  CREDENTIAL_OWNER,
  credentialsOf,
  DIRECTORY_SYNC,
  type ItemKind,
  ORGANIZATION,
  type ParseContext,
  PROVISIONING_ERROR_USER,
  parsePage,
  RISK_DETECTION,
  RISKY_USER,
  SUBSCRIBED_SKU,
} from './parse.js';
import { DIRECTORY_PERMISSIONS, type DirectoryMethod, type DirectoryPermission } from './permissions.js';
import type {
  AppCredentialOwner,
  CompanySubscription,
  DirectorySyncFeatures,
  Organization,
  ProvisioningErrorUser,
  RiskDetection,
  RiskyUser,
  SkippedItem,
  SubscribedSku,
} from './types.js';

/** An item of a collection with the page it was read on. */
type ListedItem<T> = ParsedItem<T> & { label: string };

export interface DirectoryClientOptions extends ApiClientOptions {
  /** e.g. https://graph.microsoft.com (no /v1.0). */
  graphBaseUrl: string;
  /**
   * Items per page, sent as `$top` to the collections that take it: at most 999 for applications, service principals
   * and users, 500 for Identity Protection (larger values are capped per collection). Default: each one's maximum,
   * the fewest requests.
   */
  pageSize?: number;
  /**
   * Called for every item left out because it lacks a required field or has one of the wrong type (the other items
   * are returned), on every call that meets it; e.g. to count it in a self-metric. The log has it once.
   */
  onSkippedItem?: (item: SkippedDirectoryItem) => void;
}

export interface SkippedDirectoryItem extends SkippedItem {
  /** The client method that read it. */
  method: DirectoryMethod;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Called for each item this call leaves out (besides the client's `onSkippedItem`): this list is incomplete. */
  onSkippedItem?: (item: SkippedDirectoryItem) => void;
}

export interface RiskDetectionsQuery extends RequestOptions {
  /** ISO 8601 date-time with its zone (e.g. `2024-05-01T00:00:00Z`): detections detected at or after it. */
  since: string;
}

/** Graph's page size limits: directory objects up to 999 a page, Identity Protection up to 500. */
const MAX_DIRECTORY_PAGE = 999;
const MAX_IDENTITY_PROTECTION_PAGE = 500;

/** One collection read: where, which query, which headers, and the limits it counts against. */
interface ListRequest {
  method: DirectoryMethod;
  /** Under /v1.0, e.g. `/subscribedSkus`. */
  path: string;
  query: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>>;
  limiters?: readonly RateLimiter[];
}

const directoryError: ApiErrorFactory = (message, details) => new DirectoryError(message, details);

/**
 * Entra ID governance reads through Microsoft Graph v1.0: licences, subscriptions, application and service principal
 * credentials, the organization, on-premises sync and Identity Protection. Every method reads one collection to its
 * last page (`@odata.nextLink`, only on the Graph origin), asks only for the fields it parses (`$select`), and
 * validates each item (skipping and reporting a malformed one). Token, retries (a 429 waits for its Retry-After),
 * request ids and errors naming the permission to grant are the request pipeline's.
 */
export class DirectoryClient {
  readonly #api: ApiClientBase;
  readonly #base: string;
  readonly #directoryPage: number;
  readonly #identityProtectionPage: number;
  readonly #drift: DriftReporter<SkippedDirectoryItem>;
  /** Identity Protection allows 1 request a second per tenant, across all apps. */
  readonly #identityProtectionLimiter: RateLimiter;
  /** Listing applications with their keyCredentials is limited to 150 requests a minute per tenant. */
  readonly #applicationKeysLimiter: RateLimiter;

  constructor(options: DirectoryClientOptions) {
    const api = createApiClientBase(options, {
      baseUrl: options.graphBaseUrl,
      service: 'Graph',
      api: 'graph.directory',
    });
    this.#api = api;
    const pageSize = pageSizeOption(options.pageSize, MAX_DIRECTORY_PAGE, MAX_DIRECTORY_PAGE);
    this.#base = `${api.baseUrl}/v1.0`;
    this.#directoryPage = pageSize;
    this.#identityProtectionPage = Math.min(pageSize, MAX_IDENTITY_PROTECTION_PAGE);
    this.#drift = new DriftReporter({
      answeredBy: 'Graph',
      logger: options.logger,
      onSkippedItem: options.onSkippedItem,
    });
    this.#identityProtectionLimiter = api.rateLimiter({ limit: 1, windowMs: 1_000 });
    this.#applicationKeysLimiter = api.rateLimiter({ limit: 150, windowMs: 60_000 });
  }

  /** The SKUs the tenant subscribes to, with their licence units. Needs LicenseAssignment.Read.All. */
  async listSubscribedSkus(options: RequestOptions = {}): Promise<SubscribedSku[]> {
    // The collection takes $select only: no $top, no $filter.
    const items = await this.#list(
      {
        method: 'listSubscribedSkus',
        path: '/subscribedSkus',
        query: {
          $select: 'id,skuId,skuPartNumber,capabilityStatus,appliesTo,consumedUnits,prepaidUnits',
        },
      },
      SUBSCRIBED_SKU,
      options,
    );
    return items.map(({ item }) => item);
  }

  /** The tenant's commercial subscriptions and their lifecycle. Needs Organization.Read.All. */
  async listCompanySubscriptions(options: RequestOptions = {}): Promise<CompanySubscription[]> {
    const items = await this.#list(
      {
        method: 'listCompanySubscriptions',
        path: '/directory/subscriptions',
        query: {
          $select:
            'id,skuId,skuPartNumber,status,isTrial,totalLicenses,createdDateTime,nextLifecycleDateTime',
        },
      },
      COMPANY_SUBSCRIPTION,
      options,
    );
    return items.map(({ item }) => item);
  }

  /**
   * Every application with its secrets and certificates, then every service principal that has any (one list each,
   * every page). Needs Application.Read.All.
   */
  async listApplicationCredentials(options: RequestOptions = {}): Promise<AppCredentialOwner[]> {
    const query = {
      $select: 'id,appId,displayName,passwordCredentials,keyCredentials',
      $top: `${this.#directoryPage}`,
    };
    const method = 'listApplicationCredentials';
    const owners: AppCredentialOwner[] = [];
    const collections = [
      ['application', '/applications', [this.#applicationKeysLimiter]],
      ['service_principal', '/servicePrincipals', []],
    ] as const;
    const context = this.#parseContext(method, options);
    for (const [owner, path, limiters] of collections) {
      for (const { item, label, at } of await this.#list(
        { method, path, query, limiters },
        CREDENTIAL_OWNER,
        options,
      )) {
        const credentials = credentialsOf(context(label), item, at);
        // Most service principals are Microsoft's own apps without credentials in this tenant: nothing to watch.
        if (owner === 'service_principal' && credentials.length === 0) continue;
        owners.push({ owner, id: item.id, appId: item.appId, displayName: item.displayName, credentials });
      }
    }
    return owners;
  }

  /** The tenant: name, type, default domain and on-premises sync times. Needs Organization.Read.All. */
  async getOrganization(options: RequestOptions = {}): Promise<Organization> {
    const items = await this.#list(
      {
        method: 'getOrganization',
        path: '/organization',
        query: {
          $select:
            'id,displayName,tenantType,verifiedDomains,onPremisesSyncEnabled,onPremisesLastSyncDateTime,onPremisesLastPasswordSyncDateTime',
        },
      },
      ORGANIZATION,
      options,
    );
    const [first] = items;
    if (first === undefined) {
      throw new DirectoryError(
        'organization: Graph answered no usable organization (an empty or malformed list)',
      );
    }
    return first.item;
  }

  /**
   * The on-premises directory synchronization feature flags; undefined when the tenant has no synchronization
   * configured (an empty list). Needs OnPremDirectorySynchronization.Read.All.
   */
  async getDirectorySyncFeatures(options: RequestOptions = {}): Promise<DirectorySyncFeatures | undefined> {
    const items = await this.#list(
      {
        method: 'getDirectorySyncFeatures',
        path: '/directory/onPremisesSynchronization',
        query: { $select: 'features' },
      },
      DIRECTORY_SYNC,
      options,
    );
    return items[0]?.item;
  }

  /**
   * The users whose synchronization from on-premises failed, with their errors: Graph's filter on the error
   * category, an advanced query (`ConsistencyLevel: eventual`, `$count=true`). Needs User.Read.All.
   */
  async listUsersWithProvisioningErrors(options: RequestOptions = {}): Promise<ProvisioningErrorUser[]> {
    const filter = PROVISIONING_ERROR_CATEGORIES.map(
      (category) => `onPremisesProvisioningErrors/any(e:e/category eq '${category}')`,
    ).join(' or ');
    const items = await this.#list(
      {
        method: 'listUsersWithProvisioningErrors',
        path: '/users',
        query: {
          $filter: filter,
          $count: 'true',
          $select: 'id,onPremisesProvisioningErrors',
          $top: `${this.#directoryPage}`,
        },
        headers: { consistencylevel: 'eventual' },
      },
      PROVISIONING_ERROR_USER,
      options,
    );
    return items.map(({ item }) => item);
  }

  /** Every user Identity Protection rates. Needs IdentityRiskyUser.Read.All and Microsoft Entra ID P2. */
  async listRiskyUsers(options: RequestOptions = {}): Promise<RiskyUser[]> {
    const items = await this.#list(
      {
        method: 'listRiskyUsers',
        path: '/identityProtection/riskyUsers',
        query: {
          $select: 'id,riskLevel,riskState,riskLastUpdatedDateTime',
          $top: `${this.#identityProtectionPage}`,
        },
        limiters: [this.#identityProtectionLimiter],
      },
      RISKY_USER,
      options,
    );
    return items.map(({ item }) => item);
  }

  /**
   * The risk detections detected at or after `since`. Needs IdentityRiskEvent.Read.All and Microsoft Entra ID P2.
   */
  async listRiskDetections(query: RiskDetectionsQuery): Promise<RiskDetection[]> {
    if (!isDateTimeOffset(query.since)) {
      throw new Error(
        `listRiskDetections: since must be an ISO 8601 date-time, got ${JSON.stringify(query.since)}`,
      );
    }
    const items = await this.#list(
      {
        method: 'listRiskDetections',
        path: '/identityProtection/riskDetections',
        query: {
          // An OData DateTimeOffset literal is written bare, in UTC.
          $filter: `detectedDateTime ge ${new Date(query.since).toISOString()}`,
          $select:
            'id,riskEventType,riskLevel,riskState,detectedDateTime,activityDateTime,userId,userPrincipalName,ipAddress,source,detectionTimingType,location',
          $top: `${this.#identityProtectionPage}`,
        },
        limiters: [this.#identityProtectionLimiter],
      },
      RISK_DETECTION,
      query,
    );
    return items.map(({ item }) => item);
  }

  /** Every page of one collection, each valid item once (by id, where it has one) with where it was read. */
  async #list<T>(
    request: ListRequest,
    kind: ItemKind<T>,
    options: RequestOptions,
  ): Promise<Array<ListedItem<T>>> {
    const { method, path } = request;
    const label = path.slice(1);
    const startedMs = this.#api.now();
    const context = this.#parseContext(method, options);
    // Keyed by id: a collection that changes while it is read may show an object on two pages.
    const byId = new Map<string, ListedItem<T>>();
    let pages = 0;
    try {
      for await (const page of readJsonPages(this.#api.pipeline, {
        url: this.#url(path, request.query),
        label,
        origin: this.#api.origin,
        nextLinkProperty: '@odata.nextLink',
        error: directoryError,
        answeredBy: 'Graph',
        permission: DIRECTORY_PERMISSIONS[method].permission,
        ...(request.headers && { headers: request.headers }),
        ...(request.limiters && { limiters: request.limiters }),
        ...(options.signal && { signal: options.signal }),
      })) {
        pages = page.pageNumber;
        for (const entry of parsePage(context(page.label, page.details), page.json, kind)) {
          const { id } = entry.item as { id?: unknown };
          byId.set(typeof id === 'string' ? id : entry.where, entry);
        }
      }
    } catch (error) {
      throw asDirectoryError(error, DIRECTORY_PERMISSIONS[method]);
    }
    this.#api.logger.debug('directory list read', {
      collection: label,
      items: byId.size,
      pages,
      durationMs: this.#api.now() - startedMs,
    });
    return [...byId.values()];
  }

  /** `https://graph.../v1.0/users?$select=...`: OData's `$` names kept as they are, values percent-encoded. */
  #url(path: string, query: Readonly<Record<string, string>>): URL {
    const search = Object.entries(query)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&');
    return new URL(`${this.#base}${path}${search === '' ? '' : `?${search}`}`);
  }

  /** The parse context of one page (label and ids), reporting to this call's and the client's listeners. */
  #parseContext(method: DirectoryMethod, options: RequestOptions) {
    return (label: string, details: ParseContext['details'] = {}): ParseContext => ({
      label,
      details,
      error: directoryError,
      onUnknownEnum: (definition, value, where) => this.#drift.unknownEnum(definition, value, where),
      onSkippedItem: (item) => this.#drift.skippedItem({ method, ...item }, options.onSkippedItem),
    });
  }
}

/**
 * The pipeline's failures as this client's error type (same fields). A 403 from a call that also needs a licence
 * says so: Identity Protection refuses an unlicensed tenant with 403 too, whatever the app was granted.
 */
function asDirectoryError(error: unknown, needed: DirectoryPermission): unknown {
  if (!(error instanceof MicrosoftApiError)) return error;
  if (error.status === 403 && error.permission !== undefined && needed.licence !== undefined) {
    return new DirectoryError(
      `${error.message}, and the tenant needs a ${needed.licence} licence`,
      error.details,
    );
  }
  return error instanceof DirectoryError ? error : new DirectoryError(error.message, error.details);
}
