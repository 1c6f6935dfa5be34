import { readFile } from 'node:fs/promises';
import { repositoryPath } from '@m365-otel/codegen';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { renderMetricsDoc } from '../scripts/catalog/docs.ts';
import {
  GENERATE_COMMAND,
  generateCatalogFiles,
  METADATA_PATH,
  WORKSPACE_VOCABULARIES,
} from '../scripts/catalog/generate.ts';
import { type Catalog, loadCatalog } from '../scripts/catalog/model.ts';

const metadata = await readFile(repositoryPath(METADATA_PATH), 'utf8');
const generated = await generateCatalogFiles();
const catalog = await loadCatalog(metadata, WORKSPACE_VOCABULARIES);

/** The sections of metadata.yaml the tests below change. */
interface Sections {
  attributes: Section;
  metrics: Section;
  recorded_metrics: Section;
  self_metrics: Section;
}

/** metadata.yaml with one change, as YAML again. */
function edited(change: (document: Sections) => void): string {
  const document: Sections = parse(metadata);
  change(document);
  return stringify(document);
}

type Section = Record<string, Record<string, unknown>>;

function entryOf(section: Section, key: string): Record<string, unknown> {
  const entry = section[key];
  if (entry === undefined) throw new Error(`metadata.yaml has no ${key}`);
  return entry;
}

/** Sets fields of an entry that metadata.yaml has. */
function patch(section: Section, key: string, fields: Record<string, unknown>): void {
  Object.assign(entryOf(section, key), fields);
}

/** Declares a copy of an entry under another key. */
function copy(section: Section, from: string, to: string): void {
  section[to] = structuredClone(entryOf(section, from));
}

async function problemsOf(yamlText: string): Promise<string> {
  return loadCatalog(yamlText, WORKSPACE_VOCABULARIES).then(
    () => 'accepted',
    (error: Error) => error.message,
  );
}

describe('the generated files', () => {
  it.each(generated)('$path matches metadata.yaml', async ({ path, content }) => {
    const committed = await readFile(repositoryPath(path), 'utf8');
    expect(
      committed,
      `${path} is out of date with metadata.yaml: run \`${GENERATE_COMMAND}\` from the repository root`,
    ).toBe(content);
  });
});

