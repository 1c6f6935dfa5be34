import { REPORT_NAMES, type ReportName } from '@m365-otel/report-catalog';
import { MANAGEMENT_OPERATIONS, type ManagementOperation } from './activity-feed.js';
import type { HeaderDrift } from './header-drift.js';

export const FAULT_KINDS = [
  '429',
  '429-http-date',
  '429-no-retry-after',
  '500',
  '502',
  '503',
  '504',
  'reset',
  'slow-headers',
  'slow-body',
  'truncated',
  'malformed',
  'non-utf8',
  'oversized',
  'expired-token',
  'secret-expired',
  'consent-missing',
  'conditional-access',
  'html-503',
  'captive-portal',
  'drop-field',
  'af429',
  'blob-expired',
  'blob-not-found',
  'subscription-lost',
  'subscription-disabled',
  'header-reorder',
  'header-rename',
  'header-missing',
  'header-extra',
  'forbidden',
  'redirect-http',
  'redirect-foreign-host',
  'redirect-loop',
  'foreign-next-link',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_TARGETS = [
  'token',
  'report',
  'download',
  'service-health',
  'management',
  'report-settings',
  'governance',
  'call-records',
] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

export interface Fault {
  kind: FaultKind;
  /**
   * Which request answers with the fault; default 'report' (the Graph report function call). 'service-health' is
   * any call under /v1.0/admin/serviceAnnouncement; 'management' any Management Activity API call; 'governance' any
   * call of the Graph governance lists (directory-api.ts); 'call-records' any call under
   * /v1.0/communications/callRecords.
   */
  target?: FaultTarget;
  /** Only requests for this report (report and download targets). */
  report?: ReportName;
  /** Only this Management Activity API operation (management target), e.g. 'GetBlob' or 'ListContent'. */
  operation?: ManagementOperation;
  /** How many matching requests answer with the fault; default 1. */
  times?: number;
  /** Retry-After for '429' and '429-http-date' (default 1) and, when set, for '503'. */
  retryAfterSeconds?: number;
  /**
   * 'slow-body': pause before each of the first four body pieces; 'slow-headers': pause before the answer's status
   * line. Default 500.
   */
  pauseMs?: number;
  /**
   * 'drop-field' (required): the field removed from the first item that has it, e.g. 'details' or 'id'.
   * 'non-utf8' (required): the JSON field whose first string value gets bytes that are not UTF-8, e.g. 'title'.
   */
  field?: string;
  /**
   * 'redirect-foreign-host' and 'foreign-next-link' (required): the other host's origin (`https://host:port`) the
   * redirect or the next link leads to, e.g. a listener that records what reaches it.
   */
  origin?: string;
  /** 'blob-expired' and 'blob-not-found': only the blob with this content id; default any blob. */
  contentId?: string;
}

/** A validated fault with its defaults applied. */
export interface ActiveFault {
  kind: FaultKind;
  target: FaultTarget;
  report: ReportName | undefined;
  operation: ManagementOperation | undefined;
  remaining: number;
  retryAfterSeconds: number | undefined;
  pauseMs: number;
  field: string | undefined;
  contentId: string | undefined;
  origin: string | undefined;
}

export interface FaultController {
  inject(fault: Fault): void;
  clear(): void;
  /** Faults still waiting to be served, in the order they will match. */
  pending(): ActiveFault[];
}

/** The status of each server-error kind, and the Graph error code it answers with. */
export const SERVER_ERRORS = {
  '500': { status: 500, code: 'generalException', message: 'An unexpected error occurred.' },
  '502': { status: 502, code: 'BadGateway', message: 'The gateway received an invalid answer.' },
  '503': {
    status: 503,
    code: 'serviceNotAvailable',
    message: 'The service is temporarily unavailable. Please retry later.',
  },
  '504': { status: 504, code: 'GatewayTimeout', message: 'The gateway timed out waiting for the service.' },
} as const;
export type ServerErrorKind = keyof typeof SERVER_ERRORS;

export function isServerErrorKind(kind: FaultKind): kind is ServerErrorKind {
  return Object.hasOwn(SERVER_ERRORS, kind);
}

/** Kinds that answer with a 3xx whose Location the kind decides. */
export const REDIRECT_KINDS = ['redirect-http', 'redirect-foreign-host', 'redirect-loop'] as const;

/** Kinds that shape a 200 answer's body (or replace it, as a captive portal does). */
export const BODY_FAULTS = [
  'slow-body',
  'truncated',
  'malformed',
  'non-utf8',
  'oversized',
  'captive-portal',
] as const satisfies readonly FaultKind[];
export type BodyFaultKind = (typeof BODY_FAULTS)[number];

const BODY_TARGETS: readonly FaultTarget[] = [
  'token',
  'download',
  'service-health',
  'management',
  'governance',
  'call-records',
];
// JSON bodies whose string values a client reads (the token's answer is MSAL's to parse).
const JSON_LIST_TARGETS: readonly FaultTarget[] = [
  'service-health',
  'management',
  'governance',
  'call-records',
];

// Body-shaping faults need a body worth shaping: the report call answers an empty 302.
const TARGETS_BY_KIND: Readonly<Record<FaultKind, readonly FaultTarget[]>> = {
  '429': FAULT_TARGETS,
  '429-http-date': FAULT_TARGETS,
  '429-no-retry-after': FAULT_TARGETS,
  '500': FAULT_TARGETS,
  '502': FAULT_TARGETS,
  '503': FAULT_TARGETS,
  '504': FAULT_TARGETS,
  reset: FAULT_TARGETS,
  // Held before the status line, as a front end that is still waiting for its back end.
  'slow-headers': FAULT_TARGETS,
  'slow-body': BODY_TARGETS,
  truncated: BODY_TARGETS,
  // A complete answer that is not valid in its format: junk after the JSON document or the CSV's last record.
  malformed: BODY_TARGETS,
  // Bytes that are not UTF-8 inside a string value (Latin-1 text passed through a misconfigured gateway).
  'non-utf8': JSON_LIST_TARGETS,
  // An answer that never ends: a JSON array or one CSV record that goes on until the client stops reading.
  oversized: BODY_TARGETS,
  // Only the API calls check access tokens.
  'expired-token': [
    'report',
    'service-health',
    'management',
    'report-settings',
    'governance',
    'call-records',
  ],
  // Answers only the token endpoint gives: the app's credential or its tenant's policy refuses the token.
  'secret-expired': ['token'],
  'consent-missing': ['token'],
  'conditional-access': ['token'],
  'html-503': ['token'],
  // A 200 HTML page where the CSV or the JSON should be, as a proxy or a captive portal answers.
  'captive-portal': BODY_TARGETS,
  // Microsoft's drift: one item of a list (or one entity) arrives without a field.
  'drop-field': ['service-health', 'governance', 'call-records'],
  // The Management Activity API's own throttling answer: 403 with code AF429.
  af429: ['management'],
  // A blob Microsoft no longer serves (AF20051) or cannot find (AF20050), whatever its contentExpiration says.
  'blob-expired': ['management'],
  'blob-not-found': ['management'],
  // A subscription Microsoft forgot (AF20022) or disabled (AF20023), found out by the next listing.
  'subscription-lost': ['management'],
  'subscription-disabled': ['management'],
  // The file of the next matching report call comes with a drifted header (header-drift.ts says how).
  'header-reorder': ['report'],
  'header-rename': ['report'],
  'header-missing': ['report'],
  'header-extra': ['report'],
  // The app lacks the permission: Reports.Read.All for a report, ReportSettings.Read.All for the settings.
  forbidden: ['report', 'report-settings'],
  // A 302 in place of the answer: to http, to another host, or back to the same URL. On the report call it is the
  // download Location itself.
  'redirect-http': FAULT_TARGETS,
  'redirect-foreign-host': FAULT_TARGETS,
  'redirect-loop': FAULT_TARGETS,
  // A list's next page on another host: Graph's @odata.nextLink, the Management Activity API's NextPageUri.
  'foreign-next-link': ['service-health', 'management', 'governance', 'call-records'],
};

/** The header drift a fault kind stands for. */
export const DRIFT_OF_KIND: Partial<Readonly<Record<FaultKind, HeaderDrift>>> = {
  'header-reorder': 'reorder',
  'header-rename': 'rename',
  'header-missing': 'missing',
  'header-extra': 'extra',
};

/** Kinds that only one Management Activity API operation can answer. */
const OPERATION_OF_KIND: Partial<Readonly<Record<FaultKind, ManagementOperation>>> = {
  'blob-expired': 'GetBlob',
  'blob-not-found': 'GetBlob',
  'subscription-lost': 'ListContent',
  'subscription-disabled': 'ListContent',
  'foreign-next-link': 'ListContent',
};

const KINDS_WITH_FIELD: readonly FaultKind[] = ['drop-field', 'non-utf8'];
const KINDS_WITH_ORIGIN: readonly FaultKind[] = ['redirect-foreign-host', 'foreign-next-link'];
const KINDS_WITH_RETRY_AFTER: readonly FaultKind[] = [
  '429',
  '429-http-date',
  '500',
  '502',
  '503',
  '504',
  'af429',
];

const FAULT_FIELDS = new Set([
  'kind',
  'target',
  'report',
  'operation',
  'times',
  'retryAfterSeconds',
  'pauseMs',
  'field',
  'contentId',
  'origin',
]);

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** Validates a fault from code or from JSON; errors name the field and the accepted values. */
function parseFault(input: unknown): ActiveFault {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('fault must be a JSON object');
  }
  const fields = input as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!FAULT_FIELDS.has(key)) throw new Error(`fault has unknown field '${key}'`);
  }
  const {
    kind,
    target = 'report',
    report,
    operation,
    times = 1,
    retryAfterSeconds,
    pauseMs = 500,
    field,
    contentId,
    origin,
  } = fields;
  if (!isOneOf(FAULT_KINDS, kind)) throw new Error(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
  if (!isOneOf(FAULT_TARGETS, target))
    throw new Error(`fault.target must be one of ${FAULT_TARGETS.join(', ')}`);
  const allowed = TARGETS_BY_KIND[kind];
  if (!allowed.includes(target)) {
    throw new Error(`fault kind '${kind}' applies to target ${allowed.join(' or ')}, not '${target}'`);
  }
  if (report !== undefined) {
    if (!isOneOf(REPORT_NAMES, report))
      throw new Error(`fault.report must be one of ${REPORT_NAMES.join(', ')}`);
    if (target !== 'report' && target !== 'download') {
      throw new Error(`fault.report cannot be combined with target '${target}'`);
    }
  }
  if (operation !== undefined) {
    if (!isOneOf(MANAGEMENT_OPERATIONS, operation)) {
      throw new Error(`fault.operation must be one of ${MANAGEMENT_OPERATIONS.join(', ')}`);
    }
    if (target !== 'management') throw new Error(`fault.operation applies to target 'management' only`);
  }
  const impliedOperation = target === 'management' ? OPERATION_OF_KIND[kind] : undefined;
  if (impliedOperation !== undefined && operation !== undefined && operation !== impliedOperation) {
    throw new Error(
      `fault kind '${kind}' answers operation ${impliedOperation} only, not '${String(operation)}'`,
    );
  }
  if (contentId !== undefined) {
    if (kind !== 'blob-expired' && kind !== 'blob-not-found') {
      throw new Error(`fault.contentId does not apply to kind '${kind}'`);
    }
    if (typeof contentId !== 'string' || contentId === '') {
      throw new Error('fault.contentId must be the contentId of a listed blob');
    }
  }
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) {
    throw new Error('fault.times must be an integer >= 1');
  }
  if (retryAfterSeconds !== undefined) {
    if (
      typeof retryAfterSeconds !== 'number' ||
      !Number.isFinite(retryAfterSeconds) ||
      retryAfterSeconds < 0
    ) {
      throw new Error('fault.retryAfterSeconds must be a number >= 0');
    }
    if (!KINDS_WITH_RETRY_AFTER.includes(kind)) {
      throw new Error(`fault.retryAfterSeconds does not apply to kind '${kind}'`);
    }
  }
  if (typeof pauseMs !== 'number' || !Number.isInteger(pauseMs) || pauseMs < 0) {
    throw new Error('fault.pauseMs must be an integer >= 0');
  }
  if (KINDS_WITH_FIELD.includes(kind) ? typeof field !== 'string' || field === '' : field !== undefined) {
    throw new Error(
      KINDS_WITH_FIELD.includes(kind)
        ? `fault.field must name the field for kind '${kind}', e.g. 'details'`
        : `fault.field does not apply to kind '${kind}'`,
    );
  }
  if (KINDS_WITH_ORIGIN.includes(kind) ? !isOrigin(origin) : origin !== undefined) {
    throw new Error(
      KINDS_WITH_ORIGIN.includes(kind)
        ? `fault.origin must be an http(s) origin like https://127.0.0.1:8443 for kind '${kind}'`
        : `fault.origin does not apply to kind '${kind}'`,
    );
  }
  const defaultRetryAfter = kind === '429' || kind === '429-http-date' ? 1 : undefined;
  return {
    kind,
    target,
    report: report as ReportName | undefined,
    operation: impliedOperation ?? (operation as ManagementOperation | undefined),
    remaining: times,
    retryAfterSeconds: (retryAfterSeconds as number | undefined) ?? defaultRetryAfter,
    pauseMs,
    field: field as string | undefined,
    contentId: contentId as string | undefined,
    origin: origin as string | undefined,
  };
}

function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** FIFO queue of injected faults; each matching request consumes one use of the first matching fault. */
export class FaultQueue implements FaultController {
  #faults: ActiveFault[] = [];

  /** Validates at run time too: faults also arrive as JSON over HTTP. */
  inject(fault: Fault): void {
    this.#faults.push(parseFault(fault));
  }

  clear(): void {
    this.#faults = [];
  }

  pending(): ActiveFault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  /** Consumes the first fault matching this request (and `applies`, when given), if any. */
  take(
    target: FaultTarget,
    report: ReportName | undefined,
    kinds?: readonly FaultKind[],
    applies: (fault: ActiveFault) => boolean = () => true,
  ): ActiveFault | undefined {
    const index = this.#faults.findIndex(
      (fault) =>
        fault.target === target &&
        (fault.report === undefined || fault.report === report) &&
        (kinds === undefined || kinds.includes(fault.kind)) &&
        applies(fault),
    );
    const fault = this.#faults[index];
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#faults.splice(index, 1);
    return { ...fault };
  }
}
