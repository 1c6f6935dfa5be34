// The Collector configs the repository ships (docs/examples/otelcol-*.yaml) and the environment they read.
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const EXAMPLES_DIR = 'docs/examples';
/** The page that shows every example verbatim, with each variable it reads. */
export const BACKENDS_PAGE = 'docs/backends.md';

/** Every example, as a path from the repository root, sorted. */
export async function exampleFiles(): Promise<string[]> {
  return (await readdir(join(repoRoot, EXAMPLES_DIR)))
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => `${EXAMPLES_DIR}/${file}`);
}

/**
 * A value of the right shape for each environment variable an example reads (`${env:NAME}`), so that validate
 * checks the config as a deployment resolves it. An example reading a variable missing here fails the tests: add
 * it here and say what it holds in docs/backends.md.
 */
export const EXAMPLE_ENV: Readonly<Record<string, string>> = {
  OTLP_BACKEND_ENDPOINT: 'https://otlp.backend.example:4318',
  OTLP_VENDOR_ENDPOINT: 'https://otlp.vendor.example/otlp',
  OTLP_VENDOR_AUTHORIZATION: 'Basic dmFsaWRhdGU6b25seQ==',
  ELASTIC_OTLP_ENDPOINT: 'https://project.ingest.region.provider.elastic.example:443',
  ELASTIC_API_KEY: 'validate-only',
};

/** The names an example's `${env:NAME}` (or `${env:NAME:-default}`) references, in order of first use. */
export function envReferences(config: string): string[] {
  return [
    ...new Set([...config.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)/g)].map(([, name]) => name ?? '')),
  ];
}

/** The environment an example needs for validate: the sample value of each variable it reads. */
export function exampleEnv(config: string): Record<string, string> {
  return Object.fromEntries(
    envReferences(config).map((name) => {
      const value = EXAMPLE_ENV[name];
      if (value === undefined) throw new Error(`\${env:${name}} has no sample value in EXAMPLE_ENV`);
      return [name, value];
    }),
  );
}
