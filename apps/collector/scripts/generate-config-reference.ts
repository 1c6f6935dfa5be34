// Rewrites docs/config.md and m365-otel.schema.json from the config schema:
// `pnpm --filter @m365-otel/collector run config-reference`, or `node
// apps/collector/scripts/generate-config-reference.ts` from the repository root. It runs on the sources (the
// workspace packages resolve to their src through the `source` export condition), so nothing needs building.

import '@m365-otel/source-hooks/register';
import { writeFile } from 'node:fs/promises';

const { renderConfigDoc, renderJsonSchema } = await import('../src/config/reference.ts');
for (const [path, text] of [
  ['../../../docs/config.md', renderConfigDoc()],
  ['../../../m365-otel.schema.json', renderJsonSchema()],
] as const) {
  const target = new URL(path, import.meta.url);
  await writeFile(target, text);
  console.log(`wrote ${target.pathname}`);
}
