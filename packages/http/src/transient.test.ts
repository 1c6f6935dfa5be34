import { describe, expect, it } from 'vitest';
import { isNetworkTimeout, isTransientNetworkError } from './transient.js';

describe('isTransientNetworkError', () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it('recognises resets, timeouts and refused connections', () => {
    for (const code of [
      'ECONNRESET',
      'EPIPE',
      'ETIMEDOUT',
      'ECONNREFUSED',
      'UND_ERR_SOCKET',
      'UND_ERR_BODY_TIMEOUT',
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_CONNECT_TIMEOUT',
    ]) {
      expect(isTransientNetworkError(coded(code))).toBe(true);
    }
  });

  it('follows causes, AggregateErrors and fetch "terminated" errors', () => {
    expect(isTransientNetworkError(new Error('wrapped', { cause: coded('ECONNRESET') }))).toBe(true);
    expect(isTransientNetworkError(new AggregateError([coded('ENOTFOUND'), coded('ECONNREFUSED')]))).toBe(
      true,
    );
    expect(isTransientNetworkError(new TypeError('terminated'))).toBe(true);
  });

  it('rejects TLS failures, aborts and non-errors', () => {
    expect(isTransientNetworkError(coded('SELF_SIGNED_CERT_IN_CHAIN'))).toBe(false);
    expect(isTransientNetworkError(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isTransientNetworkError(coded('UND_ERR_ABORTED'))).toBe(false);
    expect(isTransientNetworkError('ECONNRESET')).toBe(false);
    expect(isTransientNetworkError(undefined)).toBe(false);
  });
});

describe('isNetworkTimeout', () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it('tells the timeouts among the network failures, through causes', () => {
    for (const code of [
      'ETIMEDOUT',
      'UND_ERR_BODY_TIMEOUT',
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_CONNECT_TIMEOUT',
    ]) {
      expect(isNetworkTimeout(new Error('wrapped', { cause: coded(code) }))).toBe(true);
    }
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'EAI_AGAIN']) {
      expect(isNetworkTimeout(coded(code))).toBe(false);
    }
    expect(isNetworkTimeout(new TypeError('terminated'))).toBe(false);
  });
});
