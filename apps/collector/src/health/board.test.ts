import { AuthError } from '@m365-otel/auth';
import { ReportError } from '@m365-otel/graph-reports';
import { ManagementApiError } from '@m365-otel/management-api';
import { ServiceHealthError } from '@m365-otel/service-health';
import { describe, expect, it } from 'vitest';
import { SourceStatusBoard } from './board.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const T0 = Date.parse('2026-11-30T12:00:00Z');

function clock(startMs = T0) {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

const refused = () =>
  new AuthError('Entra ID refused the client secret (AADSTS7000215)', {
    hint: 'create a new client secret and set it in the config',
    aadstsCode: 'AADSTS7000215',
    status: 401,
  });

describe('SourceStatusBoard', () => {
  it('lists expected sources as no data yet, and is not ready before a tenant holds a token', () => {
    const board = new SourceStatusBoard([A], clock().now);
    board.expect(A, 'reports');
    board.expect(A, 'audit Audit.General');
    expect(board.tenants()).toEqual([
      {
        tenantId: A,
        token: 'not yet',
        sources: [
          { source: 'reports', status: 'no data yet' },
          { source: 'audit Audit.General', status: 'no data yet' },
        ],
      },
    ]);
    expect(board.readiness()).toEqual({
      ready: false,
      checks: { config: 'ok', authenticated: 'no tenant has acquired a token yet', stateStore: 'ok' },
    });
  });

  it('a success makes the source ok with its time, and the tenant authenticated', () => {
    const time = clock();
    const board = new SourceStatusBoard([A, B], time.now);
    board.record(A, 'service-health', { kind: 'succeeded' });
    expect(board.tenants()[0]).toEqual({
      tenantId: A,
      token: 'acquired',
      sources: [{ source: 'service-health', status: 'ok', lastSuccess: '2026-11-30T12:00:00.000Z' }],
    });
    expect(board.tenants()[1]?.token).toBe('not yet');
    expect(board.readiness().ready).toBe(true);
  });

  it('a refused credential fails the source with its actionable reason and the tenant’s token', () => {
    const board = new SourceStatusBoard([A], clock().now);
    board.record(A, 'reports', { kind: 'failed', error: refused() });
    const [tenant] = board.tenants();
    const reason =
      'Entra ID refused the client secret (AADSTS7000215). What to do: create a new client secret and set it in the config';
    expect(tenant?.token).toBe(`failed: ${reason}`);
    expect(tenant?.sources).toEqual([
      {
        source: 'reports',
        status: `failed: ${reason}`,
        lastFailure: { time: '2026-11-30T12:00:00.000Z', reason },
      },
    ]);
    expect(board.readiness().ready).toBe(false);
  });

  it('a Microsoft API answer, even a 403, means the tenant held a token', () => {
    const board = new SourceStatusBoard([A], clock().now);
    const forbidden = new ReportError('getMailboxUsageStorage: 403 Forbidden; grant Reports.Read.All', {
      report: 'getMailboxUsageStorage',
      status: 403,
      code: 'Forbidden',
      permission: 'Reports.Read.All',
    });
    board.record(A, 'reports', { kind: 'failed', error: forbidden });
    expect(board.tenants()[0]?.token).toBe('acquired');
    expect(board.tenants()[0]?.sources[0]?.status).toBe(
      'failed: getMailboxUsageStorage: 403 Forbidden; grant Reports.Read.All',
    );
    expect(board.readiness().ready).toBe(true);
  });

  it.each([
    ['429 after the retries', new ServiceHealthError('issues: 429 Too Many Requests', { status: 429 })],
    [
      'the Management Activity API’s AF429, wrapped',
      new Error('listing failed', {
        cause: new ManagementApiError('content list: 403 AF429', { status: 403, code: 'AF429' }),
      }),
    ],
  ])('throttled: %s', (_name, error) => {
    const board = new SourceStatusBoard([A], clock().now);
    board.record(A, 'audit Audit.Exchange', { kind: 'failed', error });
    expect(board.tenants()[0]?.sources[0]).toMatchObject({
      status: 'throttled',
      lastFailure: { reason: error.message },
    });
  });

  it('a failure after throttled answers is throttled, whatever ended the poll; a result clears the notice', () => {
    const board = new SourceStatusBoard([A], clock().now);
    board.throttled(A, 'audit Audit.SharePoint');
    board.record(A, 'audit Audit.SharePoint', {
      kind: 'failed',
      error: new Error('the audit poll did not finish within 30 min'),
    });
    expect(board.tenants()[0]?.sources[0]).toMatchObject({
      status: 'throttled',
      lastFailure: { reason: 'the audit poll did not finish within 30 min' },
    });
    board.throttled(A, 'audit Audit.SharePoint');
    board.record(A, 'audit Audit.SharePoint', { kind: 'succeeded' });
    board.record(A, 'audit Audit.SharePoint', { kind: 'failed', error: new Error('503') });
    expect(board.tenants()[0]?.sources[0]?.status).toBe('failed: 503');
  });

  it('a source that partly worked is degraded, and recovers to ok keeping its last failure', () => {
    const time = clock();
    const board = new SourceStatusBoard([A], time.now);
    board.record(A, 'governance licences', {
      kind: 'partial',
      error: new Error('the licences signal read its other calls, but subscriptions: 403'),
    });
    expect(board.tenants()[0]?.sources[0]?.status).toBe('degraded');
    time.advance(60_000);
    board.record(A, 'governance licences', { kind: 'succeeded' });
    expect(board.tenants()[0]?.sources[0]).toEqual({
      source: 'governance licences',
      status: 'ok',
      lastSuccess: '2026-11-30T12:01:00.000Z',
      lastFailure: {
        time: '2026-11-30T12:00:00.000Z',
        reason: 'the licences signal read its other calls, but subscriptions: 403',
      },
    });
  });

  it('a failure that says nothing of the credential leaves the token as it was', () => {
    const board = new SourceStatusBoard([A], clock().now);
    board.record(A, 'service-health', { kind: 'succeeded' });
    board.record(A, 'service-health', { kind: 'failed', error: new Error('the OTLP backend refused') });
    expect(board.tenants()[0]?.token).toBe('acquired');
    expect(board.tenants()[0]?.sources[0]?.status).toBe('failed: the OTLP backend refused');
  });

  it('keeps one line of a long reason, its start and its end, within a bounded length', () => {
    const board = new SourceStatusBoard([A], clock().now);
    const line = `listing failed: ${'x'.repeat(1_000)}; grant ActivityFeed.Read`;
    board.record(A, 'call-quality', { kind: 'failed', error: new Error(`${line}\nsecond line`) });
    const reason = board.tenants()[0]?.sources[0]?.lastFailure?.reason ?? '';
    expect(reason.length).toBe(600);
    expect(reason).toMatch(/^listing failed: x+…x+; grant ActivityFeed\.Read$/);
  });

  it('is not ready while the state store refuses writes, and ready again once one succeeds', () => {
    const board = new SourceStatusBoard([A], clock().now);
    board.record(A, 'reports', { kind: 'succeeded' });
    board.stateWriteFailed(new Error('ENOSPC: no space left on device, write'));
    expect(board.readiness()).toEqual({
      ready: false,
      checks: {
        config: 'ok',
        authenticated: 'ok',
        stateStore: 'failed: ENOSPC: no space left on device, write',
      },
    });
    board.stateWritten();
    expect(board.readiness().ready).toBe(true);
  });

  it('tells each source’s last success and how fresh its data is', () => {
    const time = clock();
    const board = new SourceStatusBoard([A], time.now);
    board.expect(A, 'call-quality');
    board.record(A, 'reports', { kind: 'succeeded', freshAsOfMs: T0 - 86_400_000 });
    board.record(A, 'service-health', { kind: 'failed', error: new Error('down') });
    expect(board.freshness(A)).toEqual([
      { source: 'call-quality', lastSuccessMs: undefined, freshAsOfMs: undefined },
      { source: 'reports', lastSuccessMs: T0, freshAsOfMs: T0 - 86_400_000 },
      { source: 'service-health', lastSuccessMs: undefined, freshAsOfMs: undefined },
    ]);
  });

  it('refuses a tenant it was not built with', () => {
    const board = new SourceStatusBoard([A], clock().now);
    expect(() => board.record(B, 'reports', { kind: 'succeeded' })).toThrow(`no tenant ${B}`);
  });
});
