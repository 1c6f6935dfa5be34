import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, type RawResponse } from '../test/https-client.js';
import { Session } from '../test/session.js';
import { type RunningSimulator, startSimulator } from './index.js';

const now = () => new Date('2026-03-15T10:00:00Z');
const SA = 'admin/serviceAnnouncement';
let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({ seed: 2, users: 3, now });
  session = await Session.open(sim);
});
beforeEach(() => sim.serviceHealth.setStep(0));
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

type Json = Record<string, unknown>;

async function ok(path: string, headers: Record<string, string> = {}): Promise<Json> {
  const response = await session.get(path, headers);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.body.toString()}`);
  return json(response);
}

function values(body: Json): Json[] {
  return body.value as Json[];
}

function graphError(response: RawResponse): { code: string; message: string } {
  return (json(response) as { error: { code: string; message: string } }).error;
}

function context(fragment: string): string {
  return `${sim.graphUrl}/v1.0/$metadata#admin/serviceAnnouncement/${fragment}`;
}

describe('healthOverviews', () => {
  it('lists the eight services with Graph headers and context', async () => {
    const clientRequestId = randomUUID();
    const response = await session.get(`${SA}/healthOverviews`, { 'client-request-id': clientRequestId });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json;odata\.metadata=minimal/);
    expect(response.headers['client-request-id']).toBe(clientRequestId);
    expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['preference-applied']).toBeUndefined();
    const body = json(response);
    expect(body['@odata.context']).toBe(context('healthOverviews'));
    expect(body['@odata.nextLink']).toBeUndefined();
    expect(values(body)).toEqual(sim.truth.serviceHealth().overviews.map((o) => ({ ...o })));
    expect(values(body)[0]).toEqual({
      service: 'Exchange Online',
      status: 'serviceOperational',
      id: 'Exchange',
    });
    expect(Object.keys(values(body)[0] ?? {})).toEqual(['service', 'status', 'id']);
    expect(values(body)).toHaveLength(8);
  });

  it('$expand=issues inlines each service’s issues', async () => {
    sim.serviceHealth.setStep(3);
    const body = await ok(`${SA}/healthOverviews?$expand=issues`);
    expect(body['@odata.context']).toBe(context('healthOverviews(issues())'));
    const truth = sim.truth.serviceHealth();
    const exchange = values(body).find((o) => o.id === 'Exchange');
    expect(exchange?.status).toBe('serviceInterruption');
    expect(exchange?.issues).toEqual(truth.issues.filter((issue) => issue.service === 'Exchange Online'));
    expect(((exchange?.issues ?? []) as Json[]).map((issue) => issue.id)).toEqual([
      'EX100001',
      'EX200001',
      'EX200003',
    ]);
    expect(values(body).find((o) => o.id === 'Intune')?.issues).toEqual([]);
  });

  it('$select and $filter', async () => {
    sim.serviceHealth.setStep(2);
    const body = await ok(
      `${SA}/healthOverviews?$select=id,status&$filter=status%20ne%20'serviceOperational'`,
    );
    expect(body['@odata.context']).toBe(context('healthOverviews(id,status)'));
    expect(values(body)).toEqual([
      { id: 'Exchange', status: 'serviceDegradation' },
      { id: 'SharePoint', status: 'serviceDegradation' },
    ]);
    const both = await ok(`${SA}/healthOverviews?$select=service&$expand=issues&$filter=id eq 'SharePoint'`);
    expect(both['@odata.context']).toBe(context('healthOverviews(service,issues())'));
    expect(values(both)).toHaveLength(1);
    expect(Object.keys(values(both)[0] ?? {})).toEqual(['service', 'issues']);
  });

  it('gets one service by its URL-encoded display name', async () => {
    sim.serviceHealth.setStep(1);
    const body = await ok(`${SA}/healthOverviews/Exchange%20Online`);
    expect(body).toEqual({
      '@odata.context': context('healthOverviews/$entity'),
      service: 'Exchange Online',
      status: 'investigating',
      id: 'Exchange',
    });
    const expanded = await ok(`${SA}/healthOverviews/Microsoft%20365%20suite?$expand=issues`);
    expect(expanded['@odata.context']).toBe(context('healthOverviews(issues())/$entity'));
    expect(expanded).toMatchObject({ id: 'OSDPPlatform', issues: [] });
  });

  it('answers 404 itemNotFound for an unknown service, and for a service id', async () => {
    for (const key of ['Nope', 'Exchange']) {
      const response = await session.get(`${SA}/healthOverviews/${key}`);
      expect(response.status).toBe(404);
      expect(graphError(response)).toEqual(
        expect.objectContaining({
          code: 'itemNotFound',
          message: `Service '${key}' does not exist for the tenant.`,
        }),
      );
    }
  });
});

