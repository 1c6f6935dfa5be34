// The tenant's unified audit log as the Office 365 Management Activity API serves it: per content type, one content
// blob per fixed slot of time, each a JSON array of records in the common schema. Like the rest of the model, every
// blob and record is a pure function of (seed, content type, slot, record index), so any blob can be regenerated on
// demand and ground truth never depends on what a client fetched.
import { HashRandom } from './prng.js';
import type { TenantModel } from './tenant.js';

export const CONTENT_TYPES = [
  'Audit.AzureActiveDirectory',
  'Audit.Exchange',
  'Audit.SharePoint',
  'Audit.General',
  'DLP.All',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export function isContentType(value: unknown): value is ContentType {
  return typeof value === 'string' && (CONTENT_TYPES as readonly string[]).includes(value);
}

/** The API's operations, named as its throttling messages name them (`Method=GetBlob`). */
export const MANAGEMENT_OPERATIONS = [
  'StartSubscription',
  'StopSubscription',
  'ListSubscriptions',
  'ListContent',
  'GetBlob',
] as const;
export type ManagementOperation = (typeof MANAGEMENT_OPERATIONS)[number];

const MINUTE_MS = 60_000;
/** Microsoft keeps a blob retrievable for 7 days after it became available, and lists no older content. */
export const RETENTION_MS = 7 * 24 * 60 * MINUTE_MS;
/** One blob per slot; the busy workloads aggregate more often than DLP. */
const SLOT_MS: Readonly<Record<ContentType, number>> = {
  'Audit.AzureActiveDirectory': 20 * MINUTE_MS,
  'Audit.Exchange': 15 * MINUTE_MS,
  'Audit.SharePoint': 15 * MINUTE_MS,
  'Audit.General': 30 * MINUTE_MS,
  'DLP.All': 120 * MINUTE_MS,
};
const MAX_RECORDS_PER_BLOB = 30;
/** Bounds of the backlog mode: a blob of a million records is already 500 MB of JSON; a slot at most a day. */
const MAX_BACKLOG_RECORDS_PER_BLOB = 1_000_000;
const MAX_BACKLOG_SLOT_MINUTES = 24 * 60;
/** Most records are aggregated 5 to 90 minutes after the event; CreationTime always precedes contentCreated. */
const MIN_LAG_MS = 5 * MINUTE_MS;
const LAG_SPREAD_MS = 85 * MINUTE_MS;
/** Backfill after incidents: a few records arrive 3 to 5 days after the event. */
const LATE_SHARE = 0.01;
const LATE_MIN_LAG_MS = 3 * 24 * 60 * MINUTE_MS;
const LATE_LAG_SPREAD_MS = 2 * 24 * 60 * MINUTE_MS;
/** Some blobs carry again a record an earlier blob (up to REPUBLISH_REACH_SLOTS back) already delivered. */
const REPUBLISH_SHARE = 0.05;
const REPUBLISH_REACH_SLOTS = 96;

// Field numbers of the hash PRNG, far from the tenant model's, so audit values do not echo user profiles.
const F = {
  jitter: 0x4a01,
  count: 0x4a02,
  contentId: 0x4a03,
  republish: 0x4a04,
  republishFrom: 0x4a05,
  record: 0x4b00,
  backlogRecord: 0x10000,
} as const;
const R = { id: 0, kind: 1, operation: 2, user: 3, lag: 4, ip: 5, workload: 6, extra: 7, late: 8 } as const;
const TYPE_INDEX = Object.fromEntries(CONTENT_TYPES.map((type, index) => [type, index])) as Readonly<
  Record<ContentType, number>
>;

/**
 * The first of a record's 16 PRNG fields, one block per (content type, record index) so that no two records of a
 * slot share an Id. The first MAX_RECORDS_PER_BLOB records of each type keep the block they always had (the
 * realistic feed's Ids never change); records past them, which only the backlog mode makes, get blocks of their own
 * above F.backlogRecord (every field stays below 2^31: MAX_BACKLOG_RECORDS_PER_BLOB * 5 * 16 + 0x10000 + 7 * 0x10000).
 */
function recordField(type: number, index: number): number {
  return index < MAX_RECORDS_PER_BLOB
    ? F.record + (type * MAX_RECORDS_PER_BLOB + index) * 16
    : F.backlogRecord + ((index - MAX_RECORDS_PER_BLOB) * CONTENT_TYPES.length + type) * 16;
}

/**
 * A dense audit log for load tests: every blob holds exactly `recordsPerBlob` records of its own, and every content
 * type publishes one blob at the start of each `slotMinutes` slot. A window of W minutes (a multiple of the slot)
 * then lists W / slotMinutes blobs per content type, W / slotMinutes * recordsPerBlob records of their own; the
 * re-published records (about 5 % of blobs carry one more) come on top, as ground truth counts.
 */
export interface AuditBacklog {
  recordsPerBlob: number;
  slotMinutes: number;
}

function validBacklog(backlog: AuditBacklog): AuditBacklog {
  const within = (name: keyof AuditBacklog, max: number): number => {
    const value = backlog[name];
    if (!Number.isSafeInteger(value) || value < 1 || value > max) {
      throw new Error(`simulator auditBacklog.${name} must be an integer 1..${max}, got ${value}`);
    }
    return value;
  };
  return {
    recordsPerBlob: within('recordsPerBlob', MAX_BACKLOG_RECORDS_PER_BLOB),
    slotMinutes: within('slotMinutes', MAX_BACKLOG_SLOT_MINUTES),
  };
}

export interface ContentBlob {
  contentType: ContentType;
  /** Slot number since the epoch, in the content type's slot length. */
  slot: number;
  contentId: string;
  contentCreatedMs: number;
  contentExpirationMs: number;
  /** Records of its own; a re-published record comes after them. */
  recordCount: number;
  /** The earlier blob whose first record this one carries again (same Id, same content), if any. */
  republishesSlot: number | undefined;
}

interface RecordKind {
  recordType: number;
  workloads: readonly string[];
  /** Written into the JSON unescaped: plain text without quotes or backslashes. */
  operations: readonly string[];
  userType: number;
  resultStatus?: (operation: string) => string;
  clientIp: 'address' | 'address-or-port' | 'none';
  /**
   * The workload's own fields as JSON text that follows the common fields (`,"Name":value...`), never repeating one
   * of them. Written as text, as the common fields are: serialising an object per record would cost a third more.
   */
  extra: (context: RecordContext) => string;
}

interface RecordContext {
  operation: string;
  /** The user's UPN as a JSON string literal. */
  upnJson: string;
  object: string;
  guid: (field: number) => string;
}

const succeeded = (): string => 'Succeeded';
const SHAREPOINT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Edge/120.0';
const dlpPolicyDetails = (policyId: string): string =>
  `,"PolicyDetails":[{"PolicyId":"${policyId}","PolicyName":"U.S. Financial Data","Rules":[]}]`;

const KINDS: Readonly<Record<ContentType, readonly RecordKind[]>> = {
  'Audit.AzureActiveDirectory': [
    {
      recordType: 15, // AzureActiveDirectoryStsLogon
      workloads: ['AzureActiveDirectory'],
      operations: ['UserLoggedIn', 'UserLoggedIn', 'UserLoggedIn', 'UserLoginFailed'],
      userType: 0,
      // "Succeeded" only says the call worked; the logon outcome is LogonError.
      resultStatus: succeeded,
      clientIp: 'address',
      extra: ({ operation, guid }) =>
        `,"ApplicationId":"${guid(0)}"${
          operation === 'UserLoginFailed'
            ? ',"LogonError":"InvalidUserNameOrPassword","ErrorNumber":"50126"'
            : ''
        }`,
    },
    {
      recordType: 8, // AzureActiveDirectory
      workloads: ['AzureActiveDirectory'],
      operations: ['Add user.', 'Update user.', 'Reset user password.', 'Add member to group.'],
      userType: 2,
      resultStatus: succeeded,
      // Directory changes carry no client address.
      clientIp: 'none',
      extra: ({ upnJson, guid }) =>
        `,"Target":[{"ID":${upnJson},"Type":5}],"Actor":[{"ID":"${guid(1)}","Type":2}],"ModifiedProperties":[]`,
    },
  ],
  'Audit.Exchange': [
    {
      recordType: 2, // ExchangeItem
      workloads: ['Exchange'],
      operations: ['Send', 'MoveToDeletedItems', 'SoftDelete', 'Update', 'Create'],
      userType: 0,
      resultStatus: succeeded,
      clientIp: 'address-or-port',
      extra: ({ upnJson }) => `,"MailboxOwnerUPN":${upnJson},"LogonType":0,"ExternalAccess":false`,
    },
    {
      recordType: 50, // ExchangeItemAggregated
      workloads: ['Exchange'],
      operations: ['MailItemsAccessed'],
      userType: 0,
      resultStatus: succeeded,
      clientIp: 'address-or-port',
      extra: ({ upnJson }) => `,"MailboxOwnerUPN":${upnJson},"LogonType":0,"OperationCount":1`,
    },
    {
      recordType: 1, // ExchangeAdmin: the cmdlet is the operation, the outcome is "True"/"False".
      workloads: ['Exchange'],
      operations: ['Set-Mailbox', 'New-InboxRule', 'Add-MailboxPermission', 'Set-TransportRule'],
      userType: 2,
      resultStatus: () => 'True',
      clientIp: 'address-or-port',
      // ObjectId (the mailbox, = UserId) is the common field's.
      extra: ({ upnJson }) => `,"Parameters":[{"Name":"Identity","Value":${upnJson}}],"ExternalAccess":false`,
    },
  ],
  'Audit.SharePoint': [
    {
      recordType: 6, // SharePointFileOperation
      workloads: ['SharePoint', 'OneDrive'],
      operations: ['FileAccessed', 'FileModified', 'FileDownloaded', 'FileUploaded'],
      userType: 0,
      clientIp: 'address',
      extra: ({ object, guid }) =>
        `,"Site":"${guid(2)}","ItemType":"File","EventSource":"SharePoint","SourceFileName":${JSON.stringify(
          object.slice(object.lastIndexOf('/') + 1),
        )},"UserAgent":"${SHAREPOINT_USER_AGENT}"`,
    },
    {
      recordType: 14, // SharePointSharingOperation
      workloads: ['SharePoint', 'OneDrive'],
      operations: ['SharingSet', 'AnonymousLinkCreated', 'SharingInvitationCreated'],
      userType: 0,
      clientIp: 'address',
      extra: ({ guid }) => `,"Site":"${guid(2)}","ItemType":"File","EventSource":"SharePoint"`,
    },
    {
      recordType: 4, // SharePoint
      workloads: ['SharePoint'],
      operations: ['PageViewed', 'SearchQueryPerformed'],
      userType: 0,
      clientIp: 'address',
      extra: ({ guid }) => `,"Site":"${guid(2)}","ItemType":"Page","EventSource":"SharePoint"`,
    },
  ],
  'Audit.General': [
    {
      recordType: 25, // MicrosoftTeams
      workloads: ['MicrosoftTeams'],
      operations: ['TeamCreated', 'MemberAdded', 'ChannelAdded', 'MeetingDetail'],
      userType: 0,
      resultStatus: succeeded,
      clientIp: 'address',
      extra: ({ guid }) => `,"TeamGuid":"${guid(3)}","CommunicationType":"Team"`,
    },
    {
      recordType: 20, // PowerBIAudit
      workloads: ['PowerBI'],
      operations: ['ViewReport', 'ExportReport', 'ViewDashboard'],
      userType: 0,
      clientIp: 'address',
      extra: ({ guid }) => `,"ReportId":"${guid(4)}","WorkSpaceName":"Finance"`,
    },
    {
      recordType: 66, // MicrosoftForms
      workloads: ['MicrosoftForms'],
      operations: ['CreateForm', 'ViewForm', 'ViewResponses'],
      userType: 0,
      resultStatus: succeeded,
      clientIp: 'address',
      extra: ({ guid }) => `,"FormId":"${guid(5)}","FormName":"Team survey"`,
    },
  ],
  'DLP.All': [
    {
      recordType: 13, // ComplianceDLPExchange
      workloads: ['Exchange'],
      operations: ['DlpRuleMatch'],
      userType: 0,
      clientIp: 'none',
      extra: ({ guid }) => dlpPolicyDetails(guid(6)),
    },
    {
      recordType: 11, // ComplianceDLPSharePoint
      workloads: ['SharePoint', 'OneDrive'],
      operations: ['DlpRuleMatch', 'DlpRuleMatch', 'DlpRuleUndo'],
      userType: 0,
      clientIp: 'none',
      extra: ({ guid }) => dlpPolicyDetails(guid(6)),
    },
  ],
};

const SHORT_TAG: Readonly<Record<ContentType, string>> = {
  'Audit.AzureActiveDirectory': 'aad',
  'Audit.Exchange': 'exo',
  'Audit.SharePoint': 'spo',
  'Audit.General': 'gen',
  'DLP.All': 'dlp',
};

const DAY_MS = 24 * 60 * MINUTE_MS;
const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
let formattedDay = Number.NaN;
let formattedDayPrefix = '';

/**
 * The audit log's `CreationTime`: UTC without a zone designator, to the second. The day's `YYYY-MM-DDT` is formatted
 * once and the time of day by table, as a backlog formats millions of them.
 */
export function auditTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== formattedDay) {
    formattedDay = day;
    formattedDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const second = Math.floor((ms - day * DAY_MS) / 1000);
  return `${formattedDayPrefix}${TWO_DIGITS[Math.floor(second / 3600)]}:${TWO_DIGITS[Math.floor(second / 60) % 60]}:${TWO_DIGITS[second % 60]}`;
}

