export { otelcolBinary, otelcolBinaryVariable } from './binary.ts';
export { freePort, listening } from './ports.ts';
export { type OtelcolOutcome, runOtelcol, validateOtelcolConfig } from './run.ts';
