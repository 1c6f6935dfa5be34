import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type FakeGraph,
  type Route,
  rejection,
  spyLogger,
  useGraphClientFixtures,
} from '@m365-otel/fake-graph';
import { describe, expect, it } from 'vitest';
import { DirectoryClient, type DirectoryClientOptions, type SkippedDirectoryItem } from './client.js';
import { DirectoryError } from './errors.js';
import { DIRECTORY_PERMISSIONS } from './permissions.js';

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

/** A response example of Microsoft's Graph v1.0 documentation, kept verbatim in `__fixtures__`. */
const docs = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8');

const fixtures = useGraphClientFixtures();
let fake: FakeGraph;
/** Every request: queued answers first, then its fallback (404 unless a test sets one). */
let graph: Route;

async function setup(options: Partial<DirectoryClientOptions> = {}) {
  const fixture = await fixtures.start();
  fake = fixture.fake;
  graph = fake.routeAll();
  // A fake clock the client's sleeps advance, so Identity Protection's 1-a-second limit waits without waiting.
  let clock = Date.parse('2026-06-15T12:00:00Z');
  const client = new DirectoryClient({
    ...fixture.options,
    now: () => clock,
    sleep: async (ms) => {
      fixture.sleeps.push(ms);
      clock += ms;
    },
    ...options,
  });
  return { client, sleeps: fixture.sleeps };
}

/** The query of the n-th request, decoded. */
function query(index: number): URLSearchParams {
  return new URL(fake.seen[index]?.path ?? '', fake.graphUrl).searchParams;
}

function pathOf(index: number): string {
  return new URL(fake.seen[index]?.path ?? '', fake.graphUrl).pathname;
}

/**
 * Serves `items` as Graph serves directory objects: `$top` items a page, the next link the same query with a
 * `$skiptoken` added (absolute, on Graph's origin).
 */
function pagedByTop(items: readonly unknown[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '', fake.graphUrl);
    const top = Number(url.searchParams.get('$top') ?? 100);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const body: Record<string, unknown> = { value: items.slice(skip, skip + top) };
    if (skip + top < items.length) {
      url.searchParams.set('$skiptoken', String(skip + top));
      body['@odata.nextLink'] = url.href;
    }
    res.writeHead(200, JSON_TYPE).end(JSON.stringify(body));
  };
}

const failure = (promise: Promise<unknown>) => rejection(promise, DirectoryError);

