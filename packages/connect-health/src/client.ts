import {
  type ApiClientBase,
  type ApiClientOptions,
  createApiClientBase,
  DriftReporter,
  type MicrosoftApiErrorDetails,
  readJsonPages,
} from '@m365-otel/request-pipeline';
import {
  type ConnectHealthAlert,
  type ConnectHealthResource,
  type ConnectHealthService,
  type ParseContext,
  parseAlertsPage,
  parseServicesPage,
  type SkippedConnectHealthItem,
} from './parse.js';

export interface ConnectHealthClientOptions extends ApiClientOptions {
  /** Azure Resource Manager of the tenant's cloud, e.g. https://management.azure.com (`CloudEndpoints.arm`). */
  armBaseUrl: string;
  /** Called for every item left out because it lacks a required field or has one of the wrong type. */
  onSkippedItem?: (item: SkippedConnectHealthItem) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Called for each item this call leaves out (besides the client's `onSkippedItem`). */
  onSkippedItem?: (item: SkippedConnectHealthItem) => void;
}

/** The Azure role that reads Connect Health, and what a 403 says about granting it. */
export const CONNECT_HEALTH_ROLE = 'Reader';
const ACCESS_HINT =
  "the app's service principal needs the Reader role in Microsoft Entra Connect Health (Azure RBAC: in the Connect Health portal, Users, on all service instances or on this service); Global Administrators are owners without it, an app is not";

export const CONNECT_HEALTH_API_VERSION = '2014-01-01';
const PROVIDER = '/providers/Microsoft.ADHybridHealthService';
/** The alert state that means open; every other state is a way of being resolved. */
const OPEN_STATE = 'active';

/**
 * Microsoft Entra Connect Health (the ADHybridHealthService resource provider) through Azure Resource Manager: the
 * services onboarded and their open alerts. What is its own: the URLs and `api-version`, ARM's `nextLink` paging
 * (followed only on the ARM origin) and parsing. Token, retries, request ids and errors (ARM's `{ error: { code,
 * message } }`) are the request pipeline's; the token's scope is the ARM host's, not Graph's.
 */
export class ConnectHealthClient {
  readonly #api: ApiClientBase;
  readonly #base: string;
  readonly #drift: DriftReporter<SkippedConnectHealthItem>;

  constructor(options: ConnectHealthClientOptions) {
    const api = createApiClientBase(options, {
      baseUrl: options.armBaseUrl,
      service: 'Azure Resource Manager',
      api: 'arm',
    });
    this.#api = api;
    this.#base = `${api.baseUrl}${PROVIDER}`;
    this.#drift = new DriftReporter({
      answeredBy: 'Azure Resource Manager',
      logger: options.logger,
      onSkippedItem: options.onSkippedItem,
    });
  }

  /** Every service onboarded to Connect Health, across all pages. */
  async listServices(options: RequestOptions = {}): Promise<ConnectHealthService[]> {
    const services: ConnectHealthService[] = [];
    for await (const page of this.#pages('services', `${this.#base}/services`, {}, options)) {
      services.push(
        ...parseServicesPage(this.#parseContext('services', page.label, page.details, options), page.json),
      );
    }
    return services;
  }

  /**
   * The open alerts of one service (`serviceName` from `listServices`), across all pages. ARM is asked for
   * `state=Active` and what it answers is held to that too, so a resolved alert is never counted as open.
   */
  async listOpenAlerts(serviceName: string, options: RequestOptions = {}): Promise<ConnectHealthAlert[]> {
    if (serviceName.trim() === '') throw new Error('listOpenAlerts: the service name must not be empty');
    const url = `${this.#base}/services/${encodeURIComponent(serviceName)}/alerts`;
    const alerts: ConnectHealthAlert[] = [];
    for await (const page of this.#pages(`alerts of ${serviceName}`, url, { state: 'Active' }, options)) {
      const context = this.#parseContext('alerts', page.label, page.details, options);
      for (const alert of parseAlertsPage(context, page.json))
        if (alert.state.toLowerCase() === OPEN_STATE) alerts.push(alert);
    }
    return alerts;
  }

  #pages(label: string, path: string, query: Readonly<Record<string, string>>, options: RequestOptions) {
    const url = new URL(path);
    url.searchParams.set('api-version', CONNECT_HEALTH_API_VERSION);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return readJsonPages(this.#api.pipeline, {
      url,
      label,
      answeredBy: 'Azure Resource Manager',
      origin: this.#api.origin,
      nextLinkProperty: 'nextLink',
      permission: CONNECT_HEALTH_ROLE,
      accessHint: ACCESS_HINT,
      ...(options.signal && { signal: options.signal }),
    });
  }

  #parseContext(
    resource: ConnectHealthResource,
    label: string,
    details: MicrosoftApiErrorDetails,
    options: RequestOptions,
  ): ParseContext {
    return {
      label,
      details,
      onSkippedItem: (item) => this.#drift.skippedItem({ resource, ...item }, options.onSkippedItem),
    };
  }
}
