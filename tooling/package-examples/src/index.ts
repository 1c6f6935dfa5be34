export { EXAMPLE_TIMEOUT_MS, type ExampleTenant, useExampleTenant } from './example-tenant.ts';