describe('issues', () => {
  it('lists every issue as Graph sends it', async () => {
    sim.serviceHealth.setStep(6);
    const body = await ok(`${SA}/issues`);
    expect(body['@odata.context']).toBe(context('issues'));
    expect(values(body)).toEqual(sim.truth.serviceHealth().issues);
  });

  it('gets one issue, and 404s an unknown one', async () => {
    sim.serviceHealth.setStep(2);
    const body = await ok(`${SA}/issues/SP200002`);
    expect(body['@odata.context']).toBe(context('issues/$entity'));
    const { '@odata.context': _, ...issue } = body;
    expect(issue).toEqual(sim.truth.serviceHealth().issues.find((i) => i.id === 'SP200002'));
    const missing = await session.get(`${SA}/issues/EX200003`);
    expect(missing.status).toBe(404);
    expect(graphError(missing)).toMatchObject({
      code: 'itemNotFound',
      message: "Service health issue 'EX200003' does not exist for the tenant.",
    });
  });

  it.each([
    ['isResolved eq false', ['EX200001', 'SP200002', 'EX200003']],
    ['isResolved eq true', ['EX100001', 'TM100002']],
    ["classification eq 'incident' and isResolved eq false", ['EX200001', 'EX200003']],
    ["service eq 'Exchange Online' and status ne 'serviceRestored'", ['EX200001', 'EX200003']],
    ["Status eq 'SERVICEDEGRADATION'", ['SP200002']],
    ["feature eq 'Sites' and featureGroup eq 'SharePoint Features'", ['SP200002']],
    ["title eq 'It''s not there'", []],
  ])('$filter=%s', async (filter, ids) => {
    sim.serviceHealth.setStep(3);
    const body = await ok(`${SA}/issues?$filter=${encodeURIComponent(filter)}`);
    expect(values(body).map((issue) => issue.id)).toEqual(ids);
  });

  it.each([
    ["startDateTime ge '2026-01-01'", "Invalid filter clause: unsupported expression 'startDateTime ge"],
    [
      "startDateTime eq '2026-01-01'",
      "filters on title, id, impactDescription, classification, origin, status, service, feature, featureGroup, isResolved only, not 'startDateTime'",
    ],
    ["status eq 'a' or status eq 'b'", "Invalid filter clause: unsupported expression 'or status eq 'b''"],
    ["contains(title, 'mail')", "Invalid filter clause: unsupported expression 'contains(title, 'mail')'"],
    ['isResolved eq 0', 'Invalid filter clause'],
    ["isResolved eq 'false'", "operand types 'Edm.Boolean' and 'Edm.String' for operator kind 'Equal'"],
    ['status ne true', "operand types 'Edm.String' and 'Edm.Boolean' for operator kind 'NotEqual'"],
    [
      "colour eq 'red'",
      "Could not find a property named 'colour' on type 'microsoft.graph.serviceHealthIssue'.",
    ],
  ])('rejects $filter=%s with a Graph-shaped 400', async (filter, message) => {
    const response = await session.get(`${SA}/issues?$filter=${encodeURIComponent(filter)}`);
    expect(response.status).toBe(400);
    const error = graphError(response);
    expect(error.code).toBe('BadRequest');
    expect(error.message).toContain(message);
  });

  it('$select keeps the chosen properties in Graph order', async () => {
    const body = await ok(`${SA}/issues?$select=status,id,isResolved`);
    expect(body['@odata.context']).toBe(context('issues(status,id,isResolved)'));
    expect(Object.keys(values(body)[0] ?? {})).toEqual(['id', 'status', 'isResolved']);
    expect(values(body)).toEqual([
      { status: 'serviceRestored', id: 'EX100001', isResolved: true },
      { status: 'serviceRestored', id: 'TM100002', isResolved: true },
    ]);
    const bad = await session.get(`${SA}/issues?$select=id,colour`);
    expect(bad.status).toBe(400);
    expect(graphError(bad).message).toBe(
      "Could not find a property named 'colour' on type 'microsoft.graph.serviceHealthIssue'.",
    );
  });

  it('rejects $expand on issues and unsupported query options', async () => {
    const expand = await session.get(`${SA}/issues?$expand=posts`);
    expect(expand.status).toBe(400);
    const top = await session.get(`${SA}/issues?$top=1`);
    expect(top.status).toBe(400);
    expect(graphError(top).message).toContain("Query option '$top' is not supported");
    const skip = await session.get(`${SA}/issues?$skip=x`);
    expect(graphError(skip).message).toBe("Invalid value 'x' for $skip query option found.");
  });
});

