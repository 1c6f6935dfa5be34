import { describe, expect, it } from 'vitest';
import { response, spyLogger, traced } from '../__fixtures__/transport.js';
import { logPolicy } from './log-policy.js';

describe('logPolicy', () => {
  it('logs each attempt without headers or query, and only the origin of a pre-authenticated URL', async () => {
    const logger = spyLogger();
    let now = 100;
    const policy = logPolicy(logger, () => now);
    const graph = traced({ headers: { authorization: 'Bearer SECRET-TOKEN' } });
    graph.trace.clientRequestId = 'crid';
    graph.trace.attempts = 2;
    await policy.sendRequest(graph, async () => {
      now += 7;
      return response(404, { 'request-id': 'req' });
    });
    expect(logger.debug).toHaveBeenCalledWith('HTTP answer', {
      request: 'thing',
      method: 'GET',
      url: 'https://graph.example/v1.0/thing',
      attempt: 2,
      clientRequestId: 'crid',
      status: 404,
      requestId: 'req',
      durationMs: 7,
    });
    const download = traced({
      url: new URL('https://reports.example/data/download/CREDENTIAL?sig=SECRET'),
      preAuthenticated: true,
    });
    await expect(
      policy.sendRequest(download, async () =>
        Promise.reject(new Error('GET https://reports.example failed')),
      ),
    ).rejects.toThrow();
    expect(logger.debug).toHaveBeenLastCalledWith(
      'HTTP request failed',
      expect.objectContaining({
        url: 'https://reports.example',
        error: 'GET https://reports.example failed',
      }),
    );
    const logged = JSON.stringify(logger.debug.mock.calls);
    for (const secret of ['SECRET', 'CREDENTIAL', '$skip']) expect(logged).not.toContain(secret);
  });
});
