import { MicrosoftApiError } from '@m365-otel/request-pipeline';
import { describe, expect, it } from 'vitest';
import { BlobUnavailableError, ManagementApiError } from './errors.js';
import { activityFailureKind } from './failure-kind.js';

const answered = (status: number, code: string | undefined, message = 'refused', transient = false) =>
  new ManagementApiError(
    `Audit.Exchange content page 1: the Management Activity API answered ${status}: ${message}`,
    {
      status,
      ...(code !== undefined && { code }),
      transient,
    },
  );

describe('activityFailureKind', () => {
  it.each([
    ['AF10001', 403],
    ['AF20010', 400],
    ['AF20011', 400],
    ['AF20012', 400],
    ['AF20013', 400],
    ['AF20020', 400],
  ])('%s is configuration', (code, status) => {
    expect(activityFailureKind(answered(status, code))).toBe('configuration');
  });

  it.each([
    ['Tenant 41463f53-8812-40f4-890f-865bf6e35190 does not exist.'],
    ['The tenant is not enabled for unified auditing: audit logging is not enabled.'],
  ])('the unified-audit-off text is configuration: %s', (message) => {
    expect(activityFailureKind(answered(400, 'AF20099', message))).toBe('configuration');
  });

  it('a 401 (after the fresh token the pipeline asks for) and a 403 without AF429 are configuration', () => {
    expect(
      activityFailureKind(answered(401, undefined, 'Authorization has been denied for this request.')),
    ).toBe('configuration');
    expect(activityFailureKind(answered(403, undefined))).toBe('configuration');
    expect(activityFailureKind(new MicrosoftApiError('refused', { status: 403, code: 'Forbidden' }))).toBe(
      'configuration',
    );
  });

  it.each([
    ['a 500', answered(500, undefined, 'boom', true)],
    ['a 503', answered(503, undefined, 'down', true)],
    ['a 408', answered(408, undefined, 'timeout', true)],
    ['AF50000 on a 200', answered(200, 'AF50000', 'An internal error occurred.')],
    ['AF50005', answered(500, 'AF50005', 'internal', true)],
    ['AF50006', answered(500, 'AF50006', 'internal', true)],
    ['throttling given up on (403 AF429)', answered(403, 'AF429', 'Too many requests.', true)],
    ['a 429', answered(429, undefined, 'slow down', true)],
    ['a network failure', new ManagementApiError('request failed: ECONNRESET', { transient: true })],
    ['a non-API error', new Error('socket hang up')],
    ['an expired blob', new BlobUnavailableError('expired', 'expired', { status: 400, code: 'AF20051' })],
    ['the content does not exist', answered(404, 'AF20050', 'The specified content does not exist.')],
  ])('%s is transient', (_name, error) => {
    expect(activityFailureKind(error)).toBe('transient');
  });
});
