import { describe, expect, it, vi } from 'vitest';
import { ServerClock } from './server-clock.js';

const LOCAL = Date.parse('2024-05-10T12:00:00Z');
const header = (ms: number) => new Date(ms).toUTCString();

describe('ServerClock', () => {
  it('trusts the local clock within a minute and follows the Date header beyond, telling each change once', () => {
    const onChange = vi.fn();
    const clock = new ServerClock(() => LOCAL, onChange);
    clock.observe(header(LOCAL + 30_000), LOCAL);
    expect(clock.now()).toBe(LOCAL);
    clock.observe(header(LOCAL - 10 * 60_000), LOCAL);
    expect(clock.now()).toBe(LOCAL - 10 * 60_000 + 500);
    clock.observe(header(LOCAL - 10 * 60_000 + 2_000), LOCAL);
    expect(clock.now()).toBe(LOCAL - 10 * 60_000 + 2_500);
    clock.observe(header(LOCAL + 10 * 60_000), LOCAL);
    clock.observe(header(LOCAL), LOCAL);
    expect(clock.now()).toBe(LOCAL);
    expect(onChange.mock.calls).toEqual([[-599_500], [600_500], [500]]);
  });

  it('ignores a missing or unreadable Date header', () => {
    const onChange = vi.fn();
    const clock = new ServerClock(() => LOCAL, onChange);
    clock.observe(undefined, LOCAL);
    clock.observe('yesterday', LOCAL);
    expect(clock.now()).toBe(LOCAL);
    expect(onChange).not.toHaveBeenCalled();
  });
});
