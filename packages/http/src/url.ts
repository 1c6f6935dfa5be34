/**
 * A URL fit for logs and error messages: origin and path only. Pre-authenticated download URLs (the report 302
 * target) carry their credential in the query string, so the query and fragment are never included.
 */
export function describeUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    // Echoing an unparseable input could leak whatever it contains.
    return '(invalid URL)';
  }
  return `${parsed.origin}${parsed.pathname}`;
}
