import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { pseudoRootOf } from '../state/directory.js';
import { BYTE_SIZE, parseByteSize } from './byte-size.js';
import { describeValue } from './describe.js';
import { DURATION, parseDuration } from './duration.js';
import { formatPath, type Path } from './path.js';

/** What the schema needs to know about the file it validates. */
export interface SchemaContext {
  /** Relative paths in the config resolve against this directory (the config file's). */
  baseDir: string;
  /** Config paths (`tenants[0].clientSecret`) whose value came from `${env:}` or `${file:}`: never echoed. */
  substituted: ReadonlySet<string>;
}

/** What an error message may look at: the value and where it sits. */
type Issue = { readonly input?: unknown; readonly path?: readonly PropertyKey[] | undefined };

export interface DurationBounds {
  default: string;
  min: string;
  max: string;
  /** Two typical values, for the message on a malformed one. */
  examples: readonly [string, string];
  /** What the duration is; the bounds are added to it. */
  description: string;
}

/**
 * The field types of the config, each with the messages the collector has always given, bound to one file. Error
 * messages are composed when zod finalizes an issue, where its full path is known, so a substituted value is
 * recognised wherever it sits.
 */
export function configFields(context: SchemaContext) {
  const isSubstituted = (issue: Issue) => context.substituted.has(formatPath((issue.path ?? []) as Path));
  /** The issue's value as an error may show it; `secret` for fields a secret could end up in. */
  const got = (issue: Issue, secret = false) =>
    describeValue(issue.input, { hidden: secret || isSubstituted(issue) });

  /** Why a (resolved) path may not be shown, if it may not: substituted, or not a path at all but pasted content. */
  function hiddenPath(issue: Issue): string | undefined {
    if (isSubstituted(issue)) return 'the path came from a substitution';
    return /[\r\n]/.test(String(issue.input)) ? 'it spans several lines, so it is not shown' : undefined;
  }

  /**
   * A config section: strict keys, and an absent or empty (`reports:`) section means every default.
   * The shape's own key order is the order docs list them in.
   */
  function section<Shape extends z.core.$ZodLooseShape>(shape: Shape, unknownKey?: string) {
    const object = mapping(shape, unknownKey);
    // Every key of a section is optional or has a default, so {} is a valid input.
    return z.preprocess((value) => value ?? {}, object.prefault({} as z.input<typeof object>));
  }

  function mapping<Shape extends z.core.$ZodLooseShape>(shape: Shape, unknownKey?: string) {
    const allowed = `unknown key (allowed: ${Object.keys(shape).join(', ')})`;
    return z.strictObject(shape, {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? (unknownKey ?? allowed) : `must be a mapping, got ${got(issue)}`,
    });
  }

  const boolean = (fallback: boolean) =>
    z.boolean({ error: (issue) => `must be true or false, got ${got(issue)}` }).default(fallback);

  function oneOf<const Values extends readonly string[]>(values: Values) {
    return z.enum(values, { error: (issue) => `must be one of ${values.join(', ')}, got ${got(issue)}` });
  }

  const guid = () =>
    z
      .guid({ error: (issue) => `must be a GUID, got ${got(issue, true)}` })
      .transform((id) => id.toLowerCase());

  /** A base URL; userinfo would be a credential, so a URL carrying one is never echoed. */
  function url(protocols: readonly string[], whenMissing?: string) {
    const expected = `must be an ${protocols.join(' or ')} URL`;
    return z
      .url({
        protocol: new RegExp(`^(?:${protocols.join('|')})$`),
        error: (issue) =>
          issue.input === undefined && whenMissing
            ? whenMissing
            : `${expected}, got ${got(issue, typeof issue.input === 'string' && issue.input.includes('@'))}`,
        abort: true,
      })
      .refine((text) => {
        const parsed = new URL(text);
        return parsed.search === '' && parsed.hash === '';
      }, 'must not carry a query or fragment')
      .transform((text) => text.replace(/\/+$/, ''));
  }

  /** A file path resolved against the config file's directory, refused with what `problemOf` finds wrong there. */
  const filePath = (problemOf: (file: string) => string | undefined) =>
    z
      .string({ error: (issue) => `must be a file path, got ${got(issue)}` })
      .min(1, { error: (issue) => `must be a file path, got ${got(issue)}` })
      .transform((text) => resolvePath(text))
      .refine((file) => problemOf(file) === undefined, {
        error: (issue) => {
          const file = String(issue.input);
          const hidden = hiddenPath(issue);
          return hidden
            ? `the file it names ${problemOf(file)} (${hidden})`
            : `file ${file} ${problemOf(file)}`;
        },
      });

  /** A path to an existing file. */
  const existingFile = () => filePath(fileProblem);

  /**
   * A path to a file the collector reads again while it runs (a token file a kubelet rotates): it must exist now,
   * be readable by the collector's user and not be empty.
   */
  const readableFile = () => filePath(readableFileProblem);

  /** A directory the collector writes to: resolved, never on a pseudo-filesystem, not an existing non-directory. */
  const writableDirectory = (fallback: string) =>
    z
      .string({ error: (issue) => `must be a directory path, got ${got(issue)}` })
      .refine((text) => text.trim() !== '', {
        error: (issue) => `must be a directory path, got ${got(issue)}`,
        abort: true,
      })
      .default(fallback)
      .transform((text) => resolvePath(text))
      .refine((directory) => directoryProblem(directory) === undefined, {
        error: (issue) => {
          const directory = String(issue.input);
          const hidden = hiddenPath(issue);
          return hidden
            ? `the directory it names ${directoryProblem(directory)} (${hidden})`
            : `${directory} ${directoryProblem(directory)}`;
        },
      });

  /** A duration held between sane bounds, all of them below Node's timer limit of about 24.8 days. */
  function duration(bounds: DurationBounds) {
    const minMs = boundMs(bounds.min);
    const maxMs = boundMs(bounds.max);
    const malformed = (issue: Issue) =>
      `must be a duration like ${bounds.examples.join(' or ')}, got ${got(issue)}`;
    return (
      z
        .string({ error: malformed })
        .regex(DURATION, { error: malformed, abort: true })
        .default(bounds.default)
        // A zero or overflowing duration parses to nothing, and 0 lies below every minimum.
        .transform((text) => ({ text, ms: parseDuration(text) ?? 0 }))
        .refine(({ ms }) => ms >= minMs && ms <= maxMs, {
          error: (issue) =>
            `must be from ${bounds.min} to ${bounds.max}, got ${got({ ...issue, input: (issue.input as { text: string }).text })}`,
        })
        .describe(
          `${bounds.description} A duration like ${bounds.examples.join(' or ')}, from ${bounds.min} to ${bounds.max}.`,
        )
    );
  }

  /** A size in bytes held between bounds, written with a binary unit (`64MiB`). */
  function byteSize(bounds: SizeBounds) {
    const minBytes = boundBytes(bounds.min);
    const maxBytes = boundBytes(bounds.max);
    const malformed = (issue: Issue) =>
      `must be a size like ${bounds.examples.join(' or ')} (units B, KiB, MiB, GiB), got ${got(issue)}`;
    return z
      .string({ error: malformed })
      .regex(BYTE_SIZE, { error: malformed, abort: true })
      .default(bounds.default)
      .transform((text) => ({ text, bytes: parseByteSize(text) ?? Number.POSITIVE_INFINITY }))
      .refine(({ bytes }) => bytes >= minBytes && bytes <= maxBytes, {
        error: (issue) =>
          `must be from ${bounds.min} to ${bounds.max}, got ${got({ ...issue, input: (issue.input as { text: string }).text })}`,
      })
      .describe(
        `${bounds.description} A size like ${bounds.examples.join(' or ')}, from ${bounds.min} to ${bounds.max}.`,
      );
  }

  /** A file-system path from the config, absolute; relative ones are relative to the config file. */
  function resolvePath(text: string): string {
    return resolve(context.baseDir, text);
  }

  return {
    section,
    mapping,
    boolean,
    oneOf,
    guid,
    url,
    existingFile,
    readableFile,
    writableDirectory,
    duration,
    byteSize,
    got,
    isSubstituted,
  };
}

