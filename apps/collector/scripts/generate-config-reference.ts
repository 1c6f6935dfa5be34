// Rewrites docs/config.md and m365-otel.schema.json from the config schema:
// `pnpm --filter @m365-otel/collector run config-reference`, or `node --conditions=source
// apps/collector/scripts/generate-config-reference.ts` from the repository root. It runs on the sources (the
// workspace packages resolve to their src through the `source` export condition), so nothing needs building.

import { writeFile } from 'node:fs/promises';
import { registerHooks } from 'node:module';

// The sources import each other as `./x.js` (what tsc and the build expect) while the files on disk are `.ts`;
// Node strips types but does not remap extensions, so this hook retries such an import with `.ts`.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, context);
    }
  },
});

const { renderConfigDoc, renderJsonSchema } = await import('../src/config/reference.ts');
for (const [path, text] of [
  ['../../../docs/config.md', renderConfigDoc()],
  ['../../../m365-otel.schema.json', renderJsonSchema()],
] as const) {
  const target = new URL(path, import.meta.url);
  await writeFile(target, text);
  console.log(`wrote ${target.pathname}`);
}
