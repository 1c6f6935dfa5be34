import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FEDERATED_TOKEN_FILE_ENV } from '@m365-otel/auth';
import { formatPath, type Path } from './path.js';

export interface SubstitutionContext {
  env: Record<string, string | undefined>;
  /** `${file:PATH}` with a relative PATH is read relative to this directory (the config file's). */
  baseDir: string;
}

// `$${...}` is the escape for a literal `${...}`; any other `${...}` must be an env or file reference.
const REFERENCE = /\$(\$)?\{([^}]*)\}/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Variables that something other than the admin sets, and what to check when one is missing. */
const SET_BY: Readonly<Record<string, string>> = {
  [FEDERATED_TOKEN_FILE_ENV]:
    'the Azure Workload Identity webhook sets it in a pod labelled azure.workload.identity/use: "true" whose service account is annotated azure.workload.identity/client-id',
};

export interface Substitution {
  document: unknown;
  /** `path: reason`, never quoting the substituted content. */
  problems: string[];
  /** The paths (`tenants[0].clientSecret`) whose value a reference filled in, wholly or in part. */
  substituted: Set<string>;
}

/**
 * Replaces `${env:NAME}` and `${file:PATH}` inside every string value of a parsed YAML tree. Substitution runs after
 * parsing, on values only, so a secret containing YAML syntax (`: `, `#`, quotes) can never change the document's
 * structure. Problems are collected (never thrown).
 */
export function substituteReferences(value: unknown, context: SubstitutionContext): Substitution {
  const result: Substitution = { document: undefined, problems: [], substituted: new Set() };
  result.document = walk(value, [], context, result);
  return result;
}

function walk(value: unknown, path: Path, context: SubstitutionContext, result: Substitution): unknown {
  if (typeof value === 'string') return substituteString(value, path, context, result);
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index], context, result));
  if (value !== null && typeof value === 'object') {
    const mapping: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      mapping[key] = walk(item, [...path, key], context, result);
    return mapping;
  }
  return value;
}

function substituteString(
  text: string,
  path: Path,
  context: SubstitutionContext,
  result: Substitution,
): string {
  const { problems } = result;
  return text.replace(REFERENCE, (whole: string, escaped: string | undefined, inner: string) => {
    if (escaped) return whole.slice(1);
    const where = formatPath(path);
    result.substituted.add(where);
    const colon = inner.indexOf(':');
    const scheme = colon < 0 ? '' : inner.slice(0, colon);
    const argument = inner.slice(colon + 1).trim();
    if (scheme === 'env') {
      if (!ENV_NAME.test(argument)) {
        problems.push(`${where}: \${env:${argument}} is not a valid environment variable name`);
        return '';
      }
      const resolved = context.env[argument];
      if (resolved === undefined) {
        const setBy = SET_BY[argument];
        problems.push(
          `${where}: environment variable ${argument} is not set (referenced as \${env:${argument}})${setBy ? `; ${setBy}` : ''}`,
        );
        return '';
      }
      return resolved;
    }
    if (scheme === 'file') {
      if (argument === '') {
        problems.push(`${where}: \${file:} needs a path`);
        return '';
      }
      const file = resolve(context.baseDir, argument);
      try {
        return readFileSync(file, 'utf8').trim();
      } catch (error) {
        problems.push(
          `${where}: cannot read ${file} (referenced as \${file:${argument}}): ${errorCode(error)}`,
        );
        return '';
      }
    }
    problems.push(
      `${where}: unsupported reference \${${inner}}; use \${env:NAME} or \${file:PATH} (write $\${ for a literal \${)`,
    );
    return '';
  });
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'unreadable';
}
