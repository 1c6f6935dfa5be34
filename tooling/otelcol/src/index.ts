export { otelcolBinary, otelcolBinaryVariable } from './binary.ts';
