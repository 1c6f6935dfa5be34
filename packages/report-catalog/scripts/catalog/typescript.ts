// Renders src/generated/reports.ts: the catalog's closed lists as `as const` arrays and their types, the
// ReportDefinition every entry satisfies, and REPORT_CATALOG itself, frozen.

import type { Report, ReportsCatalog } from './model.ts';

export const GENERATED_HEADER = (command: string) =>
  `// Generated from packages/report-catalog/reports.yaml by \`${command}\`. DO NOT EDIT.`;

const literal = (value: unknown) => JSON.stringify(value);
const list = (values: readonly string[]) => `[${values.map(literal).join(', ')}]`;

function reportLiteral(report: Report): string {
  const fields = [
    `name: ${literal(report.name)}`,
    `family: ${literal(report.family)}`,
    `endpoint: ${literal(report.endpoint)}`,
    `parameters: ${literal(report.parameters)}`,
    `acceptsDate: ${report.parameters === 'period-or-date'}`,
    `shape: ${literal(report.shape)}`,
    ...(report.entity === undefined ? [] : [`entity: ${literal(report.entity)}`]),
    ...(report.category === undefined ? [] : [`category: ${literal(report.category)}`]),
    ...(report.retired ? ['retired: true'] : []),
    `columns: ${list(report.columns)}`,
    ...(report.documentedColumns === undefined
      ? []
      : [`documentedColumns: ${list(report.documentedColumns)}`]),
    `columnTypes: ${literal(report.columnTypes)}`,
  ];
  return `${literal(report.name)}: define({ ${fields.join(', ')} })`;
}

export function renderReportsModule(catalog: ReportsCatalog, command: string): string {
  const endpoints = catalog.endpoints.map(
    (endpoint) =>
      `${literal(endpoint.id)}: Object.freeze({ path: ${literal(endpoint.path)}, defaultFormat: ${literal(endpoint.defaultFormat)} })`,
  );
  return `${GENERATED_HEADER(command)}

/** The aggregation periods of \`(period='Dn')\`: the number of days a report covers. */
export const REPORT_PERIODS = ${list(catalog.periods)} as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** The report families, as Microsoft's documentation groups the functions. */
export const REPORT_FAMILIES = ${list(catalog.families.map((family) => family.id))} as const;
export type ReportFamily = (typeof REPORT_FAMILIES)[number];

/** The kinds of CSV cell (docs/reports.md says how each is written). */
export const REPORT_COLUMN_TYPES = ${list(catalog.columnTypes.map((type) => type.id))} as const;
export type ReportColumnType = (typeof REPORT_COLUMN_TYPES)[number];

/** Where a report function lives, and the output format it answers when none is asked for. */
export const REPORT_ENDPOINTS = Object.freeze({ ${endpoints.join(', ')} } as const);
export type ReportEndpoint = keyof typeof REPORT_ENDPOINTS;

/** Every report function, in the catalog's order. */
export const REPORT_NAMES = ${list(catalog.reports.map((report) => report.name))} as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export interface ReportDefinition {
  name: ReportName;
  family: ReportFamily;
  endpoint: ReportEndpoint;
  /** period: \`(period='Dn')\`; period-or-date: also \`(date=YYYY-MM-DD)\`; none: no parentheses. */
  parameters: 'period' | 'period-or-date' | 'none';
  /** Whether the function takes \`(date=YYYY-MM-DD)\` besides \`(period='Dn')\` (parameters === 'period-or-date'). */
  acceptsDate: boolean;
  /**
   * daily: one row per Report Date; summary: one row (or one per category) for the whole period, no Report Date;
   * per-entity: one row per entity.
   */
  shape: 'daily' | 'summary' | 'per-entity';
  /** What one row of a per-entity report describes. */
  entity?: 'user' | 'mailbox' | 'site' | 'group' | 'team' | 'account';
  /** A column whose values split the rows, e.g. 'Site Type'. */
  category?: string;
  /** The product is retired, though Microsoft still lists the function. */
  retired?: boolean;
  /** The CSV header as the live service sends it, exact and in order (docs/reports.md). */
  columns: readonly string[];
  /** Only where Microsoft's documentation shows another header than the service sends. */
  documentedColumns?: readonly string[];
  columnTypes: Readonly<Record<string, ReportColumnType>>;
}

function define(definition: ReportDefinition): ReportDefinition {
  return Object.freeze({
    ...definition,
    columns: Object.freeze([...definition.columns]),
    ...(definition.documentedColumns && { documentedColumns: Object.freeze([...definition.documentedColumns]) }),
    columnTypes: Object.freeze({ ...definition.columnTypes }),
  });
}

export const REPORT_CATALOG: Readonly<Record<ReportName, ReportDefinition>> = Object.freeze({
${catalog.reports.map((report) => `  ${reportLiteral(report)},`).join('\n')}
});

export function isReportName(name: string): name is ReportName {
  return Object.hasOwn(REPORT_CATALOG, name);
}
`;
}
