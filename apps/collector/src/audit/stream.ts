import {
  type ActivityClient,
  type AuditRecord,
  BlobUnavailableError,
  type ContentBlob,
  type ContentType,
  DEFAULT_MAX_AGE_MS,
  ManagementApiError,
} from '@m365-otel/management-api';
import type { AuditEvent, M365otelAuditSkipReason } from '@m365-otel/mappers';
import type { ExportOutcome } from '../export/exporter.js';
import type { Logger } from '../logging/logger.js';
import type { RetainingStateStore } from '../state/retaining-store.js';
import {
  type AuditCheckpoint,
  auditCheckpointKey,
  type InFlightBlob,
  listingStart,
  parseAuditCheckpoint,
  pruneProcessed,
  serializeAuditCheckpoint,
} from './checkpoint.js';
import { CONFIGURATION_RETRY_MS, type FailureKind, FailureStreak, failureKind } from './failures.js';
import { RecordIdCache, type RecordIdLog } from './record-ids.js';
import type { SubscriptionGate } from './subscriptions.js';

/** Records per export and per commit: one OTLP request of the events' usual size. */
export const AUDIT_BATCH_SIZE = 512;
/**
 * A poll lists its range in slices of at most this long, and moves the high-water at the end of each: the
 * checkpoint then holds at most one slice's blob ids, and a long backlog makes progress a restart keeps.
 */
export const LISTING_SLICE_MS = 3_600_000;
/** How much later than the client's own limit a poll starts a range cut at the retention, so the client never cuts. */
const RETENTION_MARGIN_MS = 60_000;

/** Where a poll stopped: each calls for a different fix. */
export type AuditStage = 'subscription' | 'state' | 'listing' | 'fetch' | 'export';

export interface AuditStreamResult {
  tenantId: string;
  contentType: ContentType;
  /** stopped: shutdown began, the poll ended after its last acknowledged batch (the range is finished later). */
  status: 'ok' | 'stopped' | 'failed';
  /**
   * True only when the poll delivered everything it listed, the backend accepted all of it (a partial success is
   * committed but fails the poll, as for every source) and every commit reached the state directory.
   */
  ok: boolean;
  failure?: { kind: FailureKind; stage: AuditStage; error: unknown };
  /** Records the backend acknowledged in this poll. */
  records: number;
  /** Records left out because their Id was delivered already. */
  duplicates: number;
  /** Blobs fully handled in this poll (delivered, or skipped as unavailable). */
  blobs: number;
  /** Commits the state directory refused (counted, logged; collection went on). */
  commitFailures: number;
  /** Records the backend rejected in partial successes: counted as delivered, never sent again. */
  rejected: number;
  /** When the stream should poll again: its interval, or CONFIGURATION_RETRY_MS after a configuration failure. */
  nextPollMs: number;
}

/** What a stream reports as it goes, for the tenant's audit metrics and the collector's self-metrics. */
export interface AuditStreamMetrics {
  /** Acknowledged records, each with the contentCreated of its blob (for the event lag). */
  delivered(contentType: ContentType, events: readonly AuditEvent[], blobCreatedMs: readonly number[]): void;
  duplicates(contentType: ContentType, count: number): void;
  /** A blob skipped for good: Microsoft no longer serves it, or its body is not a JSON array of records. */
  blobSkipped(contentType: ContentType, reason: BlobSkipReason): void;
  /** Seconds of audit log that can no longer be listed (an outage longer than Microsoft's retention). */
  retentionLost(contentType: ContentType, seconds: number): void;
  /** The time of the listing minus the newest contentCreated delivered, after each poll. */
  listingLag(contentType: ContentType, seconds: number): void;
  /** Records the backend rejected in a partial success: delivered as far as the stream is concerned. */
  rejected(count: number): void;
  commitFailed(): void;
}

