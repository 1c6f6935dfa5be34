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

/**
 * Scheme, host and port only, for URLs whose path is itself a credential: Microsoft's pre-authenticated report
 * download URLs (reports.office.com) carry it in the path, so a logged path could be replayed without any token.
 */
export function describeOrigin(url: string | URL): string {
  try {
    return (typeof url === 'string' ? new URL(url) : url).origin;
  } catch {
    return '(invalid URL)';
  }
}
