// Rewrites src/generated/catalog.ts and docs/metrics.md from metadata.yaml: `node packages/mappers/scripts/generate.ts`
// from the repository root, or `pnpm --filter @m365-otel/mappers run generate`. It runs on the sources (Node's type
// stripping), so nothing needs building first.

import '@m365-otel/source-hooks/register';
import { writeFile } from 'node:fs/promises';

const { generateCatalogFiles, repositoryPath } = await import('./catalog/generate.ts');
for (const file of await generateCatalogFiles()) {
  await writeFile(repositoryPath(file.path), file.content);
  console.log(`wrote ${file.path}`);
}
