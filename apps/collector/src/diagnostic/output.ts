import { type TenantDiagnosis, works } from './diagnose.js';
import { describeVerdict } from './verdict.js';

/** How `diagnostic` prints: a table for people (the default), JSON for scripts. */
export const DIAGNOSTIC_OUTPUTS = ['table', 'json'] as const;
export type DiagnosticOutput = (typeof DIAGNOSTIC_OUTPUTS)[number];

export function isDiagnosticOutput(value: string): value is DiagnosticOutput {
  return (DIAGNOSTIC_OUTPUTS as readonly string[]).includes(value);
}

const SIGN_IN = { source: 'sign-in', call: 'token' };

/**
 * Per tenant, one row per check: source (as `run --once` names it), the call made, and its verdict; an optional
 * check that failed says why the source works without it. A sign-in that failed is the tenant's only row.
 */
export function diagnosisTable(diagnoses: readonly TenantDiagnosis[]): string {
  return diagnoses
    .map((diagnosis) => {
      const rows = [
        ['SOURCE', 'CALL', 'RESULT'],
        [SIGN_IN.source, SIGN_IN.call, describeVerdict(diagnosis.signIn)],
        ...diagnosis.checks.map((check) => [
          check.source,
          check.call,
          check.optional !== undefined && check.verdict.result !== 'ok'
            ? `${describeVerdict(check.verdict)} (optional: ${check.optional})`
            : describeVerdict(check.verdict),
        ]),
      ];
      const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
      const lines = rows.map(
        ([source = '', call = '', result = '']) =>
          `  ${source.padEnd(widths[0] ?? 0)}  ${call.padEnd(widths[1] ?? 0)}  ${result}`,
      );
      return `tenant ${diagnosis.tenantId}: ${summary(diagnosis)}\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

/** The same as JSON: `ok` for the whole run and per tenant, each check's `result` and its `detail`. */
export function diagnosisJson(diagnoses: readonly TenantDiagnosis[]): string {
  return `${JSON.stringify({
    ok: diagnoses.every(works),
    tenants: diagnoses.map((diagnosis) => ({
      tenantId: diagnosis.tenantId,
      ok: works(diagnosis),
      checks: [
        { ...SIGN_IN, ...diagnosis.signIn },
        ...diagnosis.checks.map(({ verdict, optional, ...check }) => ({
          ...check,
          ...verdict,
          ...(optional !== undefined && { optional: true }),
        })),
      ],
    })),
  })}\n`;
}

function summary(diagnosis: TenantDiagnosis): string {
  if (diagnosis.signIn.result !== 'ok') return 'cannot sign in, nothing can work';
  const failing = diagnosis.checks.filter(
    (check) => check.optional === undefined && check.verdict.result !== 'ok',
  ).length;
  return failing === 0
    ? `everything enabled can work (${diagnosis.checks.length} checks)`
    : `${failing} of ${diagnosis.checks.length} checks cannot work`;
}
