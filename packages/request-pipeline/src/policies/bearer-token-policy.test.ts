import { describe, expect, it, vi } from 'vitest';
import { response, spyLogger, traced } from '../__fixtures__/transport.js';
import type { TracedRequest } from '../pipeline.js';
import { bearerTokenPolicy } from './bearer-token-policy.js';

function tokens() {
  let issued = 0;
  return vi.fn(async (_options?: { forceRefresh?: boolean }) => `token-${++issued}`);
}

describe('bearerTokenPolicy', () => {
  it('sends the token, and on 401 one fresh token once per call', async () => {
    const getAccessToken = tokens();
    const policy = bearerTokenPolicy(getAccessToken, 'https://graph.example', spyLogger());
    const seen: string[] = [];
    const statuses = [401, 401, 401];
    const next = async (request: TracedRequest) => {
      seen.push(String(request.headers?.authorization));
      return response(statuses.shift() ?? 200);
    };
    const request = traced({ headers: { accept: 'application/json' } });
    const answer = await policy.sendRequest(request, next);
    expect(answer.status).toBe(401);
    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(getAccessToken.mock.calls).toEqual([[undefined], [{ forceRefresh: true }]]);
    expect(request.trace.tokenRefreshed).toBe(true);
    // A retry of the same call (the retry policy sits outside) does not refresh again.
    await policy.sendRequest(request, next);
    expect(getAccessToken).toHaveBeenCalledTimes(3);
    expect(getAccessToken.mock.calls[2]).toEqual([undefined]);
  });

  it('sends no token with authenticate: false, and none to another origin', async () => {
    const getAccessToken = tokens();
    const policy = bearerTokenPolicy(getAccessToken, 'https://graph.example');
    const next = vi.fn(async (request: TracedRequest) =>
      response(request.headers?.authorization ? 500 : 200),
    );
    const download = traced({ url: new URL('https://download.example/x'), authenticate: false });
    expect((await policy.sendRequest(download, next)).status).toBe(200);
    const foreign = traced({ url: new URL('https://evil.example/v1.0/x?sig=1') });
    await expect(policy.sendRequest(foreign, next)).rejects.toThrow(
      'thing: refusing to send the access token to https://evil.example/v1.0/x: it is only ever sent to https://graph.example',
    );
    expect(getAccessToken).not.toHaveBeenCalled();
    expect(next).toHaveBeenCalledTimes(1);
  });

  it("stops waiting for a token when the request's signal aborts (a throttled authority may ask for minutes)", async () => {
    const policy = bearerTokenPolicy(() => new Promise<string>(() => {}), 'https://graph.example');
    const deadline = new AbortController();
    const next = vi.fn(async () => response(200));
    const sent = policy.sendRequest(traced({ signal: deadline.signal }), next);
    deadline.abort(new Error('the cycle deadline passed'));
    await expect(sent).rejects.toThrow('the cycle deadline passed');
    expect(next).not.toHaveBeenCalled();
  });
});