describe('loadCatalog', () => {
  it('accepts the catalog as committed', async () => {
    expect(await problemsOf(metadata)).toBe('accepted');
  });

  it('refuses a source column that the report does not have, and a report the report catalog does not know', async () => {
    const problems = await problemsOf(
      edited((document) => {
        patch(document.metrics, 'm365.email.messages', {
          source: { report: 'getEmailActivityCounts', series: { sent: 'Sent', received: 'Receive' } },
        });
        patch(document.metrics, 'm365.email.meetings', {
          source: { report: 'getMeetings', series: { created: 'Created' } },
        });
      }),
    );
    expect(problems).toContain(
      'metrics.m365.email.messages.series.sent: getEmailActivityCounts has no column "Sent"',
    );
    expect(problems).toContain(
      'metrics.m365.email.meetings.report: getMeetings is not in @m365-otel/report-catalog',
    );
  });

  it('refuses series that do not fit the metric: a value outside its enum, a missing level, a text column, the wrong unit', async () => {
    const problems = await problemsOf(
      edited((document) => {
        patch(document.metrics, 'm365.email.messages', {
          source: { report: 'getEmailActivityCounts', series: { forwarded: 'Send', read: { x: 'Read' } } },
        });
        patch(document.metrics, 'm365.email.meetings', {
          source: { report: 'getEmailActivityCounts', series: 'Meeting Created' },
        });
        patch(document.metrics, 'm365.mailbox.storage.usage', {
          source: { report: 'getMailboxUsageStorage', series: 'Report Date' },
        });
        patch(document.metrics, 'm365.mailbox.count', {
          unit: 'By',
          source: {
            report: 'getMailboxUsageMailboxCounts',
            series: { active: 'rows', inactive: 'Total - Active' },
          },
        });
      }),
    );
    expect(problems).toContain(
      'metrics.m365.email.messages.series: forwarded is not a value of m365.email.action',
    );
    expect(problems).toContain('metrics.m365.email.messages.series.read: a value is expected, not a map');
    expect(problems).toContain(
      'metrics.m365.email.meetings.series: a value of m365.email.meeting.action is expected, not a value',
    );
    expect(problems).toContain(
      'metrics.m365.mailbox.storage.usage.series: Report Date is a date column, not a count, bytes or duration',
    );
    expect(problems).toContain(
      "metrics.m365.mailbox.count.series.active: rows counts a per-entity report's rows",
    );
    expect(problems).toContain('metrics.m365.mailbox.count: the unit By does not fit count columns');
  });

  it('refuses a report with a category read without splitting by it, and an entity event without identity columns', async () => {
    const problems = await problemsOf(
      edited((document) => {
        const sharepoint = entryOf(document.metrics, 'm365.sharepoint.sites');
        sharepoint.source = {
          report: 'getSharePointSiteUsageSiteCounts',
          series: { all: { active: 'Active' } },
        };
        const events = (document as unknown as { events: Section }).events;
        patch(events, 'm365.report.team', {
          entity: { filtered_as: 'team', identity: { 'Team Name': 'm365.team.name' }, names: ['Team Title'] },
        });
      }),
    );
    expect(problems).toContain(
      'metrics.m365.sharepoint.sites.category: getSharePointSiteUsageSiteCounts has a row per Site Type; split by it',
    );
    expect(problems).toContain('events.m365.report.team.entity.names: Team Title is not an identity column');
  });

  it("refuses an enum value outside the client's vocabulary, and an undeclared vocabulary", async () => {
    const problems = await problemsOf(
      edited((document) => {
        patch(document.attributes, 'm365.service.issue.classification', { enum: ['incident', 'outage'] });
        patch(document.attributes, 'm365.service.status', { vocabulary: 'statuses' });
      }),
    );
    expect(problems).toContain(
      'attributes.m365.service.issue.classification.enum: outage is not a value of @m365-otel/service-health SERVICE_HEALTH_CLASSIFICATIONS',
    );
    expect(problems).toContain(
      'attributes.m365.service.status.vocabulary: statuses is not declared under vocabularies',
    );
  });

  it('refuses a unit outside UCUM and a key it does not know, before looking further', async () => {
    const problems = await problemsOf(
      edited((document) => {
        patch(document.metrics, 'm365.email.meetings', { unit: 'meetings' });
        patch(document.metrics, 'm365.email.messages', { monotonic: true });
      }),
    );
    expect(problems).toContain('metrics.m365.email.meetings.unit: a UCUM unit');
    expect(problems).toContain('metrics.m365.email.messages: Unrecognized key: "monotonic"');
  });

  it('refuses an undeclared attribute, names against the rules, and a default healthy status outside the enum', async () => {
    const problems = await problemsOf(
      edited((document) => {
        patch(document.metrics, 'm365.email.messages', { attributes: ['m365.email.verb'] });
        patch(document.metrics, 'm365.service.healthy', {
          healthy_statuses: { attribute: 'm365.service.status', default: ['serviceOperational', 'fine'] },
        });
        copy(document.metrics, 'm365.email.meetings', 'M365.Email');
        copy(document.metrics, 'm365.email.meetings', 'm365.email.total');
      }),
    );
    expect(problems).toContain('metrics.m365.email.messages.attributes[0]: m365.email.verb is not declared');
    expect(problems).toContain(
      'metrics.m365.service.healthy.healthy_statuses: not values of m365.service.status: fine',
    );
    expect(problems).toContain('metrics.M365.Email: lower case');
    expect(problems).toContain('metrics.m365.email.total: no `total` in a name');
    const numeric = await problemsOf(
      edited((document) => {
        patch(document.metrics, 'm365.email.messages', { attributes: ['m365.audit.record_type'] });
      }),
    );
    expect(numeric).toContain(
      "metrics.m365.email.messages.attributes: m365.audit.record_type is of type int; a snapshot point's attributes are strings",
    );
  });

  it('refuses a self-metric outside m365otel.*, and a state attribute that is not an enum of the metric', async () => {
    const problems = await problemsOf(
      edited((document) => {
        copy(document.self_metrics, 'm365otel.report.fetches', 'm365.report.fetches');
        patch(document.metrics, 'm365.service.status', { state_attribute: 'm365.service.id' });
      }),
    );
    expect(problems).toContain('self_metrics.m365.report.fetches: named m365otel.*');
    expect(problems).toContain(
      "metrics.m365.service.status.state_attribute: must name one of the metric's enum attributes",
    );
  });
});

