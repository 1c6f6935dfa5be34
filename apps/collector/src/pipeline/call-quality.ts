import type { EventRecord, M365otelCallQualityPart } from '@m365-otel/mappers';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import {
  advanceCallQualityCursor,
  type CallQualityCursor,
  type CallRecordListing,
  callQualityCursorKey,
  callRecordsToRead,
  callRecordWindow,
  firstCallQualityCursor,
  markCallRecordsRead,
  parseCallQualityCursor,
  rebuiltCallQualityCursor,
  serializeCallQualityCursor,
} from '../call-quality/cursor.js';
import type { TenantEvents } from '../export/events.js';
import type { SelfMetrics } from '../export/self-metrics.js';
import type { Logger } from '../logging/logger.js';
import type { RetainingStateStore } from '../state/retaining-store.js';
import { EventExportError } from './event-export-error.js';
import type { FailureStreaks } from './governance.js';

/** Records read, exported and committed together: a crash re-reads and re-sends at most one batch. */
export const CALL_RECORDS_PER_BATCH = 32;
/** Records of a batch read at once: one GET each, on the tenant's Graph connection pool. */
export const CALL_RECORD_READS_AT_ONCE = 4;

interface RequestOptions {
  signal?: AbortSignal;
  /** Each malformed part of a record the reader leaves out (the rest of the record is used). */
  onSkippedItem?: (item: { part: M365otelCallQualityPart }) => void;
}

/** The call-records client as a poll uses it (structural, so tests stand in for Graph). */
export interface CallRecordsReader<Listing extends CallRecordListing, Full> {
  listCallRecords(window: { from: string; to: string }, options?: RequestOptions): Promise<Listing[]>;
  getCallRecord(id: string, options?: RequestOptions): Promise<Full>;
  /** Now on Graph's clock, which stamps the records' times (the latest answer's Date header tells it). */
  serverNow(): number;
}

export interface CallQualityTenant<Listing extends CallRecordListing, Full> {
  tenantId: string;
  reader: CallRecordsReader<Listing, Full>;
  events: TenantEvents;
  /** Counts a record into the tenant's call-quality metrics (SDK instruments); called once per record. */
  record(callRecord: Full): void;
}

export interface CallQualityPollOptions<Listing extends CallRecordListing, Full> {
  tenants: readonly CallQualityTenant<Listing, Full>[];
  state: RetainingStateStore;
  /** With callQuality.records: a log record per call record read, exported with this exporter. */
  records?: { event(callRecord: Full): EventRecord; exporter: LogRecordExporter };
  failures: FailureStreaks;
  selfMetrics: SelfMetrics;
  logger: Logger;
  signal: AbortSignal;
  now: () => number;
}

export type CallQualityStage = 'state' | 'list' | 'read' | 'export' | 'commit';

export type CallQualityResult = {
  tenantId: string;
  /** Records read and committed in this poll (their log records acknowledged, when on). */
  records: number;
} & ({ ok: true } | { ok: false; stage: CallQualityStage; error: unknown });

/** Polls every tenant's call records once, side by side; never throws. */
export function pollCallQuality<Listing extends CallRecordListing, Full>(
  options: CallQualityPollOptions<Listing, Full>,
): Promise<CallQualityResult[]> {
  return Promise.all(options.tenants.map((tenant) => pollTenant(tenant, options)));
}

/**
 * One tenant: list the records started in the cursor's window, read each final one not read yet (in batches,
 * oldest first), export a batch's log records and wait for the acknowledgement, commit the batch's ids, and only
 * then count the batch into the metrics (a batch sent again after a failed export is never counted twice). At
 * the end the cursor moves past what was read. A batch the backend accepted only in part is committed and counted
 * (what it rejected is never sent again) and fails the poll at the end. A record whose read fails is left for the
 * next poll (it holds the cursor) and fails this one, after the other records were read.
 */
