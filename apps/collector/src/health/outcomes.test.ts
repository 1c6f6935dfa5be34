import { describe, expect, it } from 'vitest';
import type { AuditStreamResult } from '../audit/stream.js';
import { GovernancePartialError } from '../pipeline/governance.js';
import { auditOutcome, governanceOutcome, reportsOutcome } from './outcomes.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const DAY_MS = Date.parse('2026-11-28T00:00:00Z');
const read = (report: string) => ({ tenantId: TENANT, report, ok: true as const, unchanged: false });
const failed = (report: string, message: string) => ({
  tenantId: TENANT,
  report,
  ok: false as const,
  error: new Error(message),
});

describe('reportsOutcome', () => {
  it('is nothing for a tenant without reports', () => {
    expect(reportsOutcome([], undefined)).toBeUndefined();
  });

  it('succeeds with the newest report day when every report was read', () => {
    expect(reportsOutcome([read('getEmailActivityCounts'), read('getMailboxUsageStorage')], DAY_MS)).toEqual({
      kind: 'succeeded',
      freshAsOfMs: DAY_MS,
    });
  });

  it('is partial, naming the failed reports, when some were read', () => {
    const outcome = reportsOutcome(
      [
        read('getEmailActivityCounts'),
        ...['a', 'b', 'c', 'd'].map((name) => failed(`report${name}`, `${name}: 403`)),
      ],
      DAY_MS,
    );
    expect(outcome).toMatchObject({ kind: 'partial', freshAsOfMs: DAY_MS });
    expect(outcome?.kind === 'partial' && (outcome.error as Error).message).toBe(
      '4 of 5 reports failed: reporta: a: 403; reportb: b: 403; reportc: c: 403; 1 more in the log',
    );
  });

  it('fails with the first report’s error when none was read', () => {
    const first = failed('getEmailActivityCounts', 'AADSTS7000215');
    expect(reportsOutcome([first, failed('getMailboxUsageStorage', 'same')], undefined)).toEqual({
      kind: 'failed',
      error: first.error,
    });
  });
});

describe('governanceOutcome', () => {
  it('is partial when some calls of the signal failed, failed otherwise', () => {
    const partial = new GovernancePartialError('licences', [
      { resource: 'subscriptions', error: new Error('403') },
    ]);
    const base = { tenantId: TENANT, signal: 'licences' as const, events: 0 };
    expect(governanceOutcome({ ...base, ok: false, stage: 'collect', error: partial })).toEqual({
      kind: 'partial',
      error: partial,
    });
    const whole = new Error('403');
    expect(governanceOutcome({ ...base, ok: false, stage: 'collect', error: whole })).toEqual({
      kind: 'failed',
      error: whole,
    });
    expect(governanceOutcome({ ...base, ok: true })).toEqual({ kind: 'succeeded' });
  });
});

describe('auditOutcome', () => {
  const STARTED = Date.parse('2026-11-30T12:00:00Z');
  const result = (fields: Partial<AuditStreamResult>): AuditStreamResult => ({
    tenantId: TENANT,
    contentType: 'Audit.General',
    status: 'ok',
    ok: true,
    records: 3,
    duplicates: 0,
    blobs: 1,
    commitFailures: 0,
    rejected: 0,
    nextPollMs: 180_000,
    ...fields,
  });

  it('a complete poll is as fresh as its start, when the listing ended', () => {
    expect(auditOutcome(result({}), STARTED)).toEqual({ kind: 'succeeded', freshAsOfMs: STARTED });
  });

  it('a poll delivered whose commits or records were refused is partial', () => {
    const outcome = auditOutcome(result({ ok: false, commitFailures: 2, rejected: 5 }), STARTED);
    expect(outcome).toMatchObject({ kind: 'partial', freshAsOfMs: STARTED });
    expect(outcome?.kind === 'partial' && (outcome.error as Error).message).toBe(
      '2 checkpoint commits the state directory refused; 5 records the OTLP backend rejected',
    );
  });

  it('a failed poll fails with its error; one stopped for shutdown tells nothing', () => {
    const error = new Error('AF20023');
    expect(
      auditOutcome(
        result({ status: 'failed', ok: false, failure: { kind: 'configuration', stage: 'listing', error } }),
        STARTED,
      ),
    ).toEqual({ kind: 'failed', error });
    expect(auditOutcome(result({ status: 'stopped', ok: false }), STARTED)).toBeUndefined();
  });
});
