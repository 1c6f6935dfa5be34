// Copies each package's examples into its README (README_EXAMPLES_COMMAND).
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { packageReadmes } from './readme-examples.ts';

for (const readme of await packageReadmes()) {
  if (readme.rendered === undefined || readme.rendered === readme.current) continue;
  await writeFile(join(readme.dir, 'README.md'), readme.rendered);
  console.log(`updated ${relative(process.cwd(), join(readme.dir, 'README.md'))}`);
}
