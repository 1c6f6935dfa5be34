import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, type RawResponse } from '../test/https-client.js';
import { Session } from '../test/session.js';
import { type RunningSimulator, startSimulator } from './index.js';

const START = Date.parse('2026-03-15T10:00:00Z');
const DAY_MS = 86_400_000;
let clock = START;
const now = () => new Date(clock);
let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, users: 40, now, armHostName: 'localhost' });
  session = await Session.open(sim);
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;

function graphError(response: RawResponse): { status: number; code: string; message: string } {
  const { error } = json(response) as { error: { code: string; message: string } };
  return { status: response.status, code: error.code, message: error.message };
}

async function ok(path: string, headers: Record<string, string> = {}): Promise<Json> {
  const response = await session.get(path, headers);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.body.toString()}`);
  return json(response);
}

/** Every page of a list, following `@odata.nextLink` (absolute, on the simulator's origin). */
async function pages(path: string, headers: Record<string, string> = {}): Promise<Json[]> {
  const out = [await ok(path, headers)];
  for (let link = out[0]?.['@odata.nextLink']; typeof link === 'string'; ) {
    expect(link.startsWith(`${sim.graphUrl}/v1.0/`)).toBe(true);
    const next = await ok(link.slice(`${sim.graphUrl}/v1.0/`.length), headers);
    out.push(next);
    link = next['@odata.nextLink'];
  }
  return out;
}

const valuesOf = (page: Json | undefined): Json[] => (page?.value ?? []) as Json[];
const items = (all: Json[]): Json[] => all.flatMap(valuesOf);
const requestsTo = (path: string): number => sim.stats().governanceRequestsByPath[path] ?? 0;

describe('applications and service principals', () => {
  it('pages applications 100 at a time, the simulator own registration on the second page', async () => {
    const before = requestsTo('/v1.0/applications');
    const all = await pages('applications?$select=id,appId,displayName,passwordCredentials,keyCredentials');
    expect(all).toHaveLength(2);
    expect(requestsTo('/v1.0/applications') - before).toBe(2);
    const apps = items(all);
    expect(apps).toHaveLength(151);
    expect(new Set(apps.map((app) => app.id)).size).toBe(151);
    expect(Object.keys(apps[0] ?? {})).toEqual([
      'id',
      'appId',
      'displayName',
      'passwordCredentials',
      'keyCredentials',
    ]);
    expect(all[0]?.['@odata.context']).toBe(
      `${sim.graphUrl}/v1.0/$metadata#applications(id,appId,displayName,passwordCredentials,keyCredentials)`,
    );
    expect(valuesOf(all[0]).some((app) => app.appId === sim.clientId)).toBe(false);
    const own = apps.find((app) => app.appId === sim.clientId);
    if (own === undefined) throw new Error('the simulator app registration is missing');
    const secrets = own.passwordCredentials as Json[];
    expect(secrets.filter((secret) => secret.hint === sim.clientSecret.slice(0, 3))).toHaveLength(1);
    const [certificate] = own.keyCredentials as Json[];
    const file = new X509Certificate(await readFile(sim.certificate.certFile));
    expect(certificate?.customKeyIdentifier).toBe(file.fingerprint.replaceAll(':', ''));
    expect(Date.parse(String(certificate?.endDateTime))).toBe(
      Math.floor(Date.parse(file.validTo) / 1000) * 1000,
    );
  });

  it('honours $top and Prefer: odata.maxpagesize as the page size', async () => {
    const byTop = await pages('applications?$top=40&$select=id');
    expect(byTop.map((page) => (page.value as Json[]).length)).toEqual([40, 40, 40, 31]);
    const response = await session.get('applications?$select=id', { Prefer: 'odata.maxpagesize=60' });
    expect(response.headers['preference-applied']).toBe('odata.maxpagesize=60');
    const byPrefer = await pages('applications?$select=id', { Prefer: 'odata.maxpagesize=60' });
    expect(byPrefer.map((page) => (page.value as Json[]).length)).toEqual([60, 60, 31]);
    expect(graphError(await session.get('applications?$top=1000')).status).toBe(400);
  });

  it('lists service principals over two default pages, credentials on some', async () => {
    const principals = items(
      await pages('servicePrincipals?$select=id,appId,displayName,passwordCredentials,keyCredentials'),
    );
    expect(principals.length).toBeGreaterThan(100);
    expect(principals.some((sp) => (sp.keyCredentials as Json[]).length > 0)).toBe(true);
    expect(principals.some((sp) => (sp.passwordCredentials as Json[]).length > 0)).toBe(true);
  });

  it('answers 400 with the directory error body for a filter or property it does not serve', async () => {
    expect(graphError(await session.get("applications?$filter=displayName eq 'x'"))).toMatchObject({
      status: 400,
      code: 'Request_UnsupportedQuery',
    });
    expect(graphError(await session.get('applications?$select=id,secretSauce'))).toMatchObject({
      status: 400,
      code: 'Request_BadRequest',
      message: "Could not find a property named 'secretSauce' on type 'microsoft.graph.application'.",
    });
    expect(graphError(await session.get('applications?$orderby=displayName')).status).toBe(400);
  });

  it('checks the bearer token as every Graph route does', async () => {
    const response = await session.client.request(`${sim.graphUrl}/v1.0/applications`);
    expect(graphError(response)).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
  });
});

