import type { ReportName } from '@m365-otel/report-catalog';
import { RateLimiter, type RateLimiterOptions } from '@m365-otel/request-pipeline';

/**
 * Microsoft's limit on report requests for CSV output: 14 per 10 minutes per report function, app and tenant
 * (docs/microsoft-apis.md#report-throttling). Each report function counts on its own.
 */
export const REPORT_REQUEST_BUDGET: Readonly<{ limit: number; windowMs: number }> = Object.freeze({
  limit: 14,
  windowMs: 600_000,
});

/**
 * The request budget of one client (one app in one tenant): a sliding window per report function. A request over
 * budget waits until the oldest request leaves the window, and stops waiting when the caller's signal aborts,
 * instead of earning a 429 whose Retry-After would be longer still. Every request to a report function counts,
 * retries and 304s included; the download that follows a 302 does not (it is not a Graph request).
 */
export class ReportRequestBudget {
  readonly #options: RateLimiterOptions;
  readonly #windows = new Map<ReportName, RateLimiter>();

  constructor(options: RateLimiterOptions) {
    // A nonsense limit fails here, at construction, not at the first read.
    new RateLimiter(options);
    this.#options = options;
  }

  /** The window of one report function: the pipeline takes a grant from it before each attempt. */
  windowOf(report: ReportName): RateLimiter {
    let window = this.#windows.get(report);
    if (window === undefined) {
      window = new RateLimiter(this.#options);
      this.#windows.set(report, window);
    }
    return window;
  }
}