async function pollTenant<Listing extends CallRecordListing, Full>(
  tenant: CallQualityTenant<Listing, Full>,
  options: CallQualityPollOptions<Listing, Full>,
): Promise<CallQualityResult> {
  const { tenantId } = tenant;
  const { signal, state, selfMetrics, logger } = options;
  const key = callQualityCursorKey(tenantId);
  const startedMs = options.now();
  let stage: CallQualityStage = 'state';
  let committed = 0;
  try {
    const { reader } = tenant;
    const loaded = await state.load(key, parseCallQualityCursor, {
      signal,
      rebuilding:
        'the call-record cursor is rebuilt from now on Graph’s clock: the records final now are recorded as read, without being counted',
    });
    // Rebuilt: a lost cursor must neither count records into the counters twice nor look back like a first run, so
    // the listing a cursor at now makes has its final records taken as read; those still settling are read later.
    const baseline = loaded.status === 'rebuilt';
    let cursor: CallQualityCursor =
      loaded.status === 'found'
        ? loaded.value
        : baseline
          ? rebuiltCallQualityCursor(reader.serverNow())
          : firstCallQualityCursor(reader.serverNow());
    stage = 'list';
    const onSkippedItem = ({ part }: { part: M365otelCallQualityPart }) =>
      selfMetrics.recordCallRecordPartSkipped(part);
    const listed = await reader.listCallRecords(callRecordWindow(cursor, reader.serverNow()), {
      signal,
      onSkippedItem,
    });
    // Finality compares the records' lastModifiedDateTime with Graph's now, as the list answer told it.
    const listedAtMs = reader.serverNow();
    const final = callRecordsToRead(cursor, listed, listedAtMs);
    if (baseline) cursor = markCallRecordsRead(cursor, final);
    const toRead = baseline ? [] : final;
    let readFailure: unknown;
    // A partial success fails the poll after the commits: what the backend rejected must never be sent again.
    let partialSuccess: EventExportError | undefined;
    for (let start = 0; start < toRead.length; start += CALL_RECORDS_PER_BATCH) {
      stage = 'read';
      const batch = toRead.slice(start, start + CALL_RECORDS_PER_BATCH);
      const read: { listing: Listing; record: Full }[] = [];
      await forEachAtMost(CALL_RECORD_READS_AT_ONCE, batch, async (listing) => {
        try {
          read.push({ listing, record: await reader.getCallRecord(listing.id, { signal, onSkippedItem }) });
        } catch (error) {
          if (signal.aborted) throw error;
          readFailure ??= error;
        }
      });
      selfMetrics.recordRecords('call_quality', read.length);
      const records = options.records;
      if (records && read.length > 0) {
        stage = 'export';
        const events = read.map(({ record }) => records.event(record));
        const outcome = await tenant.events.export(events, records.exporter, options.now());
        if (!outcome.delivered) throw new EventExportError('call records', outcome.errors);
        if (outcome.rejected > 0) {
          selfMetrics.recordRejected('logs', outcome.rejected);
          partialSuccess ??= new EventExportError('call records', outcome.errors);
        }
      }
      stage = 'commit';
      cursor = markCallRecordsRead(
        cursor,
        read.map(({ listing }) => listing),
      );
      // Counted whether or not the disk takes the commit: the retaining store holds it, so this process never
      // reads these records again.
      const commit = state.write(key, serializeCallQualityCursor(cursor), { signal });
      commit.catch(() => undefined);
      for (const { record } of read) tenant.record(record);
      committed += read.length;
      await commit;
    }
    stage = 'commit';
    const advanced = advanceCallQualityCursor(cursor, listed, listedAtMs);
    if (
      baseline ||
      advanced.cursor !== cursor.cursor ||
      advanced.read.size !== cursor.read.size ||
      state.isUnsaved(key)
    )
      await state.write(key, serializeCallQualityCursor(advanced), { signal });
    if (readFailure !== undefined) {
      stage = 'read';
      throw readFailure;
    }
    if (partialSuccess !== undefined) {
      stage = 'export';
      throw partialSuccess;
    }
    selfMetrics.recordGovernancePoll('call_quality', 'success');
    const recovered = options.failures.succeeded(tenantId, 'callQuality');
    logger[recovered ? 'info' : 'debug'](recovered ? 'call quality recovered' : 'call quality polled', {
      tenantId,
      listed: listed.length,
      read: committed,
      waiting: listed.length - toRead.length,
      cursor: new Date(advanced.cursor).toISOString(),
      durationMs: options.now() - startedMs,
    });
    return { tenantId, ok: true, records: committed };
  } catch (caught) {
    const error = signal.aborted ? signal.reason : caught;
    selfMetrics.recordGovernancePoll('call_quality', 'failure');
    if (stage === 'commit') selfMetrics.recordStateCommitFailure();
    const fields = { tenantId, stage, records: committed, error };
    if (options.failures.failed(tenantId, 'callQuality')) logger.error('call quality failed', fields);
    else logger.debug('call quality still failing', fields);
    return { tenantId, ok: false, stage, error, records: committed };
  }
}

/** Runs `work` over the items, at most `limit` at a time; rejects with the first rejection, after the rest settled. */
async function forEachAtMost<T>(
  limit: number,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}