export interface AuditStreamOptions {
  tenantId: string;
  contentType: ContentType;
  client: Pick<ActivityClient, 'listContent' | 'fetchContent'>;
  subscriptions: Pick<SubscriptionGate, 'ensure'>;
  /** Retaining: a checkpoint the disk refused still counts in this process and is written again at the next commit. */
  state: RetainingStateStore;
  recordIds: RecordIdLog;
  map: (
    record: Readonly<Record<string, unknown>>,
    blob: { contentType: string; contentId: string },
  ) => AuditEvent;
  /**
   * Exports the events through the tenant's log exporter, each observed when its blob was fetched (`observedMs`,
   * one per event); resolves with the backend's answer.
   */
  exportEvents: (events: readonly AuditEvent[], observedMs: readonly number[]) => Promise<ExportOutcome>;
  metrics: AuditStreamMetrics;
  logger: Logger;
  config: { startFromMs: number; overlapMs: number; dedupCacheSize: number; pollIntervalMs: number };
  /** The time of Microsoft's clock (the listing's end); never ahead of it. */
  serverNow: () => number;
  /** This host's clock: a record's observed time is when its blob was fetched. */
  now: () => number;
  /** Shutdown: the poll ends after the batch in flight, with its checkpoint committed. */
  stop?: AbortSignal;
}

export type BlobSkipReason = M365otelAuditSkipReason;

/** Not acknowledged by the OTLP backend; the message carries the exporter's reasons. */
export class AuditExportError extends Error {
  constructor(errors: readonly string[]) {
    super(`the OTLP backend did not acknowledge the audit records: ${errors.join('; ')}`);
    this.name = 'AuditExportError';
  }
}

/** Thrown inside a poll when shutdown begins between two batches; not a failure. */
class Stopped extends Error {}

interface Progress {
  records: number;
  duplicates: number;
  blobs: number;
  commitFailures: number;
  rejected: number;
}

/**
 * An interval past Microsoft's retention, never to be listed: counted in seconds and logged as data lost, whether the
 * stream cut its range or the client cut a window.
 */
export function reportRetentionLoss(
  report: { metrics: Pick<AuditStreamMetrics, 'retentionLost'>; logger: Logger },
  loss: { tenantId: string; contentType: ContentType; fromMs: number; untilMs: number },
): void {
  const seconds = (loss.untilMs - loss.fromMs) / 1000;
  report.metrics.retentionLost(loss.contentType, seconds);
  report.logger.error('audit data lost: the interval is past Microsoft’s retention and can never be listed', {
    tenantId: loss.tenantId,
    contentType: loss.contentType,
    lostFrom: new Date(loss.fromMs).toISOString(),
    lostUntil: new Date(loss.untilMs).toISOString(),
    lostSeconds: seconds,
  });
}

/**
 * One (tenant, content type) stream of the audit log. Each poll lists `[high-water − overlap, Microsoft's now)` in
 * slices, and for each listed blob in listing order: skips it when delivered already, fetches its records, drops
 * records whose Id was delivered already, maps the rest, exports them in batches, waits for the backend's
 * acknowledgement, and only then remembers the Ids and commits the checkpoint. A crash therefore loses nothing and
 * re-sends at most the batch that was awaiting its acknowledgement. A failure ends the poll with the cursor where
 * the last commit left it; other streams are not affected.
 */
export class AuditStream {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly #options: AuditStreamOptions;
  readonly #key: string;
  readonly #streak = new FailureStreak();
  /** The last committed checkpoint (also when the disk refused it), loaded on the first poll. */
  #checkpoint: AuditCheckpoint | undefined;
  #ids: RecordIdCache | undefined;
  /** The newest contentCreated of a blob delivered (or skipped for good), for the listing lag. */
  #newestCreated: number | undefined;

  constructor(options: AuditStreamOptions) {
    this.#options = options;
    this.tenantId = options.tenantId;
    this.contentType = options.contentType;
    this.#key = auditCheckpointKey(options.tenantId, options.contentType);
  }

  /** `<tenant id>/<content type>`, as logs and the `starting` line name the stream. */
  get name(): string {
    return `${this.tenantId}/${this.contentType}`;
  }

