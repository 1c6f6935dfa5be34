import type { M365otelSignal } from '@m365-otel/mappers';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { Logger } from '../logging/logger.js';
import { sleep } from '../run/sleep.js';
import { type ExportRequestOutcome, exportRequestOutcome } from './retryable.js';

/** The first wait before a buffered batch is sent again; each further wait doubles, up to the configured cap. */
export const INITIAL_BACKOFF_MS = 1_000;

/** Where the export counters go (the collector's self-metrics). */
export interface ExportRecorder {
  request(signal: M365otelSignal, outcome: ExportRequestOutcome): void;
  dropped(signal: M365otelSignal, items: number): void;
  buffered(signal: M365otelSignal, bytes: number): void;
}

/** A batch that failed with a retryable error while the buffer had no room for it: its source must not commit. */
export class ExportDroppedError extends Error {
  constructor(bytes: number, maxBytes: number, cause: Error | undefined) {
    super(
      `the OTLP backend did not take the batch (${cause?.message ?? 'a retryable failure'}) and the export buffer has no room for its ${bytes} bytes (export.buffer.maxSize ${maxBytes} bytes): dropped, to be read from Microsoft again`,
    );
    this.name = 'ExportDroppedError';
  }
}

/** A buffered batch given up on at shutdown: its source did not commit, so the next start reads it again. */
export class ExportAbandonedError extends Error {
  constructor(cause: Error | undefined) {
    super(
      `the collector is shutting down while the OTLP backend is failing (${cause?.message ?? 'a retryable failure'}): the batch is not delivered and is read from Microsoft again after the restart`,
    );
    this.name = 'ExportAbandonedError';
  }
}

export interface ExportBufferOptions {
  /** export.buffer.maxSize: the bytes all buffered batches may take together. */
  maxBytes: number;
  /** export.buffer.maxBackoff. */
  maxBackoffMs: number;
  recorder: ExportRecorder;
  logger: Logger;
  /** Aborted at shutdown: buffered batches are then given up (their sources do not commit). */
  stop: AbortSignal;
}

/**
 * The budget shared by every buffered batch of every signal: a batch is held (counted in m365otel.export.buffered)
 * from its first retryable failure until it is delivered, refused for what it is, or given up at shutdown.
 */
export class ExportBuffer {
  readonly options: ExportBufferOptions;
  #usedBytes = 0;
  readonly #bySignal = new Map<M365otelSignal, number>();

  constructor(options: ExportBufferOptions) {
    this.options = options;
  }

  get usedBytes(): number {
    return this.#usedBytes;
  }

  /** Holds `bytes` for a batch of `signal`, or answers false when they do not fit. */
  reserve(signal: M365otelSignal, bytes: number): boolean {
    if (this.#usedBytes + bytes > this.options.maxBytes) return false;
    this.#change(signal, bytes);
    return true;
  }

  release(signal: M365otelSignal, bytes: number): void {
    this.#change(signal, -bytes);
  }

  #change(signal: M365otelSignal, bytes: number): void {
    this.#usedBytes += bytes;
    const held = (this.#bySignal.get(signal) ?? 0) + bytes;
    this.#bySignal.set(signal, held);
    this.options.recorder.buffered(signal, held);
  }
}

/** The part of the SDK's LogRecordExporter and PushMetricExporter the collector uses. */
export interface BatchExporter<Batch> {
  export(batch: Batch, resultCallback: (result: ExportResult) => void): void;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface BufferedExporterOptions<Batch> {
  signal: M365otelSignal;
  recorder: ExportRecorder;
  /** Absent: every failure is answered at once (`run --once`, or export.buffer.enabled false). */
  buffer?: ExportBuffer;
  /** What a batch takes in the buffer: its JSON size, which approximates the OTLP request's bytes. */
  bytesOf(batch: Batch): number;
  /** The items (log records, data points) a dropped batch held. */
  itemsOf(batch: Batch): number;
}

/**
 * An exporter whose every request is counted (m365otel.export.requests) and, with a buffer, whose batches that fail
 * with a retryable error are kept and sent again with capped exponential backoff (1 s, 2 s, 4 s, ... up to
 * export.buffer.maxBackoff) until delivered. The result callback fires only then: a source waits for it and commits
 * its checkpoint only on success, so nothing is acknowledged before the backend has it. A batch the buffer has no
 * room for fails at once with an ExportDroppedError (counted in m365otel.export.dropped); at shutdown, a waiting
 * batch fails with an ExportAbandonedError. A refused answer or a partial success is answered as it is, never
 * retried.
 */
export class BufferedExporter<Batch> implements BatchExporter<Batch> {
  readonly #inner: BatchExporter<Batch>;
  readonly #options: BufferedExporterOptions<Batch>;

  constructor(inner: BatchExporter<Batch>, options: BufferedExporterOptions<Batch>) {
    this.#inner = inner;
    this.#options = options;
  }

  export(batch: Batch, resultCallback: (result: ExportResult) => void): void {
    // A source waits for this callback: it must fire whatever happens, or the source would wait forever.
    void this.#deliver(batch)
      .catch(
        (error: unknown): ExportResult => ({
          code: ExportResultCode.FAILED,
          error: error instanceof Error ? error : new Error(String(error)),
        }),
      )
      .then(resultCallback);
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.#inner.shutdown();
  }

  async #deliver(batch: Batch): Promise<ExportResult> {
    const { signal, buffer } = this.#options;
    const first = await this.#attempt(batch);
    if (first.outcome !== 'retryable' || buffer === undefined) return first.result;
    const { maxBytes, maxBackoffMs, logger, stop } = buffer.options;
    const bytes = this.#options.bytesOf(batch);
    if (!buffer.reserve(signal, bytes)) {
      const items = this.#options.itemsOf(batch);
      buffer.options.recorder.dropped(signal, items);
      logger.warn('export buffer full: batch dropped, its source reads it again later', {
        signal,
        items,
        bytes,
        bufferedBytes: buffer.usedBytes,
        maxBytes,
        error: first.result.error?.message,
      });
      return {
        code: ExportResultCode.FAILED,
        error: new ExportDroppedError(bytes, maxBytes, first.result.error),
      };
    }
    logger.warn('OTLP backend unavailable: batch buffered, retrying with backoff', {
      signal,
      bytes,
      bufferedBytes: buffer.usedBytes,
      error: first.result.error?.message,
    });
    try {
      let last = first.result;
      for (let attempts = 1, backoffMs = INITIAL_BACKOFF_MS; ; attempts++) {
        await sleep(backoffMs, stop);
        if (stop.aborted)
          return { code: ExportResultCode.FAILED, error: new ExportAbandonedError(last.error) };
        const next = await this.#attempt(batch);
        if (next.outcome !== 'retryable') {
          if (next.outcome === 'delivered')
            logger.info('buffered batch delivered', { signal, attempts: attempts + 1 });
          return next.result;
        }
        last = next.result;
        backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
      }
    } finally {
      buffer.release(signal, bytes);
    }
  }

  async #attempt(batch: Batch): Promise<{ result: ExportResult; outcome: ExportRequestOutcome }> {
    const result = await new Promise<ExportResult>((resolve) => this.#inner.export(batch, resolve));
    const outcome = exportRequestOutcome(result);
    this.#options.recorder.request(this.#options.signal, outcome);
    return { result, outcome };
  }
}
