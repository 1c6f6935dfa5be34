export { helmBinaryVariable, kubeValidateBinaryVariable, toolBinary } from './binaries.ts';
export { kubeVersion, runHelm } from './helm.ts';
export {
  checkManifests,
  type KubeObject,
  type ManifestProblem,
  parseManifests,
  strictDecode,
  validateWithModels,
} from './manifests.ts';
export { runTool, type ToolOutcome } from './run.ts';
export {
  buildValuesSchema,
  configSchemaPath,
  generateValuesSchema,
  type JsonSchema,
  passThroughSections,
  repoRoot,
  valuesSchemaPath,
} from './values-schema.ts';
