// Rewrites src/generated/catalog.ts and docs/metrics.md from metadata.yaml: `node packages/mappers/scripts/generate.ts`
// from the repository root, or `pnpm --filter @m365-otel/mappers run generate`. It runs on the sources (Node's type
// stripping), so nothing needs building first.

import { writeFile } from 'node:fs/promises';
import { registerHooks } from 'node:module';

// The workspace packages are read through their `source` export condition, and their sources import each other as
// `./x.js` (what tsc expects) while the files on disk are `.ts`: Node strips types but does not remap extensions,
// so such an import is retried with `.ts`.
registerHooks({
  resolve(specifier, context, nextResolve) {
    const withSource = { ...context, conditions: [...context.conditions, 'source'] };
    try {
      return nextResolve(specifier, withSource);
    } catch (error) {
      if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, withSource);
    }
  },
});

const { generateCatalogFiles, repositoryPath } = await import('./catalog/generate.ts');
for (const file of await generateCatalogFiles()) {
  await writeFile(repositoryPath(file.path), file.content);
  console.log(`wrote ${file.path}`);
}