describe('the documentation examples', () => {
  it('reads subscribedSkus with $select of the fields it parses and every field of each SKU', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(docs('subscribed-skus')));
    expect(await client.listSubscribedSkus()).toEqual([
      {
        id: '48a80680-7326-48cd-9935-b556b81d3a4e_c7df2760-2c81-4ef7-b578-5b5392b571df',
        skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
        skuPartNumber: 'ENTERPRISEPREMIUM',
        capabilityStatus: 'Enabled',
        appliesTo: 'User',
        consumedUnits: 14,
        prepaidUnits: { enabled: 25, suspended: 0, warning: 0, lockedOut: 0 },
      },
      {
        id: '48a80680-7326-48cd-9935-b556b81d3a4e_d17b27af-3f49-4822-99f9-56a661538792',
        skuId: 'd17b27af-3f49-4822-99f9-56a661538792',
        skuPartNumber: 'CRMSTANDARD',
        capabilityStatus: 'Suspended',
        appliesTo: 'User',
        consumedUnits: 14,
        prepaidUnits: { enabled: 0, suspended: 25, warning: 0, lockedOut: 0 },
      },
    ]);
    expect(pathOf(0)).toBe('/v1.0/subscribedSkus');
    // The collection takes $select only.
    expect([...query(0).keys()]).toEqual(['$select']);
    expect(query(0).get('$select')).toBe(
      'id,skuId,skuPartNumber,capabilityStatus,appliesTo,consumedUnits,prepaidUnits',
    );
    expect(fake.seen[0]?.headers.authorization).toBe('Bearer token-1');
  });

  it('reads directory/subscriptions', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(docs('company-subscriptions')));
    expect(await client.listCompanySubscriptions()).toEqual([
      {
        id: '860697e3-b0aa-4196-a6c6-7ec361ed58f7',
        skuId: '0816ccb9-3785-4d19-bf78-6c53e2106509',
        skuPartNumber: 'MyPartNumber',
        status: 'Enabled',
        isTrial: false,
        totalLicenses: 25,
        createdDateTime: '2023-01-01T00:00:00Z',
        nextLifecycleDateTime: '2023-02-01T00:00:00Z',
      },
    ]);
    expect(pathOf(0)).toBe('/v1.0/directory/subscriptions');
    expect(query(0).get('$select')).toBe(
      'id,skuId,skuPartNumber,status,isTrial,totalLicenses,createdDateTime,nextLifecycleDateTime',
    );
  });

  it('reads the organization, its default verified domain and its sync state', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(docs('organization')));
    expect(await client.getOrganization()).toEqual({
      id: '84841066-274d-4ec0-a5c1-276be684bdd3',
      displayName: 'Contoso',
      tenantType: 'AAD',
      defaultDomain: 'Contoso.onmicrosoft.com',
      onPremisesSyncEnabled: null,
    });
    expect(pathOf(0)).toBe('/v1.0/organization');
    expect(query(0).get('$select')).toBe(
      'id,displayName,tenantType,verifiedDomains,onPremisesSyncEnabled,onPremisesLastSyncDateTime,onPremisesLastPasswordSyncDateTime',
    );
  });

  it('reads the sync feature flags, and undefined when the tenant has no sync configured', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(`{"value":[${docs('directory-sync')}]}`), fake.list([]));
    const sync = await client.getDirectorySyncFeatures();
    expect(Object.keys(sync?.features ?? {})).toHaveLength(19);
    expect(sync?.features).toMatchObject({ passwordSyncEnabled: false, softMatchOnUpnEnabled: true });
    expect(await client.getDirectorySyncFeatures()).toBeUndefined();
    expect(pathOf(0)).toBe('/v1.0/directory/onPremisesSynchronization');
    expect(query(0).get('$select')).toBe('features');
  });

  it('reads risky users (the example without its stray trailing comma)', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(docs('risky-users')));
    expect(await client.listRiskyUsers()).toEqual([
      {
        id: 'c2b6c2b9-dddc-acd0-2b39-d519d803dbc3',
        riskLevel: 'medium',
        riskState: 'atRisk',
        riskLastUpdatedDateTime: '2018-09-22T00:04:49.1195968Z',
      },
    ]);
    expect(pathOf(0)).toBe('/v1.0/identityProtection/riskyUsers');
    expect(query(0).get('$select')).toBe('id,riskLevel,riskState,riskLastUpdatedDateTime');
    // Identity Protection pages hold at most 500.
    expect(query(0).get('$top')).toBe('500');
  });

  it('reads risk detections since a time, with the filter Graph documents', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json(docs('risk-detections')));
    expect(await client.listRiskDetections({ since: '2018-09-01T00:00:00+02:00' })).toEqual([
      {
        id: '6a5874ca-abcd-9d82-5ad39bd71600',
        riskEventType: 'unfamiliarFeatures',
        riskLevel: 'medium',
        riskState: 'remediated',
        detectedDateTime: '2018-09-05T00:11:27.773602Z',
        activityDateTime: '2018-09-05T00:09:18.7822851Z',
        userId: 'abcdefab-af90-4edf-ac4c-742ff06735d0',
        userPrincipalName: 'olack@adatum.com',
        ipAddress: '123.456.7.89',
        source: 'activeDirectory',
        detectionTimingType: 'realtime',
        location: { city: 'Seattle', countryOrRegion: 'US' },
      },
    ]);
    expect(pathOf(0)).toBe('/v1.0/identityProtection/riskDetections');
    expect(query(0).get('$filter')).toBe('detectedDateTime ge 2018-08-31T22:00:00.000Z');
    expect(query(0).get('$select')).toBe(
      'id,riskEventType,riskLevel,riskState,detectedDateTime,activityDateTime,userId,userPrincipalName,ipAddress,source,detectionTimingType,location',
    );
  });

  it('refuses a since that is not a date-time before asking Graph', async () => {
    const { client } = await setup();
    await expect(client.listRiskDetections({ since: 'yesterday' })).rejects.toThrow(
      /since must be an ISO 8601/,
    );
    expect(fake.seen).toEqual([]);
  });
});

