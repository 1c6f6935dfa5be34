// Micro-benchmark: mapAuditRecord over audit records of the five content types, next to a baseline measured in the
// same run: JSON.parse of the same records as blobs, which the collector pays for every record anyway.
//
//   node bench/audit-mapping.ts                    # 1M records, 3 runs
//   node bench/audit-mapping.ts --records 200000 --runs 5
import { parseArgs } from 'node:util';
import { mapAuditRecord } from '@m365-otel/mappers';
import { auditRecord } from './audit-records.ts';
import { scriptArgs } from './support.ts';

const BLOB_SIZE = 1000;

const { values } = parseArgs({
  args: scriptArgs(),
  options: { records: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } },
});
const total = Number(values.records);
const runs = Number(values.runs);

const blobs = Array.from({ length: Math.ceil(total / BLOB_SIZE) }, (_, blob) =>
  JSON.stringify(Array.from({ length: BLOB_SIZE }, (_, index) => auditRecord(blob * BLOB_SIZE + index))),
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
