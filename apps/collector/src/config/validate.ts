import type { z } from 'zod';
import { describeValue } from './describe.js';
import { formatPath, type Path } from './path.js';
import { configSchema, type SchemaContext, SUPERSEDES_PARTS } from './schema.js';
import { type CollectorConfig, OTLP_PROTOCOLS, type OtlpProtocol } from './types.js';

/** Validates an already-substituted document; throws nothing, returns the config or every problem found. */
export function validateConfig(
  document: unknown,
  context: SchemaContext,
): { config: CollectorConfig; problems: [] } | { config?: undefined; problems: string[] } {
  const result = configSchema(context).safeParse(document);
  if (result.success) return { config: result.data, problems: [] };
  return { problems: formatProblems(result.error.issues) };
}

/**
 * One `path: reason` line per problem: an unknown-keys issue becomes one line per key, problems about the parts of
 * a value that is wrong as a whole are left out, and unknown keys come first (they are often a typo that explains
 * the rest).
 */
function formatProblems(issues: readonly z.core.$ZodIssue[]): string[] {
  const superseding = issues
    .filter((issue) => issue.code === 'custom' && issue.params?.[SUPERSEDES_PARTS] === true)
    .map((issue) => issue.path);
  const superseded = (path: readonly PropertyKey[]) =>
    superseding.some(
      (whole) => path.length > whole.length && whole.every((part, index) => part === path[index]),
    );
  const unknownKeys: string[] = [];
  const others: string[] = [];
  for (const issue of issues) {
    if (superseded(issue.path)) continue;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        unknownKeys.push(`${formatPath([...(issue.path as Path), key])}: ${issue.message}`);
    } else {
      others.push(`${formatPath(issue.path as Path)}: ${issue.message}`);
    }
  }
  return [...unknownKeys, ...others];
}

/** Shared with the OTEL_EXPORTER_OTLP_*PROTOCOL variables, which must be held to the same rule. */
export function checkProtocol(value: unknown): OtlpProtocol | { problem: string } {
  if (typeof value === 'string' && (OTLP_PROTOCOLS as readonly string[]).includes(value))
    return value as OtlpProtocol;
  return { problem: `must be one of ${OTLP_PROTOCOLS.join(', ')}, got ${describeValue(value)}` };
}
