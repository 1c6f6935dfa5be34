import { readFileSync } from 'node:fs';
import {
  type FakeGraph,
  type Route,
  rejection,
  spyLogger,
  useGraphClientFixtures,
} from '@m365-otel/fake-graph';
import { MicrosoftApiError } from '@m365-otel/request-pipeline';
import { describe, expect, it, vi } from 'vitest';
import { CallRecordsClient, type CallRecordsClientOptions } from './client.js';
import type { CallRecord, CallSession } from './parse.js';

const ROOT = '/v1.0/communications/callRecords';
const RECORD_ID = 'e523d2ed-2966-4b6b-925b-754a88034cc5';
/** Microsoft's documentation examples, as published (list, get with sessions expanded, sessions with segments). */
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));

const fixtures = useGraphClientFixtures();
let fake: FakeGraph;
let graph: Route;

async function setup(options: Partial<CallRecordsClientOptions> = {}) {
  const fixtureSet = await fixtures.start();
  fake = fixtureSet.fake;
  graph = fake.routeAll();
  return new CallRecordsClient({ ...fixtureSet.options, ...options });
}

const failure = (promise: Promise<unknown>) => rejection(promise, MicrosoftApiError);
const decodedPaths = () => fake.seen.map((seen) => decodeURIComponent(seen.path));

/** The documented record, its sessions link moved to the fake's origin (Graph's own origin is another one here). */
function documentedRecord(sessionsLink: string | undefined): Record<string, unknown> {
  const record = fixture('get-call-record-expanded');
  if (sessionsLink === undefined) delete record['sessions@odata.nextLink'];
  else record['sessions@odata.nextLink'] = sessionsLink;
  return record;
}

const INLINE_SESSION: CallSession = {
  id: RECORD_ID,
  modalities: ['audio'],
  segments: [
    {
      id: RECORD_ID,
      media: [
        {
          label: 'main-audio',
          streams: [{ streamId: '1504545584', streamDirection: 'callerToCallee', averageJitter: 0.016 }],
        },
      ],
    },
  ],
};

const PAGED_SESSION: CallSession = {
  id: RECORD_ID,
  modalities: ['audio'],
  segments: [
    {
      id: RECORD_ID,
      media: [
        {
          label: 'main-audio',
          streams: [
            {
              streamId: '1504545584',
              streamDirection: 'callerToCallee',
              averageJitter: 0.016,
              maxJitter: 0.021,
              averagePacketLossRate: 0,
              maxPacketLossRate: 0,
              averageRoundTripTime: 0.061,
              maxRoundTripTime: 0.079,
            },
            {
              streamId: '1785122252',
              streamDirection: 'calleeToCaller',
              averageJitter: 0.007,
              maxJitter: 0.012,
              averagePacketLossRate: 0.01381693,
              maxPacketLossRate: 0.03738318,
              averageRoundTripTime: 0.064,
              maxRoundTripTime: 0.106,
            },
          ],
        },
      ],
    },
  ],
};

const DOCUMENTED_RECORD: Omit<CallRecord, 'sessions'> = {
  id: RECORD_ID,
  type: 'peerToPeer',
  startDateTime: '2020-02-25T18:52:21.2169889Z',
  endDateTime: '2020-02-25T18:52:46.7640013Z',
  lastModifiedDateTime: '2020-02-25T19:00:24.582757Z',
  version: 1,
  modalities: ['audio'],
  organizerId: '821809f5-0000-0000-0000-3b5136c0e777',
};

