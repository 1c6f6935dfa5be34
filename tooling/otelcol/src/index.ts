export { otelcolBinary, otelcolBinaryVariable } from './binary.ts';
export { type OtelcolOutcome, runOtelcol, validateOtelcolConfig } from './run.ts';
