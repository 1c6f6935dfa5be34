// Rewrites docs/metrics.md from the metric catalog: `node packages/mappers/scripts/generate-docs.ts` from the
// repository root, or `pnpm --filter @m365-otel/mappers run docs` (with `run`: a bare `pnpm docs` is pnpm's own
// command). It runs on the sources, so nothing needs building first.

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

const { renderMetricsDoc } = await import('../src/index.ts');
const target = new URL('../../../docs/metrics.md', import.meta.url);
await writeFile(target, renderMetricsDoc());
console.log(`wrote ${target.pathname}`);
