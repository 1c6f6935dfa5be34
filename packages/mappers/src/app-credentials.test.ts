import { describe, expect, it } from 'vitest';
import { expectMatchesCatalog } from './__fixtures__/event-catalog.js';
import { credentialOwnersOfTenant } from './__fixtures__/governance/graph-shapes.js';
import {
  CREDENTIAL_EXPIRY_BUCKETS,
  credentialExpiry,
  mapAppCredentials,
  ownCredentialRemaining,
} from './app-credentials.js';
import type { AppCredentialOwnerLike } from './governance-types.js';

const NOW = Date.parse('2021-09-05T00:00:00Z');
const DAY = 86_400_000;
const COLLECTOR_APP = '631a96bc-a705-4eda-9f99-fdaf9f54f6a2';
const PAYROLL_APP = '2f3e9a8b-7c61-4a55-8d0c-5b4e2a1d9c77';
/** The collector's certificate: the base64 customKeyIdentifier of its keyCredentials entry, as hexadecimal. */
const COLLECTOR_THUMBPRINT = '165D04C34BD499898C3735235779BCC06BC77C9F';

const credentials = (type: string, owner: string, expiry: string, value: number) => ({
  metric: 'm365.app.credentials',
  attributes: {
    'm365.app.credential.type': type,
    'm365.app.credential.owner': owner,
    'm365.app.credential.expiry': expiry,
  },
  value,
});

describe('credentialExpiry', () => {
  it('puts an end in the first bucket its distance does not exceed: 0, 7 days, 30 days, beyond', () => {
    expect(CREDENTIAL_EXPIRY_BUCKETS.map(({ bucket }) => bucket)).toEqual([
      'expired',
      'within_7_days',
      'within_30_days',
      'later',
    ]);
    expect(credentialExpiry(NOW - 1, NOW)).toBe('expired');
    expect(credentialExpiry(NOW, NOW)).toBe('expired');
    expect(credentialExpiry(NOW + 1, NOW)).toBe('within_7_days');
    expect(credentialExpiry(NOW + 7 * DAY, NOW)).toBe('within_7_days');
    expect(credentialExpiry(NOW + 7 * DAY + 1, NOW)).toBe('within_30_days');
    expect(credentialExpiry(NOW + 30 * DAY, NOW)).toBe('within_30_days');
    expect(credentialExpiry(NOW + 30 * DAY + 1, NOW)).toBe('later');
  });
});

describe('mapAppCredentials', () => {
  it('counts every type, owner and expiry bucket, 0 included, and emits a record per credential', () => {
    const { observations, events, problems } = mapAppCredentials(credentialOwnersOfTenant(), { nowMs: NOW });
    expect(problems).toEqual([]);
    expect(observations).toEqual([
      credentials('password', 'application', 'expired', 0),
      credentials('password', 'application', 'within_7_days', 1),
      credentials('password', 'application', 'within_30_days', 0),
      credentials('password', 'application', 'later', 1),
      credentials('password', 'service_principal', 'expired', 0),
      credentials('password', 'service_principal', 'within_7_days', 0),
      credentials('password', 'service_principal', 'within_30_days', 0),
      credentials('password', 'service_principal', 'later', 0),
      credentials('certificate', 'application', 'expired', 0),
      credentials('certificate', 'application', 'within_7_days', 0),
      credentials('certificate', 'application', 'within_30_days', 1),
      credentials('certificate', 'application', 'later', 0),
      credentials('certificate', 'service_principal', 'expired', 0),
      credentials('certificate', 'service_principal', 'within_7_days', 0),
      credentials('certificate', 'service_principal', 'within_30_days', 1),
      credentials('certificate', 'service_principal', 'later', 0),
    ]);
    expect(events).toHaveLength(4);
    for (const event of events) expectMatchesCatalog(event);
    expect(events[0]).toEqual({
      eventName: 'm365.app.credential',
      timestamp: '2021-09-05T00:00:00.000Z',
      attributes: {
        'm365.app.id': COLLECTOR_APP,
        'm365.app.name': 'm365-otel collector',
        'm365.app.credential.owner': 'application',
        'm365.app.credential.type': 'password',
        'm365.app.credential.key_id': 'f0b0b335-1d71-4883-8f98-567911bfdca6',
        'm365.app.credential.end_time': '2021-09-09T19:50:29.3086381Z',
        'm365.app.credential.expiry': 'within_7_days',
      },
      body: {
        objectId: '03ef14b0-ca33-4840-8f4f-d6e91916010e',
        credentialName: 'Password friendly name',
        startDateTime: '2019-09-09T19:50:29.3086381Z',
      },
    });
    // No secret hint, no thumbprint in the records: the hint is a piece of a secret.
    expect(JSON.stringify(events)).not.toContain('[6g');
  });

  it('counts an ended credential as expired, and leaves one whose end is unreadable out of the counts, reported', () => {
    const owners: AppCredentialOwnerLike[] = [
      {
        owner: 'application',
        id: 'object-1',
        appId: 'app-1',
        displayName: null,
        credentials: [
          { type: 'password', keyId: 'old', endDateTime: '2021-09-01T00:00:00Z' },
          { type: 'password', keyId: 'odd', endDateTime: 'never' },
        ],
      },
    ];
    const { observations, events, problems } = mapAppCredentials(owners, { nowMs: NOW });
    expect(observations.filter((point) => point.value > 0)).toEqual([
      credentials('password', 'application', 'expired', 1),
    ]);
    expect(problems).toEqual([
      {
        item: 'application object-1 credential odd',
        field: 'endDateTime',
        value: 'never',
        reason: 'not an ISO 8601 date and time',
      },
    ]);
    expect(events.map((event) => event.attributes['m365.app.credential.expiry'])).toEqual([
      'expired',
      undefined,
    ]);
    expect(events[0]?.attributes).not.toHaveProperty('m365.app.name');
    for (const event of events) expectMatchesCatalog(event);
  });

  it("reports the collector's own credential beside the counts", () => {
    const { observations } = mapAppCredentials(credentialOwnersOfTenant(), {
      nowMs: NOW,
      own: { appId: COLLECTOR_APP, kind: 'certificate', thumbprint: COLLECTOR_THUMBPRINT, notAfterMs: NOW },
    });
    expect(observations.at(-1)).toEqual({
      metric: 'm365.app.own_credential.remaining',
      attributes: { 'm365.app.credential.type': 'certificate' },
      value: 25 * 86_400,
    });
  });
});

