import { describe, expect, it, vi } from 'vitest';
import { scriptedTransport, spyLogger } from './__fixtures__/transport.js';
import { MicrosoftApiError } from './errors.js';
import { createMicrosoftApiPipeline } from './microsoft-api-pipeline.js';
import { RateLimiter } from './rate-limiter.js';

function setup(transport: ReturnType<typeof scriptedTransport>) {
  let issued = 0;
  const getAccessToken = vi.fn(async (_options?: { forceRefresh?: boolean }) => `token-${++issued}`);
  const sleeps: number[] = [];
  const logger = spyLogger();
  const pipeline = createMicrosoftApiPipeline({
    baseUrl: 'https://graph.example',
    service: 'Graph',
    api: 'graph.service_health',
    http: transport,
    getAccessToken,
    logger,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { pipeline, getAccessToken, sleeps, logger };
}

describe('createMicrosoftApiPipeline', () => {
  it("tells the request's onAnswer of every attempt's answer, the refused and retried ones too", async () => {
    const transport = scriptedTransport(
      { status: 401, headers: { date: 'Fri, 10 May 2024 12:00:00 GMT' } },
      { status: 503 },
      { status: 200, headers: { date: 'Fri, 10 May 2024 12:00:02 GMT' }, body: '[]' },
    );
    const { pipeline } = setup(transport);
    const answers: Array<[number, string | undefined]> = [];
    await pipeline.send({
      url: new URL('https://graph.example/v1.0/thing'),
      label: 'thing',
      onAnswer: ({ status, headers }) => answers.push([status, headers.date]),
    });
    expect(answers).toEqual([
      [401, 'Fri, 10 May 2024 12:00:00 GMT'],
      [503, undefined],
      [200, 'Fri, 10 May 2024 12:00:02 GMT'],
    ]);
  });

  it('composes token, refresh on 401, throttling retry, client-request-id and rate limit per attempt', async () => {
    const transport = scriptedTransport(
      { status: 401 },
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 200, headers: { 'request-id': 'req-ok' }, body: '{"value":[]}' },
    );
    const { pipeline, getAccessToken, sleeps } = setup(transport);
    const limiter = new RateLimiter({ limit: 10, windowMs: 60_000 });
    const acquire = vi.spyOn(limiter, 'acquire');
    const response = await pipeline.send({
      url: new URL('https://graph.example/v1.0/admin/serviceAnnouncement/issues'),
      label: 'issues page 1',
      headers: { accept: 'application/json' },
      limiters: [limiter],
    });
    expect(await response.body.json()).toEqual({ value: [] });
    expect(response.requestId).toBe('req-ok');
    const ids = transport.sent.map(({ init }) => init.headers?.['client-request-id']);
    expect(new Set(ids).size).toBe(3);
    expect(response.clientRequestId).toBe(ids[2]);
    expect(transport.sent.map(({ init }) => init.headers?.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
    ]);
    expect(getAccessToken.mock.calls).toEqual([[undefined], [{ forceRefresh: true }], [undefined]]);
    expect(transport.sent.every(({ init }) => init.headers?.accept === 'application/json')).toBe(true);
    expect(transport.dumped).toEqual([0, 1]);
    expect(sleeps).toEqual([1000]);
    expect(acquire).toHaveBeenCalledTimes(3);
  });

  it('fetches a pre-authenticated URL without a token, and fails with one error naming its origin only', async () => {
    const transport = scriptedTransport({ status: 404, body: '<Error>BlobNotFound</Error>' });
    const { pipeline, getAccessToken, logger } = setup(transport);
    const error = await pipeline
      .send({
        url: new URL('https://dl.example/data/download/CREDENTIAL?sig=SECRET'),
        label: 'getMailboxUsageDetail',
        authenticate: false,
        preAuthenticated: true,
        answeredBy: 'the download host (https://dl.example)',
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MicrosoftApiError);
    expect((error as MicrosoftApiError).message).toMatch(
      /^getMailboxUsageDetail: the download host \(https:\/\/dl\.example\) answered 404: <Error>BlobNotFound<\/Error> \(client-request-id [0-9a-f-]{36}\)$/,
    );
    expect(getAccessToken).not.toHaveBeenCalled();
    expect(transport.sent[0]?.init.headers?.authorization).toBeUndefined();
    expect(JSON.stringify(logger.debug.mock.calls)).not.toMatch(/CREDENTIAL|SECRET|download/);
  });

  it('refuses a base URL that is not https', () => {
    expect(() =>
      createMicrosoftApiPipeline({
        baseUrl: 'http://graph.example',
        service: 'Graph',
        api: 'graph.service_health',
        http: scriptedTransport(),
        getAccessToken: async () => 't',
      }),
    ).toThrow(/must use https/);
  });
});
