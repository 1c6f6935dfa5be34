import { HttpRequestError } from '@m365-otel/http';
import { describe, expect, it } from 'vitest';
import { type Answer, scriptedTransport } from './__fixtures__/transport.js';
import { MicrosoftApiError } from './errors.js';
import { createMicrosoftApiPipeline } from './microsoft-api-pipeline.js';
import type { PipelineRequest } from './pipeline.js';
import type { ApiFamily, AttemptOutcome, RequestObserver, RetryReason } from './request-observer.js';

type Told =
  | ['attempted', ApiFamily, AttemptOutcome]
  | ['retrying', ApiFamily, { reason: RetryReason; delayMs: number }];

function observed(...answers: Answer[]) {
  const told: Told[] = [];
  const observer: RequestObserver = {
    attempted: (api, outcome) => told.push(['attempted', api, outcome]),
    retrying: (api, retry) => told.push(['retrying', api, retry]),
  };
  const transport = scriptedTransport(...answers);
  const pipeline = createMicrosoftApiPipeline({
    baseUrl: 'https://graph.example',
    service: 'Graph',
    api: 'graph.service_health',
    http: transport,
    getAccessToken: async () => 'token',
    observer,
    // Backoff draws the middle of its window: 500 ms after the first attempt, 1000 ms after the second.
    random: () => 0.5,
    sleep: async () => {},
    now: () => Date.parse('2024-05-10T12:00:00Z'),
  });
  const send = (request: Partial<PipelineRequest> = {}) =>
    pipeline.send({ url: new URL('https://graph.example/v1.0/thing'), label: 'thing', ...request });
  return { told, send, transport };
}

const networkError = (code: string) =>
  new HttpRequestError(`GET https://graph.example failed: ${code}`, Object.assign(new Error(code), { code }));

describe('RequestObserver', () => {
  it('is told of a 200 and of nothing else', async () => {
    const { told, send } = observed({ status: 200 });
    await send();
    expect(told).toEqual([['attempted', 'graph.service_health', { status: 200 }]]);
  });

  it('is told of a 429, the throttling retry after its Retry-After, and the 200 after it', async () => {
    const { told, send } = observed({ status: 429, headers: { 'retry-after': '7' } }, { status: 200 });
    await send();
    expect(told).toEqual([
      ['attempted', 'graph.service_health', { status: 429 }],
      ['retrying', 'graph.service_health', { reason: 'throttled', delayMs: 7000 }],
      ['attempted', 'graph.service_health', { status: 200 }],
    ]);
  });

  it('is told of a 503 retried after backoff as a server error, and of a 408 as a timeout', async () => {
    const { told, send } = observed({ status: 503 }, { status: 408 }, { status: 200 });
    await send();
    expect(told).toEqual([
      ['attempted', 'graph.service_health', { status: 503 }],
      ['retrying', 'graph.service_health', { reason: 'server_error', delayMs: 500 }],
      ['attempted', 'graph.service_health', { status: 408 }],
      ['retrying', 'graph.service_health', { reason: 'timeout', delayMs: 1000 }],
      ['attempted', 'graph.service_health', { status: 200 }],
    ]);
  });

  it('is told of network failures without an answer, a reset apart from a timeout', async () => {
    const { told, send } = observed(networkError('ECONNRESET'), networkError('UND_ERR_HEADERS_TIMEOUT'), {
      status: 200,
    });
    await send();
    expect(told).toEqual([
      ['attempted', 'graph.service_health', { failure: 'network' }],
      ['retrying', 'graph.service_health', { reason: 'network', delayMs: 500 }],
      ['attempted', 'graph.service_health', { failure: 'timeout' }],
      ['retrying', 'graph.service_health', { reason: 'timeout', delayMs: 1000 }],
      ['attempted', 'graph.service_health', { status: 200 }],
    ]);
  });

  it("is told of the Management Activity API's 403 AF429 as throttling, waiting what its message names", async () => {
    const { told, send } = observed(
      {
        status: 403,
        body: JSON.stringify({
          error: { code: 'AF429', message: 'Too many requests. Please retry again after 1m 2s.' },
        }),
      },
      { status: 403, body: JSON.stringify({ error: { code: 'AF10', message: 'no permission' } }) },
    );
    const error = await send({ api: 'management', permission: 'ActivityFeed.Read' }).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(MicrosoftApiError);
    expect(told).toEqual([
      ['attempted', 'management', { status: 403 }],
      ['retrying', 'management', { reason: 'throttled', delayMs: 62_000 }],
      ['attempted', 'management', { status: 403 }],
    ]);
  });

  it('is told of the 401 a refreshed token sends again, and of a request under its own API family', async () => {
    const { told, send } = observed({ status: 401 }, { status: 200 }, { status: 404 });
    await send();
    await send({
      url: new URL('https://download.example/report.csv'),
      api: 'graph.report_download',
      authenticate: false,
      expect: [404],
    });
    expect(told).toEqual([
      ['attempted', 'graph.service_health', { status: 401 }],
      ['attempted', 'graph.service_health', { status: 200 }],
      ['attempted', 'graph.report_download', { status: 404 }],
    ]);
  });

  it('is told of no retry past what the client waits, and of no request the caller aborted', async () => {
    const { told, send, transport } = observed({ status: 429, headers: { 'retry-after': '3600' } });
    await expect(send()).rejects.toThrow(/longer than/);
    const stop = new AbortController();
    transport.request.mockImplementationOnce(async () => {
      stop.abort(new Error('shutting down'));
      throw networkError('ECONNRESET');
    });
    await expect(send({ signal: stop.signal })).rejects.toThrow('ECONNRESET');
    expect(transport.request).toHaveBeenCalledTimes(2);
    expect(told).toEqual([['attempted', 'graph.service_health', { status: 429 }]]);
  });
});
