import { weekday } from './dates.js';
import type { HashRandom } from './prng.js';

/** Named per-day quantities of one entity: counts, bytes, seconds, or 0/1 flags. */
export type Quantities = Record<string, number>;

/**
 * One workload a user can be active in on a day, besides e-mail (whose counts the tenant model keeps as they always
 * were). On an active day each quantity is non-zero with its probability, up to a maximum scaled by the user's
 * intensity; the first quantity is always at least 1, so "active" and "did something" coincide.
 */
interface WorkloadSpec {
  /** Probability of activity on a weekday, relative to the user's own activity probability. */
  activity: number;
  /** [quantity, probability of being non-zero on an active day, maximum]; maximum 1 makes a 0/1 flag. */
  quantities: readonly (readonly [name: string, probability: number, maximum: number])[];
}

const TEAMS_PLATFORMS = ['windows', 'web', 'mac', 'iOS', 'androidPhone', 'linux', 'chromeOS', 'windowsPhone'];
const YAMMER_PLATFORMS = ['web', 'iPhone', 'androidPhone', 'iPad', 'windowsPhone', 'others'];
export const EMAIL_APPS = [
  'outlookForWindows',
  'outlookForWeb',
  'outlookForMobile',
  'outlookForMac',
  'mailForMac',
  'otherForMobile',
  'imap4App',
  'pop3App',
  'smtpApp',
] as const;
export const M365_APPS = ['outlook', 'word', 'excel', 'powerPoint', 'oneNote', 'teams'] as const;
export const M365_PLATFORMS = ['windows', 'mac', 'mobile', 'web'] as const;
export const COPILOT_APPS = [
  'copilotChat',
  'microsoftTeams',
  'word',
  'excel',
  'powerPoint',
  'outlook',
  'oneNote',
  'loop',
] as const;

/** Decreasing probabilities: the first platform or app of a list is the common one. */
function flags(names: readonly string[], first = 0.9): [string, number, number][] {
  return names.map((name, i) => [name, i === 0 ? first : Math.max(0.02, 0.5 / (i + 1)), 1]);
}

export const WORKLOADS = {
  oneDrive: {
    activity: 0.6,
    quantities: [
      ['viewedOrEdited', 0.9, 25],
      ['synced', 0.4, 40],
      ['sharedInternally', 0.25, 5],
      ['sharedExternally', 0.06, 3],
    ],
  },
  sharePoint: {
    activity: 0.55,
    quantities: [
      ['visitedPage', 0.9, 30],
      ['viewedOrEdited', 0.7, 20],
      ['synced', 0.2, 15],
      ['sharedInternally', 0.2, 4],
      ['sharedExternally', 0.04, 2],
    ],
  },
  teams: {
    activity: 0.85,
    quantities: [
      ['privateChat', 0.9, 80],
      ['teamChat', 0.6, 30],
      ['calls', 0.3, 6],
      ['adHocOrganized', 0.1, 2],
      ['adHocAttended', 0.25, 3],
      ['oneTimeOrganized', 0.1, 2],
      ['oneTimeAttended', 0.3, 3],
      ['recurringOrganized', 0.15, 2],
      ['recurringAttended', 0.45, 4],
      ['unclassifiedOrganized', 0.03, 1],
      ['audioSeconds', 0.6, 7200],
      ['videoSeconds', 0.4, 5400],
      ['screenShareSeconds', 0.2, 1800],
      ['postMessages', 0.25, 6],
      ['replyMessages', 0.35, 10],
      ['urgentMessages', 0.03, 2],
      ['otherAction', 0.3, 1],
    ],
  },
  teamsDevices: { activity: 1, quantities: flags(TEAMS_PLATFORMS) },
  yammer: {
    activity: 0.15,
    quantities: [
      ['read', 0.95, 25],
      ['liked', 0.4, 8],
      ['posted', 0.2, 4],
    ],
  },
  yammerDevices: { activity: 1, quantities: flags(YAMMER_PLATFORMS) },
  emailApps: { activity: 1, quantities: flags(EMAIL_APPS) },
  m365Apps: {
    activity: 0.8,
    quantities: M365_APPS.flatMap((app, a) =>
      M365_PLATFORMS.map((platform, p): [string, number, number] => [
        `${app}:${platform}`,
        (a === 0 && p === 0 ? 0.95 : 0.6 / (a + 1)) * (p === 0 ? 1 : 0.5 / p),
        1,
      ]),
    ),
  },
  forms: {
    activity: 0.05,
    quantities: [
      ['responded', 0.9, 4],
      ['created', 0.2, 2],
    ],
  },
  copilot: { activity: 0.7, quantities: flags(COPILOT_APPS, 0.85) },
} as const satisfies Record<string, WorkloadSpec>;
export type Workload = keyof typeof WORKLOADS;

/**
 * Workloads whose activity only happens on a day the user is active in another one: devices are the devices of a
 * Teams or Viva Engage day, e-mail apps the apps of an e-mail day.
 */
export const RIDES_ON: Partial<Record<Workload, Workload | 'email'>> = {
  teamsDevices: 'teams',
  yammerDevices: 'yammer',
  emailApps: 'email',
};

const WORKLOAD_FIELD_BASE: Readonly<Record<Workload, number>> = Object.fromEntries(
  Object.keys(WORKLOADS).map((name, i) => [name, 1000 + 100 * i]),
) as Record<Workload, number>;

export interface ActivityUser {
  index: number;
  activeProbability: number;
  intensity: number;
}

/** Whether the user is active in `workload` on `day`, before existence and dormancy (the tenant model's job). */
export function workloadDrawActive(
  random: HashRandom,
  user: ActivityUser,
  workload: Workload,
  day: number,
): boolean {
  const spec: WorkloadSpec = WORKLOADS[workload];
  const wd = weekday(day);
  const p = user.activeProbability * spec.activity * (wd === 0 || wd === 6 ? 0.25 : 1);
  return random.unit(user.index, day, WORKLOAD_FIELD_BASE[workload]) < p;
}

/** The quantities of an active day (at least the first one non-zero). */
export function workloadQuantities(
  random: HashRandom,
  user: ActivityUser,
  workload: Workload,
  day: number,
): Quantities {
  const spec: WorkloadSpec = WORKLOADS[workload];
  const base = WORKLOAD_FIELD_BASE[workload];
  const out: Quantities = {};
  spec.quantities.forEach(([name, probability, maximum], k) => {
    const field = base + 1 + 2 * k;
    const present = k === 0 || random.unit(user.index, day, field) < probability;
    if (!present) {
      out[name] = 0;
      return;
    }
    const scaled = Math.max(1, Math.floor(maximum * (0.2 + 0.8 * user.intensity)));
    out[name] = maximum === 1 ? 1 : 1 + random.below(scaled, user.index, day, field + 1);
  });
  return out;
}

export function workloadQuantityNames(workload: Workload): readonly string[] {
  const spec: WorkloadSpec = WORKLOADS[workload];
  return spec.quantities.map(([name]) => name);
}
