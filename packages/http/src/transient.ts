const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  ...TIMEOUT_CODES,
  // undici
  'UND_ERR_SOCKET',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  // Node sockets and DNS
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * Whether an error is a network failure that a later attempt may not hit: resets, timeouts, refused connections and
 * bodies cut short. Follows `cause` chains and AggregateErrors, since undici and fetch wrap the socket's error
 * (fetch's "terminated" TypeError has the socket error as its cause).
 */
export function isTransientNetworkError(error: unknown): boolean {
  return someInChain(
    error,
    (link) =>
      hasCodeIn(link, TRANSIENT_CODES) || (link instanceof TypeError && link.message === 'terminated'),
    0,
  );
}

/** Whether a network failure is a timeout (connecting, waiting for the headers or for the body), not a refusal or a reset. */
export function isNetworkTimeout(error: unknown): boolean {
  return someInChain(error, (link) => hasCodeIn(link, TIMEOUT_CODES), 0);
}

function hasCodeIn(error: object, codes: ReadonlySet<string>): boolean {
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && codes.has(code);
}

function someInChain(error: unknown, test: (link: object) => boolean, depth: number): boolean {
  if (depth > 8 || typeof error !== 'object' || error === null) return false;
  if (test(error)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => someInChain(inner, test, depth + 1)))
    return true;
  return someInChain((error as { cause?: unknown }).cause, test, depth + 1);
}
