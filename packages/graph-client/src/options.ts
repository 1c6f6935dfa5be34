import type { HttpClient, Logger, RetryOptions, RetryPolicy, Sleep } from '@m365-otel/http';

/** What every Graph client is constructed with; each client adds its own options. */
export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com (no /v1.0). */
  graphBaseUrl: string;
  http: Pick<HttpClient, 'request'>;
  /** A Graph access token; `forceRefresh` when Graph refused the previous one. */
  getAccessToken: (options?: { forceRefresh?: boolean }) => Promise<string>;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  random?: () => number;
  sleep?: Sleep;
  now?: () => number;
}

/** The withRetry options a client's options imply; each call adds its signal and onRetry. */
export function graphRetryOptions(
  options: Pick<GraphClientOptions, 'retry' | 'random' | 'sleep' | 'now'>,
): RetryOptions {
  return {
    policy: options.retry ?? {},
    now: options.now ?? Date.now,
    ...(options.random && { random: options.random }),
    ...(options.sleep && { sleep: options.sleep }),
  };
}
