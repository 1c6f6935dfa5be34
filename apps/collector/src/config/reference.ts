// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the docs spell out the config's ${env:} and ${file:} syntax.
import { z } from 'zod';
import { BYTE_SIZE } from './byte-size.js';
import { DURATION } from './duration.js';
import { configSchema } from './schema.js';
import { SECTION_NOTES } from './section-notes.js';

/** What a reader runs to bring docs/config.md and m365-otel.schema.json up to date. */
export const REGENERATE_REFERENCE_COMMAND = 'pnpm --filter @m365-otel/collector run config-reference';

/** The part of a JSON Schema node the reference reads. */
interface JsonSchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: readonly unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minItems?: number;
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  required?: readonly string[];
}

/**
 * The config file's JSON Schema (draft-07, what yaml-language-server reads best): the schema's input side, the
 * YAML as written. Checks that need the file system (files exist, the state directory) stay with the collector.
 */
export function configJsonSchema(): JsonSchemaNode & Record<string, unknown> {
  const schema = configSchema({ baseDir: '.', substituted: new Set() });
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-7' }) as JsonSchemaNode &
    Record<string, unknown>;
}

export function renderJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** docs/config.md: every key with its type, default, bounds and description, all read from the schema. */
export function renderConfigDoc(): string {
  const root = configJsonSchema();
  const sections = Object.entries(root.properties ?? {}).map(([name, node]) =>
    name === 'metrics'
      ? metricsSection(node)
      : keySection(name, node, root.required?.includes(name) ?? false),
  );
  return `${[
    '# Configuration reference',
    '',
    `<!-- Generated from apps/collector/src/config/schema.ts by \`${REGENERATE_REFERENCE_COMMAND}\`; do not edit. -->`,
    '',
    'The collector reads one YAML file: `m365-otel run --config FILE`, and `m365-otel validate --config FILE` to',
    'check it and print a summary with secrets redacted. `${env:NAME}` and `${file:PATH}` inside a value are',
    "replaced by an environment variable or a file's content (trimmed; a relative PATH is relative to the config",
    'file), and `$${` writes a literal `${`. Every problem is reported at once as `path: reason`; unknown keys are',
    'errors; a value that came from a substitution or sits where a secret could be is never echoed, only its shape.',
    '',
    'Editors that use yaml-language-server (VS Code with the YAML extension, among others) complete and check the',
    'keys with [m365-otel.schema.json](../m365-otel.schema.json) when the file starts with',
    '`# yaml-language-server: $schema=<path or URL of m365-otel.schema.json>`.',
    '',
    ...sections,
  ].join('\n')}`;
}

function keySection(name: string, node: JsonSchemaNode, required: boolean): string {
  const rows = keyRows(name, node, required);
  return [
    `## ${name}`,
    '',
    ...(node.description ? [node.description, ''] : []),
    '| Key | Type | Default | Description |',
    '|---|---|---|---|',
    ...rows.map(
      (row) => `| \`${row.key}\` | ${cell(row.type)} | ${cell(row.default)} | ${cell(row.description)} |`,
    ),
    '',
    ...(SECTION_NOTES[name] ? [...SECTION_NOTES[name], ''] : []),
  ].join('\n');
}

interface Row {
  key: string;
  type: string;
  default: string;
  description: string;
}

/** One row per key, mappings followed by their keys; a list of mappings's keys are spelled `name[].key`. */
function keyRows(key: string, node: JsonSchemaNode, required: boolean, isSection = true): Row[] {
  const row = {
    key,
    type: typeOf(node),
    default: defaultOf(node, required),
    description: node.description ?? '',
  };
  const itemMapping = node.type === 'array' && node.items?.type === 'object' ? node.items : undefined;
  const mapping = itemMapping ?? (node.type === 'object' ? node : undefined);
  if (!mapping?.properties) return [row];
  const prefix = itemMapping ? `${key}[]` : key;
  // A section's own description heads it already.
  const own = isSection ? (itemMapping ? [{ ...row, description: '' }] : []) : [row];
  return [
    ...own,
    ...Object.entries(mapping.properties).flatMap(([name, child]) =>
      keyRows(`${prefix}.${name}`, child, mapping.required?.includes(name) ?? false, false),
    ),
  ];
}

function typeOf(node: JsonSchemaNode): string {
  if (node.enum) return node.enum.map((value) => `\`${String(value)}\``).join(' | ');
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  if (node.format === 'uuid') return 'GUID';
  if (node.format === 'uri') return 'URL';
  if (node.pattern === DURATION.source) return 'duration';
  if (node.pattern === BYTE_SIZE.source) return 'size';
  if (node.type === 'array') {
    const items =
      node.items?.type === 'object' || node.items?.type === 'string' ? `${node.items.type}s` : 'values';
    const least = node.minItems ? `, at least ${node.minItems}` : '';
    return `list of ${items.replace('objects', 'mappings')}${least}`;
  }
  if (node.type === 'object') return 'mapping';
  return node.type ?? 'any';
}

function defaultOf(node: JsonSchemaNode, required: boolean): string {
  if (required) return 'required';
  if (node.default === undefined) return '—';
  if (Array.isArray(node.default)) return node.default.length === 0 ? 'none' : 'see description';
  if (typeof node.default === 'object') return '—';
  return `\`${String(node.default)}\``;
}

function metricsSection(node: JsonSchemaNode): string {
  const entries = Object.entries(node.properties ?? {});
  const metrics = entries.map(([name, toggle]) => {
    const on = (toggle.default as { enabled?: boolean } | undefined)?.enabled === true;
    return `| \`${name}\` | ${on ? 'on' : 'off'} | ${cell(toggle.description ?? '')} |`;
  });
  return [
    '## metrics',
    '',
    ...(node.description ? [node.description, ''] : []),
    'Each key is a metric name from the catalog, set to `{ enabled: true }` or `{ enabled: false }`:',
    '',
    ...(entries[0] ? ['```yaml', 'metrics:', `  ${entries[0][0]}: { enabled: false }`, '```', ''] : []),
    '| Metric | By default | Description |',
    '|---|---|---|',
    ...metrics,
    '',
  ].join('\n');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
