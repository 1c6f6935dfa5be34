import type { Check } from './checks.js';
import { type Verdict, verdictOf } from './verdict.js';

/** One check's outcome. */
export interface CheckResult {
  source: string;
  call: string;
  /** Why the source works without the call, when it does. */
  optional?: string;
  verdict: Verdict;
}

/** One tenant's outcome: the sign-in, then (when it worked) each check. */
export interface TenantDiagnosis {
  tenantId: string;
  signIn: Verdict;
  checks: CheckResult[];
}

export interface DiagnoseOptions {
  /** How long one call (the sign-in included) may take, its retries included. */
  deadlineMs: number;
  stop: AbortSignal;
}

/** What `diagnose` needs of a tenant. */
export interface DiagnosedTenant {
  tenantId: string;
  signIn(): Promise<void>;
}

/**
 * Signs in, then makes every check side by side, each within the deadline. Without a token no call can work: the
 * checks are then not made, and the sign-in's verdict says why.
 */
export async function diagnose(
  tenant: DiagnosedTenant,
  checks: readonly Check[],
  options: DiagnoseOptions,
): Promise<TenantDiagnosis> {
  const signIn = await withinDeadline(() => tenant.signIn(), undefined, options);
  if (signIn.result !== 'ok') return { tenantId: tenant.tenantId, signIn, checks: [] };
  const results = await Promise.all(
    checks.map(async (check) => ({
      source: check.source,
      call: check.call,
      ...(check.optional !== undefined && { optional: check.optional }),
      verdict: await withinDeadline((signal) => check.run(signal), check.licence, options),
    })),
  );
  return { tenantId: tenant.tenantId, signIn, checks: results };
}

/** Whether everything the config turns on can work: the sign-in and every check that is not optional. */
export function works(diagnosis: TenantDiagnosis): boolean {
  return (
    diagnosis.signIn.result === 'ok' &&
    diagnosis.checks.every((check) => check.optional !== undefined || check.verdict.result === 'ok')
  );
}

async function withinDeadline(
  call: (signal: AbortSignal) => Promise<unknown>,
  licence: string | undefined,
  options: DiagnoseOptions,
): Promise<Verdict> {
  const deadline = new AbortController();
  const signal = AbortSignal.any([options.stop, deadline.signal]);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => {
      deadline.abort(new Error('deadline'));
      resolve('expired');
    }, options.deadlineMs);
  });
  try {
    // The race ends a call that ignores the signal (the sign-in's) as well.
    const outcome = await Promise.race([call(signal).then(() => 'answered' as const), expired]);
    if (outcome === 'expired')
      return { result: 'unreachable', detail: `no answer within ${options.deadlineMs / 1000} s` };
    return { result: 'ok' };
  } catch (error) {
    if (deadline.signal.aborted)
      return { result: 'unreachable', detail: `no answer within ${options.deadlineMs / 1000} s` };
    return verdictOf(error, licence);
  } finally {
    clearTimeout(timer);
  }
}
