// Rewrites src/generated/reports.ts and docs/reports.md from reports.yaml: `node packages/graph-reports/scripts/generate.ts`
// from the repository root, or `pnpm --filter @m365-otel/graph-reports run generate`. It runs on the sources (Node's
// type stripping), so nothing needs building first.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateReportFiles, repositoryPath } from './catalog/generate.ts';

for (const file of await generateReportFiles()) {
  await mkdir(dirname(repositoryPath(file.path)), { recursive: true });
  await writeFile(repositoryPath(file.path), file.content);
  console.log(`wrote ${file.path}`);
}
