import { AuthError } from './errors.js';

export type CloudName = 'global' | 'usgov-gcc' | 'usgov-gcchigh' | 'usgov-dod' | 'china' | 'custom';
export type PresetCloudName = Exclude<CloudName, 'custom'>;

/**
 * Base URLs, no trailing slash. `management` (Office 365 Management Activity API) and `arm` (Azure Resource Manager,
 * for Microsoft Entra Connect Health) are absent only for a custom cloud that did not configure them: a client of
 * that API must then refuse to start, naming endpoints.management or endpoints.arm.
 */
export interface CloudEndpoints {
  authority: string;
  graph: string;
  management?: string;
  arm?: string;
}

/**
 * docs/microsoft-apis.md#clouds. GCC uses the worldwide authority, Graph and Azure Resource Manager; only its
 * Management API host differs. GCC High and DoD share Azure Government's Resource Manager.
 */
export const CLOUD_PRESETS: Readonly<Record<PresetCloudName, Readonly<Required<CloudEndpoints>>>> =
  Object.freeze({
    global: Object.freeze({
      authority: 'https://login.microsoftonline.com',
      graph: 'https://graph.microsoft.com',
      management: 'https://manage.office.com',
      arm: 'https://management.azure.com',
    }),
    'usgov-gcc': Object.freeze({
      authority: 'https://login.microsoftonline.com',
      graph: 'https://graph.microsoft.com',
      management: 'https://manage-gcc.office.com',
      arm: 'https://management.azure.com',
    }),
    'usgov-gcchigh': Object.freeze({
      authority: 'https://login.microsoftonline.us',
      graph: 'https://graph.microsoft.us',
      management: 'https://manage.office365.us',
      arm: 'https://management.usgovcloudapi.net',
    }),
    'usgov-dod': Object.freeze({
      authority: 'https://login.microsoftonline.us',
      graph: 'https://dod-graph.microsoft.us',
      management: 'https://manage.protection.apps.mil',
      arm: 'https://management.usgovcloudapi.net',
    }),
    china: Object.freeze({
      authority: 'https://login.chinacloudapi.cn',
      graph: 'https://microsoftgraph.chinacloudapi.cn',
      management: 'https://manage.office.cn',
      arm: 'https://management.chinacloudapi.cn',
    }),
  });

const CLOUD_NAMES: readonly CloudName[] = [...(Object.keys(CLOUD_PRESETS) as PresetCloudName[]), 'custom'];
const ENDPOINT_KEYS = ['authority', 'graph', 'management', 'arm'] as const;

/**
 * Checks one custom endpoint and returns it without trailing slashes. Tokens travel to these hosts, so only
 * https is accepted; the authority must be a bare origin because MSAL reads the tenant from the first path
 * segment of `{authority}/{tenantId}`.
 */
function normalizeEndpoint(key: (typeof ENDPOINT_KEYS)[number], value: unknown): string {
  const path = `endpoints.${key}`;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AuthError(`${path} is empty`, { hint: `set ${path} to an https URL` });
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AuthError(`${path} is not a URL: "${value}"`, { hint: `set ${path} to an absolute https URL` });
  }
  if (url.protocol !== 'https:') {
    throw new AuthError(`${path} must use https, got ${url.protocol.replace(/:$/, '')}`, {
      hint: `tokens are only sent over TLS; serve ${path} over https (for a private CA, set tls.caFile)`,
    });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new AuthError(`${path} must not contain credentials, a query or a fragment`, {
      hint: `set ${path} to a base URL such as https://host[:port]`,
    });
  }
  if (key === 'authority' && url.pathname !== '/') {
    throw new AuthError(
      `endpoints.authority must be the login host without a path, got path "${url.pathname}"`,
      {
        hint: 'remove the path (the tenant is added from tenantId), e.g. https://login.microsoftonline.com',
      },
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Endpoints for a cloud. A preset fixes all its hosts together (mixing clouds gives AADSTS90002/500011 at run
 * time); explicit endpoints are only accepted with cloud 'custom', which needs authority and graph.
 */
export function resolveCloudEndpoints(cloud: CloudName, custom?: Partial<CloudEndpoints>): CloudEndpoints {
  if (!CLOUD_NAMES.includes(cloud)) {
    throw new AuthError(`unknown cloud "${String(cloud)}"`, {
      hint: `set cloud to one of: ${CLOUD_NAMES.join(', ')}`,
    });
  }
  const given = ENDPOINT_KEYS.filter((key) => custom?.[key] !== undefined);
  if (cloud !== 'custom') {
    if (given.length > 0) {
      throw new AuthError(
        `endpoints (${given.map((key) => `endpoints.${key}`).join(', ')}) cannot be combined with cloud "${cloud}"`,
        {
          hint: `remove endpoints to use the ${cloud} preset, or set cloud: custom and give endpoints.authority and endpoints.graph`,
        },
      );
    }
    return { ...CLOUD_PRESETS[cloud] };
  }
  for (const key of ['authority', 'graph'] as const) {
    if (custom?.[key] === undefined) {
      throw new AuthError(`cloud "custom" needs endpoints.${key}`, {
        hint: `set endpoints.${key} to an https base URL, or choose a preset cloud (${CLOUD_NAMES.filter((name) => name !== 'custom').join(', ')})`,
      });
    }
  }
  const resolved: CloudEndpoints = {
    authority: normalizeEndpoint('authority', custom?.authority),
    graph: normalizeEndpoint('graph', custom?.graph),
  };
  for (const key of ['management', 'arm'] as const) {
    if (custom?.[key] !== undefined) resolved[key] = normalizeEndpoint(key, custom[key]);
  }
  return resolved;
}

/** The client-credentials scope of a resource: `{origin}/.default` (one resource per token, docs/microsoft-apis.md#request). */
export function scopeForResource(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AuthError(`cannot derive a token scope from "${baseUrl}": not a URL`, {
      hint: 'pass the API base URL, e.g. https://graph.microsoft.com',
    });
  }
  if (url.protocol !== 'https:') {
    throw new AuthError(`cannot derive a token scope from "${baseUrl}": not an https URL`, {
      hint: 'pass the API base URL, e.g. https://graph.microsoft.com',
    });
  }
  // The resource is identified by its origin: 'https://graph.microsoft.com/v1.0' still means Microsoft Graph.
  return `${url.origin}/.default`;
}
