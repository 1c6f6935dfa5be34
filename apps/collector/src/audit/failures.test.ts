import { AuthError } from '@m365-otel/auth';
import { ManagementApiError } from '@m365-otel/management-api';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../logging/logger.js';
import { StateError } from '../state/store.js';
import { CheckpointError, parseAuditCheckpoint } from './checkpoint.js';
import { FailureStreak, failureKind } from './failures.js';

describe('failureKind', () => {
  it('tells what only the operator can fix from what may pass', () => {
    expect(failureKind(new ManagementApiError('x', { status: 403, code: 'AF10001' }))).toBe('configuration');
    expect(failureKind(new ManagementApiError('x', { status: 400, code: 'AF20012' }))).toBe('configuration');
    expect(failureKind(new ManagementApiError('x', { status: 401 }))).toBe('configuration');
    expect(failureKind(new ManagementApiError('x', { status: 503, transient: true }))).toBe('transient');
    expect(failureKind(new ManagementApiError('x', { status: 400, code: 'AF20055' }))).toBe('transient');
    expect(failureKind(new AuthError('bad secret', { hint: 'h' }))).toBe('configuration');
    expect(failureKind(new AuthError('timeout', { hint: 'h', transient: true }))).toBe('transient');
    expect(failureKind(new StateError('/s/x.json', 'corrupt'))).toBe('configuration');
    expect(() => parseAuditCheckpoint({}, 't/audit/DLP.All')).toThrow(CheckpointError);
    expect(failureKind(new CheckpointError('state t/audit/DLP.All: not a JSON object'))).toBe(
      'configuration',
    );
    expect(failureKind(new Error('ECONNRESET'))).toBe('transient');
  });
});

describe('FailureStreak', () => {
  it('warns once, escalates to error at 3 and then as the streak doubles, and says when it recovered', () => {
    const lines: Array<{ level: string; msg: string; failuresInARow: number }> = [];
    const logger = createJsonLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
    const streak = new FailureStreak();
    for (let poll = 0; poll < 9; poll++) streak.failed(logger, 'transient', {}, new Error('503'));
    streak.succeeded(logger, {});
    expect(lines.map(({ level, failuresInARow }) => `${level}:${failuresInARow}`)).toEqual([
      'warn:1',
      'debug:2',
      'error:3',
      'error:4',
      'debug:5',
      'debug:6',
      'debug:7',
      'error:8',
      'debug:9',
      'info:9',
    ]);
  });
});
