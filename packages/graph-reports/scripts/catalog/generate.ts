// The generator: reports.yaml -> src/generated/reports.ts and docs/reports.md. Used by scripts/generate.ts to write
// the files and by the test that fails while a committed file differs from what this renders.

import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderReportsDoc } from './docs.ts';
import { loadReportsCatalog } from './model.ts';
import { renderReportsModule } from './typescript.ts';

/** The command that rewrites the generated files; quoted by them and by the test that finds them stale. */
export const GENERATE_COMMAND = 'node packages/graph-reports/scripts/generate.ts';

const ROOT = new URL('../../../../', import.meta.url);
export const REPORTS_YAML_PATH = 'packages/graph-reports/reports.yaml';
export const GENERATED_MODULE_PATH = 'packages/graph-reports/src/generated/reports.ts';
export const REPORTS_DOC_PATH = 'docs/reports.md';

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

export function repositoryPath(path: string): string {
  return fileURLToPath(new URL(path, ROOT));
}

/** The generated module goes through Biome (format, safe fixes): `biome check` finds nothing in it. */
function format(path: string, source: string): string {
  return execFileSync(
    repositoryPath('node_modules/.bin/biome'),
    ['check', '--write', `--stdin-file-path=${path}`],
    {
      cwd: repositoryPath('.'),
      input: source,
      encoding: 'utf8',
    },
  );
}

export async function generateReportFiles(): Promise<GeneratedFile[]> {
  const catalog = loadReportsCatalog(await readFile(repositoryPath(REPORTS_YAML_PATH), 'utf8'));
  return [
    {
      path: GENERATED_MODULE_PATH,
      content: format(GENERATED_MODULE_PATH, renderReportsModule(catalog, GENERATE_COMMAND)),
    },
    { path: REPORTS_DOC_PATH, content: renderReportsDoc(catalog, GENERATE_COMMAND) },
  ];
}
