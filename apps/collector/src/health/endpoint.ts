/** `host:port`, the host a name, an IPv4 address or an IPv6 address in brackets. */
const ENDPOINT = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9][A-Za-z0-9.-]*)):(\d{1,5})$/;
const MAX_PORT = 65_535;

export const ENDPOINT_PROBLEM =
  'must be host:port (for example 0.0.0.0:13134, 127.0.0.1:13134 or [::]:13134), the port at most 65535';

/** The host and port of a health endpoint, or undefined when the text is not one. */
export function parseEndpoint(endpoint: string): { host: string; port: number } | undefined {
  const match = ENDPOINT.exec(endpoint);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  return host === undefined || port > MAX_PORT ? undefined : { host, port };
}
