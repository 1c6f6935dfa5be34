import type { Fault, SimulatorOptions } from '@m365-otel/simulator';

// The fault matrix of docs/reliability.md ("Faults from Microsoft's side"), one row per fault, declared once: the
// e2e test drives each row against the simulator, and a unit test checks that every id has its line in the doc.

/** The sources a row runs: one family per run keeps each run short. */
export type Family = 'reports' | 'service-health' | 'governance' | 'call-quality' | 'audit';

/**
 * What the collector does: a later attempt succeeds (retried), the item is skipped and counted, the source stops with
 * an actionable message (stopped), or the answer is read as it is (tolerated: a clock that is off, bytes that are
 * not UTF-8).
 */
export type Behaviour = 'retried' | 'skipped' | 'stopped' | 'tolerated';

export interface MatrixRow {
  /** Names the row in the test and in the doc's test column. */
  id: string;
  family: Family;
  behaviour: Behaviour;
  /** The faults the simulator answers with; `foreignOrigin` is a second loopback host that records what reaches it. */
  faults?: (foreignOrigin: string) => Fault[];
  /** Simulator options beyond the defaults (a clock that is off, permissions not granted). */
  simulator?: Pick<SimulatorOptions, 'clockSkewMs' | 'grantedPermissions'>;
  /** An authority that cannot answer: a name no resolver knows (RFC 6761 `.invalid`) or a closed port. */
  authority?: 'unresolvable' | 'closed-port';
  /** Sign in with a client secret the app no longer has (AADSTS7000215). */
  revokedSecret?: boolean;
  /** What the operator sees: the exit code of `run --once` and a log line (its `msg`, and text in it). */
  exitCode: 0 | 1;
  log: { msg: string; text: RegExp };
  /** The second host received requests (none of them with a token); default: it received none. */
  foreignHostCalled?: boolean;
  /** Exactly this many token requests (default: a bound only). */
  tokenRequests?: number;
  /** A metric some of whose points carry U+FFFD in an attribute: the bytes that were not UTF-8, replaced. */
  replacedBytesIn?: string;
}

/** The metric that shows a family delivered its data: present after a success, absent (never a 0) after a stop. */
export const FAMILY_METRIC: Readonly<Record<Family, string>> = {
  reports: 'm365.email.messages',
  'service-health': 'm365.service.status',
  governance: 'm365.license.units',
  'call-quality': 'm365.call.records',
  audit: 'm365.audit.records',
};

/**
 * The self-metric counting a family's polls by `m365otel.outcome` (success or failure), where one exists today; the
 * audit streams say it in their log lines and the exit code.
 */
export const FAMILY_OUTCOME_COUNTER: Readonly<Partial<Record<Family, string>>> = {
  reports: 'm365otel.report.fetches',
  'service-health': 'm365otel.service_health.polls',
  governance: 'm365otel.governance.polls',
  'call-quality': 'm365otel.governance.polls',
};

/** The report the reports rows aim at; m365.email.messages comes from it alone. */
export const FAULTED_REPORT = 'getEmailActivityCounts';

const RETRYING = 'request failed, retrying';
const report = { report: FAULTED_REPORT } as const;

