import { weekday } from './dates.js';
import { HashRandom } from './prng.js';
import {
  type Quantities,
  RIDES_ON,
  type Workload,
  workloadDrawActive,
  workloadQuantities,
} from './workloads.js';

const GIB = 1024 ** 3;

/** How far back the model generates daily activity: D180 plus the 28-day date window, with margin. */
export const HISTORY_DAYS = 400;

// Field identifiers for HashRandom: each random quantity has its own stream so that changing one rule never
// reshuffles the others.
const F = {
  first: 1,
  last: 2,
  concealedUpn: 3,
  concealedName: 4,
  age: 5,
  ageRecent: 6,
  deleted: 7,
  deletedAgo: 8,
  dormant: 9,
  dormantLast: 10,
  activeProbability: 11,
  intensity: 12,
  plan: 13,
  extraProduct: 14,
  archive: 15,
  initialItems: 16,
  itemsPerDay: 17,
  itemBytes: 18,
  nearQuotaJitter: 19,
  deletedItems: 20,
  deletedItemBytes: 21,
  active: 30,
  send: 31,
  sendAmount: 32,
  receive: 33,
  read: 34,
  meetingCreated: 35,
  meetingCreatedAmount: 36,
  meetingInteracted: 37,
  meetingInteractedAmount: 38,
  tenantId: 40,
  clientId: 41,
  secret: 42,
  copilotLicence: 50,
  outlookVersion: 51,
  userId: 52,
} as const;

/** Entity number for tenant-wide values, outside the user index range. */
const TENANT_ENTITY = -1;

function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

const FIRST_NAMES = words(`
  Adele Alex Allan Bianca Brian Carlos Chen Christie Debra Diego Emily Enrico Fatima Grady Hana
  Henrietta Isaiah Johanna Joni Kenji Lee Lidia Lynne Megan Miriam Nestor Nora Olga Patti Pradeep Raul
  Sakura Sofia Tomas Uma Wei
`);
const LAST_NAMES = words(`
  Adams Bauer Cho Diaz Eriksen Fernandez Gupta Holt Ito Jensen Kowalski Larsen Moreau Nakamura Okafor
  Patel Quinn Rossi Schmidt Tanaka Umar Vance Wilber Zrinski
`);

export interface Plan {
  products: string;
  issueWarningQuota: number;
  prohibitSendQuota: number;
  prohibitSendReceiveQuota: number;
}

// Exchange Online's standard quotas per licence: 98/99/100 GiB for the 100 GB plans, 49/49.5/50 GiB for E1.
const PLAN_100 = {
  issueWarningQuota: 98 * GIB,
  prohibitSendQuota: 99 * GIB,
  prohibitSendReceiveQuota: 100 * GIB,
};
const PLANS: readonly Plan[] = [
  { products: 'MICROSOFT 365 E5', ...PLAN_100 },
  { products: 'MICROSOFT 365 E3', ...PLAN_100 },
  { products: 'OFFICE 365 E3', ...PLAN_100 },
  {
    products: 'OFFICE 365 E1',
    issueWarningQuota: 49 * GIB,
    prohibitSendQuota: 49.5 * GIB,
    prohibitSendReceiveQuota: 50 * GIB,
  },
];
export const DELETED_ITEM_QUOTA = 30 * GIB;
export const COPILOT_PRODUCT = 'MICROSOFT 365 COPILOT';

/** Outlook for Windows builds, weighted towards the current one. */
export const OUTLOOK_VERSIONS = [
  'Outlook M365',
  'Outlook M365',
  'Outlook M365',
  'Outlook 2019',
  'Outlook 2016',
  'Outlook 2016',
  'Outlook 2013',
  'Outlook 2010',
  'Outlook 2007',
  'Undetermined',
] as const;
export type OutlookVersion = (typeof OUTLOOK_VERSIONS)[number];