  /** Delivers what is available now; never throws (the result and the log say how it went). */
  async poll(signal: AbortSignal): Promise<AuditStreamResult> {
    const { logger, config } = this.#options;
    const fields = { tenantId: this.tenantId, contentType: this.contentType };
    const progress: Progress = { records: 0, duplicates: 0, blobs: 0, commitFailures: 0, rejected: 0 };
    const startedMs = Date.now();
    let stage: AuditStage = 'subscription';
    const result = (status: AuditStreamResult['status']): AuditStreamResult => ({
      ...fields,
      status,
      ok: status === 'ok' && progress.commitFailures === 0 && progress.rejected === 0,
      ...progress,
      nextPollMs: config.pollIntervalMs,
    });
    try {
      await this.#options.subscriptions.ensure(this.contentType, signal);
      stage = 'state';
      const { checkpoint, ids } = await this.#load(signal);
      const end = floorToSecond(this.#options.serverNow());
      let from = listingStart(checkpoint, config.overlapMs);
      // Past the retention nothing can be listed: the range is cut here, once, rather than slice by slice by the
      // client. After a first run that is a loss (an outage longer than the retention); before, only the lookback.
      const oldest = end - DEFAULT_MAX_AGE_MS + RETENTION_MARGIN_MS;
      if (from < oldest) {
        if (checkpoint.highWater !== undefined) this.#reportLoss(from, oldest);
        from = oldest;
      }
      let stopped = false;
      try {
        while (from < end) {
          const sliceEnd = Math.min(end, from + LISTING_SLICE_MS);
          stage = 'listing';
          await this.#deliverRange(from, sliceEnd, ids, progress, signal, (next) => {
            stage = next;
          });
          from = sliceEnd;
        }
      } catch (error) {
        if (!(error instanceof Stopped)) throw error;
        stopped = true;
      }
      const highWater = this.#checkpoint?.highWater;
      if (this.#newestCreated !== undefined)
        this.#options.metrics.listingLag(this.contentType, Math.max(0, end - this.#newestCreated) / 1000);
      this.#streak.succeeded(logger, fields);
      // An idle poll (nothing new) is routine every few minutes per stream: debug, so the log shows what moved.
      const level = stopped || progress.blobs > 0 || progress.records > 0 ? 'info' : 'debug';
      logger[level](stopped ? 'audit stream stopped for shutdown' : 'audit stream polled', {
        ...fields,
        ...progress,
        ...(highWater === undefined ? {} : { highWater: new Date(highWater).toISOString() }),
        durationMs: Date.now() - startedMs,
      });
      return result(stopped ? 'stopped' : 'ok');
    } catch (caught) {
      // Aborted (the poll's deadline, or shutdown): the signal's reason says why; the client's error only "aborted".
      const error = signal.aborted ? signal.reason : caught;
      const kind = signal.aborted ? 'transient' : failureKind(error);
      this.#streak.failed(
        logger,
        kind,
        { ...fields, stage, ...progress, durationMs: Date.now() - startedMs },
        error,
      );
      return {
        ...result('failed'),
        ok: false,
        failure: { kind, stage, error },
        nextPollMs: kind === 'configuration' ? CONFIGURATION_RETRY_MS : config.pollIntervalMs,
      };
    }
  }

  async #load(signal: AbortSignal): Promise<{ checkpoint: AuditCheckpoint; ids: RecordIdCache }> {
    const { state, config } = this.#options;
    if (this.#checkpoint === undefined) {
      const loaded = await state.load(this.#key, parseAuditCheckpoint, {
        signal,
        rebuilding:
          'the audit checkpoint is rebuilt: listing restarts where the file was last written, less the overlap, and the record-Id log leaves out what was delivered',
      });
      if (loaded.status === 'found') this.#checkpoint = loaded.value;
      if (loaded.status === 'rebuilt') {
        this.#checkpoint = this.#rebuiltCheckpoint(loaded.quarantine.lastWrittenMs);
        // Written at once: a stop before the first commit must not make the next start a first run.
        await state.write(this.#key, serializeAuditCheckpoint(this.#checkpoint), { signal });
      }
      for (const created of this.#checkpoint?.processed.values() ?? []) this.#noteCreated(created);
    }
    if (this.#ids === undefined) {
      this.#ids = await RecordIdCache.open(this.#options.recordIds, config.dedupCacheSize);
      if (this.#ids.quarantine !== undefined)
        state.reportQuarantine(
          this.#key,
          this.#ids.quarantine,
          'the record-Id log keeps its readable Ids (the garbage was copied aside and cut out)',
        );
    }
    const checkpoint = this.#checkpoint ?? {
      start: floorToSecond(this.#options.serverNow() - config.startFromMs),
      highWater: undefined,
      processed: new Map<string, number>(),
      inFlight: undefined,
    };
    return { checkpoint, ids: this.#ids };
  }

  /**
   * A checkpoint in place of one quarantined: listing starts where the old one was last written (its file's time, a
   * commit's), less the overlap, so the retention window's history is not sent again; what falls inside is left out
   * by the record-Id log. Without that time, at Microsoft's now less the overlap.
   */
  #rebuiltCheckpoint(lastWrittenMs: number | undefined): AuditCheckpoint {
    const now = this.#options.serverNow();
    const restart = Math.min(lastWrittenMs ?? now, now) - this.#options.config.overlapMs;
    return { start: floorToSecond(restart), highWater: undefined, processed: new Map(), inFlight: undefined };
  }

  /**
   * Lists `[from, to)` and delivers its blobs; commits after every acknowledged batch and, once the whole range is
   * delivered, moves the high-water to `to`.
   */
  async #deliverRange(
    from: number,
    to: number,
    ids: RecordIdCache,
    progress: Progress,
    signal: AbortSignal,
    setStage: (stage: AuditStage) => void,
  ): Promise<void> {
    const { client, map, contentType } = this.#options;
    const base = (): AuditCheckpoint =>
      this.#checkpoint ?? {
        start: from,
        highWater: undefined,
        processed: new Map(),
        inFlight: undefined,
      };
    const start = base().start;
    let events: AuditEvent[] = [];
    let createdMs: number[] = [];
    let observedMs: number[] = [];
    let batchIds = new Set<string>();
    let completed: Array<[string, number]> = [];
    let position: InFlightBlob | undefined;
    let duplicates = 0;

    const commit = async (highWater: number | undefined) => {
      if (events.length > 0) {
        setStage('export');
        const outcome = await this.#options.exportEvents(events, observedMs);
        if (!outcome.delivered) throw new AuditExportError(outcome.errors);
        if (outcome.rejected > 0) {
          progress.rejected += outcome.rejected;
          this.#options.metrics.rejected(outcome.rejected);
          this.#options.logger.error(
            'the OTLP backend rejected some audit records; they are not sent again',
            {
              tenantId: this.tenantId,
              contentType,
              rejected: outcome.rejected,
              errors: outcome.errors,
            },
          );
        }
        this.#options.metrics.delivered(contentType, events, createdMs);
        progress.records += events.length;
        await this.#tolerate(progress, 'record-Id log', () => ids.add(batchIds));
      }
      if (duplicates > 0) this.#options.metrics.duplicates(contentType, duplicates);
      progress.duplicates += duplicates;
      progress.blobs += completed.length;
      const previous = base();
      const processed = new Map(previous.processed);
      for (const [contentId, created] of completed) {
        processed.set(contentId, created);
        this.#noteCreated(created);
      }
      const next: AuditCheckpoint = {
        start,
        highWater: highWater ?? previous.highWater,
        processed: processed,
        inFlight: position,
      };
      const horizon =
        next.highWater === undefined ? undefined : listingStart(next, this.#options.config.overlapMs);
      this.#checkpoint = {
        ...next,
        processed: horizon === undefined ? processed : pruneProcessed(processed, horizon),
      };
      events = [];
      createdMs = [];
      observedMs = [];
      batchIds = new Set();
      completed = [];
      duplicates = 0;
      const checkpoint = this.#checkpoint;
      // Not abortable: a checkpoint lost at shutdown would send its acknowledged batch again after the restart.
      await this.#tolerate(progress, 'checkpoint', () =>
        this.#options.state.write(this.#key, serializeAuditCheckpoint(checkpoint)),
      );
      if (this.#options.stop?.aborted) throw new Stopped();
    };

    for await (const page of client.listContent(contentType, {
      startTime: new Date(from),
      endTime: new Date(to),
      signal,
    })) {
      for (const blob of page.blobs) {
        const committed = base();
        if (committed.processed.has(blob.contentId)) continue;
        const blobCreated = Date.parse(blob.contentCreated);
        const resumeAt =
          committed.inFlight?.contentId === blob.contentId ? committed.inFlight.acknowledged : 0;
        setStage('fetch');
        const fetchedMs = this.#options.now();
        const source = blobOf(blob);
        try {
          for await (const records of client.fetchContent(blob, { signal })) {
            for (const { index, record } of records) {
              if (index < resumeAt) continue;
              position = { contentId: blob.contentId, acknowledged: index + 1 };
              const id = (record as AuditRecord).Id;
              if (ids.has(id) || batchIds.has(id)) {
                duplicates++;
                continue;
              }
              batchIds.add(id);
              events.push(map(record, source));
              createdMs.push(blobCreated);
              observedMs.push(fetchedMs);
              if (events.length >= AUDIT_BATCH_SIZE) {
                await commit(undefined);
                setStage('fetch');
              }
            }
          }
        } catch (error) {
          const reason = signal.aborted ? undefined : skipReason(error);
          if (reason === undefined) throw error;
          // Asking again can never help: the blob is counted, logged and done with, and the stream goes on.
          this.#options.metrics.blobSkipped(contentType, reason);
          this.#options.logger.warn('audit blob skipped', {
            tenantId: this.tenantId,
            contentType,
            contentId: blob.contentId,
            reason,
            error,
          });
        }
        completed.push([blob.contentId, blobCreated]);
        position = undefined;
      }
      setStage('listing');
    }
    await commit(to);
  }

  #reportLoss(from: number, until: number): void {
    reportRetentionLoss(this.#options, {
      tenantId: this.tenantId,
      contentType: this.contentType,
      fromMs: from,
      untilMs: until,
    });
  }

  #noteCreated(created: number): void {
    if (!Number.isNaN(created) && (this.#newestCreated === undefined || created > this.#newestCreated))
      this.#newestCreated = created;
  }

  /** A state write the disk refused: counted and logged, and collection goes on (the value holds in memory). */
  async #tolerate(progress: Progress, what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      progress.commitFailures++;
      this.#options.metrics.commitFailed();
      this.#options.logger.error(`audit ${what} not saved; collection goes on and saves it again`, {
        tenantId: this.tenantId,
        contentType: this.contentType,
        error,
      });
    }
  }
}

/**
 * Why a blob's fetch failure means the blob is to be skipped for good, or undefined when the stream should fail
 * and try again: unavailable (expired, not found), or answered 2xx with a body that is not a JSON array of records
 * (a transient break-off mid-body is marked transient by the client and retried).
 */
function skipReason(error: unknown): BlobSkipReason | undefined {
  if (error instanceof BlobUnavailableError) return error.reason === 'expired' ? 'expired' : 'not_found';
  if (
    error instanceof ManagementApiError &&
    !error.transient &&
    error.status !== undefined &&
    error.status >= 200 &&
    error.status < 300
  )
    return 'malformed';
  return undefined;
}

function blobOf(blob: ContentBlob): { contentType: string; contentId: string } {
  return { contentType: blob.contentType, contentId: blob.contentId };
}

function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
