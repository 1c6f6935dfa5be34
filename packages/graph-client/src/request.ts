import { randomUUID } from 'node:crypto';

/**
 * Headers for an authenticated Graph request: the bearer token and a fresh client-request-id, which Graph logs next
 * to its own request-id, so one failing call can be found on both sides. The id is returned for logs and errors.
 */
export function graphRequestHeaders(
  token: string,
  extra: Readonly<Record<string, string>> = {},
): { headers: Record<string, string>; clientRequestId: string } {
  const clientRequestId = randomUUID();
  return {
    headers: { authorization: `Bearer ${token}`, ...extra, 'client-request-id': clientRequestId },
    clientRequestId,
  };
}