describe('paging', () => {
  it('pages the issues two at a time with absolute $skip next links', async () => {
    sim.serviceHealth.setStep(3);
    const prefer = { Prefer: 'odata.maxpagesize=2' };

    const ids: string[] = [];
    const links: string[] = [];
    let url: string | undefined = `${sim.graphUrl}/v1.0/${SA}/issues?$select=id`;
    while (url !== undefined) {
      const response = await session.client.request(url, {
        headers: { Authorization: `Bearer ${session.token}`, ...prefer },
      });
      expect(response.status).toBe(200);
      expect(response.headers['preference-applied']).toBe('odata.maxpagesize=2');
      const body = json(response);
      const page = values(body);
      expect(page.length).toBeLessThanOrEqual(2);
      ids.push(...page.map((issue) => String(issue.id)));
      url = body['@odata.nextLink'] as string | undefined;
      if (url !== undefined) links.push(url);
    }
    expect(ids).toEqual(['EX100001', 'TM100002', 'EX200001', 'SP200002', 'EX200003']);
    expect(links).toEqual([
      `${sim.graphUrl}/v1.0/${SA}/issues?$select=id&$skip=2`,
      `${sim.graphUrl}/v1.0/${SA}/issues?$select=id&$skip=4`,
    ]);
  });

  it('keeps $filter in the next link and pages the filtered set', async () => {
    sim.serviceHealth.setStep(3);
    const body = await ok(`${SA}/issues?$filter=isResolved%20eq%20false`, { Prefer: 'odata.maxpagesize=2' });
    expect(values(body).map((issue) => issue.id)).toEqual(['EX200001', 'SP200002']);
    const next = String(body['@odata.nextLink']);
    expect(next).toBe(`${sim.graphUrl}/v1.0/${SA}/issues?$filter=isResolved%20eq%20false&$skip=2`);
    const second = json(
      await session.client.request(next, {
        headers: { Authorization: `Bearer ${session.token}`, Prefer: 'odata.maxpagesize=2' },
      }),
    );
    expect(values(second).map((issue) => issue.id)).toEqual(['EX200003']);
    expect(second['@odata.nextLink']).toBeUndefined();
  });

  it('caps the page size at 1000 and ignores a useless preference', async () => {
    const capped = await session.get(`${SA}/healthOverviews`, { Prefer: 'odata.maxpagesize=5000' });
    expect(capped.headers['preference-applied']).toBe('odata.maxpagesize=1000');
    const ignored = await session.get(`${SA}/healthOverviews`, { Prefer: 'odata.maxpagesize=0' });
    expect(ignored.headers['preference-applied']).toBeUndefined();
    expect(values(json(ignored))).toHaveLength(8);
  });

  it('pages the overviews and messages too', async () => {
    const overviews = await ok(`${SA}/healthOverviews`, { Prefer: 'odata.maxpagesize=3' });
    expect(overviews['@odata.nextLink']).toBe(`${sim.graphUrl}/v1.0/${SA}/healthOverviews?$skip=3`);
    sim.serviceHealth.setStep(2);
    const messages = await ok(`${SA}/messages?$skip=1`);
    expect(values(messages).map((message) => message.id)).toEqual(['MC200001']);
  });
});

describe('messages', () => {
  it('lists and gets messages, 404 for an unknown id', async () => {
    sim.serviceHealth.setStep(4);
    const body = await ok(`${SA}/messages`);
    expect(body['@odata.context']).toBe(context('messages'));
    expect(values(body)).toEqual(sim.truth.serviceHealth().messages);
    const one = await ok(`${SA}/messages/MC200001`);
    expect(one['@odata.context']).toBe(context('messages/$entity'));
    expect(one.title).toMatch(/^\(Updated\) /);
    const filtered = await ok(`${SA}/messages?$filter=isMajorChange eq true&$select=id,severity`);
    expect(values(filtered)).toEqual([{ id: 'MC200001', severity: 'high' }]);
    const missing = await session.get(`${SA}/messages/MC999999`);
    expect(missing.status).toBe(404);
    expect(graphError(missing)).toMatchObject({ code: 'itemNotFound' });
  });
});

