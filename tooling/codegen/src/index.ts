// What the repository's generators (packages/report-catalog/scripts, packages/mappers/scripts) share. They run on
// the TypeScript sources with Node's type stripping, so this stays one file with no workspace imports: no hooks
// and no build are needed to load it.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../../../', import.meta.url);

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

/** The absolute path of a path relative to the repository root. */
export function repositoryPath(path: string): string {
  return fileURLToPath(new URL(path, ROOT));
}

/**
 * A generated module as Biome leaves it (format, import order, safe fixes), so `biome check` finds nothing in the
 * committed file; `path` (relative to the repository root) picks the language and the settings that apply.
 */
export function formatWithBiome(path: string, source: string): string {
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

/** Writes each file at its path under the repository root, making its directory when missing. */
export async function writeGeneratedFiles(files: readonly GeneratedFile[]): Promise<void> {
  for (const file of files) {
    await mkdir(dirname(repositoryPath(file.path)), { recursive: true });
    await writeFile(repositoryPath(file.path), file.content);
    console.log(`wrote ${file.path}`);
  }
}
