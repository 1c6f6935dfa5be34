import { describe, expect, it } from 'vitest';
import { RecentIds } from './recent-ids.js';

const GUID = '80c76bd2-9d81-4c57-a97a-accfc3443dca';

/** A deterministic stream of numbers (xorshift32), so a failing sequence can be replayed. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

function guidOf(next: () => number): string {
  const hex = [next(), next(), next(), next()].map((word) => word.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The behaviour RecentIds must have, written the obvious way. */
class ModelIds {
  readonly ids: string[] = [];
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  add(id: string): boolean {
    if (this.ids.includes(id)) return false;
    this.ids.push(id);
    if (this.ids.length > this.limit) this.ids.shift();
    return true;
  }
}

describe('RecentIds', () => {
  it('tells GUIDs apart by their exact text: the same digits in another case are another Id', () => {
    const ids = new RecentIds(10);
    expect(ids.add(GUID)).toBe(true);
    expect(ids.add(GUID)).toBe(false);
    expect(ids.has(GUID)).toBe(true);
    expect(ids.has(GUID.toUpperCase())).toBe(false);
    expect(ids.add(GUID.toUpperCase())).toBe(true);
    const mixed = `80C76BD2${GUID.slice(8)}`;
    expect(ids.has(mixed)).toBe(false);
    expect(ids.add(mixed)).toBe(true);
    expect(ids.has(mixed)).toBe(true);
    expect(ids.has(`{${GUID}}`)).toBe(false);
    expect([...ids.values()]).toEqual([GUID, GUID.toUpperCase(), mixed]);
  });

  it('keeps Ids of any other shape as they are, beside the GUIDs', () => {
    const others = ['', 'a', GUID.replaceAll('-', ''), `${GUID} `, `${GUID.slice(0, 35)}g`, 'é'.repeat(36)];
    const ids = new RecentIds(20);
    for (const id of others) expect(ids.add(id)).toBe(true);
    expect(ids.add(GUID)).toBe(true);
    expect(others.map((id) => ids.has(id))).toEqual(others.map(() => true));
    expect(ids.has('b')).toBe(false);
    // A character outside ASCII where a digit belongs is no digit, not the digit its low bits would make.
    expect(ids.add(`${GUID.slice(0, 35)}\u00e0`)).toBe(true);
    expect(ids.has(`${GUID.slice(0, 35)}0`)).toBe(false);
    expect([...ids.values()]).toEqual([...others, GUID, `${GUID.slice(0, 35)}\u00e0`]);
    expect(ids.size).toBe(others.length + 2);
  });

  it('tells apart GUIDs that differ in one bit anywhere', () => {
    const zero = '00000000-0000-0000-0000-000000000000';
    const digits = zero.replaceAll('-', '');
    const neighbours = Array.from({ length: 32 }, (_, at) => {
      const changed = `${digits.slice(0, at)}1${digits.slice(at + 1)}`;
      return `${changed.slice(0, 8)}-${changed.slice(8, 12)}-${changed.slice(12, 16)}-${changed.slice(16, 20)}-${changed.slice(20)}`;
    });
    const ids = new RecentIds(100);
    ids.add(zero);
    for (const id of neighbours.slice(0, 16)) ids.add(id);
    expect(neighbours.map((id) => ids.has(id))).toEqual(neighbours.map((_, at) => at < 16));
    expect(ids.has(zero)).toBe(true);
  });

  it('evicts in the order of addition and answers exactly as a plain list would, through growth and many evictions', () => {
    for (const limit of [1, 7, 100, 3000]) {
      const next = numbers(limit);
      const ids = new RecentIds(limit);
      const model = new ModelIds(limit);
      const seen: string[] = [];
      for (let step = 0; step < limit * 4 + 50; step++) {
        const choice = next() % 10;
        // Mostly GUIDs in both cases, some other strings, and Ids seen before (held or evicted).
        const id =
          choice < 5
            ? guidOf(next)
            : choice < 6
              ? guidOf(next).toUpperCase()
              : choice < 7
                ? `other-${next() % 1000}`
                : (seen[next() % Math.max(1, seen.length)] ?? guidOf(next));
        seen.push(id);
        expect(ids.add(id)).toBe(model.add(id));
      }
      expect(ids.size).toBe(model.ids.length);
      expect([...ids.values()]).toEqual(model.ids);
      const held = new Set(model.ids);
      expect(seen.filter((id) => ids.has(id))).toEqual(seen.filter((id) => held.has(id)));
    }
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => new RecentIds(0)).toThrow('limit must be a positive integer, got 0');
    expect(() => new RecentIds(1.5)).toThrow('got 1.5');
  });
});