/** What records need of a user, kept for the users seen lately (a backlog draws millions of records from them). */
interface AuditUser {
  upn: string;
  /** The UPN as a JSON string literal. */
  upnJson: string;
  userKey: string;
  /** The UPN as the path segment of the user's OneDrive. */
  oneDriveName: string;
}
const USER_CACHE_SIZE = 4096;

export class ActivityFeed {
  readonly #model: TenantModel;
  readonly #random: HashRandom;
  readonly #backlog: AuditBacklog | undefined;
  readonly #site: string;
  readonly #users = new Map<number, AuditUser>();

  constructor(model: TenantModel, backlog?: AuditBacklog) {
    this.#model = model;
    this.#random = new HashRandom(model.seed);
    this.#backlog = backlog === undefined ? undefined : validBacklog(backlog);
    this.#site = model.domain.split('.')[0] as string;
  }

  #slotMs(contentType: ContentType): number {
    return this.#backlog === undefined ? SLOT_MS[contentType] : this.#backlog.slotMinutes * MINUTE_MS;
  }

  /** The blob of `slot` (every slot holds exactly one). */
  blob(contentType: ContentType, slot: number): ContentBlob {
    const type = TYPE_INDEX[contentType];
    const slotMs = this.#slotMs(contentType);
    // The backlog publishes on the slot's start, so a window's blob count follows from its length.
    const contentCreatedMs =
      slot * slotMs + (this.#backlog === undefined ? this.#random.below(slotMs, slot, type, F.jitter) : 0);
    const hex = this.#random.hex128(slot, F.contentId + type * 2).toLowerCase();
    const key = this.#random.hex128(slot, F.contentId + type * 2 + 1).toLowerCase();
    const hour = new Date(contentCreatedMs).toISOString().slice(0, 13).replace(/[-T]/g, '');
    return {
      contentType,
      slot,
      // The published shape: `{n}${n}${hex}{tag}{yyyymmddhh}${hex}${nn}`, opaque to clients.
      contentId: `${slot}$${slot}$${hex}${SHORT_TAG[contentType]}${hour}$${key}$0${type}`,
      contentCreatedMs,
      contentExpirationMs: contentCreatedMs + RETENTION_MS,
      recordCount:
        this.#backlog?.recordsPerBlob ?? 1 + this.#random.below(MAX_RECORDS_PER_BLOB, slot, type, F.count),
      republishesSlot:
        this.#random.unit(slot, type, F.republish) < REPUBLISH_SHARE
          ? slot - 1 - this.#random.below(REPUBLISH_REACH_SLOTS, slot, type, F.republishFrom)
          : undefined,
    };
  }

  /** The blob a content id names, or undefined when the id is not one this feed issued. */
  blobById(contentId: string): ContentBlob | undefined {
    const match = /^(\d{1,12})\$\d+\$[0-9a-z]+\$[0-9a-f]{32}\$0(\d)$/.exec(contentId);
    if (match === null) return undefined;
    const contentType = CONTENT_TYPES[Number(match[2])];
    if (contentType === undefined) return undefined;
    const blob = this.blob(contentType, Number(match[1]));
    return blob.contentId === contentId ? blob : undefined;
  }

  /** Blobs with contentCreated in [startMs, endMs), in the order they became available. */
  *blobs(contentType: ContentType, startMs: number, endMs: number): Generator<ContentBlob> {
    const slotMs = this.#slotMs(contentType);
    for (let slot = Math.floor(startMs / slotMs); slot * slotMs < endMs; slot += 1) {
      const blob = this.blob(contentType, slot);
      if (blob.contentCreatedMs >= startMs && blob.contentCreatedMs < endMs) yield blob;
    }
  }

  /**
   * The records of a blob as JSON texts, in blob order (which is not chronological), a re-published one last; made
   * one by one, as the body streams.
   */
  *recordTexts(blob: ContentBlob): Generator<string> {
    for (let index = 0; index < blob.recordCount; index += 1) yield this.#recordText(blob, index);
    const earlier = this.#republished(blob);
    if (earlier !== undefined) yield this.#recordText(earlier, 0);
  }

  /** Just the `Id` of every record of a blob, in the same order. */
  *recordIds(blob: ContentBlob): Generator<string> {
    for (let index = 0; index < blob.recordCount; index += 1) yield this.#recordId(blob, index);
    const earlier = this.#republished(blob);
    if (earlier !== undefined) yield this.#recordId(earlier, 0);
  }

  /** The Id of the record this blob carries again, if it carries one. */
  republishedId(blob: ContentBlob): string | undefined {
    const earlier = this.#republished(blob);
    return earlier === undefined ? undefined : this.#recordId(earlier, 0);
  }

  #republished(blob: ContentBlob): ContentBlob | undefined {
    return blob.republishesSlot === undefined ? undefined : this.blob(blob.contentType, blob.republishesSlot);
  }

  #recordId(blob: ContentBlob, index: number): string {
    return this.#random.guid(blob.slot, recordField(TYPE_INDEX[blob.contentType], index) + R.id);
  }

  #user(index: number): AuditUser {
    const known = this.#users.get(index);
    if (known !== undefined) return known;
    if (this.#users.size === USER_CACHE_SIZE) this.#users.clear();
    const upn = this.#model.userPrincipalName(index);
    const user = {
      upn,
      upnJson: JSON.stringify(upn),
      userKey: `1003200${index.toString(16).padStart(9, '0')}`,
      oneDriveName: upn.replace(/[@.]/g, '_'),
    };
    this.#users.set(index, user);
    return user;
  }

  /**
   * One record in the common schema, the workload's fields after the common ones. Written as JSON text directly:
   * the common fields are ids, times, numbers and fixed words that need no escaping (the model's names are quoted
   * by JSON.stringify), and building then serialising an object per record costs twice the time.
   */
  #recordText(blob: ContentBlob, index: number): string {
    const r = this.#random;
    const slot = blob.slot;
    const base = recordField(TYPE_INDEX[blob.contentType], index);
    const pick = (n: number, field: number = R.extra): number => r.below(n, slot, index, base + field);
    const kinds = KINDS[blob.contentType];
    const kind = kinds[pick(kinds.length, R.kind)] as RecordKind;
    const operation = kind.operations[pick(kind.operations.length, R.operation)] as string;
    const workload = kind.workloads[pick(kind.workloads.length, R.workload)] as string;
    const user = this.#user(pick(Math.max(1, this.#model.users), R.user));
    const upn = user.upn;
    const object =
      workload === 'OneDrive'
        ? `https://${this.#site}-my.sharepoint.com/personal/${user.oneDriveName}/Documents/report-${pick(500)}.docx`
        : workload === 'SharePoint'
          ? `https://${this.#site}.sharepoint.com/sites/team${pick(12)}/Shared Documents/plan-${pick(500)}.xlsx`
          : upn;
    const lag =
      r.unit(slot, index, base + R.late) < LATE_SHARE
        ? LATE_MIN_LAG_MS + r.below(LATE_LAG_SPREAD_MS, slot, index, base + R.lag)
        : MIN_LAG_MS + r.below(LAG_SPREAD_MS, slot, index, base + R.lag);
    const guid = (extra: number): string => r.guid(slot, base + R.extra + extra * 0x10000);
    const status = kind.resultStatus?.(operation);
    const userKey = kind.recordType === 15 || kind.recordType === 8 ? guid(7) : user.userKey;
    const clientIp = this.#clientIp(kind, slot, index, base + R.ip);

    return (
      `{"CreationTime":"${auditTime(blob.contentCreatedMs - lag)}","Id":"${r.guid(slot, base + R.id)}",` +
      `"Operation":"${operation}","OrganizationId":"${this.#model.tenantId}","RecordType":${kind.recordType}` +
      `${status === undefined ? '' : `,"ResultStatus":"${status}"`},"UserKey":"${userKey}",` +
      `"UserType":${kind.userType},"Version":1,"Workload":"${workload}",` +
      `"ClientIP":${clientIp === null ? 'null' : `"${clientIp}"`},"ObjectId":${JSON.stringify(object)},` +
      `"UserId":${user.upnJson}${kind.extra({ operation, upnJson: user.upnJson, object, guid })}}`
    );
  }

  #clientIp(kind: RecordKind, slot: number, index: number, ipField: number): string | null {
    if (kind.clientIp === 'none') return null;
    const value = this.#random.uint32(slot, index, ipField);
    // Documentation ranges (RFC 5737, RFC 3849): realistic shapes that route nowhere.
    const v4 = `203.0.113.${value & 0xff}`;
    const v6 = `2001:db8:${((value >>> 8) & 0xffff).toString(16)}::${(value >>> 24).toString(16)}`;
    const shape = (value >>> 28) % 8;
    if (shape === 0) return v6;
    if (kind.clientIp === 'address-or-port' && shape === 1) return `${v4}:${49152 + (value & 0x3fff)}`;
    if (kind.clientIp === 'address-or-port' && shape === 2) return `[${v6}]:${49152 + (value & 0x3fff)}`;
    return v4;
  }
}
