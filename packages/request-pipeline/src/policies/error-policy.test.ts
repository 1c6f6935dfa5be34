import { HttpRequestError } from '@m365-otel/http';
import { describe, expect, it } from 'vitest';
import { response, traced } from '../__fixtures__/transport.js';
import { MicrosoftApiError } from '../errors.js';
import { errorPolicy } from './error-policy.js';

const ENVELOPE = JSON.stringify({
  error: {
    code: 'InvalidArgument',
    message: 'Invalid date value specified.',
    innerError: { 'request-id': 'req-body', date: '2024-05-01T12:00:00' },
  },
});

async function failure(promise: Promise<unknown>): Promise<MicrosoftApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MicrosoftApiError);
    return error as MicrosoftApiError;
  }
  throw new Error('expected a MicrosoftApiError');
}

describe('errorPolicy', () => {
  const policy = errorPolicy('Graph');

  it('returns the statuses the caller expects (default 200)', async () => {
    expect((await policy.sendRequest(traced(), async () => response(200))).status).toBe(200);
    const redirect = traced({ expect: [302] });
    expect((await policy.sendRequest(redirect, async () => response(302))).status).toBe(302);
  });

  it('names where an unexpected redirect leads, by origin only, and says it was not followed', async () => {
    const error = await failure(
      policy.sendRequest(traced(), async () =>
        response(302, { location: 'http://proxy.example:8080/login?token=secret' }),
      ),
    );
    expect(error.message).toBe(
      'thing: Graph answered 302: a redirect (to http://proxy.example:8080), which is not followed: the access token is only sent to the configured endpoint; a proxy or a wrong endpoint in the config may be answering',
    );
    expect(error.details.transient).toBe(false);
  });

  it("describes any other answer with Microsoft's code and message and both request ids", async () => {
    const request = traced();
    request.trace.clientRequestId = 'crid';
    const error = await failure(
      policy.sendRequest(request, async () => response(400, { 'request-id': 'req-header' }, ENVELOPE)),
    );
    expect(error.message).toBe(
      'thing: Graph answered 400 InvalidArgument: Invalid date value specified. (request-id req-header, client-request-id crid)',
    );
    expect(error.details).toEqual({
      status: 400,
      code: 'InvalidArgument',
      requestId: 'req-header',
      clientRequestId: 'crid',
      transient: false,
    });
  });

  it('names the permission to grant on 403, and a refused refresh on 401', async () => {
    const forbidden = await failure(
      policy.sendRequest(traced({ permission: 'ServiceHealth.Read.All' }), async () =>
        response(403, {}, ENVELOPE),
      ),
    );
    expect(forbidden.permission).toBe('ServiceHealth.Read.All');
    expect(forbidden.message).toMatch(
      /\(request-id req-body\); the app needs the ServiceHealth\.Read\.All application permission with admin consent$/,
    );
    const refreshed = traced();
    refreshed.trace.tokenRefreshed = true;
    const unauthorized = await failure(policy.sendRequest(refreshed, async () => response(401)));
    expect(unauthorized.message).toBe(
      'thing: Graph answered 401: no error body; the access token was refused even after a refresh',
    );
  });

  it("reads Azure Resource Manager's x-ms-request-id, and says what a 403 needs where it is not an application permission", async () => {
    const armEnvelope = JSON.stringify({
      error: { code: 'AuthorizationFailed', message: 'The client does not have authorization.' },
    });
    const forbidden = await failure(
      errorPolicy('Azure Resource Manager').sendRequest(
        traced({ permission: 'Reader', accessHint: 'the app needs the Reader role on the resource' }),
        async () => response(403, { 'x-ms-request-id': 'arm-req' }, armEnvelope),
      ),
    );
    expect(forbidden.message).toBe(
      'thing: Azure Resource Manager answered 403 AuthorizationFailed: The client does not have authorization. (request-id arm-req); the app needs the Reader role on the resource',
    );
    expect(forbidden.details).toEqual({
      status: 403,
      code: 'AuthorizationFailed',
      requestId: 'arm-req',
      permission: 'Reader',
      transient: false,
    });
  });

  it('quotes the start of a body that is not an envelope, names who answered, and marks throttling transient', async () => {
    const request = traced({ answeredBy: 'the download host (https://dl.example)', preAuthenticated: true });
    request.trace.gaveUp = 'gave up after 5 attempts';
    const html = `<html>${'x'.repeat(300)}</html>`;
    const error = await failure(policy.sendRequest(request, async () => response(503, {}, `  ${html}\n`)));
    expect(error.message).toBe(
      `thing: the download host (https://dl.example) answered 503: ${html.slice(0, 200)} (gave up after 5 attempts)`,
    );
    expect(error.transient).toBe(true);
  });

  it('marks a 403 AF429 (the Management Activity API throttling) transient, without a permission to grant', async () => {
    const af429 = JSON.stringify({
      error: { code: 'AF429', message: 'Too many requests. Method=GetBlob, PublisherId=p' },
    });
    const error = await failure(
      policy.sendRequest(traced({ permission: 'ActivityFeed.Read' }), async () => response(403, {}, af429)),
    );
    expect(error.message).toBe(
      'thing: Graph answered 403 AF429: Too many requests. Method=GetBlob, PublisherId=p',
    );
    expect(error.transient).toBe(true);
    expect(error.permission).toBeUndefined();
    const refused = await failure(policy.sendRequest(traced(), async () => response(403, {}, ENVELOPE)));
    expect(refused.transient).toBe(false);
  });

  it('wraps transport failures with the call and the redacted URL, and lets every other error pass', async () => {
    const request = traced({
      url: new URL('https://dl.example/download/CREDENTIAL'),
      preAuthenticated: true,
    });
    const reset = new HttpRequestError(
      'GET https://dl.example failed: read ECONNRESET',
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    );
    const error = await failure(policy.sendRequest(request, async () => Promise.reject(reset)));
    expect(error.message).toBe(
      'thing: request to https://dl.example failed: GET https://dl.example failed: read ECONNRESET',
    );
    expect(error).toMatchObject({ transient: true, cause: reset });
    const tokenFailure = new Error('AADSTS7000215');
    await expect(policy.sendRequest(traced(), async () => Promise.reject(tokenFailure))).rejects.toBe(
      tokenFailure,
    );
  });
});