export const FAULT_MATRIX: readonly MatrixRow[] = [
  {
    id: 'throttled-retry-after-seconds',
    family: 'service-health',
    behaviour: 'retried',
    faults: () => [{ kind: '429', target: 'service-health', retryAfterSeconds: 1 }],
    exitCode: 0,
    log: { msg: RETRYING, text: /"status":429/ },
  },
  {
    id: 'throttled-retry-after-http-date',
    family: 'audit',
    behaviour: 'retried',
    faults: () => [{ kind: '429-http-date', target: 'management', retryAfterSeconds: 1 }],
    exitCode: 0,
    log: { msg: RETRYING, text: /"status":429/ },
  },
  {
    id: 'throttled-without-retry-after',
    family: 'governance',
    behaviour: 'retried',
    faults: () => [{ kind: '429-no-retry-after', target: 'governance' }],
    exitCode: 0,
    log: { msg: RETRYING, text: /"status":429/ },
  },
  {
    id: 'throttled-af429',
    family: 'audit',
    behaviour: 'retried',
    faults: () => [{ kind: 'af429', target: 'management', retryAfterSeconds: 1 }],
    exitCode: 0,
    log: { msg: RETRYING, text: /"status":403/ },
  },
  {
    id: 'server-error-500',
    family: 'call-quality',
    behaviour: 'retried',
    faults: () => [{ kind: '500', target: 'call-records' }],
    exitCode: 0,
    log: { msg: RETRYING, text: /"status":500/ },
  },
  {
    id: 'server-error-502',
    family: 'reports',
    behaviour: 'retried',
    faults: () => [{ kind: '502', ...report }],
    exitCode: 0,
    log: { msg: RETRYING, text: /"status":502/ },
  },
  {
    id: 'server-error-503',
    family: 'service-health',
    behaviour: 'retried',
    faults: () => [{ kind: '503', target: 'token', retryAfterSeconds: 1 }],
    exitCode: 0,
    log: { msg: RETRYING, text: /"status":503/ },
  },
  {
    id: 'server-error-504',
    family: 'governance',
    behaviour: 'retried',
    faults: () => [{ kind: '504', target: 'governance' }],
    exitCode: 0,
    log: { msg: RETRYING, text: /"status":504/ },
  },
  {
    id: 'connection-reset',
    family: 'audit',
    behaviour: 'retried',
    faults: () => [{ kind: 'reset', target: 'management' }],
    exitCode: 0,
    log: { msg: RETRYING, text: /ECONNRESET/ },
  },
  {
    id: 'dns-failure',
    family: 'service-health',
    behaviour: 'stopped',
    authority: 'unresolvable',
    exitCode: 1,
    log: { msg: 'service health failed', text: /could not reach the authority .*ENOTFOUND/ },
  },
  {
    id: 'slow-headers',
    family: 'service-health',
    behaviour: 'retried',
    // Past the HTTP client's 30 s headers timeout.
    faults: () => [{ kind: 'slow-headers', target: 'service-health', pauseMs: 35_000 }],
    exitCode: 0,
    log: { msg: RETRYING, text: /UND_ERR_HEADERS_TIMEOUT|Headers Timeout/i },
  },
  {
    id: 'slow-body',
    family: 'call-quality',
    behaviour: 'retried',
    // Past the HTTP client's 60 s body timeout (the longest wait between two pieces of a body).
    faults: () => [{ kind: 'slow-body', target: 'call-records', pauseMs: 65_000 }],
    exitCode: 0,
    log: { msg: RETRYING, text: /UND_ERR_BODY_TIMEOUT|Body Timeout/i },
  },
  {
    id: 'truncated-csv',
    family: 'reports',
    behaviour: 'retried',
    faults: () => [{ kind: 'truncated', target: 'download', ...report }],
    exitCode: 0,
    log: { msg: 'report read failed, retrying the whole report', text: new RegExp(FAULTED_REPORT) },
  },
  {
    id: 'truncated-json',
    family: 'governance',
    behaviour: 'retried',
    faults: () => [{ kind: 'truncated', target: 'governance' }],
    exitCode: 0,
    log: { msg: RETRYING, text: /broke off in the body|terminated|closed/ },
  },
  {
    id: 'malformed-csv',
    family: 'reports',
    behaviour: 'stopped',
    faults: () => [{ kind: 'malformed', target: 'download', ...report }],
    exitCode: 1,
    log: {
      msg: 'report failed',
      text: /malformed CSV from https:\/\/localhost:\d+: line \d+: quoted field is not closed/,
    },
  },
  {
    id: 'malformed-json',
    family: 'governance',
    behaviour: 'stopped',
    faults: () => [{ kind: 'malformed', target: 'governance' }],
    exitCode: 1,
    log: { msg: 'governance signal failed; the other signals go on', text: /not valid JSON/ },
  },
  {
    id: 'html-instead-of-csv',
    family: 'reports',
    behaviour: 'stopped',
    faults: () => [{ kind: 'captive-portal', target: 'download', ...report }],
    exitCode: 1,
    log: { msg: 'report failed', text: /is not CSV: content-type text\/html/ },
  },
  {
    id: 'html-instead-of-json',
    family: 'service-health',
    behaviour: 'stopped',
    faults: () => [{ kind: 'captive-portal', target: 'service-health' }],
    exitCode: 1,
    log: {
      msg: 'service health failed',
      text: /expected a JSON answer from Graph, got content-type text\/html/,
    },
  },
  {
    id: 'redirect-to-http',
    family: 'reports',
    behaviour: 'stopped',
    faults: () => [{ kind: 'redirect-http', ...report }],
    exitCode: 1,
    log: { msg: 'report failed', text: /refusing to download from http:\/\/.*must use https/ },
  },
  {
    id: 'redirect-to-another-host',
    family: 'service-health',
    behaviour: 'stopped',
    faults: (foreignOrigin) => [
      { kind: 'redirect-foreign-host', target: 'service-health', origin: foreignOrigin },
    ],
    exitCode: 1,
    log: {
      msg: 'service health failed',
      text: /answered 302: a redirect \(to https:\/\/127\.0\.0\.1:\d+\), which is not followed/,
    },
  },
  {
    id: 'report-download-on-another-host',
    family: 'reports',
    behaviour: 'retried',
    // Graph's 302 always leads to another host (the pre-authenticated download): followed, never with the token.
    faults: (foreignOrigin) => [{ kind: 'redirect-foreign-host', origin: foreignOrigin, ...report }],
    exitCode: 0,
    log: { msg: 'report read failed, retrying the whole report', text: /answered 404/ },
    foreignHostCalled: true,
  },
  {
    id: 'redirect-loop',
    family: 'audit',
    behaviour: 'stopped',
    faults: () => [{ kind: 'redirect-loop', target: 'management', times: 20 }],
    exitCode: 1,
    log: { msg: 'audit stream failed; retried at its next poll', text: /answered 302: a redirect/ },
  },
  {
    id: 'next-link-on-another-host',
    family: 'call-quality',
    behaviour: 'stopped',
    faults: (foreignOrigin) => [{ kind: 'foreign-next-link', target: 'call-records', origin: foreignOrigin }],
    exitCode: 1,
    log: {
      msg: 'call quality failed',
      text: /refusing to follow @odata\.nextLink to https:\/\/127\.0\.0\.1:\d+/,
    },
  },
  {
    id: 'next-page-uri-on-another-host',
    family: 'audit',
    behaviour: 'stopped',
    faults: (foreignOrigin) => [{ kind: 'foreign-next-link', target: 'management', origin: foreignOrigin }],
    exitCode: 1,
    log: {
      msg: 'audit stream failed; retried at its next poll',
      text: /refusing to follow NextPageUri to https:\/\/127\.0\.0\.1:\d+/,
    },
  },
  {
    id: 'token-endpoint-down',
    family: 'service-health',
    behaviour: 'stopped',
    authority: 'closed-port',
    exitCode: 1,
    log: { msg: 'service health failed', text: /could not reach the authority .*ECONNREFUSED/ },
  },
  {
    id: 'token-endpoint-error-page',
    family: 'governance',
    behaviour: 'stopped',
    faults: () => [{ kind: 'captive-portal', target: 'token', times: 10 }],
    exitCode: 1,
    log: {
      msg: 'governance signal failed; the other signals go on',
      text: /answered .* with HTTP 200 \(content-type text\/html/,
    },
  },
  {
    id: 'secret-revoked',
    family: 'audit',
    behaviour: 'stopped',
    revokedSecret: true,
    exitCode: 1,
    log: { msg: 'audit stream stopped: fix the configuration (retried every 15 min)', text: /AADSTS7000215/ },
    tokenRequests: 1,
  },
  {
    id: 'consent-removed',
    family: 'call-quality',
    behaviour: 'stopped',
    simulator: { grantedPermissions: [] },
    exitCode: 1,
    log: { msg: 'call quality failed', text: /403.*CallRecords\.Read\.All/ },
  },
  {
    id: 'token-expired-mid-cycle',
    family: 'service-health',
    behaviour: 'retried',
    faults: () => [{ kind: 'expired-token', target: 'service-health' }],
    exitCode: 0,
    log: {
      msg: 'the API refused the access token; retrying once with a fresh token',
      text: /healthOverviews|issues/,
    },
  },
  {
    id: 'clock-skew',
    family: 'audit',
    behaviour: 'tolerated',
    // The service's clock 20 minutes ahead: windows and retention are reckoned in its time, taken from `Date`.
    simulator: { clockSkewMs: 20 * 60_000 },
    exitCode: 0,
    log: { msg: 'audit stream polled', text: /"records":[1-9]/ },
  },
  {
    id: 'oversized-json',
    family: 'service-health',
    behaviour: 'stopped',
    faults: () => [{ kind: 'oversized', target: 'service-health' }],
    exitCode: 1,
    log: { msg: 'service health failed', text: /refused the body: the answer went past 32 MiB/ },
  },
  {
    id: 'oversized-csv',
    family: 'reports',
    behaviour: 'stopped',
    faults: () => [{ kind: 'oversized', target: 'download', ...report }],
    exitCode: 1,
    log: { msg: 'report failed', text: /record longer than \d+ characters/ },
  },
  {
    id: 'non-utf8-json',
    family: 'service-health',
    behaviour: 'tolerated',
    faults: () => [{ kind: 'non-utf8', target: 'service-health', field: 'service' }],
    exitCode: 0,
    log: { msg: 'service health polled', text: /"services":8/ },
    replacedBytesIn: 'm365.service.status',
  },
];
