import { AuthError } from '@m365-otel/auth';

/** What a failure tells about its source and its tenant's credential. */
export interface FailureVerdict {
  /** Microsoft's throttling (429, or the Management Activity API's AF429) outlasted the pipeline's retries. */
  throttled: boolean;
  /**
   * Whether the tenant held a token when it failed: false when Entra ID refused one, true when a Microsoft API
   * answered (the token was sent), undefined when the failure says neither (a deadline, the OTLP backend, the disk).
   */
  tokenAcquired: boolean | undefined;
  /** The error's message: the clients' messages name the call and what to do, and never carry a secret. */
  reason: string;
}

/** Causes followed at most: errors wrap one or two levels deep, and a cycle must not loop. */
const MAX_CAUSES = 5;
/** A reason is one line of a health report, not the whole of Microsoft's error body. */
const MAX_REASON_LENGTH = 600;

/**
 * Judges a source's failure by its error and the errors it wraps. A Microsoft API error is recognised by its
 * fields (`status`, Microsoft's `code`: MicrosoftApiError and the clients' subclasses of it), so the collector
 * needs no client's error class.
 */
export function judgeFailure(error: unknown): FailureVerdict {
  const chain = causes(error);
  const auth = chain.find((item) => item instanceof AuthError);
  const answered = chain.find((item) => typeof apiField(item, 'status') === 'number');
  return {
    throttled: chain.some(isThrottling),
    tokenAcquired: auth ? false : answered ? true : undefined,
    reason: reasonOf(error),
  };
}

/**
 * One line fit for a health report. A long one loses its middle: its start names what failed, its end what to do
 * (the permission to grant, an AuthError's hint), and Microsoft's own text in between is in the log.
 */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n', 1)[0]?.trim() || (error instanceof Error ? error.name : 'unknown error');
  if (line.length <= MAX_REASON_LENGTH) return line;
  const half = (MAX_REASON_LENGTH - 1) / 2;
  return `${line.slice(0, Math.floor(half))}…${line.slice(-Math.ceil(half))}`;
}

function isThrottling(error: unknown): boolean {
  const code = apiField(error, 'code');
  return apiField(error, 'status') === 429 || (typeof code === 'string' && code.toUpperCase() === 'AF429');
}

function apiField(error: unknown, field: 'status' | 'code'): unknown {
  return error instanceof Error ? (error as Error & Record<typeof field, unknown>)[field] : undefined;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && chain.length < MAX_CAUSES && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}
