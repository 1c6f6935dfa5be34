import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore.js';

describe('Semaphore', () => {
  it('lets at most its limit hold a slot, hands slots on in arrival order, and releases once per holder', async () => {
    const semaphore = new Semaphore(2);
    const order: string[] = [];
    const releaseA = await semaphore.acquire();
    const releaseB = await semaphore.acquire();
    const c = semaphore.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = semaphore.acquire().then((release) => {
      order.push('d');
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    releaseA();
    releaseA();
    const releaseC = await c;
    expect(order).toEqual(['c']);
    releaseB();
    await d;
    expect(order).toEqual(['c', 'd']);
    releaseC();
    // One slot is free again: a newcomer gets it at once.
    await semaphore.acquire();
  });

  it('drops a waiter whose signal aborts, with the signal reason', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    release();
    await semaphore.acquire();
  });
});
