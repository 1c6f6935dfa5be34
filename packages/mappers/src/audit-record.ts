import { parseUtcDateTime } from '@m365-otel/management-api';
import { sentValue } from './catalog-model.js';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_CLIENT_PORT,
  ATTR_LOG_RECORD_UID,
  ATTR_M365_AUDIT_CLIENT_IP,
  ATTR_M365_AUDIT_CONTENT_ID,
  ATTR_M365_AUDIT_CONTENT_TYPE,
  ATTR_M365_AUDIT_CREATION_TIME_ERROR,
  ATTR_M365_AUDIT_OPERATION,
  ATTR_M365_AUDIT_ORGANIZATION_ID,
  ATTR_M365_AUDIT_RECORD_TYPE,
  ATTR_M365_AUDIT_RECORD_TYPE_NAME,
  ATTR_M365_AUDIT_RESULT,
  ATTR_M365_AUDIT_RESULT_STATUS,
  ATTR_M365_AUDIT_USER_TYPE,
  ATTR_M365_AUDIT_USER_TYPE_NAME,
  ATTR_M365_AUDIT_WORKLOAD,
  ATTR_USER_ID,
  EVENT_M365_AUDIT_RECORD,
  type EventAttributes,
  M365_AUDIT_RECORD_TYPE_NAME_BY_CODE,
  M365_AUDIT_USER_TYPE_NAME_BY_CODE,
  type M365AuditContentType,
  type M365AuditResult,
  type M365AuditWorkload,
  type RecordedMetricAttributes,
} from './generated/catalog.js';

/** The content blob a record was read from. */
export interface AuditBlob {
  contentType: string;
  contentId: string;
}

/** An audit record as an `m365.audit.record` log record, before the collector stamps the observed time on it. */
export interface AuditEvent {
  eventName: typeof EVENT_M365_AUDIT_RECORD;
  /** CreationTime in ms since the epoch; undefined when it is missing or unreadable (the backend then uses the observed time). */
  timestampMs: number | undefined;
  severity: 'INFO' | 'WARN';
  attributes: Record<string, string | number | boolean>;
  /** The record itself, not a copy: every field as Microsoft sent it. */
  body: Readonly<Record<string, unknown>>;
  /** The attributes of `m365.audit.records` for this record. */
  recordsMetric: RecordedMetricAttributes['m365.audit.records'];
}

type AuditAttributes = {
  -readonly [K in keyof EventAttributes['m365.audit.record']]: EventAttributes['m365.audit.record'][K];
};

/** ResultStatus values, lower case; the workloads spell them differently (Exchange admin cmdlets say True/False). */
const RESULT_BY_STATUS: ReadonlyMap<string, M365AuditResult> = new Map([
  ['succeeded', 'success'],
  ['success', 'success'],
  ['true', 'success'],
  ['partiallysucceeded', 'partial'],
  ['failed', 'failure'],
  ['failure', 'failure'],
  ['false', 'failure'],
]);

const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const ZERO = 0x30;

/** The digits of text from start as a port number (0-65535), or undefined when they are not one. */
function portAt(text: string, start: number): number | undefined {
  if (start >= text.length || text.length - start > 5) return undefined;
  let port = 0;
  for (let index = start; index < text.length; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return undefined;
    port = port * 10 + digit;
  }
  return port <= 65535 ? port : undefined;
}

/**
 * client.address and client.port from a ClientIP, best effort: `[v6]:port` and `v4:port` are split, an address
 * with two colons or more is IPv6 without a port, and anything else is the address as sent.
 */
function setClient(attributes: AuditAttributes, clientIp: string): void {
  let address = clientIp;
  let port: number | undefined;
  if (clientIp.charCodeAt(0) === OPEN_BRACKET) {
    const close = clientIp.indexOf(']');
    if (close > 1) {
      address = clientIp.slice(1, close);
      if (clientIp.charCodeAt(close + 1) === COLON) port = portAt(clientIp, close + 2);
    }
  } else {
    const colon = clientIp.indexOf(':');
    if (colon > 0 && clientIp.indexOf(':', colon + 1) === -1) {
      port = portAt(clientIp, colon + 1);
      if (port !== undefined) address = clientIp.slice(0, colon);
    }
  }
  attributes[ATTR_CLIENT_ADDRESS] = address;
  if (port !== undefined) attributes[ATTR_CLIENT_PORT] = port;
}