/** index % 200 -> storage at the anchor day as a fraction of the send/receive quota (98%, 99%, 100% are the limits). */
const NEAR_QUOTA_SLOTS: ReadonlyMap<number, number> = new Map([
  [7, 0.982],
  [19, 0.992],
  [23, 1.002],
]);

export interface UserProfile {
  index: number;
  createdDay: number;
  /** First day the user and mailbox no longer exist; +Infinity when never deleted. */
  deletedDay: number;
  /** Never active in the simulated history; `historicLastActivity` tells what the reports show. */
  dormant: boolean;
  /** Last activity before the simulated history, or undefined for "never". */
  historicLastActivity: number | undefined;
  activeProbability: number;
  intensity: number;
  plan: Plan;
  assignedProducts: string;
  /** Holds a Microsoft 365 Copilot licence: only those users appear in the Copilot reports. */
  copilotLicensed: boolean;
  outlookVersion: OutlookVersion;
  hasArchive: boolean;
  initialItems: number;
  itemsPerDay: number;
  itemBytes: number;
  deletedItemCount: number;
  deletedItemBytes: number;
}

export interface EmailCounts {
  send: number;
  receive: number;
  read: number;
  meetingCreated: number;
  meetingInteracted: number;
}

export const QuotaStatus = {
  underLimit: 0,
  warningIssued: 1,
  sendProhibited: 2,
  sendReceiveProhibited: 3,
} as const;
export type QuotaStatus = (typeof QuotaStatus)[keyof typeof QuotaStatus];

export interface TenantModelOptions {
  seed: number;
  users: number;
  concealedNames: boolean;
  /** The refresh day when the simulator started: creation and deletion dates are laid out relative to it. */
  anchorDay: number;
}

/**
 * The simulated tenant: users, their mailboxes and their daily e-mail activity, all pure functions of the seed.
 * Nothing per user is stored, so a million users cost no memory.
 */
export class TenantModel {
  readonly seed: number;
  readonly users: number;
  readonly concealedNames: boolean;
  readonly anchorDay: number;
  readonly domain: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly #random: HashRandom;

  constructor(options: TenantModelOptions) {
    if (!Number.isSafeInteger(options.users) || options.users < 0) {
      throw new Error(`simulator users must be a non-negative integer, got ${options.users}`);
    }
    this.seed = options.seed;
    this.users = options.users;
    this.concealedNames = options.concealedNames;
    this.anchorDay = options.anchorDay;
    this.#random = new HashRandom(options.seed);
    this.domain = `m365sim${options.seed}.onmicrosoft.com`;
    this.tenantId = this.#guid(F.tenantId);
    this.clientId = this.#guid(F.clientId);
    this.clientSecret = this.#secret();
  }

