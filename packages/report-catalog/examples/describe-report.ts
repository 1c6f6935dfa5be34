// Describes a usage report from the catalog alone, no tenant and no network: where it is called, what one row is,
// and the type of each CSV column. The report function is the first argument.
import { isReportName, REPORT_CATALOG, type ReportDefinition } from '@m365-otel/report-catalog';

const name = process.argv[2] ?? '';
if (!isReportName(name)) {
  console.error(`not a usage report function: ${JSON.stringify(name)}`);
  process.exit(2);
}

function oneRow(report: ReportDefinition): string {
  if (report.shape === 'daily') return 'one row per day';
  if (report.shape === 'summary') return 'one row for the whole period';
  return `one row per ${report.entity}`;
}

const report = REPORT_CATALOG[name];
console.log(
  `${report.name} (${report.family}): endpoint ${report.endpoint}, parameters ${report.parameters}, ${oneRow(report)}`,
);
for (const column of report.columns) console.log(`  ${column}: ${report.columnTypes[column]}`);
