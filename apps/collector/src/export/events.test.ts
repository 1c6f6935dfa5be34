import type { EventRecord } from '@m365-otel/mappers';
import { decodeJsonLogs, type OtlpSink, startOtlpSink } from '@m365-otel/otlp-sink';
import { SeverityNumber } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OtlpProtocol } from '../config/types.js';
import { createLogExporter, MAX_EVENTS_PER_EXPORT, severityOf, TenantEvents, toAnyValue } from './events.js';
import { serviceResource, tenantResource } from './resource.js';
import { resolveLogExportSettings } from './settings.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const base = serviceResource({}).resource;
if (!base) throw new Error('no resource');

const incident = (change: string, classification = 'incident'): EventRecord => ({
  eventName: 'm365.service.issue',
  timestamp: '2026-03-10T08:10:00Z',
  attributes: {
    'm365.service.name': 'Exchange Online',
    'm365.service.issue.id': 'EX200001',
    'm365.service.issue.classification': classification,
    'm365.service.issue.change': change,
    'm365.service.issue.resolved': change === 'resolved',
  },
  body: {
    title: 'Users may see delays',
    impactDescription: 'Mail is delayed',
    latestPost: { createdDateTime: '2026-03-10T08:10:00Z', postType: 'regular', content: '<p>x</p>' },
    postCount: 1,
    nothing: undefined,
  },
});

let sink: OtlpSink;
beforeEach(async () => {
  sink = await startOtlpSink();
});
afterEach(async () => {
  await sink.close();
});

function exporter(protocol: OtlpProtocol = 'http/json') {
  const endpoint = protocol === 'grpc' ? sink.grpcUrl : sink.url;
  const { settings } = resolveLogExportSettings({ endpoint, protocol }, {});
  if (!settings) throw new Error('bad settings');
  return createLogExporter(settings);
}

describe('TenantEvents', () => {
  it('exports event records to /v1/logs on the tenant resource and reports the acknowledgement', async () => {
    const events = new TenantEvents(tenantResource(base, 'tenant-a'));
    const logs = exporter();
    const outcome = await events.export([incident('opened'), incident('resolved')], logs, NOW);
    await logs.shutdown();
    expect(outcome).toEqual({ ok: true, delivered: true, errors: [], rejected: 0 });
    expect(sink.requests.map((request) => request.path)).toEqual(['/v1/logs']);
    const [opened, resolved] = decodeJsonLogs(sink.requests);
    expect(opened).toEqual({
      resource: expect.objectContaining({ 'm365.tenant.id': 'tenant-a', 'service.name': 'm365-otel' }),
      scope: '@m365-otel/collector',
      eventName: 'm365.service.issue',
      timeUnixNano: String(BigInt(Date.parse('2026-03-10T08:10:00Z')) * 1_000_000n),
      observedTimeUnixNano: String(BigInt(NOW) * 1_000_000n),
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      attributes: {
        'm365.service.name': 'Exchange Online',
        'm365.service.issue.id': 'EX200001',
        'm365.service.issue.classification': 'incident',
        'm365.service.issue.change': 'opened',
        'm365.service.issue.resolved': false,
      },
      body: {
        title: 'Users may see delays',
        impactDescription: 'Mail is delayed',
        latestPost: { createdDateTime: '2026-03-10T08:10:00Z', postType: 'regular', content: '<p>x</p>' },
        postCount: 1,
      },
    });
    expect(resolved).toMatchObject({ severityNumber: SeverityNumber.INFO, severityText: 'INFO' });
  });

  it('cuts long strings in attributes and body to the value length limit (8 KiB unless set)', async () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const event = incident('opened');
    const events = new TenantEvents(tenantResource(base, 'tenant-a'));
    const logs = exporter();
    const outcome = await events.export(
      [
        {
          ...event,
          attributes: { ...event.attributes, 'm365.service.name': huge },
          body: { ...event.body, title: huge, latestPost: { content: huge } },
        },
      ],
      logs,
      NOW,
    );
    await logs.shutdown();
    expect(outcome.ok).toBe(true);
    expect(sink.requests[0]?.body.length).toBeLessThan(64 * 1024);
    const [record] = decodeJsonLogs(sink.requests);
    expect(record?.attributes['m365.service.name']).toBe('x'.repeat(8192));
    expect(record?.body).toMatchObject({
      title: 'x'.repeat(8192),
      latestPost: { content: 'x'.repeat(8192) },
    });
  });

  it('honours configured limits for the value length and the attribute count', async () => {
    const events = new TenantEvents(tenantResource(base, 'tenant-a'), {
      attributeValueLengthLimit: 5,
      attributeCountLimit: 2,
    });
    const logs = exporter();
    await events.export([incident('opened')], logs, NOW);
    await logs.shutdown();
    const [record] = decodeJsonLogs(sink.requests);
    expect(record?.attributes).toEqual({ 'm365.service.name': 'Excha', 'm365.service.issue.id': 'EX200' });
    expect(record?.body).toMatchObject({ title: 'Users', impactDescription: 'Mail ' });
  });

  it.each(['http/json', 'http/protobuf', 'grpc'] as const)(
    'reports a partial success (%s) as delivered, with the rejected count and the backend’s message',
    async (protocol) => {
      sink.respondWithPartialSuccess('/v1/logs', 1, 'log record too large');
      const events = new TenantEvents(tenantResource(base, 'tenant-a'));
      const logs = exporter(protocol);
      const outcome = await events.export([incident('opened'), incident('resolved')], logs, NOW);
      await logs.shutdown();
      expect(outcome).toEqual({
        ok: false,
        delivered: true,
        rejected: 1,
        errors: [
          'the OTLP backend rejected 1 log record of the request (a partial success; they are not sent again): log record too large',
        ],
      });
      expect(sink.requests).toHaveLength(1);
    },
  );

  it('sends protobuf by default', async () => {
    const events = new TenantEvents(tenantResource(base, 'tenant-a'));
    const logs = exporter('http/protobuf');
    expect((await events.export([incident('opened')], logs, NOW)).ok).toBe(true);
    await logs.shutdown();
    expect(sink.requests[0]?.headers['content-type']).toBe('application/x-protobuf');
  });

  it('reports a rejection, and a later call sends only its own events', async () => {
    const events = new TenantEvents(tenantResource(base, 'tenant-a'));
    const logs = exporter();
    sink.respondWith(500, '/v1/logs');
    const failed = await events.export([incident('opened')], logs, NOW);
    expect(failed.ok).toBe(false);
    expect(failed.errors).toHaveLength(1);
    sink.respondWith(200);
    sink.requests.length = 0;
    expect((await events.export([incident('updated')], logs, NOW)).ok).toBe(true);
    await logs.shutdown();
    expect(
      decodeJsonLogs(sink.requests).map((record) => record.attributes['m365.service.issue.change']),
    ).toEqual(['updated']);
  });

  it('splits many events into batches, all acknowledged', async () => {
    const events = new TenantEvents(tenantResource(base, 'tenant-a'));
    const logs = exporter();
    const many = Array.from({ length: MAX_EVENTS_PER_EXPORT + 3 }, () => incident('opened', 'advisory'));
    expect((await events.export(many, logs, NOW)).ok).toBe(true);
    await logs.shutdown();
    expect(sink.requests).toHaveLength(2);
    expect(decodeJsonLogs(sink.requests)).toHaveLength(MAX_EVENTS_PER_EXPORT + 3);
  });
});

