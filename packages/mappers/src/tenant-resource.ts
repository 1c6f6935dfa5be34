import {
  ATTR_M365_TENANT_DOMAIN,
  ATTR_M365_TENANT_NAME,
  ATTR_M365_TENANT_TYPE,
  type ResourceAttributes,
} from './generated/catalog.js';
import type { OrganizationLike } from './governance-types.js';

/** The Resource attributes the tenant's organization gives (the tenant id is the collector's); unset ones left out. */
export type TenantResourceAttributes = Omit<ResourceAttributes, 'm365.tenant.id'>;

export function tenantResourceAttributes(org: OrganizationLike): TenantResourceAttributes {
  const attributes: TenantResourceAttributes = {
    [ATTR_M365_TENANT_NAME]: org.displayName || undefined,
    [ATTR_M365_TENANT_TYPE]: org.tenantType || undefined,
    [ATTR_M365_TENANT_DOMAIN]: org.defaultDomain || undefined,
  };
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
}
