import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { substituteReferences } from './substitute.js';
import { type CollectorConfig, ConfigError } from './types.js';
import { validateConfig } from './validate.js';

export interface LoadConfigOptions {
  env: Record<string, string | undefined>;
}

/** Reads, substitutes and validates the YAML config file; throws ConfigError listing every problem. */
export async function loadConfig(file: string, options: LoadConfigOptions): Promise<CollectorConfig> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError([
      `${path}: cannot read the config file (${typeof code === 'string' ? code : 'unreadable'})`,
    ]);
  }
  return parseConfig(text, { env: options.env, baseDir: dirname(path), label: path });
}

export interface ParseConfigOptions extends LoadConfigOptions {
  baseDir: string;
  /** Names the source in YAML syntax errors. */
  label: string;
}

export function parseConfig(text: string, options: ParseConfigOptions): CollectorConfig {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    // Only the first message line and the position: the YAML library's excerpt would echo the source line, and an
    // inline secret on that line must not reach a terminal or a log.
    throw new ConfigError(
      document.errors.map((error) => {
        const position = error.linePos?.[0];
        const where = position ? `${options.label}:${position.line}:${position.col}` : options.label;
        const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
        return `${where}: YAML syntax error: ${reason}`;
      }),
    );
  }
  const substitution = substituteReferences(document.toJS(), options);
  const substitutionProblems = substitution.problems;
  const result = validateConfig(substitution.document, {
    baseDir: options.baseDir,
    substituted: substitution.substituted,
  });
  // A failed reference leaves an empty value behind; its own problem already explains the path, so the validator's
  // second opinion on that same path would only be noise.
  const explained = new Set(substitutionProblems.map(pathOf));
  const problems = [
    ...substitutionProblems,
    ...result.problems.filter((problem) => !explained.has(pathOf(problem))),
  ];
  if (problems.length > 0 || !result.config) throw new ConfigError(problems);
  return result.config;
}

function pathOf(problem: string): string {
  return problem.slice(0, problem.indexOf(': '));
}