export type SizeBounds = DurationBounds;

/** A size bound written into the schema; a mistake there is a bug, like a duration bound's. */
function boundBytes(bound: string): number {
  const bytes = parseByteSize(bound);
  if (bytes === undefined) throw new Error(`size bound ${bound} is not a size`);
  return bytes;
}

/** A bound written into the schema; a mistake there is a bug that must fail loudly, never a user's problem. */
function boundMs(bound: string): number {
  const ms = parseDuration(bound);
  if (ms === undefined) throw new Error(`duration bound ${bound} is not a duration`);
  return ms;
}

function fileProblem(file: string): string | undefined {
  try {
    return statSync(file).isFile() ? undefined : 'is not a file';
  } catch {
    return 'does not exist or cannot be read';
  }
}

function readableFileProblem(file: string): string | undefined {
  const problem = fileProblem(file);
  if (problem) return problem;
  try {
    accessSync(file, constants.R_OK);
  } catch {
    return "cannot be read by the collector's user (permission denied)";
  }
  return statSync(file).size === 0 ? 'is empty' : undefined;
}

function directoryProblem(directory: string): string | undefined {
  const pseudo = pseudoRootOf(directory);
  if (pseudo) return `lies on ${pseudo}, a kernel pseudo-filesystem that cannot hold the collector's files`;
  // Created on first use; but an existing non-directory there can never work, so say so now.
  try {
    return statSync(directory).isDirectory() ? undefined : 'exists and is not a directory';
  } catch {
    return undefined;
  }
}
