// Rewrites src/generated/catalog.ts and docs/metrics.md from metadata.yaml: `node packages/mappers/scripts/generate.ts`
// from the repository root, or `pnpm --filter @m365-otel/mappers run generate`. It runs on the sources (Node's type
// stripping), so nothing needs building first.

import '@m365-otel/source-hooks/register';
import { writeGeneratedFiles } from '@m365-otel/codegen';

// Imported once the hooks are in place: the catalog reads the vocabularies from the workspace packages' sources.
const { generateCatalogFiles } = await import('./catalog/generate.ts');
await writeGeneratedFiles(await generateCatalogFiles());
