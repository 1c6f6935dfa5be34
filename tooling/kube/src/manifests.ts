import { parseAllDocuments } from 'yaml';
import { kubeValidateBinaryVariable, toolBinary } from './binaries.ts';
import { runTool } from './run.ts';

/** A Kubernetes object as YAML gives it; its shape is what the checks below establish. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** The objects of a multi-document YAML stream, comment-only documents (helm template's `# Source:`) left out. */
export function parseManifests(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) throw new Error(document.errors.map(String).join('\n'));
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error('a document is not a mapping');
    objects.push(value as KubeObject);
  }
  return objects;
}

/** One problem of one object, named as `Kind/name: message`. */
export type ManifestProblem = string;

interface ValidatingModel {
  validate(): void;
}
type ModelClass = new (data: unknown) => ValidatingModel;

/**
 * The OpenAPI half: kubernetes-models' classes validate an object against the Kubernetes OpenAPI schema with ajv
 * (types, required fields, enums, formats). They let unknown fields through, which strictDecode catches.
 */
export async function validateWithModels(object: KubeObject): Promise<ManifestProblem[]> {
  const label = `${object.kind}/${object.metadata?.name}`;
  let module: Record<string, unknown>;
  try {
    module = (await import(`kubernetes-models/${object.apiVersion}`)) as Record<string, unknown>;
  } catch {
    return [`${label}: kubernetes-models knows no apiVersion ${object.apiVersion}`];
  }
  const Model = module[object.kind] as ModelClass | undefined;
  if (typeof Model !== 'function') return [`${label}: ${object.apiVersion} has no kind ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
    if (!errors) return [`${label}: ${(error as Error).message}`];
    return errors.map(
      (problem) => `${label}: ${problem.instancePath || '/'} ${problem.message ?? 'is invalid'}`,
    );
  }
}

interface DecodeResult {
  kind: string;
  name: string;
  errors: string[];
}

/**
 * The strict half: m365-kube-validate decodes each document into client-go's Go types as the API server's strict
 * field validation does, so an unknown or duplicated field, a wrong type or a malformed quantity is an error.
 */
export async function strictDecode(
  text: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ManifestProblem[]> {
  const outcome = await runTool(toolBinary(kubeValidateBinaryVariable, env), ['-'], { input: text });
  if (outcome.exitCode !== 0 && outcome.exitCode !== 1) {
    throw new Error(`m365-kube-validate failed (exit ${outcome.exitCode}): ${outcome.stderr}`);
  }
  const results = outcome.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as DecodeResult);
  const problems = results.flatMap((result) =>
    result.errors.map((error) => `${result.kind}/${result.name}: ${error}`),
  );
  if (outcome.exitCode === 1 && problems.length === 0)
    throw new Error('m365-kube-validate failed naming no error');
  return problems;
}

/** Both halves over a YAML stream: every problem, none when the objects are what the Kubernetes API accepts. */
export async function checkManifests(
  text: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ManifestProblem[]> {
  const modelProblems = await Promise.all(parseManifests(text).map((object) => validateWithModels(object)));
  return [...modelProblems.flat(), ...(await strictDecode(text, env))];
}