describe('CallRecordsClient.listCallRecords', () => {
  it("parses the documentation's list, sending the start-time filter and $select of the summary fields", async () => {
    const client = await setup();
    graph.queue.push(fake.json(JSON.stringify(fixture('list-call-records'))));
    expect(
      await client.listCallRecords({ from: '2023-09-25T00:00:00Z', to: new Date('2023-09-26T00:00:00Z') }),
    ).toEqual([
      {
        id: '3cf3bbc8-b21d-4f2e-bfd0-b13603ae6c65',
        type: 'unknown',
        startDateTime: '2023-09-25T09:28:38Z',
        endDateTime: '2023-09-25T09:28:41Z',
        lastModifiedDateTime: '2023-09-25T10:36:40Z',
        version: 2,
        modalities: ['audio'],
      },
      {
        id: 'c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f',
        type: 'unknown',
        startDateTime: '2023-09-25T14:03:36Z',
        endDateTime: '2023-09-25T14:03:40Z',
        lastModifiedDateTime: '2023-09-25T14:18:13Z',
        version: 2,
        modalities: ['audio'],
      },
    ]);
    const [request] = fake.seen;
    expect(request?.path).toBe(
      `${ROOT}?$filter=startDateTime%20ge%202023-09-25T00%3A00%3A00Z%20and%20startDateTime%20lt%202023-09-26T00%3A00%3A00Z&$select=id,type,startDateTime,endDateTime,lastModifiedDateTime,version,modalities`,
    );
    expect(request?.headers.prefer).toBe('odata.maxpagesize=60, include-unknown-enum-members');
    expect(request?.headers.authorization).toBe('Bearer token-1');
  });

  it('reads every page through @odata.nextLink, once each record', async () => {
    const client = await setup({ pageSize: 2 });
    const summary = (id: string) => ({
      id,
      type: 'groupCall',
      startDateTime: '2026-11-30T09:00:00Z',
      endDateTime: '2026-11-30T09:30:00Z',
      lastModifiedDateTime: '2026-11-30T09:45:00Z',
      version: 1,
      modalities: ['audio', 'video'],
    });
    graph.fallback = fake.paged(ROOT, ['a', 'b', 'c', 'd', 'e'].map(summary));
    const records = await client.listCallRecords({
      from: '2026-11-30T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    });
    expect(records.map((record) => record.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(fake.seen.map((seen) => seen.path.replace(/\?\$filter.*/, '?<filter>'))).toEqual([
      `${ROOT}?<filter>`,
      `${ROOT}?$skip=2`,
      `${ROOT}?$skip=4`,
    ]);
    expect(fake.seen.map((seen) => seen.headers.prefer)).toEqual(
      Array(3).fill('odata.maxpagesize=2, include-unknown-enum-members'),
    );
  });

  it("tells the time on Graph's clock from its answers' Date header once the local clock is a minute off", async () => {
    const local = Date.parse('2026-11-30T12:00:00Z');
    const logger = spyLogger();
    const client = await setup({ logger, now: () => local });
    expect(client.serverNow()).toBe(local);
    const graphTime = local + 2 * 3_600_000;
    graph.queue.push(fake.json('{"value":[]}', { Date: new Date(graphTime).toUTCString() }));
    await client.listCallRecords({ from: '2026-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z' });
    expect(client.serverNow()).toBe(graphTime + 500);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining("off Graph's"), { skewMs: 7_200_500 });
  });

  it('leaves out a malformed record and reports it; keeps an unknown modality as sent, warning once', async () => {
    const logger = spyLogger();
    const onSkippedItem = vi.fn();
    const client = await setup({ logger, onSkippedItem });
    const [first, second] = fixture('list-call-records').value as Record<string, unknown>[];
    const page = fake.list([
      { ...first, modalities: ['audio', 'Holograms'] },
      { ...second, version: '2' },
      { ...first, id: 'c', type: 'GROUPCALL' },
    ]);
    graph.queue.push(page, page);
    const window = { from: '2023-09-25T00:00:00Z', to: '2023-09-26T00:00:00Z' };
    const records = await client.listCallRecords(window);
    expect(records.map(({ id, type, modalities }) => ({ id, type, modalities }))).toEqual([
      { id: '3cf3bbc8-b21d-4f2e-bfd0-b13603ae6c65', type: 'unknown', modalities: ['audio', 'Holograms'] },
      { id: 'c', type: 'groupCall', modalities: ['audio'] },
    ]);
    expect(onSkippedItem.mock.calls).toEqual([
      [
        {
          part: 'callRecord',
          where: 'callRecords page 1, value[1]',
          id: 'c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f',
          problems: ['version: expected an integer, got "2"'],
        },
      ],
    ]);
    const thisCall = vi.fn();
    await client.listCallRecords(window, { onSkippedItem: thisCall });
    expect(thisCall).toHaveBeenCalledTimes(1);
    expect(onSkippedItem).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls).toEqual([
      [
        'Graph sent a value this client does not know; it is kept as sent',
        { enum: 'modality', value: 'Holograms', where: 'callRecords page 1, value[0].modalities[1]' },
      ],
      [
        'Graph sent an item without a field this client needs; the item is left out',
        {
          part: 'callRecord',
          where: 'callRecords page 1, value[1]',
          id: 'c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f',
          problems: ['version: expected an integer, got "2"'],
        },
      ],
    ]);
  });

  it('names the permission on 403, with Graph’s code and request id', async () => {
    const client = await setup();
    graph.queue.push(
      fake.graphError(
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      ),
    );
    const error = await failure(
      client.listCallRecords({ from: '2023-09-25T00:00:00Z', to: '2023-09-26T00:00:00Z' }),
    );
    expect(error.message).toBe(
      'callRecords page 1: Graph answered 403 Authorization_RequestDenied: Insufficient privileges to complete the operation. (request-id req-err, client-request-id ' +
        `${error.clientRequestId}); the app needs the CallRecords.Read.All application permission with admin consent`,
    );
    expect(error).toMatchObject({
      status: 403,
      code: 'Authorization_RequestDenied',
      permission: 'CallRecords.Read.All',
    });
  });

  it('refuses a window it cannot write, before any request', async () => {
    const client = await setup();
    await expect(client.listCallRecords({ from: 'yesterday', to: '2023-09-26T00:00:00Z' })).rejects.toThrow(
      /^listCallRecords: from must be a date-time with a zone/,
    );
    expect(fake.seen).toEqual([]);
  });
});

describe('CallRecordsClient.getCallRecord', () => {
  it('expands sessions and segments and follows sessions@odata.nextLink to the last sessions page', async () => {
    const client = await setup();
    const sessionsPath = `${ROOT}('${RECORD_ID}')/sessions`;
    const secondPage = fixture('list-sessions-expanded');
    secondPage['@odata.nextLink'] = `${fake.graphUrl}${sessionsPath}?$expand=segments&$skiptoken=def`;
    graph.queue.push(
      fake.json(
        JSON.stringify(documentedRecord(`${fake.graphUrl}${sessionsPath}?$expand=segments&$skiptoken=abc`)),
      ),
      fake.json(JSON.stringify(secondPage)),
      fake.list([(fixture('list-sessions-expanded').value as unknown[])[0]]),
    );
    expect(await client.getCallRecord(RECORD_ID)).toEqual({
      ...DOCUMENTED_RECORD,
      sessions: [INLINE_SESSION, PAGED_SESSION, PAGED_SESSION],
    });
    expect(decodedPaths()).toEqual([
      `${ROOT}/${RECORD_ID}?$expand=sessions($expand=segments)`,
      `${sessionsPath}?$expand=segments&$skiptoken=abc`,
      `${sessionsPath}?$expand=segments&$skiptoken=def`,
    ]);
    expect(fake.seen.every((seen) => seen.headers.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it("refuses a sessions link off the Graph origin, as the documentation's example (graph.microsoft.com) is here", async () => {
    const client = await setup();
    graph.queue.push(fake.json(JSON.stringify(fixture('get-call-record-expanded'))));
    const error = await failure(client.getCallRecord(RECORD_ID));
    expect(error.message).toBe(
      `call record ${RECORD_ID}: refusing to follow sessions@odata.nextLink to https://graph.microsoft.com/v1.0/$metadata: it is not on the Graph origin ${fake.graphUrl}, and the access token is only ever sent to Graph`,
    );
    expect(fake.seen).toHaveLength(1);
  });

  it('leaves out a malformed session, segment, media or stream and reports each, keeping the rest', async () => {
    const logger = spyLogger();
    const onSkippedItem = vi.fn();
    const client = await setup({ logger, onSkippedItem });
    const goodStream = { streamId: '1', streamDirection: 'callerToCallee', averageJitter: 'PT1M2.5S' };
    const record = {
      ...documentedRecord(undefined),
      organizer_v2: { id: '+5564981205182', identity: { user: null, phone: { id: '+5564981205182' } } },
      sessions: [
        { modalities: ['audio'] },
        {
          id: 's2',
          modalities: ['video'],
          segments: [
            { media: [] },
            {
              id: 'g2',
              media: [
                { label: 'main-video', streams: 'none' },
                {
                  label: 'main-audio',
                  streams: [
                    goodStream,
                    { ...goodStream, streamId: '2', averageJitter: 'fast' },
                    { ...goodStream, streamId: '3', maxPacketLossRate: 1.5 },
                    { streamId: '4' },
                    {
                      streamDirection: 'sideways',
                      averagePacketLossRate: null,
                      averageRoundTripTime: 'PT0.015S',
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    graph.queue.push(fake.json(JSON.stringify(record)));
    const parsed = await client.getCallRecord(RECORD_ID);
    expect(parsed.organizerId).toBeUndefined();
    expect(parsed.sessions).toEqual([
      {
        id: 's2',
        modalities: ['video'],
        segments: [
          {
            id: 'g2',
            media: [
              {
                label: 'main-audio',
                streams: [
                  { streamId: '1', streamDirection: 'callerToCallee', averageJitter: 62.5 },
                  { streamDirection: 'sideways', averageRoundTripTime: 0.015 },
                ],
              },
            ],
          },
        ],
      },
    ]);
    const at = `call record ${RECORD_ID}, sessions`;
    expect(onSkippedItem.mock.calls.map(([item]) => item)).toEqual([
      {
        part: 'session',
        where: `${at}[0]`,
        id: undefined,
        problems: ['id: expected a string, got nothing (the field is absent)'],
      },
      {
        part: 'segment',
        where: `${at}[1].segments[0]`,
        id: undefined,
        problems: ['id: expected a string, got nothing (the field is absent)'],
      },
      {
        part: 'media',
        where: `${at}[1].segments[1].media[0]`,
        id: undefined,
        problems: ['streams: expected an array, got "none"'],
      },
      {
        part: 'stream',
        where: `${at}[1].segments[1].media[1].streams[1]`,
        id: '2',
        problems: ['averageJitter: expected an ISO 8601 duration such as PT0.015S, got "fast"'],
      },
      {
        part: 'stream',
        where: `${at}[1].segments[1].media[1].streams[2]`,
        id: '3',
        problems: ['maxPacketLossRate: expected a number from 0 to 1, got 1.5'],
      },
      {
        part: 'stream',
        where: `${at}[1].segments[1].media[1].streams[3]`,
        id: '4',
        problems: ['streamDirection: expected a string, got nothing (the field is absent)'],
      },
    ]);
    expect(logger.warn.mock.calls.map(([message, fields]) => [message, fields?.where])).toEqual([
      ['Graph sent an item without a field this client needs; the item is left out', `${at}[0]`],
      ['Graph sent an item without a field this client needs; the item is left out', `${at}[1].segments[0]`],
      [
        'Graph sent an item without a field this client needs; the item is left out',
        `${at}[1].segments[1].media[0]`,
      ],
      [
        'Graph sent an item without a field this client needs; the item is left out',
        `${at}[1].segments[1].media[1].streams[1]`,
      ],
      [
        'Graph sent an item without a field this client needs; the item is left out',
        `${at}[1].segments[1].media[1].streams[2]`,
      ],
      [
        'Graph sent an item without a field this client needs; the item is left out',
        `${at}[1].segments[1].media[1].streams[3]`,
      ],
      [
        'Graph sent a value this client does not know; it is kept as sent',
        `${at}[1].segments[1].media[1].streams[4].streamDirection`,
      ],
    ]);
  });

  it("fails on a record whose own fields are malformed, naming the field and the answer's request id", async () => {
    const client = await setup();
    const record = documentedRecord(undefined);
    delete record.startDateTime;
    graph.queue.push(fake.json(JSON.stringify(record), { 'request-id': 'req-bad' }));
    const error = await failure(client.getCallRecord(RECORD_ID));
    expect(error.message).toBe(
      `call record ${RECORD_ID}, startDateTime: expected an ISO 8601 date-time such as 2020-11-13T21:00:00Z, got nothing (the field is absent)`,
    );
    expect(error).toMatchObject({ status: 200, requestId: 'req-bad' });
  });

  it('turns a 404 (a record older than 30 days) and a 403 into errors naming the record', async () => {
    const client = await setup();
    graph.queue.push(
      fake.graphError(404, 'NotFound', 'Resource not found.'),
      fake.graphError(403, 'Forbidden', 'Insufficient privileges.'),
    );
    const missing = await failure(client.getCallRecord(RECORD_ID));
    expect(missing.message).toMatch(new RegExp(`^call record ${RECORD_ID}: Graph answered 404 NotFound`));
    const forbidden = await failure(client.getCallRecord(RECORD_ID));
    expect(forbidden.permission).toBe('CallRecords.Read.All');
  });
});