describe('ownCredentialRemaining', () => {
  const owners = credentialOwnersOfTenant();
  const passwordEnd = Date.parse('2021-09-09T19:50:29.3086381Z');

  it("finds a secret among its app's passwords by the hint, the earliest end when several share it", () => {
    const secret = { appId: COLLECTOR_APP, kind: 'secret', hint: '[6g' } as const;
    expect(ownCredentialRemaining(owners, secret, NOW)).toBe((passwordEnd - NOW) / 1000);
    const [collector] = owners;
    if (collector === undefined) throw new Error('no application');
    const rotated: AppCredentialOwnerLike = {
      ...collector,
      credentials: [
        ...collector.credentials,
        { type: 'password', keyId: 'newer', hint: '[6g', endDateTime: '2022-09-09T00:00:00Z' },
        { type: 'password', keyId: 'broken', hint: '[6g', endDateTime: 'n/a' },
      ],
    };
    expect(ownCredentialRemaining([rotated], secret, NOW)).toBe((passwordEnd - NOW) / 1000);
  });

  it("gives nothing for a secret whose hint matches no password of its app, not another app's", () => {
    expect(
      ownCredentialRemaining(owners, { appId: COLLECTOR_APP, kind: 'secret', hint: 'Xy7' }, NOW),
    ).toBeUndefined();
    expect(ownCredentialRemaining(owners, { appId: PAYROLL_APP, kind: 'secret', hint: 'Xy7' }, NOW)).toBe(
      (Date.parse('2022-09-09T19:50:29Z') - NOW) / 1000,
    );
  });

  it('finds a certificate by its thumbprint, base64 or hexadecimal in customKeyIdentifier, else takes its notAfter', () => {
    const certificate = (appId: string, thumbprint: string) =>
      ({ appId, kind: 'certificate', thumbprint, notAfterMs: NOW + DAY }) as const;
    expect(ownCredentialRemaining(owners, certificate(COLLECTOR_APP, COLLECTOR_THUMBPRINT), NOW)).toBe(
      25 * 86_400,
    );
    expect(
      ownCredentialRemaining(owners, certificate(COLLECTOR_APP, COLLECTOR_THUMBPRINT.toLowerCase()), NOW),
    ).toBe(25 * 86_400);
    expect(
      ownCredentialRemaining(
        owners,
        certificate(PAYROLL_APP, '52:ed:9b:50:38:a4:7b:9e:2e:21:90:71:5c:c2:38:35:9d:4f:8f:73'),
        NOW,
      ),
    ).toBe((Date.parse('2021-09-15T12:00:00Z') - NOW) / 1000);
    expect(ownCredentialRemaining(owners, certificate(COLLECTOR_APP, 'AB'.repeat(20)), NOW)).toBe(86_400);
  });
});
