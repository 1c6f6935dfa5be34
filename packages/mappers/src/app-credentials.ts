import { type EventRecord, eventRecord } from './event-record.js';
import {
  ATTR_M365_APP_CREDENTIAL_END_TIME,
  ATTR_M365_APP_CREDENTIAL_EXPIRY,
  ATTR_M365_APP_CREDENTIAL_KEY_ID,
  ATTR_M365_APP_CREDENTIAL_OWNER,
  ATTR_M365_APP_CREDENTIAL_TYPE,
  ATTR_M365_APP_ID,
  ATTR_M365_APP_NAME,
  EVENT_M365_APP_CREDENTIAL,
  M365_APP_CREDENTIAL_EXPIRY_VALUES,
  M365_APP_CREDENTIAL_OWNER_VALUES,
  M365_APP_CREDENTIAL_TYPE_VALUES,
  type M365AppCredentialExpiry,
  METRIC_M365_APP_CREDENTIALS,
  METRIC_M365_APP_OWN_CREDENTIAL_REMAINING,
} from './generated/catalog.js';
import type { AppCredentialLike, AppCredentialOwnerLike } from './governance-types.js';
import { type GovernanceMapping, graphTimeMs, type ItemProblem, readTime } from './problems.js';
import { observation } from './series.js';

const DAY_MS = 86_400_000;

/**
 * The expiry buckets, in order: a credential falls in the first whose bound its remaining time does not exceed
 * (expired: ended at or before the poll; within_7_days: ends within 7 days; within_30_days: in more than 7 and at
 * most 30; later: the rest).
 */
export const CREDENTIAL_EXPIRY_BUCKETS: readonly { bucket: M365AppCredentialExpiry; upToMs: number }[] = [
  { bucket: 'expired', upToMs: 0 },
  { bucket: 'within_7_days', upToMs: 7 * DAY_MS },
  { bucket: 'within_30_days', upToMs: 30 * DAY_MS },
  { bucket: 'later', upToMs: Number.POSITIVE_INFINITY },
];

/** The expiry bucket of a credential ending at endMs, seen at nowMs. */
export function credentialExpiry(endMs: number, nowMs: number): M365AppCredentialExpiry {
  const remainingMs = endMs - nowMs;
  const found = CREDENTIAL_EXPIRY_BUCKETS.find(({ upToMs }) => remainingMs <= upToMs);
  return found?.bucket ?? 'later';
}

/**
 * The credential the collector signs in with, as far as the collector may tell the mapping: a secret only by its
 * first three characters (Graph's `hint`), a certificate by its thumbprint (hexadecimal SHA-1) and the end of its
 * validity in the certificate file.
 */
export type OwnCredential =
  | { appId: string; kind: 'secret'; hint: string }
  | { appId: string; kind: 'certificate'; thumbprint: string; notAfterMs: number };

const HEX = /^[0-9a-f]+$/i;

/**
 * Whether a certificate's customKeyIdentifier is this thumbprint. Graph types the field Binary, so it normally
 * arrives as the base64 of the thumbprint's bytes; some tools write the thumbprint's hexadecimal text instead.
 */
function identifiesThumbprint(customKeyIdentifier: string, thumbprint: string): boolean {
  const wanted = thumbprint.replaceAll(/[\s:]/g, '').toLowerCase();
  if (HEX.test(customKeyIdentifier) && customKeyIdentifier.toLowerCase() === wanted) return true;
  return Buffer.from(customKeyIdentifier, 'base64').toString('hex') === wanted;
}

/**
 * Seconds until the collector's own credential ends (negative once ended), undefined when it cannot be told (a
 * secret whose hint matches no password of the app). A certificate: the app's `keyCredentials` entry whose
 * customKeyIdentifier is its thumbprint, else the certificate file's notAfter. A secret: the earliest end among
 * the app's passwords whose hint is the secret's first three characters. An end Microsoft sent unreadable counts
 * as no match.
 */
export function ownCredentialRemaining(
  owners: readonly AppCredentialOwnerLike[],
  own: OwnCredential,
  nowMs: number,
): number | undefined {
  const credentials = owners
    .filter((owner) => owner.appId === own.appId)
    .flatMap((owner) => owner.credentials);
  const matches = credentials.filter((credential) =>
    own.kind === 'secret'
      ? credential.type === 'password' && credential.hint === own.hint
      : credential.type === 'certificate' &&
        !!credential.customKeyIdentifier &&
        identifiesThumbprint(credential.customKeyIdentifier, own.thumbprint),
  );
  const ends = matches
    .map((credential) => graphTimeMs(credential.endDateTime))
    .filter((endMs) => endMs !== undefined);
  const endMs = ends.length > 0 ? Math.min(...ends) : own.kind === 'certificate' ? own.notAfterMs : undefined;
  return endMs === undefined ? undefined : (endMs - nowMs) / 1000;
}

