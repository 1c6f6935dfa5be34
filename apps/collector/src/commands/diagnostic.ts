import { tenantChecks } from '../diagnostic/checks.js';
import { diagnose, works } from '../diagnostic/diagnose.js';
import { type DiagnosticOutput, diagnosisJson, diagnosisTable } from '../diagnostic/output.js';
import { EXIT } from '../exit-codes.js';
import { TenantSource } from '../pipeline/tenant-source.js';
import type { CommandContext } from './context.js';
import { prepare } from './prepare.js';

/** How long one check may take, its retries included: a throttled or silent endpoint is reported, not waited out. */
const CHECK_DEADLINE_MS = 60_000;

/**
 * `diagnostic --config FILE`: per tenant, a token, then one cheap call per permission each enabled source needs;
 * exit 0 when everything enabled can work, 1 when something cannot, 2 when the config is invalid.
 */
export async function diagnosticCommand(
  configFile: string,
  output: DiagnosticOutput,
  context: CommandContext,
): Promise<number> {
  const { io, logger, stop } = context;
  const prepared = await prepare(configFile, context);
  if ('problems' in prepared) {
    logger.error('invalid configuration', { config: configFile, problems: prepared.problems });
    return EXIT.usage;
  }
  const { config } = prepared;
  const tenants = config.tenants.map((tenant) => new TenantSource(tenant, logger, { stop }));
  try {
    const diagnoses = await Promise.all(
      tenants.map((tenant) =>
        diagnose(tenant, tenantChecks(config, tenant), { deadlineMs: CHECK_DEADLINE_MS, stop }),
      ),
    );
    io.stdout(output === 'json' ? diagnosisJson(diagnoses) : diagnosisTable(diagnoses));
    return diagnoses.every(works) ? EXIT.ok : EXIT.failed;
  } finally {
    await Promise.all(tenants.map((tenant) => tenant.close()));
  }
}
