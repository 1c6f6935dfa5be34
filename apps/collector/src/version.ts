import { readFileSync } from 'node:fs';

// Read at runtime rather than imported: package.json sits outside rootDir, and this path holds from src/ and dist/.
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const COLLECTOR_VERSION = manifest.version;
export const SCOPE = { name: '@m365-otel/collector', version: COLLECTOR_VERSION } as const;
