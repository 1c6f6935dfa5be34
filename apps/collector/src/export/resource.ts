import { ATTR_M365_TENANT_ID as TENANT_ID_ATTRIBUTE } from '@m365-otel/mappers';
import { defaultResource, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { COLLECTOR_VERSION } from '../version.js';

export { TENANT_ID_ATTRIBUTE };

const MAX_LENGTH = 255;

/**
 * The collector's own resource: SDK defaults, then ours (service.name m365-otel, service.version), then
 * OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME, which win. The SDK's env detector reads only process.env and
 * swallows a malformed value at debug level; parsing here makes a typo a startup error instead of silent loss.
 */
export function serviceResource(
  env: Record<string, string | undefined>,
): { resource: Resource; problems: [] } | { resource?: undefined; problems: string[] } {
  const parsed = parseResourceAttributes(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  if (typeof parsed === 'string') return { problems: [`OTEL_RESOURCE_ATTRIBUTES: ${parsed}`] };
  const serviceName = env.OTEL_SERVICE_NAME?.trim();
  if (serviceName) parsed['service.name'] = serviceName;
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'm365-otel', 'service.version': COLLECTOR_VERSION }))
    .merge(resourceFromAttributes(parsed));
  return { resource, problems: [] };
}

/** One Resource per tenant; the tenant id is merged last so no environment setting can mislabel a tenant's data. */
export function tenantResource(base: Resource, tenantId: string): Resource {
  return base.merge(resourceFromAttributes({ [TENANT_ID_ATTRIBUTE]: tenantId }));
}

/** Where a tenant's current Resource is read from, at the moment a record or data point is made. */
export interface ResourceHolder {
  readonly current: Resource;
}

/** A fixed Resource, or the current one of a holder. */
export function currentResource(resource: Resource | ResourceHolder): Resource {
  return 'current' in resource ? resource.current : resource;
}

/**
 * A tenant's Resource, which learns what the tenant calls itself at run time: `tenantResource` at first, then, from
 * the first successful read of its organization, also its name, type and default domain. Only the first discovery
 * counts: a Resource that changed again mid-run would start new series in backends that key series by resource
 * attributes. Metrics and log records made after the discovery carry the attributes.
 */
export class TenantResource implements ResourceHolder {
  readonly #tenantId: string;
  #resource: Resource;
  #discovered = false;

  constructor(base: Resource, tenantId: string) {
    this.#tenantId = tenantId;
    this.#resource = tenantResource(base, tenantId);
  }

  get current(): Resource {
    return this.#resource;
  }

  /**
   * Adds the attributes (they win over the environment's, as they describe this tenant; the tenant id still wins
   * over them) and returns true the first time; afterwards changes nothing and returns false.
   */
  discover(attributes: Readonly<Record<string, string>>): boolean {
    if (this.#discovered) return false;
    this.#discovered = true;
    this.#resource = tenantResource(this.#resource.merge(resourceFromAttributes(attributes)), this.#tenantId);
    return true;
  }
}

/** `key=value,key2=value2`, percent-decoded (the OTel spec's format); a string describes the first problem. */
export function parseResourceAttributes(raw: string): Record<string, string> | string {
  const attributes: Record<string, string> = {};
  for (const entry of raw.split(',')) {
    if (entry.trim() === '') continue;
    const parts = entry.split('=');
    if (parts.length !== 2) {
      return `expected key=value pairs separated by commas (percent-encode ',' and '=' in values), got ${JSON.stringify(entry)}`;
    }
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((parts[0] ?? '').trim());
      value = decodeURIComponent((parts[1] ?? '').trim());
    } catch {
      return `invalid percent-encoding in ${JSON.stringify(entry)}`;
    }
    if (key === '') return `empty key in ${JSON.stringify(entry)}`;
    if (key.length > MAX_LENGTH || value.length > MAX_LENGTH)
      return `${key}: keys and values are limited to ${MAX_LENGTH} characters`;
    attributes[key] = value;
  }
  return attributes;
}
