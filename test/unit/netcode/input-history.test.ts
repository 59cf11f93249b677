import { describe, expect, it } from 'vitest';
import { InputHistory } from '../../../engine/src/netcode/input-history.js';

describe('InputHistory', () => {
  it('returns the newest unacked inputs, oldest first, newest included', () => {
    const history = new InputHistory<string>({ redundancy: 3 });
    for (let t = 10; t <= 15; t++) history.record(t, `i${t}`);
    expect(history.unacked()).toEqual([
      { tick: 13, input: 'i13' },
      { tick: 14, input: 'i14' },
      { tick: 15, input: 'i15' },
    ]);
    expect(history.unacked(10).map((e) => e.tick)).toEqual([10, 11, 12, 13, 14, 15]);
    history.ack(13);
    expect(history.ackedTick).toBe(13);
    expect(history.unacked(10).map((e) => e.tick)).toEqual([14, 15]);
    history.ack(11);
    expect(history.ackedTick).toBe(13);
    history.ack(99);
    expect(history.ackedTick).toBe(15);
    expect(history.unacked()).toEqual([]);
  });

  it('keeps acked inputs readable for replays until they leave the ring', () => {
    const history = new InputHistory<number>({ capacity: 8 });
    for (let t = 0; t < 20; t++) history.record(t, t * 2);
    history.ack(18);
    expect(history.get(18)).toBe(36);
    expect(history.get(12)).toBe(24);
    expect(history.get(11)).toBeUndefined();
    expect(history.get(20)).toBeUndefined();
    expect(history.unacked(100)).toEqual([{ tick: 19, input: 38 }]);
  });

  it('stays bounded, and skips gaps', () => {
    const history = new InputHistory<number>({ capacity: 16 });
    for (let t = 0; t < 10_000; t += 3) history.record(t, t);
    const unacked = history.unacked(1000);
    expect(unacked.length).toBeLessThanOrEqual(16);
    expect(unacked.length).toBe(6);
    expect(unacked.at(-1)).toEqual({ tick: 9999, input: 9999 });
    expect(history.get(9998)).toBeUndefined();
  });

  it('refuses ticks that do not increase', () => {
    const history = new InputHistory<number>();
    history.record(5, 0);
    expect(() => history.record(5, 1)).toThrow(RangeError);
    expect(() => history.record(4, 1)).toThrow(RangeError);
    expect(() => history.record(6.5, 1)).toThrow(RangeError);
    expect(history.newestTick).toBe(5);
    expect(history.get(5)).toBe(0);
  });
});