/** A sign-in with a LogonError failed, whatever ResultStatus says (for Entra ID it only says the call worked). */
function resultOf(record: Readonly<Record<string, unknown>>): M365AuditResult {
  const logonError = record.LogonError;
  if (typeof logonError === 'string' && logonError !== '') return 'failure';
  const status = record.ResultStatus;
  if (typeof status === 'boolean') return status ? 'success' : 'failure';
  if (typeof status !== 'string') return 'unknown';
  return RESULT_BY_STATUS.get(status.toLowerCase()) ?? 'unknown';
}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Maps one audit record to its `m365.audit.record` event, as the catalog declares it. Unknown fields and enum
 * values pass through: the body is the record itself, and a RecordType or UserType the tables do not name keeps
 * its number without a name.
 */
export function mapAuditRecord(record: Readonly<Record<string, unknown>>, blob: AuditBlob): AuditEvent {
  const result = resultOf(record);
  const contentType = sentValue<M365AuditContentType>(blob.contentType);
  const attributes: AuditAttributes = {
    [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType,
    [ATTR_M365_AUDIT_CONTENT_ID]: blob.contentId,
    [ATTR_M365_AUDIT_RESULT]: result,
  };
  const { Id, Operation, Workload, RecordType, UserId, UserType, ResultStatus, ClientIP, OrganizationId } =
    record;
  if (text(Id)) attributes[ATTR_LOG_RECORD_UID] = Id;
  if (text(Operation)) attributes[ATTR_M365_AUDIT_OPERATION] = Operation;
  const workload = text(Workload) ? sentValue<M365AuditWorkload>(Workload) : undefined;
  if (workload !== undefined) attributes[ATTR_M365_AUDIT_WORKLOAD] = workload;
  if (Number.isInteger(RecordType)) {
    const code = RecordType as number;
    attributes[ATTR_M365_AUDIT_RECORD_TYPE] = code;
    const name = M365_AUDIT_RECORD_TYPE_NAME_BY_CODE.get(code);
    if (name !== undefined) attributes[ATTR_M365_AUDIT_RECORD_TYPE_NAME] = name;
  }
  if (text(UserId)) attributes[ATTR_USER_ID] = UserId;
  if (Number.isInteger(UserType)) {
    const code = UserType as number;
    attributes[ATTR_M365_AUDIT_USER_TYPE] = code;
    const name = M365_AUDIT_USER_TYPE_NAME_BY_CODE.get(code);
    if (name !== undefined) attributes[ATTR_M365_AUDIT_USER_TYPE_NAME] = name;
  }
  if (text(ResultStatus)) attributes[ATTR_M365_AUDIT_RESULT_STATUS] = ResultStatus;
  if (text(ClientIP)) {
    attributes[ATTR_M365_AUDIT_CLIENT_IP] = ClientIP;
    setClient(attributes, ClientIP);
  }
  if (text(OrganizationId)) attributes[ATTR_M365_AUDIT_ORGANIZATION_ID] = OrganizationId;

  const { CreationTime } = record;
  let timestampMs: number | undefined;
  if (CreationTime === undefined || CreationTime === null || CreationTime === '') {
    attributes[ATTR_M365_AUDIT_CREATION_TIME_ERROR] = 'missing';
  } else {
    const parsed = typeof CreationTime === 'string' ? parseUtcDateTime(CreationTime) : Number.NaN;
    if (Number.isNaN(parsed)) attributes[ATTR_M365_AUDIT_CREATION_TIME_ERROR] = 'unreadable';
    else timestampMs = parsed;
  }

  return {
    eventName: EVENT_M365_AUDIT_RECORD,
    timestampMs,
    severity: result === 'failure' || result === 'partial' ? 'WARN' : 'INFO',
    attributes: attributes as AuditEvent['attributes'],
    body: record,
    recordsMetric:
      workload === undefined
        ? { [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType, [ATTR_M365_AUDIT_RESULT]: result }
        : {
            [ATTR_M365_AUDIT_CONTENT_TYPE]: contentType,
            [ATTR_M365_AUDIT_WORKLOAD]: workload,
            [ATTR_M365_AUDIT_RESULT]: result,
          },
  };
}
