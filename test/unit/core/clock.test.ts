import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';

describe('ManualClock', () => {
  it('fires timers in time order, ties in the order they were set', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    clock.setTimer(20, () => fired.push('b'));
    clock.setTimer(10, () => fired.push('a'));
    clock.setTimer(20, () => fired.push('c'));
    clock.advance(15);
    expect(fired).toEqual(['a']);
    clock.advance(5);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(20);
  });

  it('shows each timer the time it was due, and runs timers set by timers within the same advance', () => {
    const clock = new ManualClock(100);
    const seen: number[] = [];
    clock.setTimer(10, () => {
      seen.push(clock.now());
      clock.setTimer(5, () => seen.push(clock.now()));
    });
    clock.advance(100);
    expect(seen).toEqual([110, 115]);
    expect(clock.now()).toBe(200);
  });

  it('does not fire cancelled timers', () => {
    const clock = new ManualClock();
    let fired = false;
    const cancel = clock.setTimer(5, () => {
      fired = true;
    });
    cancel();
    clock.advance(10);
    expect(fired).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('refuses to go backwards', () => {
    expect(() => new ManualClock().advance(-1)).toThrow(RangeError);
  });
});
