import { readFileSync } from 'node:fs';
import {
  type FakeGraph,
  type Handler,
  type Route,
  rejection,
  spyLogger,
  useGraphClientFixtures,
} from '@m365-otel/fake-graph';
import { MicrosoftApiError } from '@m365-otel/request-pipeline';
import { describe, expect, it, vi } from 'vitest';
import { ConnectHealthClient, type ConnectHealthClientOptions } from './client.js';

const PROVIDER = '/providers/Microsoft.ADHybridHealthService';
const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
/** The examples of the 2014-01-01 REST specification (services_list, services_listAlerts), as published. */
const documented = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));
const documentedAlert = () =>
  (documented('alerts').value as Record<string, unknown>[])[0] as Record<string, unknown>;

const fixtures = useGraphClientFixtures();
let fake: FakeGraph;
let arm: Route;

async function setup(options: Partial<ConnectHealthClientOptions> = {}) {
  const fixture = await fixtures.start();
  fake = fixture.fake;
  arm = fake.routeAll();
  const { graphBaseUrl, ...rest } = fixture.options;
  return new ConnectHealthClient({ ...rest, armBaseUrl: graphBaseUrl, ...options });
}

/** ARM's answer (it names it with `x-ms-request-id`, not Graph's `request-id`). */
const armJson =
  (body: string, requestId = 'arm-req'): Handler =>
  (_req, res) =>
    res.writeHead(200, { ...JSON_TYPE, 'x-ms-request-id': requestId }).end(body);
/** A page: `value` and `nextLink` (null on the last page). */
const armPage = (value: unknown[], nextLink: string | null = null) =>
  armJson(JSON.stringify({ value, nextLink }));

const failure = (promise: Promise<unknown>) => rejection(promise, MicrosoftApiError);

