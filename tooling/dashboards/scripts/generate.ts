// Rewrites deploy/grafana/dashboards/*.json from src/: `node tooling/dashboards/scripts/generate.ts` from the
// repository root, or `pnpm --filter @m365-otel/dashboards run generate`. It runs on the sources (Node's type
// stripping), so nothing needs building first.
import '@m365-otel/source-hooks/register';
import { writeGeneratedFiles } from '@m365-otel/codegen';

// Imported once the hooks are in place: the dashboards read the catalog from the workspace packages' sources.
const { generateDashboardFiles } = await import('../src/index.ts');
await writeGeneratedFiles(generateDashboardFiles());
