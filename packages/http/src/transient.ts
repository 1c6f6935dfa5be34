const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  // undici
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  // Node sockets and DNS
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
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
  return isTransient(error, 0);
}

function isTransient(error: unknown, depth: number): boolean {
  if (depth > 8 || typeof error !== 'object' || error === null) return false;
  const { code, cause, message } = error as { code?: unknown; cause?: unknown; message?: unknown };
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  if (error instanceof TypeError && message === 'terminated') return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isTransient(inner, depth + 1)))
    return true;
  return isTransient(cause, depth + 1);
}
