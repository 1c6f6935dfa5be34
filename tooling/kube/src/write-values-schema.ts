// Writes deploy/helm/m365-otel/values.schema.json; test/e2e/deploy-kubernetes.test.ts fails while it is stale.
import { writeFile } from 'node:fs/promises';
import { generateValuesSchema, valuesSchemaPath } from './values-schema.ts';

await writeFile(valuesSchemaPath, await generateValuesSchema());
console.log(`wrote ${valuesSchemaPath}`);
