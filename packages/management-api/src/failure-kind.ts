import { MicrosoftApiError, THROTTLED_ERROR_CODE } from '@m365-otel/request-pipeline';

/** Codes that only the operator can fix: permission, tenant id or tenant state, content type. */
const CONFIGURATION_CODES: ReadonlySet<string> = new Set([
  'AF10001',
  'AF20010',
  'AF20011',
  'AF20012',
  'AF20013',
  'AF20020',
]);
// A tenant without unified audit logging is answered "Tenant <id> does not exist", whatever the code.
const CONFIGURATION_TEXT =
  /\btenant\b[^.]*\bdoes not exist\b|\baudit(?:ing| log| logging)? is (?:not enabled|turned off)\b/i;

/**
 * Whether a failure of the Management Activity API waits for the operator (`configuration`: a missing permission,
 * a wrong or unready tenant, a refused token, an unknown content type) or for time (`transient`: throttling, 5xx,
 * AF50000 and its kin, 408, network errors, anything unrecognised). The first calls for an actionable message and a
 * slow retry; the second for the next cycle.
 */
export function activityFailureKind(error: unknown): 'transient' | 'configuration' {
  if (!(error instanceof MicrosoftApiError) || error.transient) return 'transient';
  if (error.code !== undefined && CONFIGURATION_CODES.has(error.code)) return 'configuration';
  if (CONFIGURATION_TEXT.test(error.message)) return 'configuration';
  // The bearer-token step refreshes the token once on a 401: a 401 that comes out is one after a fresh token.
  if (error.status === 401) return 'configuration';
  if (error.status === 403 && error.code !== THROTTLED_ERROR_CODE) return 'configuration';
  return 'transient';
}
