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
} as const;
/** Per-record fields: record field = F.record + (type index * MAX_RECORDS_PER_BLOB + record index) * 16 + field. */
const R = { id: 0, kind: 1, operation: 2, user: 3, lag: 4, ip: 5, workload: 6, extra: 7, late: 8 } as const;

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

/** A record in the common schema; the workload-specific fields come after the common ones. */
export type AuditRecord = Record<string, unknown>;

interface RecordKind {
  recordType: number;
  workloads: readonly string[];
  operations: readonly string[];
  userType: number;
  resultStatus?: (operation: string) => string;
  clientIp: 'address' | 'address-or-port' | 'none';
  extra: (context: RecordContext) => Record<string, unknown>;
}

interface RecordContext {
  operation: string;
  workload: string;
  upn: string;
  object: string;
  pick: (n: number) => number;
  guid: (field: number) => string;
}

const succeeded = (): string => 'Succeeded';

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
      extra: ({ operation, guid }) => ({
        ApplicationId: guid(0),
        ...(operation === 'UserLoginFailed'
          ? { LogonError: 'InvalidUserNameOrPassword', ErrorNumber: '50126' }
          : {}),
      }),
    },
    {
      recordType: 8, // AzureActiveDirectory
      workloads: ['AzureActiveDirectory'],
      operations: ['Add user.', 'Update user.', 'Reset user password.', 'Add member to group.'],
      userType: 2,
      resultStatus: succeeded,
      // Directory changes carry no client address.
      clientIp: 'none',
      extra: ({ upn, guid }) => ({
        Target: [{ ID: upn, Type: 5 }],
        Actor: [{ ID: guid(1), Type: 2 }],
        ModifiedProperties: [],
      }),
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
      extra: ({ upn }) => ({ MailboxOwnerUPN: upn, LogonType: 0, ExternalAccess: false }),
    },
    {
      recordType: 50, // ExchangeItemAggregated
      workloads: ['Exchange'],
      operations: ['MailItemsAccessed'],
      userType: 0,
      resultStatus: succeeded,
      clientIp: 'address-or-port',
      extra: ({ upn }) => ({ MailboxOwnerUPN: upn, LogonType: 0, OperationCount: 1 }),
    },
    {
      recordType: 1, // ExchangeAdmin: the cmdlet is the operation, the outcome is "True"/"False".
      workloads: ['Exchange'],
      operations: ['Set-Mailbox', 'New-InboxRule', 'Add-MailboxPermission', 'Set-TransportRule'],
      userType: 2,
      resultStatus: () => 'True',
      clientIp: 'address-or-port',
      extra: ({ upn }) => ({
        ObjectId: upn,
        Parameters: [{ Name: 'Identity', Value: upn }],
        ExternalAccess: false,
      }),
    },
  ],
  'Audit.SharePoint': [
    {
      recordType: 6, // SharePointFileOperation
      workloads: ['SharePoint', 'OneDrive'],
      operations: ['FileAccessed', 'FileModified', 'FileDownloaded', 'FileUploaded'],
      userType: 0,
      clientIp: 'address',
      extra: ({ object, guid }) => ({
        Site: guid(2),
        ItemType: 'File',
        EventSource: 'SharePoint',
        SourceFileName: object.slice(object.lastIndexOf('/') + 1),
        UserAgent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Edge/120.0',
      }),
    },
    {
      recordType: 14, // SharePointSharingOperation
      workloads: ['SharePoint', 'OneDrive'],
      operations: ['SharingSet', 'AnonymousLinkCreated', 'SharingInvitationCreated'],
      userType: 0,
      clientIp: 'address',
      extra: ({ guid }) => ({ Site: guid(2), ItemType: 'File', EventSource: 'SharePoint' }),
    },
    {
      recordType: 4, // SharePoint
      workloads: ['SharePoint'],
      operations: ['PageViewed', 'SearchQueryPerformed'],
      userType: 0,
      clientIp: 'address',
      extra: ({ guid }) => ({ Site: guid(2), ItemType: 'Page', EventSource: 'SharePoint' }),
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
      extra: ({ guid }) => ({ TeamGuid: guid(3), CommunicationType: 'Team' }),
    },
    {
      recordType: 20, // PowerBIAudit
      workloads: ['PowerBI'],
      operations: ['ViewReport', 'ExportReport', 'ViewDashboard'],
      userType: 0,
      clientIp: 'address',
      extra: ({ guid }) => ({ ReportId: guid(4), WorkSpaceName: 'Finance' }),
    },
    {
      recordType: 66, // MicrosoftForms
      workloads: ['MicrosoftForms'],
      operations: ['CreateForm', 'ViewForm', 'ViewResponses'],
      userType: 0,
      resultStatus: succeeded,
      clientIp: 'address',
      extra: ({ guid }) => ({ FormId: guid(5), FormName: 'Team survey' }),
    },
  ],
  'DLP.All': [
    {
      recordType: 13, // ComplianceDLPExchange
      workloads: ['Exchange'],
      operations: ['DlpRuleMatch'],
      userType: 0,
      clientIp: 'none',
      extra: ({ guid }) => ({
        PolicyDetails: [{ PolicyId: guid(6), PolicyName: 'U.S. Financial Data', Rules: [] }],
      }),
    },
    {
      recordType: 11, // ComplianceDLPSharePoint
      workloads: ['SharePoint', 'OneDrive'],
      operations: ['DlpRuleMatch', 'DlpRuleMatch', 'DlpRuleUndo'],
      userType: 0,
      clientIp: 'none',
      extra: ({ guid }) => ({
        PolicyDetails: [{ PolicyId: guid(6), PolicyName: 'U.S. Financial Data', Rules: [] }],
      }),
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

/** The audit log's `CreationTime`: UTC without a zone designator, to the second. */
export function auditTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export class ActivityFeed {
  readonly #model: TenantModel;
  readonly #random: HashRandom;

  constructor(model: TenantModel) {
    this.#model = model;
    this.#random = new HashRandom(model.seed);
  }

  /** The blob of `slot` (every slot holds exactly one). */
  blob(contentType: ContentType, slot: number): ContentBlob {
    const type = CONTENT_TYPES.indexOf(contentType);
    const slotMs = SLOT_MS[contentType];
    const contentCreatedMs = slot * slotMs + this.#random.below(slotMs, slot, type, F.jitter);
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
      recordCount: 1 + this.#random.below(MAX_RECORDS_PER_BLOB, slot, type, F.count),
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
    const slotMs = SLOT_MS[contentType];
    for (let slot = Math.floor(startMs / slotMs); slot * slotMs < endMs; slot += 1) {
      const blob = this.blob(contentType, slot);
      if (blob.contentCreatedMs >= startMs && blob.contentCreatedMs < endMs) yield blob;
    }
  }

  /** The records of a blob, in blob order (which is not chronological), a re-published one last. */
  records(blob: ContentBlob): AuditRecord[] {
    const records: AuditRecord[] = [];
    for (let index = 0; index < blob.recordCount; index += 1) records.push(this.#record(blob, index));
    const earlier = this.#republished(blob);
    if (earlier !== undefined) records.push(this.#record(earlier, 0));
    return records;
  }

  /** Just the `Id` of every record of a blob, in the same order. */
  recordIds(blob: ContentBlob): string[] {
    const ids: string[] = [];
    for (let index = 0; index < blob.recordCount; index += 1) ids.push(this.#recordId(blob, index));
    const earlier = this.#republished(blob);
    if (earlier !== undefined) ids.push(this.#recordId(earlier, 0));
    return ids;
  }

  /** The Id of the record this blob carries again, if it carries one. */
  republishedId(blob: ContentBlob): string | undefined {
    const earlier = this.#republished(blob);
    return earlier === undefined ? undefined : this.#recordId(earlier, 0);
  }

  #republished(blob: ContentBlob): ContentBlob | undefined {
    return blob.republishesSlot === undefined ? undefined : this.blob(blob.contentType, blob.republishesSlot);
  }

  #field(blob: ContentBlob, index: number, field: number): number {
    const type = CONTENT_TYPES.indexOf(blob.contentType);
    return F.record + (type * MAX_RECORDS_PER_BLOB + index) * 16 + field;
  }

  #recordId(blob: ContentBlob, index: number): string {
    return this.#random.guid(blob.slot, this.#field(blob, index, R.id));
  }

  #record(blob: ContentBlob, index: number): AuditRecord {
    const r = this.#random;
    const field = (name: keyof typeof R): number => this.#field(blob, index, R[name]);
    const pick = (n: number, name: keyof typeof R = 'extra'): number =>
      r.below(n, blob.slot, index, field(name));
    const kinds = KINDS[blob.contentType];
    const kind = kinds[pick(kinds.length, 'kind')] as RecordKind;
    const operation = kind.operations[pick(kind.operations.length, 'operation')] as string;
    const workload = kind.workloads[pick(kind.workloads.length, 'workload')] as string;
    const users = Math.max(1, this.#model.users);
    const user = pick(users, 'user');
    const upn = this.#model.userPrincipalName(user);
    const site = this.#model.domain.split('.')[0] as string;
    const object =
      workload === 'OneDrive'
        ? `https://${site}-my.sharepoint.com/personal/${upn.replace(/[@.]/g, '_')}/Documents/report-${pick(500)}.docx`
        : workload === 'SharePoint'
          ? `https://${site}.sharepoint.com/sites/team${pick(12)}/Shared Documents/plan-${pick(500)}.xlsx`
          : upn;
    const lag =
      r.unit(blob.slot, index, field('late')) < LATE_SHARE
        ? LATE_MIN_LAG_MS + r.below(LATE_LAG_SPREAD_MS, blob.slot, index, field('lag'))
        : MIN_LAG_MS + r.below(LAG_SPREAD_MS, blob.slot, index, field('lag'));
    const guid = (extra: number): string => r.guid(blob.slot, field('extra') + extra * 0x10000);
    const status = kind.resultStatus?.(operation);
    return {
      CreationTime: auditTime(blob.contentCreatedMs - lag),
      Id: this.#recordId(blob, index),
      Operation: operation,
      OrganizationId: this.#model.tenantId,
      RecordType: kind.recordType,
      ...(status === undefined ? {} : { ResultStatus: status }),
      UserKey:
        kind.recordType === 15 || kind.recordType === 8
          ? guid(7)
          : `1003200${user.toString(16).padStart(9, '0')}`,
      UserType: kind.userType,
      Version: 1,
      Workload: workload,
      ClientIP: this.#clientIp(kind, blob, index, field('ip')),
      ObjectId: object,
      UserId: upn,
      ...kind.extra({ operation, workload, upn, object, pick, guid }),
    };
  }

  #clientIp(kind: RecordKind, blob: ContentBlob, index: number, ipField: number): string | null {
    if (kind.clientIp === 'none') return null;
    const value = this.#random.uint32(blob.slot, index, ipField);
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
