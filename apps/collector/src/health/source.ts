import type { ContentType } from '@m365-otel/management-api';
import type { GovernanceSignal } from '../governance/signals.js';

/**
 * A source of one tenant, named as `run --once` names a failed one: `reports` (every report function of the
 * tenant; the reports are its details), `service-health`, `audit <content type>`, `governance <signal>` and
 * `call-quality`.
 */
export type SourceName =
  | 'reports'
  | 'service-health'
  | 'call-quality'
  | `audit ${ContentType}`
  | `governance ${GovernanceSignal}`;

/**
 * What the health endpoint says of a source: `no data yet` before anything was heard from it, `ok` after a full
 * success, `degraded` when it partly worked (some reports, some calls of a governance signal), `throttled` when
 * Microsoft's throttling outlasted the retries, `failed: <reason>` otherwise (the reason says what to do).
 */
export type SourceStatus = 'ok' | 'no data yet' | 'throttled' | 'degraded' | `failed: ${string}`;

export function auditSource(contentType: ContentType): SourceName {
  return `audit ${contentType}`;
}

export function governanceSource(signal: GovernanceSignal): SourceName {
  return `governance ${signal}`;
}