describe('severity and body', () => {
  it('warns for open incidents that opened or were updated only', () => {
    expect(severityOf(incident('opened')).text).toBe('WARN');
    expect(severityOf(incident('updated')).text).toBe('WARN');
    expect(severityOf(incident('resolved')).text).toBe('INFO');
    expect(severityOf(incident('opened', 'advisory')).text).toBe('INFO');
    const review = incident('updated');
    review.attributes['m365.service.issue.resolved'] = true;
    expect(severityOf(review).text).toBe('INFO');
    expect(
      severityOf({ eventName: 'm365.service.message', timestamp: '', attributes: {}, body: {} }).text,
    ).toBe('INFO');
  });

  it('turns a structured body into an AnyValue, leaving undefined members out', () => {
    expect(toAnyValue({ a: [1, 'x', null, { b: true }], c: undefined, d: 10n })).toEqual({
      a: [1, 'x', null, { b: true }],
      d: '10',
    });
  });
});

describe('toAnyValue sharing', () => {
  it('returns a body that needs no change as it is, and copies only the path to what changes', () => {
    const record = { Id: 'a', Nested: { Short: 'x', List: [1, 'y'] }, Other: { Long: 'z'.repeat(10) } };
    expect(toAnyValue(record, 100)).toBe(record);
    const cut = toAnyValue(record, 5) as typeof record;
    expect(cut).toEqual({ Id: 'a', Nested: { Short: 'x', List: [1, 'y'] }, Other: { Long: 'zzzzz' } });
    expect(cut.Nested).toBe(record.Nested);
    expect(record.Other.Long).toHaveLength(10);
    expect(toAnyValue({ a: 1, b: undefined, c: [undefined] })).toEqual({ a: 1, c: [null] });
    expect(toAnyValue({ when: new Date(0) })).toEqual({ when: {} });
  });
});
