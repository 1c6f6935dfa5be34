import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A package README shows each of its examples between `<!-- example examples/NAME.ts -->` and `<!-- /example -->`;
 * the code in between is a copy of the file, written by this command and compared by a test.
 */
export const README_EXAMPLES_COMMAND = 'pnpm run readme-examples';

const EXAMPLE_BLOCK = /<!-- example (\S+) -->\n[\s\S]*?<!-- \/example -->/g;
const PACKAGES_DIR = join(import.meta.dirname, '..', '..', '..', 'packages');

/** The README with every example block filled from its file (a path relative to the README's package). */
export async function renderReadmeExamples(
  readme: string,
  readExample: (path: string) => Promise<string>,
): Promise<string> {
  const blocks = [...readme.matchAll(EXAMPLE_BLOCK)];
  const code = await Promise.all(blocks.map(([, path]) => readExample(path as string)));
  let index = 0;
  return readme.replace(EXAMPLE_BLOCK, (_block, path: string) => {
    const source = code[index++] as string;
    return `<!-- example ${path} -->\n\`\`\`ts\n${source.endsWith('\n') ? source : `${source}\n`}\`\`\`\n<!-- /example -->`;
  });
}

/** The example files a README shows, in order. */
export function examplesShownIn(readme: string): string[] {
  return [...readme.matchAll(EXAMPLE_BLOCK)].map(([, path]) => path as string);
}

export interface PackageReadme {
  /** The package's directory. */
  dir: string;
  /** README.md as it is on disk, or undefined when the package has none. */
  current: string | undefined;
  /** README.md with its examples copied from their files again. */
  rendered: string | undefined;
  /** The runnable examples in the package's examples/ directory (tests excluded). */
  exampleFiles: string[];
}

/** Every package under packages/, with its README as it is and as it should be. */
export async function packageReadmes(): Promise<PackageReadme[]> {
  const entries = await readdir(PACKAGES_DIR, { withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => {
        const dir = join(PACKAGES_DIR, entry.name);
        const current = await readFile(join(dir, 'README.md'), 'utf8').catch(() => undefined);
        const rendered =
          current === undefined
            ? undefined
            : await renderReadmeExamples(current, (path) => readFile(join(dir, path), 'utf8'));
        const files = await readdir(join(dir, 'examples')).catch(() => []);
        const exampleFiles = files
          .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
          .map((file) => `examples/${file}`);
        return { dir, current, rendered, exampleFiles };
      }),
  );
}
