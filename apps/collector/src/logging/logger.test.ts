import { describe, expect, it } from 'vitest';
import { logLevelFromEnv } from './level.js';
import { createJsonLogger } from './logger.js';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: string[] = [];
  const logger = createJsonLogger({
    level,
    write: (line) => lines.push(line),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
  });
  return { logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), lines };
}

describe('JSON logger', () => {
  it('writes one JSON line per record with time, level, msg and fields', () => {
    const { logger, lines } = capture();
    logger.child({ tenantId: 't1' }).info('report read', { rows: 3 });
    expect(lines).toEqual([
      '{"time":"2026-01-02T03:04:05.000Z","level":"info","msg":"report read","tenantId":"t1","rows":3}\n',
    ]);
  });

  it('drops records below the level, and the level can change', () => {
    const { logger, records } = capture('warn');
    logger.info('hidden');
    logger.warn('shown');
    logger.setLevel('debug');
    logger.debug('now shown');
    expect(records().map((record) => record.msg)).toEqual(['shown', 'now shown']);
  });

  it('masks sensitive keys at any depth', () => {
    const { logger, records } = capture();
    logger.info('request', {
      clientSecret: 'abc',
      headers: { Authorization: 'Bearer xyz', accept: 'text/csv' },
      nested: [{ access_token: 'tok', password: 'pw', apiKey: 'k', note: 'ok' }],
      tokenCount: null,
    });
    expect(records()[0]).toMatchObject({
      clientSecret: '[REDACTED]',
      headers: { Authorization: '[REDACTED]', accept: 'text/csv' },
      nested: [{ access_token: '[REDACTED]', password: '[REDACTED]', apiKey: '[REDACTED]', note: 'ok' }],
      tokenCount: null,
    });
  });

  it('replaces registered secret values inside any string, error messages included', () => {
    const { logger, lines } = capture();
    logger.addSecret('Sup3r-Secret');
    const error = new Error('token request failed for Sup3r-Secret', {
      cause: new Error('inner Sup3r-Secret'),
    });
    logger.error('failed: Sup3r-Secret', { error, detail: ['x Sup3r-Secret y'] });
    expect(lines.join('')).not.toContain('Sup3r-Secret');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      msg: 'failed: [REDACTED]',
      error: {
        name: 'Error',
        message: 'token request failed for [REDACTED]',
        cause: { message: 'inner [REDACTED]' },
      },
      detail: ['x [REDACTED] y'],
    });
  });

  it('serializes errors with their own fields', () => {
    const { logger, records } = capture();
    const error = Object.assign(new Error('throttled'), { status: 429, code: 'TooManyRequests' });
    logger.warn('retry', { error });
    expect(records()[0]?.error).toEqual({
      name: 'Error',
      message: 'throttled',
      status: 429,
      code: 'TooManyRequests',
    });
  });
});

describe('M365_OTEL_LOG_LEVEL', () => {
  it('is optional, case-insensitive, and validated', () => {
    expect(logLevelFromEnv({})).toBeUndefined();
    expect(logLevelFromEnv({ M365_OTEL_LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(logLevelFromEnv({ M365_OTEL_LOG_LEVEL: 'trace' })).toEqual({
      problem: 'M365_OTEL_LOG_LEVEL: must be one of debug, info, warn, error, got "trace"',
    });
  });
});