describe('other paths and methods', () => {
  it.each([
    [`${SA}/nope`, "Resource not found for the segment 'nope'."],
    ['admin/other', "Resource not found for the segment 'other'."],
    [`${SA}/issues/EX100001/incidentReport`, "Resource not found for the segment 'incidentReport'."],
  ])('%s -> 400 BadRequest', async (path, message) => {
    const response = await session.get(path);
    expect(response.status).toBe(400);
    expect(graphError(response)).toMatchObject({ code: 'BadRequest', message });
  });

  it('refuses other methods with 405', async () => {
    const response = await session.client.request(`${sim.graphUrl}/v1.0/${SA}/messages/markRead`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.token}` },
      body: '{"messageIds":["MC100001"]}',
    });
    expect(response.status).toBe(405);
  });
});

describe('access tokens', () => {
  it.each([
    [{}, 'Access token is empty.'],
    [{ Authorization: 'Bearer made-up' }, 'CompactToken parsing failed with error code: 80049217'],
  ])('401 InvalidAuthenticationToken for %j', async (headers, message) => {
    const response = await session.client.request(`${sim.graphUrl}/v1.0/${SA}/healthOverviews`, { headers });
    expect(response.status).toBe(401);
    expect(graphError(response)).toMatchObject({ code: 'InvalidAuthenticationToken', message });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('counts service-health calls in stats', async () => {
    const before = sim.stats().serviceHealthRequests;
    await session.get(`${SA}/issues`);
    await session.client.request(`${sim.graphUrl}/v1.0/${SA}/issues`);
    expect(sim.stats().serviceHealthRequests - before).toBe(2);
  });
});

describe('faults on service health', () => {
  it('429 with Retry-After before the token is checked, then normal answers', async () => {
    sim.faults.inject({ kind: '429', target: 'service-health', retryAfterSeconds: 4 });
    const response = await session.client.request(`${sim.graphUrl}/v1.0/${SA}/issues`);
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('4');
    expect(graphError(response).code).toBe('TooManyRequests');
    expect((await session.get(`${SA}/issues`)).status).toBe(200);
  });

  it('429 variants and 503', async () => {
    sim.faults.inject({ kind: '429-http-date', target: 'service-health', retryAfterSeconds: 30 });
    sim.faults.inject({ kind: '429-no-retry-after', target: 'service-health' });
    sim.faults.inject({ kind: '503', target: 'service-health', retryAfterSeconds: 2 });
    const dated = await session.get(`${SA}/healthOverviews`);
    expect(dated.status).toBe(429);
    expect(String(dated.headers['retry-after'])).toMatch(/GMT$/);
    const bare = await session.get(`${SA}/healthOverviews`);
    expect(bare.status).toBe(429);
    expect(bare.headers['retry-after']).toBeUndefined();
    const outage = await session.get(`${SA}/healthOverviews`);
    expect(outage.status).toBe(503);
    expect(outage.headers['retry-after']).toBe('2');
    expect(graphError(outage).code).toBe('serviceNotAvailable');
  });

  it('does not touch report calls, and report faults do not touch service health', async () => {
    sim.faults.inject({ kind: '429', target: 'service-health' });
    expect((await session.call("getMailboxUsageStorage(period='D7')")).status).toBe(302);
    sim.faults.clear();
    sim.faults.inject({ kind: '429' });
    expect((await session.get(`${SA}/issues`)).status).toBe(200);
  });

  it('reset drops the connection', async () => {
    sim.faults.inject({ kind: 'reset', target: 'service-health' });
    await expect(session.get(`${SA}/issues`)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('truncated cuts the JSON body short; slow-body delivers it whole', async () => {
    sim.faults.inject({ kind: 'truncated', target: 'service-health' });
    await expect(session.get(`${SA}/issues`)).rejects.toThrow();
    sim.faults.inject({ kind: 'slow-body', target: 'service-health', pauseMs: 20 });
    const started = Date.now();
    const body = await ok(`${SA}/issues`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 20 - 5);
    expect(values(body)).toEqual(sim.truth.serviceHealth().issues);
  });

  it('expired-token answers 401 expired and keeps that token expired', async () => {
    const own = await Session.open(sim);
    sim.faults.inject({ kind: 'expired-token', target: 'service-health' });
    const response = await own.get(`${SA}/issues`);
    expect(response.status).toBe(401);
    expect(graphError(response).message).toBe('Lifetime validation failed, the token is expired.');
    expect((await own.get(`${SA}/issues`)).status).toBe(401);
    expect((await session.get(`${SA}/issues`)).status).toBe(200);
  });

  it('validates service-health faults', () => {
    expect(() =>
      sim.faults.inject({ kind: '429', target: 'service-health', report: 'getMailboxUsageDetail' }),
    ).toThrow("fault.report cannot be combined with target 'service-health'");
  });
});

describe('control and truth over HTTP', () => {
  const control = (path: string, init: { method?: string; body?: string } = {}) =>
    session.client.request(`${sim.url}/_simulator/${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json' },
    });

  it('steps the timeline and mirrors the truth', async () => {
    const requests = sim.stats().requests;
    expect(json(await control('service-health'))).toEqual({ step: 0, lastStep: 6 });
    const advanced = await control('service-health/step', { method: 'POST', body: '{}' });
    expect(advanced.status).toBe(200);
    expect(json(advanced)).toEqual({ step: 1, lastStep: 6 });
    expect(sim.serviceHealth.step).toBe(1);
    expect(json(await control('service-health/step', { method: 'POST' }))).toEqual({ step: 2, lastStep: 6 });
    expect(json(await control('service-health/step', { method: 'POST', body: '{"step":5}' })).step).toBe(5);
    const truth = json(await control('truth/service-health'));
    expect(truth).toEqual(sim.truth.serviceHealth());
    expect(truth.step).toBe(5);
    expect((await session.get(`${SA}/healthOverviews/Exchange%20Online`)).body.toString()).toContain(
      'serviceRestored',
    );
    // Control and truth calls are not counted; the one Graph call is.
    expect(sim.stats().requests).toBe(requests + 1);
  });

  it.each([
    ['{"step":7}', /service-health step must be an integer 0..6, got 7/],
    ['{"step":"2"}', /got "2"/],
    ['{"stop":1}', /unknown field 'stop'/],
    ['[1]', /must be a JSON object/],
    ['{nope', /step body is not valid JSON/],
  ])('rejects %s with 400', async (body, message) => {
    const response = await control('service-health/step', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(String(json(response).error)).toMatch(message);
  });

  it('refuses to advance past the last step', async () => {
    sim.serviceHealth.setStep(6);
    const response = await control('service-health/step', { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
    expect(json(response).error).toBe('service-health timeline is already at its last step 6');
  });
});

describe('options', () => {
  it('starts at the requested step and answers in PascalCase everywhere', async () => {
    const pascal = await startSimulator({ users: 2, now, enumCase: 'pascal', serviceHealthStep: 6 });
    try {
      const s = await Session.open(pascal);
      expect(pascal.serviceHealth.step).toBe(6);
      const overviews = json(await s.get(`${SA}/healthOverviews?$expand=issues`));
      const exchange = values(overviews).find((o) => o.id === 'Exchange');
      expect(exchange?.status).toBe('ServiceOperational');
      const issue = ((exchange?.issues ?? []) as Json[]).find((i) => i.id === 'EX200001');
      expect(issue).toMatchObject({
        classification: 'Incident',
        origin: 'Microsoft',
        status: 'PostIncidentReviewPublished',
      });
      const issues = values(json(await s.get(`${SA}/issues?$filter=status eq 'serviceRestored'`)));
      expect(issues.map((i) => i.id)).toEqual(['EX100001', 'TM100002', 'SP200002', 'EX200003']);
      const post = ((issues[0]?.posts ?? []) as Json[])[0];
      expect(post).toMatchObject({ postType: 'Regular', description: { contentType: 'Html' } });
      const message = json(await s.get(`${SA}/messages/MC200001`));
      expect(message).toMatchObject({
        category: 'PlanForChange',
        severity: 'High',
        body: { contentType: 'Html' },
      });
      // The truth stays canonical camelCase.
      expect(pascal.truth.serviceHealth().overviews[0]?.status).toBe('serviceOperational');
    } finally {
      await pascal.close();
    }
  });

  it('rejects a bad start step', async () => {
    await expect(startSimulator({ users: 2, serviceHealthStep: 7 })).rejects.toThrow(/0..6, got 7/);
  });
});