export interface AppCredentialsOptions {
  /** The poll's time: the expiry buckets are measured from it and it stamps the events. */
  nowMs: number;
  /** The collector's own credential: m365.app.own_credential.remaining is reported for it. */
  own?: OwnCredential;
}

export interface AppCredentialsMapping extends GovernanceMapping {
  /** One m365.app.credential record per credential. */
  events: EventRecord[];
}

function credentialEvent(
  owner: AppCredentialOwnerLike,
  credential: AppCredentialLike,
  expiry: M365AppCredentialExpiry | undefined,
  timestamp: string,
): EventRecord {
  return eventRecord(
    EVENT_M365_APP_CREDENTIAL,
    timestamp,
    {
      [ATTR_M365_APP_ID]: owner.appId,
      [ATTR_M365_APP_NAME]: owner.displayName || undefined,
      [ATTR_M365_APP_CREDENTIAL_OWNER]: owner.owner,
      [ATTR_M365_APP_CREDENTIAL_TYPE]: credential.type,
      [ATTR_M365_APP_CREDENTIAL_KEY_ID]: credential.keyId,
      [ATTR_M365_APP_CREDENTIAL_END_TIME]: credential.endDateTime,
      [ATTR_M365_APP_CREDENTIAL_EXPIRY]: expiry,
    },
    {
      objectId: owner.id,
      credentialName: credential.displayName || null,
      startDateTime: credential.startDateTime || null,
    },
  );
}

/**
 * The app-credential gauges of one tenant (every type, owner and expiry bucket, 0 included), the collector's own
 * credential when given, and a record per credential. A credential whose end is unreadable is left out of the
 * counts (and reported), its record sent without an expiry bucket.
 */
export function mapAppCredentials(
  owners: readonly AppCredentialOwnerLike[],
  { nowMs, own }: AppCredentialsOptions,
): AppCredentialsMapping {
  const problems: ItemProblem[] = [];
  const counts = new Map<string, number>();
  const key = (...parts: string[]) => parts.join('/');
  const events: EventRecord[] = [];
  const timestamp = new Date(nowMs).toISOString();
  for (const owner of owners) {
    for (const credential of owner.credentials) {
      const where = {
        item: `${owner.owner} ${owner.id} credential ${credential.keyId}`,
        field: 'endDateTime',
      };
      const endMs = readTime(credential.endDateTime, where, problems);
      const expiry = endMs === undefined ? undefined : credentialExpiry(endMs, nowMs);
      if (expiry !== undefined) {
        const counted = key(credential.type, owner.owner, expiry);
        counts.set(counted, (counts.get(counted) ?? 0) + 1);
      }
      events.push(credentialEvent(owner, credential, expiry, timestamp));
    }
  }
  const observations = M365_APP_CREDENTIAL_TYPE_VALUES.flatMap((type) =>
    M365_APP_CREDENTIAL_OWNER_VALUES.flatMap((ownerKind) =>
      M365_APP_CREDENTIAL_EXPIRY_VALUES.map((expiry) =>
        observation(
          METRIC_M365_APP_CREDENTIALS,
          {
            [ATTR_M365_APP_CREDENTIAL_TYPE]: type,
            [ATTR_M365_APP_CREDENTIAL_OWNER]: ownerKind,
            [ATTR_M365_APP_CREDENTIAL_EXPIRY]: expiry,
          },
          counts.get(key(type, ownerKind, expiry)) ?? 0,
        ),
      ),
    ),
  );
  const ownRemaining = own === undefined ? undefined : ownCredentialRemaining(owners, own, nowMs);
  if (own !== undefined && ownRemaining !== undefined) {
    observations.push(
      observation(
        METRIC_M365_APP_OWN_CREDENTIAL_REMAINING,
        { [ATTR_M365_APP_CREDENTIAL_TYPE]: own.kind === 'secret' ? 'password' : 'certificate' },
        ownRemaining,
      ),
    );
  }
  return { observations, problems, events };
}
