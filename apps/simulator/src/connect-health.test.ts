import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, type RawResponse, TestClient } from '../test/https-client.js';
import { issueToken } from '../test/session.js';
import { type RunningSimulator, startSimulator } from './index.js';

const now = () => new Date('2026-03-15T10:00:00Z');
const PROVIDER = '/providers/Microsoft.ADHybridHealthService';
const VERSION = 'api-version=2014-01-01';
let sim: RunningSimulator;
let client: TestClient;
let armToken: string;

const tokenFor = (target: RunningSimulator, scope: string, via = client) => issueToken(target, via, scope);

// The ARM host shares `localhost` with the management and download hosts: loopback names that resolve everywhere.
beforeAll(async () => {
  sim = await startSimulator({ seed: 4, users: 10, now, armHostName: 'localhost' });
  client = await TestClient.forCa(sim.caFile);
  armToken = await tokenFor(sim, 'https://management.azure.com/.default');
});
afterAll(() => sim.close());

type Json = Record<string, unknown>;

function get(path: string, token = armToken, target = sim): Promise<RawResponse> {
  return client.request(`${target.armUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

function armError(response: RawResponse): { status: number; code: string; message: string } {
  const { error } = json(response) as { error: { code: string; message: string } };
  return { status: response.status, code: error.code, message: error.message };
}

/** Every page, following ARM's `nextLink` (null on the last page). */
async function pages(path: string): Promise<Json[]> {
  const out: Json[] = [];
  for (let url: unknown = `${sim.armUrl}${path}`; typeof url === 'string'; ) {
    expect(url.startsWith(sim.armUrl)).toBe(true);
    const response = await client.request(url, { headers: { Authorization: `Bearer ${armToken}` } });
    expect(response.status).toBe(200);
    const body = json(response);
    out.push(body);
    url = body.nextLink;
  }
  return out;
}

const valuesOf = (all: Json[]): Json[] => all.flatMap((page) => (page.value ?? []) as Json[]);

describe('Connect Health services and alerts', () => {
  it('pages the services with nextLink', async () => {
    const all = await pages(`${PROVIDER}/services?${VERSION}`);
    expect(all.length).toBeGreaterThan(1);
    const services = valuesOf(all);
    expect(services.map((service) => service.type)).toEqual([
      'AadSyncService',
      'AdFederationService',
      'AdDomainService',
    ]);
    expect(all.at(-1)?.nextLink).toBeNull();
  });

  it('lists a service alerts, active and resolved, or the active ones with state=Active', async () => {
    const [sync] = valuesOf(await pages(`${PROVIDER}/services?${VERSION}`));
    const name = encodeURIComponent(String(sync?.serviceName));
    const before =
      sim.stats().governanceRequestsByPath[`${PROVIDER}/services/${sync?.serviceName}/alerts`] ?? 0;
    const every = valuesOf(await pages(`${PROVIDER}/services/${name}/alerts?${VERSION}`));
    expect(every.some((alert) => alert.state !== 'Active')).toBe(true);
    const active = valuesOf(await pages(`${PROVIDER}/services/${name}/alerts?${VERSION}&state=Active`));
    expect(active.length).toBe(sync?.activeAlerts);
    expect(active.every((alert) => alert.state === 'Active')).toBe(true);
    expect(new Set(active.map((alert) => alert.level))).toEqual(new Set(['Error', 'Warning']));
    const after =
      sim.stats().governanceRequestsByPath[`${PROVIDER}/services/${sync?.serviceName}/alerts`] ?? 0;
    expect(after - before).toBe(3);
  });

  it('answers ARM errors: no api-version, an unknown version, an unknown service, a Graph token', async () => {
    expect(armError(await get(`${PROVIDER}/services`))).toMatchObject({
      status: 400,
      code: 'MissingApiVersionParameter',
    });
    expect(armError(await get(`${PROVIDER}/services?api-version=2020-01-01`))).toMatchObject({
      status: 400,
      code: 'NoRegisteredProviderFound',
    });
    expect(armError(await get(`${PROVIDER}/services/nope/alerts?${VERSION}`))).toMatchObject({ status: 404 });
    const graphToken = await tokenFor(sim, `${sim.graphUrl}/.default`);
    expect(armError(await get(`${PROVIDER}/services?${VERSION}`, graphToken))).toMatchObject({
      status: 401,
      code: 'InvalidAuthenticationToken',
    });
    const anonymous = await client.request(`${sim.armUrl}${PROVIDER}/services?${VERSION}`);
    expect(armError(anonymous)).toMatchObject({ status: 401, code: 'AuthenticationFailed' });
  });

  it('answers 403 AuthorizationFailed without the RBAC action', async () => {
    const denied = await startSimulator({
      seed: 4,
      users: 3,
      now,
      armHostName: 'localhost',
      grantedPermissions: ['Organization.Read.All'],
    });
    try {
      const deniedClient = await TestClient.forCa(denied.caFile);
      const token = await tokenFor(denied, `${denied.armUrl}/.default`, deniedClient);
      const response = await deniedClient.request(`${denied.armUrl}${PROVIDER}/services?${VERSION}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(armError(response)).toMatchObject({ status: 403, code: 'AuthorizationFailed' });
      expect(armError(response).message).toContain("'Microsoft.ADHybridHealthService/services/read'");
    } finally {
      await denied.close();
    }
  });
});
