// Reads reports.yaml: validates its shape with zod, then checks what a schema cannot (every column typed, a shape
// that fits the header, a category that is a column, a documented header that differs), so a mistake stops the
// generator with the path and the reason, every problem at once.

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const text = z.string().trim().min(1);
const key = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'kebab-case');
const header = z
  .string()
  .min(1)
  .refine((value) => value.split(',').every((column) => column.trim() !== ''), 'an empty column name');

const SHAPES = ['daily', 'summary', 'per-entity'] as const;
const PARAMETERS = ['period', 'period-or-date', 'none'] as const;
const ENTITIES = ['user', 'mailbox', 'site', 'group', 'team', 'account'] as const;

const reportSchema = z.strictObject({
  family: key,
  endpoint: key.default('reports'),
  parameters: z.enum(PARAMETERS),
  shape: z.enum(SHAPES),
  entity: z.enum(ENTITIES).optional(),
  category: text.optional(),
  retired: z.literal(true).optional(),
  header,
  documented_header: header.optional(),
  types: z.record(z.string(), key).optional(),
  note: text.optional(),
});

const reportsFileSchema = z.strictObject({
  periods: z.array(z.string().regex(/^D\d+$/, 'Dn, n days')).min(1),
  endpoints: z.record(
    key,
    z.strictObject({
      path: z.string().regex(/^\/[a-z0-9.]+(\/[a-zA-Z0-9]+)+$/),
      default_format: z.enum(['csv', 'json']),
    }),
  ),
  families: z.record(key, text),
  type_formats: z.record(key, text),
  column_types: z.record(z.string().min(1), key),
  reports: z.record(
    z.string().regex(/^get[A-Z][A-Za-z0-9]*$/, 'a report function name, getXxx'),
    reportSchema,
  ),
});

type RawReport = z.infer<typeof reportSchema>;

export type ReportShape = (typeof SHAPES)[number];
export type ReportParameters = (typeof PARAMETERS)[number];
export type ReportEntity = (typeof ENTITIES)[number];

export interface Endpoint {
  id: string;
  path: string;
  defaultFormat: 'csv' | 'json';
}

export interface Family {
  id: string;
  title: string;
}

export interface ColumnType {
  id: string;
  format: string;
}

export interface Report {
  name: string;
  family: string;
  endpoint: string;
  parameters: ReportParameters;
  shape: ReportShape;
  entity?: ReportEntity;
  category?: string;
  retired: boolean;
  columns: readonly string[];
  documentedColumns?: readonly string[];
  /** Every column's type, in header order. */
  columnTypes: Readonly<Record<string, string>>;
  note?: string;
}

export interface ReportsCatalog {
  periods: readonly string[];
  endpoints: readonly Endpoint[];
  families: readonly Family[];
  columnTypes: readonly ColumnType[];
  /** In file order, which is the order of REPORT_NAMES and of the docs. */
  reports: readonly Report[];
}

