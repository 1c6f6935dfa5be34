import { AuthError } from '@m365-otel/auth';
import { DirectoryError } from '@m365-otel/directory';
import { HttpRequestError } from '@m365-otel/http';
import { describe, expect, it } from 'vitest';
import { describeVerdict, verdictOf } from './verdict.js';

const P2 = 'Microsoft Entra ID P2';
const refused = new HttpRequestError('connect ECONNREFUSED 127.0.0.1:9', { code: 'ECONNREFUSED' });

describe('verdictOf', () => {
  it.each([
    [
      'a 403 naming the permission',
      new DirectoryError('users page 1: Graph answered 403', {
        status: 403,
        code: 'Authorization_RequestDenied',
        permission: 'User.Read.All',
      }),
      undefined,
      { result: 'missing permission', detail: 'User.Read.All' },
    ],
    [
      "Identity Protection's 403 Forbidden to an unlicensed tenant",
      new DirectoryError('riskyUsers page 1: Graph answered 403', {
        status: 403,
        code: 'Forbidden',
        permission: 'IdentityRiskyUser.Read.All',
      }),
      P2,
      { result: 'not licensed', detail: P2 },
    ],
    [
      "a licensed call's 403 for a missing permission",
      new DirectoryError('riskyUsers page 1: Graph answered 403', {
        status: 403,
        code: 'Authorization_RequestDenied',
        permission: 'IdentityRiskyUser.Read.All',
      }),
      P2,
      { result: 'missing permission', detail: 'IdentityRiskyUser.Read.All' },
    ],
    [
      "Resource Manager's 403 for a missing role",
      new DirectoryError('services: Azure Resource Manager answered 403', {
        status: 403,
        code: 'AuthorizationFailed',
        permission: 'Reader',
      }),
      'Microsoft Entra ID P1 or P2',
      { result: 'missing permission', detail: 'Reader' },
    ],
    [
      'a network failure that outlived the retries',
      new DirectoryError('users page 1: request failed', { transient: true, cause: refused }),
      undefined,
      { result: 'unreachable', detail: 'users page 1: request failed' },
    ],
    [
      "a report's read that wraps the pipeline's network failure",
      new DirectoryError('getMailboxUsageMailboxCounts: request failed', {
        transient: true,
        cause: new DirectoryError('request failed', { transient: true, cause: refused }),
      }),
      undefined,
      { result: 'unreachable', detail: 'getMailboxUsageMailboxCounts: request failed' },
    ],
    [
      'a network failure as the transport raises it',
      refused,
      undefined,
      { result: 'unreachable', detail: refused.message },
    ],
    [
      'a 503 that outlived the retries',
      new DirectoryError('users page 1: Graph answered 503', { status: 503, transient: true }),
      undefined,
      { result: 'failed', detail: 'users page 1: Graph answered 503' },
    ],
    [
      'a token request without an answer',
      new AuthError('the authority could not be reached', { hint: 'check the network', transient: true }),
      undefined,
      { result: 'unreachable', detail: 'the authority could not be reached. What to do: check the network' },
    ],
    [
      "Entra ID's refusal",
      new AuthError('AADSTS7000215: the client secret is invalid', {
        hint: 'configure the secret',
        aadstsCode: 'AADSTS7000215',
        status: 401,
      }),
      undefined,
      {
        result: 'sign-in refused',
        detail: 'AADSTS7000215: the client secret is invalid. What to do: configure the secret',
      },
    ],
    ['anything else', 'a string', undefined, { result: 'failed', detail: 'a string' }],
  ])('%s', (_name, error, licence, verdict) => {
    expect(verdictOf(error, licence)).toEqual(verdict);
  });
});

describe('describeVerdict', () => {
  it('is ok alone, or the result and its detail', () => {
    expect(describeVerdict({ result: 'ok' })).toBe('ok');
    expect(describeVerdict({ result: 'not licensed', detail: P2 })).toBe(`not licensed ${P2}`);
  });
});