describe('loadCatalog, for metrics recorded live and numbered enums', () => {
  it('refuses a recorded metric with two instruments or unordered bucket boundaries, and one named m365otel.*', async () => {
    const problems = await problemsOf(
      edited((document) => {
        patch(document.recorded_metrics, 'm365.audit.records', { gauge: { value_type: 'int' } });
        patch(document.recorded_metrics, 'm365.audit.event.lag', {
          histogram: { value_type: 'double', bucket_boundaries: [60, 300, 300] },
        });
        copy(document.recorded_metrics, 'm365.audit.listing.lag', 'm365otel.audit.listing.lag');
      }),
    );
    expect(problems).toContain(
      'recorded_metrics.m365.audit.records: declares exactly one of gauge, sum and histogram',
    );
    expect(problems).toContain(
      'recorded_metrics.m365.audit.event.lag.histogram.bucket_boundaries: strictly ascending',
    );
    expect(problems).toContain('recorded_metrics.m365otel.audit.listing.lag: m365otel.* is for self_metrics');
  });

  it('refuses a name given to two numbers, a code that is not a number, and codes on a number attribute', async () => {
    const problems = await problemsOf(
      edited((document) => {
        patch(document.attributes, 'm365.audit.user_type_name', { codes: { 0: 'Regular', 1: 'Regular' } });
        patch(document.attributes, 'm365.audit.user_type', { codes: { 0: 'Regular' } });
      }),
    );
    expect(problems).toContain('attributes.m365.audit.user_type_name.codes: a name is given to two numbers');
    const shape = await problemsOf(
      edited((document) => {
        patch(document.attributes, 'm365.audit.record_type_name', { codes: { one: 'ExchangeAdmin' } });
      }),
    );
    expect(shape).toContain('attributes.m365.audit.record_type_name.codes.one: Invalid key in record');
    expect(problems).toContain('attributes.m365.audit.user_type: only a string attribute has an enum');
  });
});

describe('renderMetricsDoc', () => {
  const [first, ...rest] = catalog.metrics;
  if (first === undefined) throw new Error('the catalog has no metric');
  const render = (metrics: Catalog['metrics']) => renderMetricsDoc({ ...catalog, metrics }, GENERATE_COMMAND);

  it('lists a metric that is off by default under Optional Metrics, with the snippet that enables it', () => {
    const doc = render([{ ...first, enabledByDefault: false }, ...rest]);
    const optional = doc.slice(doc.indexOf('## Optional Metrics'), doc.indexOf('## Events'));
    expect(optional).toContain(`### ${first.name}\n`);
    expect(optional).toContain('    enabled: true\n');
    expect(optional).not.toContain('None at present.');
    expect(doc.slice(0, doc.indexOf('## Optional Metrics'))).not.toContain(`### ${first.name}\n`);
  });

  it('escapes pipes inside table cells', () => {
    expect(render([{ ...first, unit: '{a|b}' }])).toContain('| {a\\|b} | Gauge | Int | Development |');
  });

  it('says what a signal needs (its permission and licence) and which Azure Resource Manager resource it reads', () => {
    const doc = render([
      {
        ...first,
        source: { kind: 'arm-api', fields: { 'providers/Microsoft.Example/things': ['name', 'state'] } },
        permission: 'the Example Reader role',
        licence: 'Example P1',
      },
    ]);
    expect(doc).toContain(
      'Azure Resource Manager: `providers/Microsoft.Example/things` (name, state).\n\nPermission: the Example Reader role.\n\nLicence: Example P1.\n',
    );
  });

  it('marks the resource attributes set only once the tenant was read', () => {
    const doc = render(rest);
    expect(doc).toContain(
      '| m365.tenant.id | The Microsoft Entra tenant (directory) ID the data belongs to. | Any Str | always |',
    );
    expect(doc).toMatch(/\| m365\.tenant\.domain \| .* \| Any Str \| when set \|/);
  });
});