const credentialOwner = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  appId: `app-${id}`,
  displayName: `App ${id}`,
  passwordCredentials: [],
  keyCredentials: [],
  ...extra,
});

// The shapes of passwordCredential and keyCredential as Graph documents them (addPassword's and keyCredentials' examples).
const PASSWORD = {
  customKeyIdentifier: null,
  displayName: 'Password friendly name',
  endDateTime: '2021-09-09T19:50:29.3086381Z',
  hint: 'Y6b',
  keyId: 'f0b0b335-1d71-4883-8f98-567911bfdca6',
  secretText: null,
  startDateTime: '2019-09-09T19:50:29.3086381Z',
};
const CERTIFICATE = {
  customKeyIdentifier: 'ZEPpP/+KJe2fVDBNaPNOTDoJMac=',
  displayName: 'CN=contoso',
  endDateTime: '2027-01-22T09:04:02Z',
  key: null,
  keyId: '29d4f7db-0539-455e-b708-9f52f0bbc0c1',
  startDateTime: '2025-01-22T08:54:02Z',
  type: 'AsymmetricX509Cert',
  usage: 'Verify',
};

describe('listApplicationCredentials', () => {
  it('reads every page of applications and of service principals, and drops service principals without credentials', async () => {
    const { client } = await setup({ pageSize: 2 });
    const applications = [
      credentialOwner('a1', { passwordCredentials: [PASSWORD] }),
      credentialOwner('a2'),
      credentialOwner('a3', { keyCredentials: [CERTIFICATE] }),
    ];
    const principals = [credentialOwner('s1'), credentialOwner('s2', { passwordCredentials: [PASSWORD] })];
    const [pagedApplications, pagedPrincipals] = [pagedByTop(applications), pagedByTop(principals)];
    graph.fallback = (req, res) =>
      (req.url?.startsWith('/v1.0/applications') ? pagedApplications : pagedPrincipals)(req, res);
    const owners = await client.listApplicationCredentials();
    expect(owners).toEqual([
      {
        owner: 'application',
        id: 'a1',
        appId: 'app-a1',
        displayName: 'App a1',
        credentials: [
          {
            type: 'password',
            keyId: PASSWORD.keyId,
            displayName: 'Password friendly name',
            hint: 'Y6b',
            startDateTime: PASSWORD.startDateTime,
            endDateTime: PASSWORD.endDateTime,
          },
        ],
      },
      { owner: 'application', id: 'a2', appId: 'app-a2', displayName: 'App a2', credentials: [] },
      {
        owner: 'application',
        id: 'a3',
        appId: 'app-a3',
        displayName: 'App a3',
        credentials: [
          {
            type: 'certificate',
            keyId: CERTIFICATE.keyId,
            displayName: 'CN=contoso',
            customKeyIdentifier: 'ZEPpP/+KJe2fVDBNaPNOTDoJMac=',
            startDateTime: CERTIFICATE.startDateTime,
            endDateTime: CERTIFICATE.endDateTime,
          },
        ],
      },
      {
        owner: 'service_principal',
        id: 's2',
        appId: 'app-s2',
        displayName: 'App s2',
        credentials: [expect.objectContaining({ type: 'password', keyId: PASSWORD.keyId })],
      },
    ]);
    expect(fake.seen.map((_, index) => pathOf(index))).toEqual([
      '/v1.0/applications',
      '/v1.0/applications',
      '/v1.0/servicePrincipals',
    ]);
    for (const index of [0, 1, 2]) {
      expect(query(index).get('$select')).toBe('id,appId,displayName,passwordCredentials,keyCredentials');
      expect(query(index).get('$top')).toBe('2');
    }
    expect(query(1).get('$skiptoken')).toBe('2');
  });

  it('asks for 999 directory objects a page by default', async () => {
    const { client } = await setup();
    graph.queue.push(fake.list([]), fake.list([]));
    await client.listApplicationCredentials();
    expect(query(0).get('$top')).toBe('999');
    expect(query(1).get('$top')).toBe('999');
  });

  it('leaves out a credential without its end and keeps the owner and its other credentials', async () => {
    const logger = spyLogger();
    const reported: SkippedDirectoryItem[] = [];
    const { client } = await setup({ logger, onSkippedItem: (item) => reported.push(item) });
    const { endDateTime: _, ...noEnd } = PASSWORD;
    graph.queue.push(
      fake.list([credentialOwner('a1', { passwordCredentials: [noEnd, PASSWORD] })]),
      fake.list([]),
    );
    const perCall: SkippedDirectoryItem[] = [];
    const [owner] = await client.listApplicationCredentials({ onSkippedItem: (item) => perCall.push(item) });
    expect(owner?.credentials.map((credential) => credential.keyId)).toEqual([PASSWORD.keyId]);
    const expected = {
      method: 'listApplicationCredentials',
      where: 'applications page 1, value[0].passwordCredentials[0]',
      id: 'a1',
      problems: [
        'endDateTime: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got nothing (the field is absent)',
      ],
    };
    expect(perCall).toEqual([expected]);
    expect(reported).toEqual([expected]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});

describe('listUsersWithProvisioningErrors', () => {
  it("sends Graph's documented advanced query and reads every page", async () => {
    const { client } = await setup({ pageSize: 1 });
    const users = [
      {
        id: 'u1',
        onPremisesProvisioningErrors: [
          {
            category: 'PropertyConflict',
            occurredDateTime: '2024-05-01T10:00:00Z',
            propertyCausingError: 'ProxyAddress',
            value: 'SMTP:alex@contoso.com',
          },
        ],
      },
      {
        id: 'u2',
        onPremisesProvisioningErrors: [{ category: 'PropertyConflict', propertyCausingError: null }],
      },
    ];
    graph.fallback = pagedByTop(users);
    expect(await client.listUsersWithProvisioningErrors()).toEqual([
      {
        id: 'u1',
        errors: [
          {
            category: 'PropertyConflict',
            propertyCausingError: 'ProxyAddress',
            occurredDateTime: '2024-05-01T10:00:00Z',
          },
        ],
      },
      { id: 'u2', errors: [{ category: 'PropertyConflict' }] },
    ]);
    expect(fake.seen).toHaveLength(2);
    for (const index of [0, 1]) {
      expect(pathOf(index)).toBe('/v1.0/users');
      expect(query(index).get('$filter')).toBe(
        "onPremisesProvisioningErrors/any(e:e/category eq 'PropertyConflict')",
      );
      expect(query(index).get('$count')).toBe('true');
      expect(query(index).get('$select')).toBe('id,onPremisesProvisioningErrors');
      expect(fake.seen[index]?.headers.consistencylevel).toBe('eventual');
    }
  });
});

describe('validation', () => {
  it('leaves out a SKU with a missing or negative count, reports it, and keeps the others', async () => {
    const logger = spyLogger();
    const reported: SkippedDirectoryItem[] = [];
    const { client } = await setup({ logger, onSkippedItem: (item) => reported.push(item) });
    const [good, second] = JSON.parse(docs('subscribed-skus')).value;
    const broken = {
      ...second,
      consumedUnits: -1,
      prepaidUnits: { ...second.prepaidUnits, enabled: undefined },
    };
    graph.queue.push(fake.list([good, broken]), fake.list([good, broken]));
    expect((await client.listSubscribedSkus()).map((sku) => sku.skuPartNumber)).toEqual([
      'ENTERPRISEPREMIUM',
    ]);
    await client.listSubscribedSkus();
    expect(reported).toHaveLength(2);
    expect(reported[0]).toEqual({
      method: 'listSubscribedSkus',
      where: 'subscribedSkus page 1, value[1]',
      id: second.id,
      problems: [
        'consumedUnits: expected a whole number of 0 or more, got -1',
        'prepaidUnits.enabled: expected a number, got nothing (the field is absent)',
      ],
    });
    // Logged once, however often it is met.
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('refuses a date that is not on the calendar', async () => {
    const reported: SkippedDirectoryItem[] = [];
    const { client } = await setup({ onSkippedItem: (item) => reported.push(item) });
    graph.queue.push(
      fake.list([
        { id: 'r1', riskLevel: 'low', riskState: 'atRisk', riskLastUpdatedDateTime: '2021-02-31T00:00:00Z' },
      ]),
    );
    expect(await client.listRiskyUsers()).toEqual([]);
    expect(reported[0]?.problems).toEqual([
      'riskLastUpdatedDateTime: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got "2021-02-31T00:00:00Z"',
    ]);
  });

  it('keeps an unknown risk level as sent and warns once per value', async () => {
    const logger = spyLogger();
    const { client, sleeps } = await setup({ logger });
    const user = { id: 'r1', riskLevel: 'severe', riskState: 'atRisk' };
    graph.queue.push(fake.list([user]), fake.list([user]));
    expect(await client.listRiskyUsers()).toEqual([user]);
    expect(await client.listRiskyUsers()).toEqual([user]);
    expect(logger.warn.mock.calls).toEqual([
      [
        'Graph sent a value this client does not know; it is kept as sent',
        {
          enum: 'riskLevel',
          value: 'severe',
          where: 'identityProtection/riskyUsers page 1, value[0].riskLevel',
        },
      ],
    ]);
    // Identity Protection allows one request a second per tenant: the second call waited for it.
    expect(sleeps).toEqual([1_000]);
  });

  it('treats documented values case-insensitively as known', async () => {
    const logger = spyLogger();
    const { client } = await setup({ logger });
    const [sku] = JSON.parse(docs('subscribed-skus')).value;
    graph.queue.push(fake.list([{ ...sku, capabilityStatus: 'lockedOut' }]));
    expect((await client.listSubscribedSkus())[0]?.capabilityStatus).toBe('lockedOut');
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('fails a page whose envelope is not a collection', async () => {
    const { client } = await setup();
    graph.queue.push(fake.json('{"value":{}}'));
    const error = await failure(client.listCompanySubscriptions());
    expect(error.message).toBe('directory/subscriptions page 1, value: expected an array, got an object');
  });

  it('fails getOrganization when Graph sends no usable organization', async () => {
    const { client } = await setup();
    graph.queue.push(fake.list([{ id: 'org' }]));
    const error = await failure(client.getOrganization());
    expect(error.message).toMatch(/no usable organization/);
  });
});

describe('errors', () => {
  it('names the permission to grant on 403', async () => {
    const { client } = await setup();
    graph.fallback = fake.graphError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
    const error = await failure(client.listSubscribedSkus());
    expect(error.status).toBe(403);
    expect(error.permission).toBe(DIRECTORY_PERMISSIONS.listSubscribedSkus.permission);
    expect(error.message).toContain('the app needs the LicenseAssignment.Read.All application permission');
  });

  it('says an Identity Protection 403 may be the missing licence', async () => {
    const { client } = await setup();
    graph.fallback = fake.graphError(403, 'Forbidden', 'The tenant is not licensed for this feature.');
    const error = await failure(client.listRiskDetections({ since: '2024-05-01T00:00:00Z' }));
    expect(error.permission).toBe('IdentityRiskEvent.Read.All');
    expect(error.message).toMatch(
      /IdentityRiskEvent\.Read\.All application permission .*Microsoft Entra ID P2 licence/,
    );
  });

  it('refuses a next link off the Graph origin', async () => {
    const { client } = await setup();
    graph.queue.push(fake.list([], { '@odata.nextLink': `${fake.otherHostUrl}/v1.0/users?$skiptoken=x` }));
    const error = await failure(client.listUsersWithProvisioningErrors());
    expect(error.message).toMatch(/refusing to follow @odata\.nextLink/);
    expect(fake.seen).toHaveLength(1);
  });
});
