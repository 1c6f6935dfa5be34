// The generator: metadata.yaml -> src/generated/catalog.ts and docs/metrics.md. Used by scripts/generate.ts to
// write the files and by the test that fails while a committed file differs from what this renders.

import { readFile } from 'node:fs/promises';
import { formatWithBiome, type GeneratedFile, repositoryPath } from '@m365-otel/codegen';
import { renderMetricsDoc } from './docs.ts';
import { loadCatalog, type Vocabularies } from './model.ts';
import { renderCatalogModule } from './typescript.ts';

/** The command that rewrites the generated files; quoted by them and by the test that finds them stale. */
export const GENERATE_COMMAND = 'node packages/mappers/scripts/generate.ts';

export const METADATA_PATH = 'packages/mappers/metadata.yaml';
export const GENERATED_MODULE_PATH = 'packages/mappers/src/generated/catalog.ts';
export const METRICS_DOC_PATH = 'docs/metrics.md';

/** The clients' exports, read from the workspace packages themselves. */
export const WORKSPACE_VOCABULARIES: Vocabularies = {
  async load(pkg, name) {
    const module: Record<string, unknown> = await import(pkg);
    return module[name];
  },
  async reports() {
    const { REPORT_CATALOG } = await import('@m365-otel/report-catalog');
    return Object.values(REPORT_CATALOG);
  },
};

export async function generateCatalogFiles(
  vocabularies: Vocabularies = WORKSPACE_VOCABULARIES,
): Promise<GeneratedFile[]> {
  const catalog = await loadCatalog(await readFile(repositoryPath(METADATA_PATH), 'utf8'), vocabularies);
  return [
    {
      path: GENERATED_MODULE_PATH,
      content: formatWithBiome(GENERATED_MODULE_PATH, renderCatalogModule(catalog, GENERATE_COMMAND)),
    },
    { path: METRICS_DOC_PATH, content: renderMetricsDoc(catalog, GENERATE_COMMAND) },
  ];
}
