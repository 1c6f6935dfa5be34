// The generator: metadata.yaml -> src/generated/catalog.ts and docs/metrics.md. Used by scripts/generate.ts to
// write the files and by the test that fails while a committed file differs from what this renders.

import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderMetricsDoc } from './docs.ts';
import { loadCatalog, type Vocabularies } from './model.ts';
import { renderCatalogModule } from './typescript.ts';

/** The command that rewrites the generated files; quoted by them and by the test that finds them stale. */
export const GENERATE_COMMAND = 'node packages/mappers/scripts/generate.ts';

const ROOT = new URL('../../../../', import.meta.url);
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
    const { REPORT_CATALOG } = await import('@m365-otel/graph-reports');
    return Object.values(REPORT_CATALOG);
  },
};

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

export function repositoryPath(path: string): string {
  return fileURLToPath(new URL(path, ROOT));
}

/** The generated module goes through Biome (format, import order, safe fixes): `biome check` finds nothing in it. */
function format(path: string, source: string): string {
  const biome = repositoryPath('node_modules/.bin/biome');
  return execFileSync(biome, ['check', '--write', `--stdin-file-path=${path}`], {
    cwd: repositoryPath('.'),
    input: source,
    encoding: 'utf8',
  });
}

export async function generateCatalogFiles(
  vocabularies: Vocabularies = WORKSPACE_VOCABULARIES,
): Promise<GeneratedFile[]> {
  const catalog = await loadCatalog(await readFile(repositoryPath(METADATA_PATH), 'utf8'), vocabularies);
  return [
    {
      path: GENERATED_MODULE_PATH,
      content: format(GENERATED_MODULE_PATH, renderCatalogModule(catalog, GENERATE_COMMAND)),
    },
    { path: METRICS_DOC_PATH, content: renderMetricsDoc(catalog, GENERATE_COMMAND) },
  ];
}
