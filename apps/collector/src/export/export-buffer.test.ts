import type { M365otelSignal } from '@m365-otel/mappers';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPExporterError } from '@opentelemetry/otlp-exporter-base';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../logging/logger.js';
import {
  type BatchExporter,
  BufferedExporter,
  ExportAbandonedError,
  ExportBuffer,
  ExportDroppedError,
  type ExportRecorder,
  INITIAL_BACKOFF_MS,
} from './export-buffer.js';
import { PartialSuccessError } from './otlp-exporter.js';
import type { ExportRequestOutcome } from './retryable.js';

const OK: ExportResult = { code: ExportResultCode.SUCCESS };
const failed = (error: Error): ExportResult => ({ code: ExportResultCode.FAILED, error });
const REFUSED_CONNECTION = failed(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
const UNAVAILABLE = failed(new OTLPExporterError('Service Unavailable', 503));

/** A backend answering each export with the next scripted result (the last one repeats); it sees every attempt. */
class ScriptedExporter implements BatchExporter<string[]> {
  readonly attempts: string[][] = [];
  readonly #answers: ExportResult[];

  constructor(...answers: ExportResult[]) {
    this.#answers = answers;
  }

  export(batch: string[], resultCallback: (result: ExportResult) => void): void {
    this.attempts.push(batch);
    const answer = this.#answers.length > 1 ? this.#answers.shift() : this.#answers[0];
    queueMicrotask(() => resultCallback(answer as ExportResult));
  }

  async shutdown(): Promise<void> {}
}

class Recorded implements ExportRecorder {
  readonly requests: [M365otelSignal, ExportRequestOutcome][] = [];
  dropped_ = 0;
  readonly bufferedBytes: number[] = [];

  request(signal: M365otelSignal, outcome: ExportRequestOutcome): void {
    this.requests.push([signal, outcome]);
  }
  dropped(_signal: M365otelSignal, items: number): void {
    this.dropped_ += items;
  }
  buffered(_signal: M365otelSignal, bytes: number): void {
    this.bufferedBytes.push(bytes);
  }
}

const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const BATCH = ['one', 'two', 'three'];

let recorder: Recorded;
let stop: AbortController;
beforeEach(() => {
  vi.useFakeTimers();
  recorder = new Recorded();
  stop = new AbortController();
});
afterEach(() => {
  vi.useRealTimers();
});

function buffered(inner: ScriptedExporter, maxBytes = 1_000, maxBackoffMs = 8_000) {
  const buffer = new ExportBuffer({ maxBytes, maxBackoffMs, recorder, logger, stop: stop.signal });
  const exporter = new BufferedExporter(inner, {
    signal: 'logs',
    recorder,
    buffer,
    bytesOf: (batch) => batch.join('').length,
    itemsOf: (batch) => batch.length,
  });
  return { exporter, buffer };
}

/** Starts an export; `settled` holds its result once the callback fired. */
function start(exporter: BufferedExporter<string[]>) {
  const state: { settled: ExportResult | undefined } = { settled: undefined };
  exporter.export(BATCH, (result) => {
    state.settled = result;
  });
  return state;
}

describe('BufferedExporter', () => {
  it('answers a delivered batch at once and counts the request', async () => {
    const inner = new ScriptedExporter(OK);
    const state = start(buffered(inner).exporter);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.settled).toEqual(OK);
    expect(recorder.requests).toEqual([['logs', 'delivered']]);
    expect(recorder.bufferedBytes).toEqual([]);
  });

  it('holds a batch through retryable failures, backing off 1 s, 2 s, 4 s up to the cap, and answers only on delivery', async () => {
    const inner = new ScriptedExporter(REFUSED_CONNECTION, UNAVAILABLE, REFUSED_CONNECTION, UNAVAILABLE, OK);
    const { exporter, buffer } = buffered(inner, 1_000, 3_000);
    const state = start(exporter);
    await vi.advanceTimersByTimeAsync(0);
    expect(inner.attempts).toHaveLength(1);
    expect(buffer.usedBytes).toBe('onetwothree'.length);
    // Each wait, one millisecond short, sends nothing; at its end the next attempt goes out.
    for (const [waitMs, attempts] of [
      [INITIAL_BACKOFF_MS, 2],
      [2_000, 3],
      [3_000, 4],
      [3_000, 5],
    ] as const) {
      await vi.advanceTimersByTimeAsync(waitMs - 1);
      expect(inner.attempts).toHaveLength(attempts - 1);
      expect(state.settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(inner.attempts).toHaveLength(attempts);
    }
    expect(state.settled).toEqual(OK);
    expect(buffer.usedBytes).toBe(0);
    expect(recorder.bufferedBytes).toEqual([11, 0]);
    expect(recorder.requests.map(([, outcome]) => outcome)).toEqual([
      'retryable',
      'retryable',
      'retryable',
      'retryable',
      'delivered',
    ]);
    expect(inner.attempts.every((attempt) => attempt === BATCH)).toBe(true);
  });

  it.each([
    ['a 400', failed(new OTLPExporterError('Bad Request', 400)), 'refused'],
    ['a 401', failed(new OTLPExporterError('Unauthorized', 401)), 'refused'],
    ['a 403', failed(new OTLPExporterError('Forbidden', 403)), 'refused'],
    ['a partial success', failed(new PartialSuccessError(2, ['item', 'items'], 'bad')), 'partial'],
  ] as const)('never retries %s: answered at once as it is', async (_name, answer, outcome) => {
    const inner = new ScriptedExporter(answer);
    const { exporter, buffer } = buffered(inner);
    const state = start(exporter);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.settled).toBe(answer);
    expect(inner.attempts).toHaveLength(1);
    expect(buffer.usedBytes).toBe(0);
    expect(recorder.requests).toEqual([['logs', outcome]]);
  });

  it('stops retrying when a later answer is a refusal, and answers with it', async () => {
    const refusal = failed(new OTLPExporterError('Payload Too Large', 413));
    const inner = new ScriptedExporter(UNAVAILABLE, refusal);
    const { exporter, buffer } = buffered(inner);
    const state = start(exporter);
    await vi.advanceTimersByTimeAsync(INITIAL_BACKOFF_MS);
    expect(state.settled).toBe(refusal);
    expect(buffer.usedBytes).toBe(0);
  });

  it('drops and counts a failed batch the budget has no room for, answering at once so its source does not commit', async () => {
    const inner = new ScriptedExporter(UNAVAILABLE);
    const { exporter, buffer } = buffered(inner, 20);
    const first = start(exporter);
    const second = start(exporter);
    await vi.advanceTimersByTimeAsync(0);
    // The first fits (11 of 20 bytes) and is held; the second does not.
    expect(first.settled).toBeUndefined();
    expect(second.settled?.code).toBe(ExportResultCode.FAILED);
    expect(second.settled?.error).toBeInstanceOf(ExportDroppedError);
    expect(second.settled?.error?.message).toContain('Service Unavailable');
    expect(recorder.dropped_).toBe(3);
    expect(buffer.usedBytes).toBe(11);
  });

  it('gives a held batch up at shutdown, without waiting out its backoff', async () => {
    const inner = new ScriptedExporter(REFUSED_CONNECTION);
    const { exporter, buffer } = buffered(inner);
    const state = start(exporter);
    await vi.advanceTimersByTimeAsync(0);
    stop.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.settled?.error).toBeInstanceOf(ExportAbandonedError);
    expect(state.settled?.error?.message).toContain('ECONNREFUSED');
    expect(inner.attempts).toHaveLength(1);
    expect(buffer.usedBytes).toBe(0);
  });

  it('answers its source even when measuring the batch fails, so no source waits forever', async () => {
    const inner = new ScriptedExporter(UNAVAILABLE);
    const buffer = new ExportBuffer({
      maxBytes: 1_000,
      maxBackoffMs: 8_000,
      recorder,
      logger,
      stop: stop.signal,
    });
    const exporter = new BufferedExporter(inner, {
      signal: 'logs',
      recorder,
      buffer,
      bytesOf: () => {
        throw new TypeError('cannot measure');
      },
      itemsOf: (batch) => batch.length,
    });
    const state = start(exporter);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.settled?.code).toBe(ExportResultCode.FAILED);
    expect(state.settled?.error?.message).toBe('cannot measure');
  });

  it('without a buffer answers a retryable failure at once (run --once)', async () => {
    const inner = new ScriptedExporter(UNAVAILABLE);
    const exporter = new BufferedExporter(inner, {
      signal: 'metrics',
      recorder,
      bytesOf: () => 1,
      itemsOf: () => 1,
    });
    const state = start(exporter);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.settled).toBe(UNAVAILABLE);
    expect(recorder.requests).toEqual([['metrics', 'retryable']]);
  });
});
