// The generator: reports.yaml -> src/generated/reports.ts and docs/reports.md. Used by scripts/generate.ts to write
// the files and by the test that fails while a committed file differs from what this renders.

import { readFile } from 'node:fs/promises';
import { formatWithBiome, type GeneratedFile, repositoryPath } from '@m365-otel/codegen';
import { renderReportsDoc } from './docs.ts';
import { loadReportsCatalog } from './model.ts';
import { renderReportsModule } from './typescript.ts';

/** The command that rewrites the generated files; quoted by them and by the test that finds them stale. */
export const GENERATE_COMMAND = 'node packages/report-catalog/scripts/generate.ts';

export const REPORTS_YAML_PATH = 'packages/report-catalog/reports.yaml';
export const GENERATED_MODULE_PATH = 'packages/report-catalog/src/generated/reports.ts';
export const REPORTS_DOC_PATH = 'docs/reports.md';

export async function generateReportFiles(): Promise<GeneratedFile[]> {
  const catalog = loadReportsCatalog(await readFile(repositoryPath(REPORTS_YAML_PATH), 'utf8'));
  return [
    {
      path: GENERATED_MODULE_PATH,
      content: formatWithBiome(GENERATED_MODULE_PATH, renderReportsModule(catalog, GENERATE_COMMAND)),
    },
    { path: REPORTS_DOC_PATH, content: renderReportsDoc(catalog, GENERATE_COMMAND) },
  ];
}