describe('ConnectHealthClient.listServices', () => {
  it("parses the specification's example, asking api-version 2014-01-01 with the bearer token", async () => {
    const client = await setup();
    arm.queue.push(fake.json(JSON.stringify(documented('services'))));
    expect(await client.listServices()).toEqual([
      {
        serviceId: '12345678-1234-1234-1234-123456789000',
        serviceName: 'sampleServiceName',
        serviceType: 'AadSyncService',
        displayName: 'sample display name',
        health: 'Healthy',
        activeAlerts: 0,
        disabled: false,
      },
    ]);
    const [request] = fake.seen;
    expect(request?.path).toBe(`${PROVIDER}/services?api-version=2014-01-01`);
    expect(request?.headers.authorization).toBe('Bearer token-1');
  });

  it('follows nextLink to the last page, and refuses one off the ARM origin', async () => {
    const client = await setup();
    const service = (name: string) => ({
      serviceId: `id-${name}`,
      serviceName: name,
      type: 'AdFederationService',
    });
    const second = `${fake.graphUrl}${PROVIDER}/services?api-version=2014-01-01&$skipToken=2`;
    arm.queue.push(
      armPage([service('a'), service('b')], second),
      armPage([service('c')]),
      armPage([service('x')], `${fake.otherHostUrl}${PROVIDER}/services?$skipToken=1`),
    );
    expect((await client.listServices()).map((found) => found.serviceName)).toEqual(['a', 'b', 'c']);
    expect(fake.seen.map((seen) => seen.path)).toEqual([
      `${PROVIDER}/services?api-version=2014-01-01`,
      `${PROVIDER}/services?api-version=2014-01-01&$skipToken=2`,
    ]);
    const error = await failure(client.listServices());
    expect(error.message).toMatch(
      /^services page 1: refusing to follow nextLink to https:\/\/localhost:\d+\/providers\/Microsoft\.ADHybridHealthService\/services: it is not on the Azure Resource Manager origin/,
    );
  });

  it('leaves out a service without its name and reports it, warning once', async () => {
    const logger = spyLogger();
    const onSkippedItem = vi.fn();
    const client = await setup({ logger, onSkippedItem });
    const page = armPage([
      { serviceId: 'id-a', type: 'AadSyncService' },
      { serviceId: 'id-b', serviceName: 'b', type: 'AdDomainService', activeAlerts: -1 },
      { serviceId: 'id-c', serviceName: 'c', type: 'SomethingNew', health: null },
    ]);
    arm.queue.push(page, page);
    expect(await client.listServices()).toEqual([
      { serviceId: 'id-c', serviceName: 'c', serviceType: 'SomethingNew' },
    ]);
    await client.listServices();
    expect(onSkippedItem.mock.calls.map(([item]) => item)).toEqual([
      {
        resource: 'services',
        where: 'services page 1, value[0]',
        id: undefined,
        problems: ['serviceName: expected a string, got nothing (the field is absent)'],
      },
      {
        resource: 'services',
        where: 'services page 1, value[1]',
        id: 'b',
        problems: ['activeAlerts: expected a count, got -1'],
      },
      expect.objectContaining({ where: 'services page 1, value[0]' }),
      expect.objectContaining({ where: 'services page 1, value[1]' }),
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it("surfaces ARM's error body and request id, naming the Azure role on 403", async () => {
    const client = await setup();
    arm.queue.push((_req, res) =>
      res.writeHead(403, { ...JSON_TYPE, 'x-ms-request-id': 'arm-denied' }).end(
        JSON.stringify({
          error: {
            code: 'AuthorizationFailed',
            message:
              "The client 'app' does not have authorization to perform action 'Microsoft.ADHybridHealthService/services/read'.",
          },
        }),
      ),
    );
    const error = await failure(client.listServices());
    expect(error.message).toBe(
      `services page 1: Azure Resource Manager answered 403 AuthorizationFailed: The client 'app' does not have authorization to perform action 'Microsoft.ADHybridHealthService/services/read'. (request-id arm-denied, client-request-id ${error.clientRequestId}); the app's service principal needs the Reader role in Microsoft Entra Connect Health (Azure RBAC: in the Connect Health portal, Users, on all service instances or on this service); Global Administrators are owners without it, an app is not`,
    );
    expect(error).toMatchObject({
      status: 403,
      code: 'AuthorizationFailed',
      requestId: 'arm-denied',
      permission: 'Reader',
      transient: false,
    });
  });
});

describe('ConnectHealthClient.listOpenAlerts', () => {
  it("asks for the active alerts of the service and parses the specification's example", async () => {
    const client = await setup();
    arm.queue.push(fake.json(JSON.stringify(documented('alerts'))));
    expect(await client.listOpenAlerts('AadSyncService-contoso.com')).toEqual([
      {
        alertId: 'SampleAlertId',
        level: 'Error',
        state: 'Active',
        shortName: 'SampleAlertName',
        displayName: 'SampleAlertDisplayName',
        createdDate: '2018-04-10T03:12:23.4408944Z',
        serviceId: 'SampleServiceId',
        serviceMemberId: 'SampleServiceMemberId',
      },
    ]);
    expect(fake.seen.map((seen) => seen.path)).toEqual([
      `${PROVIDER}/services/AadSyncService-contoso.com/alerts?api-version=2014-01-01&state=Active`,
    ]);
  });

  it('keeps only the active ones of every page, whatever ARM sends, and reads a date without its Z as UTC', async () => {
    const client = await setup();
    const alert = (alertId: string, state: string) => ({ ...documentedAlert(), alertId, state });
    arm.queue.push(
      armPage(
        [alert('open', 'Active'), alert('fixed', 'ResolvedByPositiveResult')],
        `${fake.graphUrl}${PROVIDER}/services/s%2F1/alerts?api-version=2014-01-01&state=Active&$skipToken=2`,
      ),
      armPage([{ ...alert('late', 'active'), createdDate: '2026-11-30T08:00:00.123', shortName: null }]),
    );
    const alerts = await client.listOpenAlerts('s/1');
    expect(alerts.map(({ alertId, state, createdDate }) => ({ alertId, state, createdDate }))).toEqual([
      { alertId: 'open', state: 'Active', createdDate: '2018-04-10T03:12:23.4408944Z' },
      { alertId: 'late', state: 'active', createdDate: '2026-11-30T08:00:00.123Z' },
    ]);
    expect(alerts[1]).not.toHaveProperty('shortName');
    expect(fake.seen[0]?.path).toBe(`${PROVIDER}/services/s%2F1/alerts?api-version=2014-01-01&state=Active`);
  });

  it('leaves out an alert without its level and reports it as an alerts item', async () => {
    const onSkippedItem = vi.fn();
    const client = await setup({ onSkippedItem });
    const withoutLevel: Record<string, unknown> = { ...documentedAlert(), alertId: 'no-level' };
    delete withoutLevel.level;
    arm.queue.push(armPage([withoutLevel, documentedAlert()]));
    expect((await client.listOpenAlerts('s')).map((alert) => alert.alertId)).toEqual(['SampleAlertId']);
    expect(onSkippedItem).toHaveBeenCalledWith({
      resource: 'alerts',
      where: 'alerts of s page 1, value[0]',
      id: 'no-level',
      problems: ['level: expected a string, got nothing (the field is absent)'],
    });
  });

  it('fails a page whose envelope is not a list, with its request id', async () => {
    const client = await setup();
    arm.queue.push(armJson('{"value":{}}', 'arm-odd'));
    const error = await failure(client.listOpenAlerts('s'));
    expect(error.message).toBe('alerts of s page 1, value: expected an array, got an object');
    expect(error.requestId).toBe('arm-odd');
  });
});
