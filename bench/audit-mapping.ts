// Micro-benchmark: mapAuditRecord over audit records of the five content types, next to a baseline measured in the
// same run: JSON.parse of the same records as blobs, which the collector pays for every record anyway.
//
//   node bench/audit-mapping.ts                    # 1M records, 3 runs
//   node bench/audit-mapping.ts --records 200000 --runs 5
import { parseArgs } from 'node:util';
import { mapAuditRecord } from '@m365-otel/mappers';

const BLOB_SIZE = 1000;

const { values } = parseArgs({
  options: { records: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } },
});
const total = Number(values.records);
const runs = Number(values.runs);

/** One record of a content type, shaped like Microsoft's; index varies the id, the time and the client address. */
function record(index: number): Record<string, unknown> {
  const common = {
    CreationTime: `2024-03-11T${String(index % 24).padStart(2, '0')}:02:45${index % 3 === 0 ? '.1234567' : ''}`,
    Id: `7e8f9a0b-1c2d-4e3f-8a4b-${String(index).padStart(12, '0')}`,
    OrganizationId: 'b2c1f2a4-6a2e-4c8f-9f7e-1d2c3b4a5f60',
    UserKey: '10032001A5B0C9F3',
    UserType: index % 9,
    Version: 1,
    UserId: `user${index % 500}@contoso.onmicrosoft.com`,
  };
  switch (index % 5) {
    case 0:
      return {
        ...common,
        Operation: 'UserLoggedIn',
        RecordType: 15,
        ResultStatus: 'Succeeded',
        Workload: 'AzureActiveDirectory',
        ClientIP: '2001:db8:85a3::8a2e:370:7334',
        ExtendedProperties: [{ Name: 'UserAgent', Value: 'Mozilla/5.0' }],
      };
    case 1:
      return {
        ...common,
        Operation: 'MailItemsAccessed',
        RecordType: 50,
        ResultStatus: 'Succeeded',
        Workload: 'Exchange',
        ClientIP: '[2001:db8::7]:51234',
        OperationCount: 3,
      };
    case 2:
      return {
        ...common,
        Operation: 'FileAccessed',
        RecordType: 6,
        Workload: 'SharePoint',
        ClientIP: '203.0.113.24:50123',
        ObjectId: 'https://contoso.sharepoint.com/sites/a/Shared Documents/Plan.docx',
        ItemType: 'File',
      };
    case 3:
      return {
        ...common,
        Operation: 'MemberAdded',
        RecordType: 25,
        Workload: 'MicrosoftTeams',
        ClientIP: '198.51.100.4',
        TeamName: 'Marketing',
      };
    default:
      return {
        ...common,
        Operation: 'DlpRuleMatch',
        RecordType: 11,
        Workload: 'SharePoint',
        ClientIP: null,
        PolicyDetails: [{ PolicyName: 'U.S. Financial Data' }],
      };
  }
}

const blobs = Array.from({ length: Math.ceil(total / BLOB_SIZE) }, (_, blob) =>
  JSON.stringify(Array.from({ length: BLOB_SIZE }, (_, index) => record(blob * BLOB_SIZE + index))),
);
const blobInfo = { contentType: 'Audit.General', contentId: '20240311$blob' };

function measure(label: string, work: () => number): void {
  for (let run = 1; run <= runs; run++) {
    const start = process.hrtime.bigint();
    const records = work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(
      `${label} run ${run}: ${records} records in ${seconds.toFixed(3)} s, ${Math.round(records / seconds)} records/s`,
    );
  }
}

measure('baseline (JSON.parse)', () => {
  let records = 0;
  for (const text of blobs) records += (JSON.parse(text) as unknown[]).length;
  return records;
});

// The events are kept until the blob is done, as the collector keeps them until its export is acknowledged.
measure('JSON.parse + mapAuditRecord', () => {
  let records = 0;
  for (const text of blobs) {
    const events = (JSON.parse(text) as Record<string, unknown>[]).map((item) =>
      mapAuditRecord(item, blobInfo),
    );
    records += events.length;
  }
  return records;
});
