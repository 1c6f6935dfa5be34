import { describe, expect, it } from 'vitest';
import { ExportQueue } from './export-queue.js';

/** An export double whose runs the test ends one by one. */
function manualExports() {
  const runs: { trigger: string; finish: () => void }[] = [];
  let running = 0;
  let overlapped = false;
  const queue = new ExportQueue(
    (trigger) =>
      new Promise<void>((resolve) => {
        running++;
        if (running > 1) overlapped = true;
        runs.push({
          trigger,
          finish: () => {
            running--;
            resolve();
          },
        });
      }),
  );
  return { queue, runs, overlapped: () => overlapped };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ExportQueue', () => {
  it('runs one export at a time; requests made while one waits to start join it', async () => {
    const { queue, runs, overlapped } = manualExports();
    const first = queue.request('cycle');
    await settle();
    expect(runs.map(({ trigger }) => trigger)).toEqual(['cycle']);
    // Three requests while the first export runs: one more export, after it, for all three.
    const waiting = [queue.request('cycle'), queue.request('interval'), queue.request('cycle')];
    expect(waiting[1]).toBe(waiting[0]);
    expect(waiting[2]).toBe(waiting[0]);
    await settle();
    expect(runs).toHaveLength(1);
    runs[0]?.finish();
    await first;
    await settle();
    expect(runs.map(({ trigger }) => trigger)).toEqual(['cycle', 'cycle']);
    // A request once that export started gets a new one: the running export may have read the metrics already.
    const later = queue.request('shutdown');
    expect(later).not.toBe(waiting[0]);
    runs[1]?.finish();
    await Promise.all(waiting);
    await settle();
    expect(runs.map(({ trigger }) => trigger)).toEqual(['cycle', 'cycle', 'shutdown']);
    runs[2]?.finish();
    await later;
    expect(overlapped()).toBe(false);
  });
});
