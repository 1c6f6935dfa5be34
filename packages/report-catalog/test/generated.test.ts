import { readFile } from 'node:fs/promises';
import { repositoryPath } from '@m365-otel/codegen';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { GENERATE_COMMAND, generateReportFiles, REPORTS_YAML_PATH } from '../scripts/catalog/generate.ts';
import { loadReportsCatalog } from '../scripts/catalog/model.ts';

const yamlText = await readFile(repositoryPath(REPORTS_YAML_PATH), 'utf8');
const generated = await generateReportFiles();

type Report = Record<string, unknown>;
interface Document {
  column_types: Record<string, string>;
  reports: Record<string, Report>;
}

/** reports.yaml with one change, as YAML again. */
function edited(change: (document: Document) => void): string {
  const document: Document = parse(yamlText);
  change(document);
  return stringify(document);
}

function report(document: Document, name: string): Report {
  const entry = document.reports[name];
  if (entry === undefined) throw new Error(`reports.yaml has no ${name}`);
  return entry;
}

function problemsOf(text: string): string {
  try {
    loadReportsCatalog(text);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the generated files', () => {
  it.each(generated)('$path matches reports.yaml', async ({ path, content }) => {
    const committed = await readFile(repositoryPath(path), 'utf8');
    expect(
      committed,
      `${path} is out of date with reports.yaml: run \`${GENERATE_COMMAND}\` from the repository root`,
    ).toBe(content);
  });
});

describe('loadReportsCatalog', () => {
  it('accepts the catalog as committed', () => {
    expect(problemsOf(yamlText)).toBe('accepted');
  });

  it('refuses an unknown key, shape or family before looking further', () => {
    const problems = problemsOf(
      edited((document) => {
        Object.assign(report(document, 'getMailboxUsageStorage'), { shape: 'weekly', owner: 'me' });
      }),
    );
    expect(problems).toContain('reports.getMailboxUsageStorage.shape: Invalid option');
    expect(problems).toContain('reports.getMailboxUsageStorage: Unrecognized key: "owner"');
  });

  it('refuses an untyped column, a type outside type_formats and a shared type nobody uses', () => {
    const problems = problemsOf(
      edited((document) => {
        report(document, 'getMailboxUsageStorage').header =
          'Report Refresh Date,Storage Used (Byte),Archive Used (Byte),Report Date,Report Period';
        report(document, 'getMailboxUsageMailboxCounts').types = { Total: 'number' };
        document.column_types['Never Sent'] = 'count';
      }),
    );
    expect(problems).toContain(
      'reports.getMailboxUsageStorage.header: "Archive Used (Byte)" has no type (add it to column_types or types)',
    );
    expect(problems).toContain(
      'reports.getMailboxUsageMailboxCounts.types.Total: number is not one of type_formats',
    );
    expect(problems).toContain('column_types.Never Sent: no report has this column');
  });

  it('refuses a shape that does not fit the header, an entity on a counts report and a date on a summary', () => {
    const problems = problemsOf(
      edited((document) => {
        report(document, 'getMailboxUsageStorage').shape = 'summary';
        Object.assign(report(document, 'getEmailAppUsageVersionsUserCounts'), {
          entity: 'user',
          parameters: 'period-or-date',
        });
        report(document, 'getOneDriveUsageStorage').category = 'Site Kind';
      }),
    );
    expect(problems).toContain('reports.getMailboxUsageStorage.shape: a report with Report Date is daily');
    expect(problems).toContain(
      'reports.getEmailAppUsageVersionsUserCounts.entity: given exactly for per-entity reports',
    );
    expect(problems).toContain(
      'reports.getEmailAppUsageVersionsUserCounts.parameters: only per-entity reports take a date',
    );
    expect(problems).toContain(
      'reports.getOneDriveUsageStorage.category: Site Kind is not a column of the header',
    );
  });

  it('refuses a column named twice, a documented header equal to the header, and retired outside Skype for Business', () => {
    const problems = problemsOf(
      edited((document) => {
        report(document, 'getMailboxUsageMailboxCounts').header =
          'Report Refresh Date,Total,Total,Report Date,Report Period';
        const counts = report(document, 'getEmailActivityCounts');
        counts.documented_header = counts.header;
        report(document, 'getYammerActivityCounts').retired = true;
      }),
    );
    expect(problems).toContain('reports.getMailboxUsageMailboxCounts.header: "Total" appears twice');
    expect(problems).toContain('reports.getEmailActivityCounts.documented_header: the same as header');
    expect(problems).toContain(
      'reports.getYammerActivityCounts.retired: true exactly for the retired Skype for Business reports',
    );
  });
});
