// Rewrites src/generated/reports.ts and docs/reports.md from reports.yaml: `node packages/report-catalog/scripts/generate.ts`
// from the repository root, or `pnpm --filter @m365-otel/report-catalog run generate`. It runs on the sources (Node's
// type stripping), so nothing needs building first.

import { writeGeneratedFiles } from '@m365-otel/codegen';
import { generateReportFiles } from './catalog/generate.ts';

await writeGeneratedFiles(await generateReportFiles());
