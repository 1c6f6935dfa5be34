import { DirectoryError } from '@m365-otel/directory';
import { describe, expect, it } from 'vitest';
import type { Check } from './checks.js';
import { diagnose, works } from './diagnose.js';

const stop = new AbortController().signal;
const options = { deadlineMs: 60_000, stop };
const signedIn = { tenantId: 't', signIn: () => Promise.resolve() };
const forbidden = new DirectoryError('403', { status: 403, permission: 'Application.Read.All' });

function check(source: string, run: Check['run'], extra: Partial<Check> = {}): Check {
  return { source, call: 'call', run, ...extra };
}

describe('diagnose', () => {
  it('makes every check after the sign-in, each with its verdict', async () => {
    const diagnosis = await diagnose(
      signedIn,
      [
        check('reports', () => Promise.resolve()),
        check('governance appCredentials', () => Promise.reject(forbidden)),
      ],
      options,
    );
    expect(diagnosis.checks.map((result) => result.verdict)).toEqual([
      { result: 'ok' },
      { result: 'missing permission', detail: 'Application.Read.All' },
    ]);
    expect(works(diagnosis)).toBe(false);
  });

  it('makes no check when the sign-in fails', async () => {
    let made = 0;
    const diagnosis = await diagnose(
      { tenantId: 't', signIn: () => Promise.reject(new Error('no token')) },
      [check('reports', async () => made++)],
      options,
    );
    expect(made).toBe(0);
    expect(diagnosis).toEqual({
      tenantId: 't',
      signIn: { result: 'failed', detail: 'no token' },
      checks: [],
    });
    expect(works(diagnosis)).toBe(false);
  });

  it('still works when only an optional check fails', async () => {
    const diagnosis = await diagnose(
      signedIn,
      [check('reports', () => Promise.reject(forbidden), { optional: 'names told from the rows' })],
      options,
    );
    expect(diagnosis.checks[0]?.verdict.result).toBe('missing permission');
    expect(works(diagnosis)).toBe(true);
  });

  it('calls a check that does not answer within the deadline unreachable, and aborts it', async () => {
    let aborted = false;
    const diagnosis = await diagnose(
      signedIn,
      [
        check(
          'call-quality',
          (signal) =>
            new Promise((_resolve, reject) =>
              signal.addEventListener('abort', () => {
                aborted = true;
                reject(signal.reason);
              }),
            ),
        ),
      ],
      { deadlineMs: 1, stop },
    );
    expect(diagnosis.checks[0]?.verdict).toEqual({
      result: 'unreachable',
      detail: 'no answer within 0.001 s',
    });
    expect(aborted).toBe(true);
  });
});