  #guid(field: number): string {
    return this.#random.guid(TENANT_ENTITY, field);
  }

  #secret(): string {
    // Entra client secret values are 40 characters with "8Q~" at positions 3-5.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.~';
    let out = '';
    for (let i = 0; i < 37; i += 1) {
      out += alphabet.charAt(this.#random.below(alphabet.length, TENANT_ENTITY, i, F.secret));
    }
    return `${out.slice(0, 3)}8Q~${out.slice(3, 37)}`;
  }

  profile(index: number): UserProfile {
    const r = this.#random;
    const recent = r.unit(index, 0, F.age) < 0.02;
    const age = recent ? r.below(60, index, 0, F.ageRecent) : 60 + r.below(2400, index, 0, F.ageRecent);
    const createdDay = this.anchorDay - age;
    const deletedAgo = r.below(90, index, 0, F.deletedAgo);
    const deletedDay =
      r.unit(index, 0, F.deleted) < 0.03 && this.anchorDay - deletedAgo > createdDay
        ? this.anchorDay - deletedAgo
        : Number.POSITIVE_INFINITY;
    const dormant = r.unit(index, 0, F.dormant) < 0.12;
    const historyStart = this.anchorDay - HISTORY_DAYS;
    const oldActivity = createdDay + r.below(45, index, 0, F.dormantLast);
    const plan = pick(PLANS, r.below(PLANS.length, index, 0, F.plan));
    const extra = r.unit(index, 0, F.extraProduct) < 0.3;
    const copilotLicensed = r.unit(index, 0, F.copilotLicence) < 0.25;
    const initialItems = r.below(2000, index, 0, F.initialItems);
    const itemsPerDay = 1 + r.below(60, index, 0, F.itemsPerDay);
    const deletedItemCount = r.below(800, index, 0, F.deletedItems);
    const profile: UserProfile = {
      index,
      createdDay,
      deletedDay,
      dormant,
      historicLastActivity:
        oldActivity < historyStart && r.unit(index, 1, F.dormantLast) < 0.5 ? oldActivity : undefined,
      activeProbability: 0.35 + 0.6 * r.unit(index, 0, F.activeProbability),
      intensity: r.unit(index, 0, F.intensity),
      plan,
      assignedProducts: [
        plan.products,
        ...(extra ? ['MICROSOFT POWER AUTOMATE FREE'] : []),
        ...(copilotLicensed ? [COPILOT_PRODUCT] : []),
      ].join('+'),
      copilotLicensed,
      outlookVersion: pick(OUTLOOK_VERSIONS, r.below(OUTLOOK_VERSIONS.length, index, 0, F.outlookVersion)),
      hasArchive: r.unit(index, 0, F.archive) < 0.2,
      initialItems,
      itemsPerDay,
      itemBytes: 20_000 + r.below(100_000, index, 0, F.itemBytes),
      deletedItemCount,
      deletedItemBytes: deletedItemCount * (10_000 + r.below(50_000, index, 0, F.deletedItemBytes)),
    };
    // Three mailboxes per 200 users (from user 7 on, so even small tenants have them) sit near their quota at the
    // anchor day, one in each non-trivial status, so the quota-status report has warnings and prohibitions to show.
    const quotaRatio = NEAR_QUOTA_SLOTS.get(index % 200);
    if (quotaRatio !== undefined) {
      const target =
        plan.prohibitSendReceiveQuota * (quotaRatio + 0.004 * r.unit(index, 0, F.nearQuotaJitter));
      profile.itemBytes = Math.floor(target / this.itemCount(profile, this.anchorDay));
    }
    return profile;
  }

  /** `concealed`: the reports' setting at the time of the request; the audit log follows the start option. */
  userPrincipalName(index: number, concealed = this.concealedNames): string {
    if (concealed) return this.#random.hex128(index, F.concealedUpn);
    const { first, last } = this.#names(index);
    return `${first}.${last}${index}@${this.domain}`.toLowerCase();
  }

  displayName(index: number, concealed = this.concealedNames): string {
    if (concealed) return this.#random.hex128(index, F.concealedName);
    const { first, last } = this.#names(index);
    return `${first} ${last}`;
  }

  /** The Entra object id of the user, zeros when names are concealed (as Teams reports show it). */
  userId(index: number, concealed: boolean): string {
    return concealed ? '00000000-0000-0000-0000-000000000000' : this.#random.guid(index, F.userId);
  }

  /** 32 upper-case hex characters standing for any name (group, site, owner) when names are concealed. */
  concealed(entity: number, field: number): string {
    return this.#random.hex128(entity, field);
  }

  /** The tenant's own PRNG, for the entities (sites, groups) that live beside the users. */
  get random(): HashRandom {
    return this.#random;
  }

  #names(index: number): { first: string; last: string } {
    return {
      first: pick(FIRST_NAMES, this.#random.below(FIRST_NAMES.length, index, 0, F.first)),
      last: pick(LAST_NAMES, this.#random.below(LAST_NAMES.length, index, 0, F.last)),
    };
  }

  exists(user: UserProfile, day: number): boolean {
    return day >= user.createdDay && day < user.deletedDay;
  }

  /** Whether the user did anything with e-mail on that day (weekends are quieter). */
  isActive(user: UserProfile, day: number): boolean {
    if (user.dormant || !this.exists(user, day) || day < this.anchorDay - HISTORY_DAYS) return false;
    const wd = weekday(day);
    const p = wd === 0 || wd === 6 ? user.activeProbability * 0.25 : user.activeProbability;
    return this.#random.unit(user.index, day, F.active) < p;
  }

  /**
   * The user's counts for a day; undefined when inactive. An active user always receives mail, so "active" and
   * "received > 0" coincide.
   */
  counts(user: UserProfile, day: number): EmailCounts | undefined {
    if (!this.isActive(user, day)) return undefined;
    const r = this.#random;
    const i = user.index;
    const scale = user.intensity;
    const receive = 1 + r.below(5 + Math.floor(60 * scale), i, day, F.receive);
    return {
      send: r.unit(i, day, F.send) < 0.7 ? r.below(1 + Math.floor(15 * scale), i, day, F.sendAmount) : 0,
      receive,
      read: Math.floor(receive * (0.3 + 0.7 * r.unit(i, day, F.read))),
      meetingCreated:
        r.unit(i, day, F.meetingCreated) < 0.15 ? 1 + r.below(3, i, day, F.meetingCreatedAmount) : 0,
      meetingInteracted:
        r.unit(i, day, F.meetingInteracted) < 0.4 ? 1 + r.below(5, i, day, F.meetingInteractedAmount) : 0,
    };
  }

  /**
   * The user's quantities in a workload on that day; undefined when not active in it. Devices and e-mail apps are
   * used on the days of their workload; Copilot only by licensed users.
   */
  activity(user: UserProfile, workload: Workload, day: number): Quantities | undefined {
    if (user.dormant || !this.exists(user, day) || day < this.anchorDay - HISTORY_DAYS) return undefined;
    if (workload === 'copilot' && !user.copilotLicensed) return undefined;
    const carrier = RIDES_ON[workload];
    const active =
      carrier === undefined
        ? workloadDrawActive(this.#random, user, workload, day)
        : carrier === 'email'
          ? this.isActive(user, day)
          : this.activity(user, carrier, day) !== undefined;
    return active ? workloadQuantities(this.#random, user, workload, day) : undefined;
  }

  /** Last day with activity in `workload` on or before `asOf`; undefined when never (within the history). */
  lastWorkloadActivity(user: UserProfile, workload: Workload, asOf: number): number | undefined {
    if (user.dormant || (workload === 'copilot' && !user.copilotLicensed)) return undefined;
    const stop = Math.max(user.createdDay, this.anchorDay - HISTORY_DAYS);
    for (let day = Math.min(asOf, user.deletedDay - 1); day >= stop; day -= 1) {
      if (this.activity(user, workload, day) !== undefined) return day;
    }
    return undefined;
  }

  /** Last day with activity on or before `asOf`; undefined when the user was never active. */
  lastActivity(user: UserProfile, asOf: number): number | undefined {
    const stop = Math.max(user.createdDay, this.anchorDay - HISTORY_DAYS);
    for (let day = Math.min(asOf, user.deletedDay - 1); day >= stop; day -= 1) {
      if (this.isActive(user, day)) return day;
    }
    return user.historicLastActivity;
  }

  itemCount(user: UserProfile, day: number): number {
    return user.initialItems + user.itemsPerDay * Math.max(0, day - user.createdDay);
  }

  storageUsed(user: UserProfile, day: number): number {
    return this.itemCount(user, day) * user.itemBytes;
  }

  quotaStatus(user: UserProfile, storage: number): QuotaStatus {
    if (storage >= user.plan.prohibitSendReceiveQuota) return QuotaStatus.sendReceiveProhibited;
    if (storage >= user.plan.prohibitSendQuota) return QuotaStatus.sendProhibited;
    if (storage >= user.plan.issueWarningQuota) return QuotaStatus.warningIssued;
    return QuotaStatus.underLimit;
  }
}

function pick<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`internal: index ${index} outside a list of ${list.length}`);
  return value;
}
