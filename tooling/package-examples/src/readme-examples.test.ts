import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  examplesShownIn,
  packageReadmes,
  README_EXAMPLES_COMMAND,
  renderReadmeExamples,
} from './readme-examples.ts';

const readmes = await packageReadmes();

describe('renderReadmeExamples', () => {
  const files: Record<string, string> = { 'examples/a.ts': 'console.log(1);\n', 'examples/b.ts': 'b();' };
  const read = async (path: string) => {
    const source = files[path];
    if (source === undefined) throw new Error(`no file ${path}`);
    return source;
  };

  it('replaces each block with its file and leaves the prose alone', async () => {
    const readme = [
      '# pkg',
      '<!-- example examples/a.ts -->',
      '```ts',
      'stale();',
      '```',
      '<!-- /example -->',
      'between',
      '<!-- example examples/b.ts -->',
      '<!-- /example -->',
      '',
    ].join('\n');
    const rendered = await renderReadmeExamples(readme, read);
    expect(rendered).toBe(
      [
        '# pkg',
        '<!-- example examples/a.ts -->',
        '```ts',
        'console.log(1);',
        '```',
        '<!-- /example -->',
        'between',
        '<!-- example examples/b.ts -->',
        '```ts',
        'b();',
        '```',
        '<!-- /example -->',
        '',
      ].join('\n'),
    );
    expect(examplesShownIn(rendered)).toEqual(['examples/a.ts', 'examples/b.ts']);
  });

  it('fails on a block whose file does not exist', async () => {
    await expect(
      renderReadmeExamples('<!-- example examples/gone.ts -->\n<!-- /example -->', read),
    ).rejects.toThrow('no file examples/gone.ts');
  });
});

describe.each(readmes.map((readme) => [basename(readme.dir), readme] as const))(
  'packages/%s',
  (_name, readme) => {
    it('has a README that shows every example it has, at least one', () => {
      expect(readme.current, 'README.md').toBeDefined();
      expect(readme.exampleFiles.length).toBeGreaterThan(0);
      expect(examplesShownIn(readme.current ?? '').sort()).toEqual([...readme.exampleFiles].sort());
    });

    it(`shows each example as its file is (else run \`${README_EXAMPLES_COMMAND}\`)`, () => {
      expect(readme.current).toBe(readme.rendered);
    });
  },
);
