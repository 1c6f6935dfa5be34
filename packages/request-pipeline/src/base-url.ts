import { describeUrl } from '@m365-otel/http';

/**
 * Checks an API base URL option (e.g. https://graph.microsoft.com, no /v1.0) and returns it without a trailing
 * slash, ready for `${base}/v1.0/...`. Only https is accepted: the bearer token must never travel in clear text.
 */
export function parseApiBaseUrl(value: string, option = 'graphBaseUrl'): string {
  let base: URL;
  try {
    base = new URL(value);
  } catch {
    throw new Error(`${option} is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (base.protocol !== 'https:') {
    throw new Error(
      `${option} must use https (the bearer token must not travel in clear text): ${describeUrl(base)}`,
    );
  }
  if (base.search !== '' || base.hash !== '') {
    throw new Error(`${option} must not have a query or fragment: ${describeUrl(base)}`);
  }
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
}
