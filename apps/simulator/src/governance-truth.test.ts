import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../test/https-client.js';
import { Session } from '../test/session.js';
import { expiryBucket, type GovernanceTruth, syncFeatureName } from './governance-truth.js';
import { type RunningSimulator, startSimulator } from './index.js';

const START = Date.parse('2026-03-15T10:00:00Z');
const DAY_MS = 86_400_000;
const now = () => new Date(START);
let sim: RunningSimulator;
let session: Session;
let truth: GovernanceTruth;

beforeAll(async () => {
  sim = await startSimulator({ seed: 6, users: 30, now });
  session = await Session.open(sim);
  truth = sim.governanceTruth();
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;

async function every(path: string): Promise<Json[]> {
  const out: Json[] = [];
  for (let next: unknown = path; typeof next === 'string'; ) {
    const response = await session.get(next);
    expect(response.status).toBe(200);
    const body = json(response);
    out.push(...(body.value as Json[]));
    next =
      typeof body['@odata.nextLink'] === 'string'
        ? body['@odata.nextLink'].slice(`${sim.graphUrl}/v1.0/`.length)
        : undefined;
  }
  return out;
}

function point(of: GovernanceTruth, metric: string, attributes: Record<string, unknown>): number | undefined {
  return of.metrics[metric]?.find((candidate) =>
    Object.entries(attributes).every(([key, value]) => candidate.attributes[key] === value),
  )?.value;
}

describe('expiry buckets', () => {
  it('puts the edges where the signal catalog does', () => {
    expect(expiryBucket(START, START)).toBe('expired');
    expect(expiryBucket(START + 1, START)).toBe('within_7_days');
    expect(expiryBucket(START + 7 * DAY_MS, START)).toBe('within_7_days');
    expect(expiryBucket(START + 7 * DAY_MS + 1, START)).toBe('within_30_days');
    expect(expiryBucket(START + 30 * DAY_MS, START)).toBe('within_30_days');
    expect(expiryBucket(START + 30 * DAY_MS + 1, START)).toBe('later');
  });

  it('spells sync features in snake case without Enabled', () => {
    expect(syncFeatureName('passwordSyncEnabled')).toBe('password_sync');
    expect(syncFeatureName('blockCloudObjectTakeoverThroughHardMatchEnabled')).toBe(
      'block_cloud_object_takeover_through_hard_match',
    );
  });
});

describe('governance truth', () => {
  it('counts the credentials the lists carry, every bucket of application credentials populated', async () => {
    const select = '$select=id,appId,displayName,passwordCredentials,keyCredentials';
    const owners = [
      ...(await every(`applications?${select}`)).map((owner) => ['application', owner] as const),
      ...(await every(`servicePrincipals?${select}`)).map((owner) => ['service_principal', owner] as const),
    ];
    const counted = new Map<string, number>();
    for (const [kind, owner] of owners) {
      for (const [type, list] of [
        ['password', owner.passwordCredentials],
        ['certificate', owner.keyCredentials],
      ] as const) {
        for (const credential of list as Json[]) {
          const key = `${type}|${kind}|${expiryBucket(Date.parse(String(credential.endDateTime)), START)}`;
          counted.set(key, (counted.get(key) ?? 0) + 1);
        }
      }
    }
    const points = truth.metrics['m365.app.credentials'] ?? [];
    expect(points).toHaveLength(16);
    for (const { attributes, value } of points) {
      const key = `${attributes['m365.app.credential.type']}|${attributes['m365.app.credential.owner']}|${attributes['m365.app.credential.expiry']}`;
      expect(value, key).toBe(counted.get(key) ?? 0);
      if (attributes['m365.app.credential.owner'] === 'application') expect(value, key).toBeGreaterThan(0);
    }
    expect(truth.credentials).toHaveLength([...counted.values()].reduce((sum, n) => sum + n, 0));
  });

  it('gives the remaining life of the collector own secret and certificate', async () => {
    expect(
      point(truth, 'm365.app.own_credential.remaining', { 'm365.app.credential.type': 'password' }),
    ).toBe(45 * 86_400);
    const certificate = new X509Certificate(await readFile(sim.certificate.certFile));
    const end = Math.floor(Date.parse(certificate.validTo) / 1000) * 1000;
    expect(
      point(truth, 'm365.app.own_credential.remaining', { 'm365.app.credential.type': 'certificate' }),
    ).toBe((end - START) / 1000);
  });

  it('moves credentials between buckets with ?now=', async () => {
    const response = sim.governanceTruth(new Date(START + 3 * DAY_MS));
    const expiredNow = (of: GovernanceTruth) =>
      point(of, 'm365.app.credentials', {
        'm365.app.credential.type': 'password',
        'm365.app.credential.owner': 'application',
        'm365.app.credential.expiry': 'expired',
      }) ?? 0;
    expect(expiredNow(response)).toBeGreaterThan(expiredNow(truth));
    const viaHttp = await session.client.request(
      `${sim.url}/_simulator/truth/governance?now=${new Date(START + 3 * DAY_MS).toISOString()}`,
    );
    expect(json(viaHttp)).toEqual(JSON.parse(JSON.stringify(response)));
    expect(
      (await session.client.request(`${sim.url}/_simulator/truth/governance?now=yesterday`)).status,
    ).toBe(400);
  });

  it('states the licence units of every SKU, utilization only where units are enabled', async () => {
    const skus = await every('subscribedSkus');
    for (const sku of skus) {
      const units = sku.prepaidUnits as Record<string, number>;
      const attributes = { 'm365.license.sku': sku.skuPartNumber };
      expect(
        point(truth, 'm365.license.units', { ...attributes, 'm365.license.units.state': 'consumed' }),
      ).toBe(sku.consumedUnits);
      expect(
        point(truth, 'm365.license.units', { ...attributes, 'm365.license.units.state': 'locked_out' }),
      ).toBe(units.lockedOut);
      const utilization = point(truth, 'm365.license.utilization', attributes);
      expect(utilization).toBe(
        units.enabled === 0 ? undefined : Number(sku.consumedUnits) / Number(units.enabled),
      );
      expect(
        point(truth, 'm365.license.sku.status', {
          ...attributes,
          'm365.license.capability_status': sku.capabilityStatus,
        }),
      ).toBe(1);
    }
    const remaining = truth.metrics['m365.subscription.lifecycle.remaining'] ?? [];
    expect(remaining.some((p) => p.value < 0)).toBe(true);
    expect(remaining.some((p) => p.value > 0 && p.value <= 7 * 86_400)).toBe(true);
    expect(
      point(truth, 'm365.subscription.count', {
        'm365.license.sku': 'Microsoft_365_Copilot',
        'm365.subscription.trial': true,
      }),
    ).toBe(1);
  });

  it('states sync, provisioning errors, risky users and Connect Health', async () => {
    expect(truth.resource['m365.tenant.domain']).toBe('m365sim6.example.com');
    expect(point(truth, 'm365.directory.sync.enabled', {})).toBe(1);
    const objects = point(truth, 'm365.directory.sync.age', { 'm365.directory.sync.kind': 'objects' }) ?? 0;
    expect(objects).toBeGreaterThan(25 * 60);
    expect(objects).toBeLessThan(27 * 60);
    expect(
      point(truth, 'm365.directory.sync.feature.enabled', { 'm365.directory.sync.feature': 'password_sync' }),
    ).toBe(1);
    const filtered = await session.get(
      "users?$filter=onPremisesProvisioningErrors/any(e:e/category eq 'PropertyConflict')&$count=true",
      { ConsistencyLevel: 'eventual' },
    );
    expect(
      point(truth, 'm365.directory.provisioning_errors', {
        'm365.directory.provisioning_error.category': 'PropertyConflict',
      }),
    ).toBe(json(filtered)['@odata.count']);
    const riskPoints = truth.metrics['m365.risk.users'] ?? [];
    expect(riskPoints).toHaveLength(30);
    expect(riskPoints.reduce((sum, p) => sum + p.value, 0)).toBe(
      (await every('identityProtection/riskyUsers')).length,
    );
    expect(truth.riskDetections).toEqual(await every('identityProtection/riskDetections'));
    const open = (truth.metrics['m365.connect_health.alerts'] ?? []).reduce((sum, p) => sum + p.value, 0);
    expect(open).toBe(3);
    expect(
      point(truth, 'm365.connect_health.services', { 'm365.connect_health.service.type': 'AdDomainService' }),
    ).toBe(1);
  });
});
