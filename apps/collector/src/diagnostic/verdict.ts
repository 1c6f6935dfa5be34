import { AuthError } from '@m365-otel/auth';
import { HttpRequestError } from '@m365-otel/http';

/**
 * What one check of `diagnostic` found: the call works, or why it cannot. `sign-in refused` carries Entra ID's code
 * and what to do (AuthError's message); `failed` is any other answer (a 5xx that outlived the retries, a malformed
 * body).
 */
export type Verdict =
  | { result: 'ok' }
  | { result: 'missing permission'; detail: string }
  | { result: 'not licensed'; detail: string }
  | { result: 'unreachable'; detail: string }
  | { result: 'sign-in refused'; detail: string }
  | { result: 'failed'; detail: string };

export type VerdictResult = Verdict['result'];

const FORBIDDEN = 403;
/**
 * The code Graph's licensed APIs (Identity Protection) answer an unlicensed tenant with; a missing permission is
 * `Authorization_RequestDenied` on Graph and `AuthorizationFailed` on Azure Resource Manager.
 */
const UNLICENSED_CODE = 'Forbidden';

/** Why a check's call could not be made: `error` as the clients throw it, `licence` what the call needs besides. */
export function verdictOf(error: unknown, licence?: string): Verdict {
  if (error instanceof AuthError) {
    // A token request that never got an answer (network, DNS, TLS) is transient and has no HTTP status.
    if (error.transient && error.status === undefined)
      return { result: 'unreachable', detail: error.message };
    return { result: 'sign-in refused', detail: error.message };
  }
  if (!(error instanceof Error)) return { result: 'failed', detail: String(error) };
  const { status, code, permission } = error as ApiFailure;
  if (status === FORBIDDEN && licence !== undefined && code === UNLICENSED_CODE)
    return { result: 'not licensed', detail: licence };
  if (status === FORBIDDEN && typeof permission === 'string')
    return { result: 'missing permission', detail: permission };
  // The pipeline's MicrosoftApiError wraps the transport's failure once the retries gave up (a report's read wraps
  // that again).
  if (status === undefined && networkFailure(error)) return { result: 'unreachable', detail: error.message };
  return { result: 'failed', detail: error.message };
}

/** Whether the error, or one it was caused by, is a request that got no answer. */
function networkFailure(error: unknown, depth = 0): boolean {
  if (error instanceof HttpRequestError) return true;
  return depth < MAX_CAUSES && error instanceof Error && networkFailure(error.cause, depth + 1);
}

const MAX_CAUSES = 4;

/** The fields every client's error (a MicrosoftApiError of @m365-otel/request-pipeline) carries, when it has them. */
interface ApiFailure {
  status?: unknown;
  code?: unknown;
  permission?: unknown;
}

/** The verdict as one line of the table: `ok`, `missing permission Reports.Read.All`, `unreachable <reason>`. */
export function describeVerdict(verdict: Verdict): string {
  return verdict.result === 'ok' ? 'ok' : `${verdict.result} ${verdict.detail}`;
}