describe('licences and subscriptions', () => {
  it('lists SKUs with one disabled (no enabled unit) and one in Warning', async () => {
    const skus = (await ok('subscribedSkus')).value as Json[];
    const units = (sku: Json | undefined) => sku?.prepaidUnits as Record<string, number>;
    expect(skus.some((sku) => units(sku).enabled === 0 && sku.capabilityStatus === 'Suspended')).toBe(true);
    expect(skus.some((sku) => sku.capabilityStatus === 'Warning')).toBe(true);
    const licensed = skus
      .filter((sku) =>
        ['SPE_E5', 'SPE_E3', 'ENTERPRISEPACK', 'STANDARDPACK'].includes(String(sku.skuPartNumber)),
      )
      .reduce((sum, sku) => sum + Number(sku.consumedUnits), 0);
    // Every existing user holds exactly one of the four plans.
    expect(licensed).toBeGreaterThan(30);
    expect(licensed).toBeLessThanOrEqual(40);
  });

  it('lists company subscriptions with a trial and a renewal within a week', async () => {
    const subscriptions = (await ok('directory/subscriptions')).value as Json[];
    expect(subscriptions.some((s) => s.isTrial === true)).toBe(true);
    const soon = subscriptions.filter((s) => {
      const at = Date.parse(String(s.nextLifecycleDateTime));
      return at > START && at - START <= 7 * DAY_MS;
    });
    expect(soon).toHaveLength(1);
  });
});

describe('organization and directory sync', () => {
  it('answers the organization with one default verified domain and a recent sync', async () => {
    const [organization] = (await ok('organization')).value as Json[];
    expect(organization?.id).toBe(sim.tenantId);
    expect(organization?.tenantType).toBe('AAD');
    const domains = organization?.verifiedDomains as Json[];
    expect(domains.filter((domain) => domain.isDefault === true)).toHaveLength(1);
    expect(organization?.onPremisesSyncEnabled).toBe(true);
    expect(START - Date.parse(String(organization?.onPremisesLastSyncDateTime))).toBeLessThan(3_600_000);
  });

  it('answers the sync configuration with every documented feature flag', async () => {
    const [sync] = (await ok('directory/onPremisesSynchronization')).value as Json[];
    const features = sync?.features as Record<string, unknown>;
    expect(Object.keys(features)).toHaveLength(19);
    expect(features.passwordSyncEnabled).toBe(true);
    expect(Object.values(features).every((value) => typeof value === 'boolean')).toBe(true);
  });

  it('serves users with provisioning errors only through the documented advanced query', async () => {
    const filter = "$filter=onPremisesProvisioningErrors/any(e:e/category eq 'PropertyConflict')";
    const query = `users?${filter}&$count=true&$select=id,onPremisesProvisioningErrors`;
    const body = await ok(query, { ConsistencyLevel: 'eventual' });
    const users = body.value as Json[];
    expect(users.length).toBeGreaterThan(0);
    expect(body['@odata.count']).toBe(users.length);
    expect(Object.keys(users[0] ?? {})).toEqual(['id', 'onPremisesProvisioningErrors']);
    const advancedRefused = {
      status: 400,
      code: 'Request_UnsupportedQuery',
      message:
        "Unsupported or invalid query filter clause specified for property 'onPremisesProvisioningErrors' of resource 'user'.",
    };
    expect(graphError(await session.get(query))).toEqual(advancedRefused);
    expect(graphError(await session.get(`users?${filter}`, { ConsistencyLevel: 'eventual' }))).toEqual(
      advancedRefused,
    );
    const notNull = 'users?$filter=onPremisesProvisioningErrors/any(e:e/category ne null)&$count=true';
    expect(graphError(await session.get(notNull, { ConsistencyLevel: 'eventual' })).status).toBe(400);
    expect(graphError(await session.get('users')).status).toBe(400);
  });
});

