import type { EntityIdentity, ReportMapping } from '@m365-otel/mappers';
import type { EntityRecordStream } from '../export/events.js';
import type { SelfMetrics } from '../export/self-metrics.js';
import { ReportStageError } from './report-error.js';
import type { ReportRecords } from './tenant-source.js';

export interface EntityRecords {
  reports: ReadonlySet<string>;
  filter(identity: EntityIdentity): boolean;
  /** A fresh stream of one tenant's records, sent through the log exporter. */
  stream(tenantId: string): EntityRecordStream;
}

/**
 * The sink a per-entity report with details on streams its records into, and the wait for the backend to take them
 * all: a refusal fails the report (its metrics stand), so it is read and its records sent again next time.
 */
export function recordsFor(
  tenantId: string,
  mapping: ReportMapping,
  entities: EntityRecords | undefined,
):
  | {
      sink: ReportRecords;
      acknowledged(selfMetrics: SelfMetrics): Promise<number>;
    }
  | undefined {
  if (entities === undefined || !entities.reports.has(mapping.report)) return undefined;
  const stream = entities.stream(tenantId);
  return {
    sink: {
      attempt: () => ({ filter: entities.filter, onRecord: stream.attempt() }),
      ready: (signal) => stream.ready(signal),
    },
    async acknowledged(selfMetrics) {
      const outcome = await stream.finish();
      if (!outcome.delivered)
        throw new ReportStageError(
          'export',
          `the OTLP backend did not acknowledge the report's log records: ${outcome.errors.join('; ')}`,
        );
      if (outcome.rejected > 0) selfMetrics.recordRejected('logs', outcome.rejected);
      selfMetrics.recordRecords('report_entities', outcome.records);
      return outcome.records;
    },
  };
}