export class ReportsCatalogError extends Error {
  constructor(problems: readonly string[]) {
    super(`reports.yaml:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ReportsCatalogError';
  }
}

/** The columns every report has: the refresh date tells whether a file changed since the last read. */
const REFRESH_DATE = 'Report Refresh Date';
const REPORT_DATE = 'Report Date';
const REPORT_PERIOD = 'Report Period';

/** Parses and checks reports.yaml; every problem is reported at once as `path: reason`. */
export function loadReportsCatalog(yamlText: string): ReportsCatalog {
  const parsed = reportsFileSchema.safeParse(parseYaml(yamlText));
  if (!parsed.success) {
    throw new ReportsCatalogError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const data = parsed.data;
  const problems: string[] = [];
  const typeIds = new Set(Object.keys(data.type_formats));
  const families = new Set(Object.keys(data.families));
  const endpoints = new Set(Object.keys(data.endpoints));

  for (const [column, type] of Object.entries(data.column_types)) {
    if (!typeIds.has(type)) problems.push(`column_types.${column}: ${type} is not one of type_formats`);
  }
  const usedSharedTypes = new Set<string>();
  const usedFamilies = new Set<string>();

  const reports = Object.entries(data.reports).map(([name, raw]) => {
    const report = resolveReport(name, raw, data.column_types, usedSharedTypes, problems);
    const path = `reports.${name}`;
    if (!families.has(raw.family)) problems.push(`${path}.family: ${raw.family} is not one of families`);
    usedFamilies.add(raw.family);
    if (!endpoints.has(raw.endpoint))
      problems.push(`${path}.endpoint: ${raw.endpoint} is not one of endpoints`);
    for (const [column, type] of Object.entries(raw.types ?? {})) {
      if (!typeIds.has(type)) problems.push(`${path}.types.${column}: ${type} is not one of type_formats`);
    }
    return report;
  });

  for (const column of Object.keys(data.column_types)) {
    if (!usedSharedTypes.has(column))
      problems.push(`column_types.${column}: no report has this column (or every report types it itself)`);
  }
  for (const family of families) {
    if (!usedFamilies.has(family)) problems.push(`families.${family}: no report belongs to it`);
  }
  if (problems.length > 0) throw new ReportsCatalogError(problems);
  return {
    periods: data.periods,
    endpoints: Object.entries(data.endpoints).map(([id, endpoint]) => ({
      id,
      path: endpoint.path,
      defaultFormat: endpoint.default_format,
    })),
    families: Object.entries(data.families).map(([id, title]) => ({ id, title })),
    columnTypes: Object.entries(data.type_formats).map(([id, format]) => ({ id, format })),
    reports,
  };
}

function resolveReport(
  name: string,
  raw: RawReport,
  sharedTypes: Readonly<Record<string, string>>,
  usedSharedTypes: Set<string>,
  problems: string[],
): Report {
  const path = `reports.${name}`;
  const columns = raw.header.split(',');
  const duplicate = columns.find((column, index) => columns.indexOf(column) !== index);
  if (duplicate !== undefined) problems.push(`${path}.header: ${JSON.stringify(duplicate)} appears twice`);
  if (columns[0] !== REFRESH_DATE) problems.push(`${path}.header: starts with ${REFRESH_DATE}`);

  const columnTypes: Record<string, string> = {};
  for (const column of columns) {
    const own = raw.types?.[column];
    const shared = sharedTypes[column];
    if (own !== undefined) {
      if (own === shared)
        problems.push(`${path}.types.${column}: column_types already gives ${own}; drop it here`);
    } else if (shared !== undefined) usedSharedTypes.add(column);
    const type = own ?? shared;
    if (type === undefined)
      problems.push(
        `${path}.header: ${JSON.stringify(column)} has no type (add it to column_types or types)`,
      );
    else columnTypes[column] = type;
  }
  for (const column of Object.keys(raw.types ?? {})) {
    if (!columns.includes(column)) problems.push(`${path}.types.${column}: not a column of the header`);
  }
  if (columns.includes(REPORT_PERIOD) && columnTypes[REPORT_PERIOD] !== 'period')
    problems.push(`${path}.types.${REPORT_PERIOD}: is of type period`);

  const hasReportDate = columns.includes(REPORT_DATE);
  if (raw.shape === 'daily' && !hasReportDate)
    problems.push(`${path}.shape: a daily report has ${REPORT_DATE}`);
  if (raw.shape !== 'daily' && hasReportDate)
    problems.push(`${path}.shape: a report with ${REPORT_DATE} is daily`);
  if ((raw.shape === 'per-entity') !== (raw.entity !== undefined))
    problems.push(`${path}.entity: given exactly for per-entity reports`);
  if (raw.parameters === 'period-or-date' && raw.shape !== 'per-entity')
    problems.push(`${path}.parameters: only per-entity reports take a date`);
  if (raw.category !== undefined && !columns.includes(raw.category))
    problems.push(`${path}.category: ${raw.category} is not a column of the header`);
  if ((raw.family === 'skype-for-business') !== (raw.retired === true))
    problems.push(`${path}.retired: true exactly for the retired Skype for Business reports`);
  if (raw.documented_header === raw.header)
    problems.push(
      `${path}.documented_header: the same as header; give it only where the documentation differs`,
    );

  return {
    name,
    family: raw.family,
    endpoint: raw.endpoint,
    parameters: raw.parameters,
    shape: raw.shape,
    ...(raw.entity === undefined ? {} : { entity: raw.entity }),
    ...(raw.category === undefined ? {} : { category: raw.category }),
    retired: raw.retired === true,
    columns,
    ...(raw.documented_header === undefined ? {} : { documentedColumns: raw.documented_header.split(',') }),
    columnTypes,
    ...(raw.note === undefined ? {} : { note: raw.note }),
  };
}
