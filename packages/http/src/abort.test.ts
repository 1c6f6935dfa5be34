import { describe, expect, it } from 'vitest';
import { untilAborted } from './abort.js';

describe('untilAborted', () => {
  it('settles as the work does while the signal stays quiet', async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(untilAborted(Promise.reject(new Error('failed')), signal)).rejects.toThrow('failed');
    await expect(untilAborted(Promise.resolve(8), undefined)).resolves.toBe(8);
  });

  it("rejects with the signal's reason when it aborts first, or had already", async () => {
    const controller = new AbortController();
    const waiting = untilAborted(new Promise<never>(() => {}), controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    const late = untilAborted(Promise.reject(new Error('ignored')), controller.signal);
    await expect(late).rejects.toThrow('shutting down');
  });
});