describe('Identity Protection', () => {
  it('lists risky users at several levels and states', async () => {
    const users = (await ok('identityProtection/riskyUsers')).value as Json[];
    expect(new Set(users.map((user) => user.riskLevel)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(users.map((user) => user.riskState)).size).toBeGreaterThanOrEqual(3);
  });

  it('filters detections on detectedDateTime ge, and new ones appear as the clock moves', async () => {
    const all = (await ok('identityProtection/riskDetections')).value as Json[];
    const times = all.map((d) => Date.parse(String(d.detectedDateTime)));
    expect(Math.max(...times)).toBeLessThanOrEqual(START);
    expect(START - Math.min(...times)).toBeGreaterThan(3 * DAY_MS);
    const since = '2026-03-14T00:00:00Z';
    const recent = (await ok(`identityProtection/riskDetections?$filter=detectedDateTime ge ${since}`))
      .value as Json[];
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(recent.every((d) => Date.parse(String(d.detectedDateTime)) >= Date.parse(since))).toBe(true);
    expect(
      graphError(await session.get("identityProtection/riskDetections?$filter=riskLevel eq 'high'")),
    ).toMatchObject({ status: 400, code: 'BadRequest' });
    clock = START + 2 * DAY_MS;
    try {
      const later = (await ok('identityProtection/riskDetections')).value as Json[];
      expect(later.length).toBeGreaterThan(all.length);
    } finally {
      clock = START;
    }
  });
});

describe('faults', () => {
  it('throttles, drops a field or expires the token of the next governance call', async () => {
    sim.faults.inject({ kind: '429', target: 'governance', retryAfterSeconds: 2 });
    const throttled = await session.get('subscribedSkus');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('2');
    sim.faults.inject({ kind: 'drop-field', target: 'governance', field: 'skuPartNumber' });
    const skus = (await ok('subscribedSkus')).value as Json[];
    expect(skus.filter((sku) => !('skuPartNumber' in sku))).toHaveLength(1);
    expect(((await ok('subscribedSkus')).value as Json[]).every((sku) => 'skuPartNumber' in sku)).toBe(true);
    const expiring = await Session.open(sim);
    sim.faults.inject({ kind: 'expired-token', target: 'governance' });
    expect(graphError(await expiring.get('organization')).status).toBe(401);
    expect((await expiring.get('organization')).status).toBe(401);
    expect((await session.get('organization')).status).toBe(200);
  });
});

describe('permissions and licences', () => {
  it('answers 403 Authorization_RequestDenied where a permission is missing, and only there', async () => {
    const denied = await startSimulator({
      seed: 3,
      users: 5,
      now,
      grantedPermissions: ['LicenseAssignment.Read.All', 'Organization.Read.All'],
    });
    try {
      const deniedSession = await Session.open(denied);
      for (const path of ['applications', 'servicePrincipals', 'identityProtection/riskyUsers']) {
        expect(graphError(await deniedSession.get(path))).toMatchObject({
          status: 403,
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
        });
      }
      expect((await deniedSession.get('organization')).status).toBe(200);
      expect((await deniedSession.get('subscribedSkus')).status).toBe(200);
    } finally {
      await denied.close();
    }
  });

  it('answers Identity Protection with 403 in a tenant without Entra ID P2', async () => {
    const unlicensed = await startSimulator({ seed: 3, users: 5, now, entraIdP2: false });
    try {
      const unlicensedSession = await Session.open(unlicensed);
      for (const path of ['identityProtection/riskyUsers', 'identityProtection/riskDetections']) {
        expect(graphError(await unlicensedSession.get(path))).toMatchObject({
          status: 403,
          code: 'Forbidden',
          message: 'Your tenant is not licensed for this feature.',
        });
      }
      expect((await unlicensedSession.get('organization')).status).toBe(200);
    } finally {
      await unlicensed.close();
    }
  });

  it('refuses a permission name it does not know', async () => {
    await expect(startSimulator({ grantedPermissions: ['Application.Read.Al'] })).rejects.toThrow(
      /Application\.Read\.Al/,
    );
  });
});
