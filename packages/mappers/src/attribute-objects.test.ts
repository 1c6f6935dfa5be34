import { describe, expect, it } from 'vitest';
import { AttributeObjects } from './attribute-objects.js';

describe('AttributeObjects', () => {
  const objects = new AttributeObjects(['a', 'b', 'c']);

  it('holds each value given under its name, in the order of the names', () => {
    const built = objects.build(['x', 2, ['p', 'q']]);
    expect(built).toEqual({ a: 'x', b: 2, c: ['p', 'q'] });
    expect(Object.keys(built)).toEqual(['a', 'b', 'c']);
  });

  it('leaves out the names whose value is undefined, whatever an earlier row of another shape held', () => {
    objects.build(['x', false, 'z']);
    const built = objects.build([undefined, true, undefined]);
    expect(built).toEqual({ b: true });
    expect(Object.keys(built)).toEqual(['b']);
  });

  it('makes a fresh object each time, so a record never sees a later row', () => {
    const first = objects.build(['one', 1, 'x']);
    const second = objects.build(['two', 2, 'y']);
    expect(first).toEqual({ a: 'one', b: 1, c: 'x' });
    expect(second).toEqual({ a: 'two', b: 2, c: 'y' });
  });
});
