import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { InputBuffer } from '../../../engine/src/netcode/input-buffer.js';

describe('InputBuffer', () => {
  it('ignores and counts duplicates, keeping the first', () => {
    const buffer = new InputBuffer('none');
    expect(buffer.insert(3, 'a')).toBe('accepted');
    expect(buffer.insert(3, 'b')).toBe('duplicate');
    expect(buffer.size).toBe(1);
    buffer.take(0);
    buffer.take(1);
    buffer.take(2);
    expect(buffer.take(3)).toBe('a');
    expect(buffer.stats.duplicates).toBe(1);
    expect(buffer.stats.accepted).toBe(1);
  });

  it('puts reordered inputs back in tick order', () => {
    const buffer = new InputBuffer(0, { startTick: 10 });
    for (const tick of [14, 11, 13, 10, 12]) expect(buffer.insert(tick, tick * 100)).toBe('accepted');
    expect(buffer.receivedThrough).toBe(14);
    const taken = [10, 11, 12, 13, 14].map((tick) => buffer.take(tick));
    expect(taken).toEqual([1000, 1100, 1200, 1300, 1400]);
    expect(buffer.stats.applied).toBe(5);
    expect(buffer.stats.missing).toBe(0);
    expect(buffer.lastAppliedTick).toBe(14);
  });

  it('repeats the last applied input for missing ticks, then falls back to the neutral one', () => {
    const buffer = new InputBuffer('idle', { maxRepeats: 3 });
    expect(buffer.take(0)).toBe('idle');
    buffer.insert(1, 'left');
    buffer.insert(7, 'right');
    expect(buffer.take(1)).toBe('left');
    expect([2, 3, 4, 5, 6].map((t) => buffer.take(t))).toEqual(['left', 'left', 'left', 'idle', 'idle']);
    expect(buffer.take(7)).toBe('right');
    expect(buffer.take(8)).toBe('right');
    expect(buffer.stats.missing).toBe(7);
    expect(buffer.stats.applied).toBe(2);
    expect(buffer.lastAppliedTick).toBe(7);
    expect(buffer.lastTakenTick).toBe(8);
  });

  it('tells a copy of an input already applied (duplicate) from one that came after its tick went without it (late)', () => {
    const buffer = new InputBuffer(0);
    buffer.insert(0, 10);
    buffer.take(0);
    buffer.take(1);
    expect(buffer.insert(0, 10)).toBe('duplicate');
    expect(buffer.insert(1, 11)).toBe('late');
    expect(buffer.stats).toMatchObject({ applied: 1, missing: 1, duplicates: 1, late: 1 });
  });

  it('drops inputs for ticks already simulated, and those too far ahead', () => {
    const buffer = new InputBuffer(0, { maxAheadTicks: 128 });
    for (let t = 0; t <= 5; t++) buffer.take(t);
    expect(buffer.insert(5, 1)).toBe('late');
    expect(buffer.insert(0, 1)).toBe('late');
    expect(buffer.insert(5 + 129, 1)).toBe('too_early');
    expect(buffer.insert(5 + 128, 1)).toBe('accepted');
    expect(buffer.insert(-1, 1)).toBe('invalid');
    expect(buffer.insert(6.5, 1)).toBe('invalid');
    expect(buffer.insert(Number.NaN, 1)).toBe('invalid');
    expect(buffer.stats).toMatchObject({ late: 2, tooEarly: 1, accepted: 1, invalid: 3 });
  });

  it('by default holds an input 128 ticks past the last taken tick, and drops one 129 past as too early', () => {
    const buffer = new InputBuffer(0);
    for (let t = 0; t <= 5; t++) buffer.take(t);
    expect(buffer.insert(5 + 129, 2)).toBe('too_early');
    expect(buffer.insert(5 + 128, 1)).toBe('accepted');
    expect(buffer.stats).toMatchObject({ accepted: 1, tooEarly: 1, duplicates: 0, late: 0 });
    // Held, not just counted: it is the input of its tick when that comes.
    for (let t = 6; t < 5 + 128; t++) expect(buffer.take(t)).toBe(0);
    expect(buffer.take(5 + 128)).toBe(1);
    expect(buffer.lastAppliedTick).toBe(5 + 128);
    // Before the first take the window counts from the tick before startTick.
    const fresh = new InputBuffer(0, { startTick: 10 });
    expect(fresh.insert(9 + 129, 1)).toBe('too_early');
    expect(fresh.insert(9 + 128, 1)).toBe('accepted');
  });

  it('applies exactly one input per tick however many are queued', () => {
    const buffer = new InputBuffer(0);
    for (let t = 0; t < 50; t++) buffer.insert(t, t + 1);
    for (let t = 0; t < 50; t++) {
      expect(buffer.take(t)).toBe(t + 1);
      expect(buffer.size).toBe(49 - t);
    }
  });

  it('drops the inputs of ticks the host skipped', () => {
    const buffer = new InputBuffer(0);
    for (let t = 0; t < 10; t++) buffer.insert(t, t + 1);
    expect(buffer.take(6)).toBe(7);
    expect(buffer.size).toBe(3);
    expect(buffer.take(500)).toBe(7);
    expect(buffer.size).toBe(0);
    expect(() => buffer.take(500)).toThrow(RangeError);
    expect(() => buffer.take(3)).toThrow(RangeError);
  });

  it('acks only the contiguous run of received ticks', () => {
    const buffer = new InputBuffer(0);
    buffer.take(0);
    expect(buffer.receivedThrough).toBe(0);
    buffer.insert(1, 1);
    buffer.insert(2, 1);
    buffer.insert(4, 1);
    expect(buffer.receivedThrough).toBe(2);
    buffer.insert(3, 1);
    expect(buffer.receivedThrough).toBe(4);
  });

  it('stays bounded under 100 000 inserts of random far-future ticks', () => {
    const rng = createRng(11);
    const buffer = new InputBuffer(0, { maxAheadTicks: 128 });
    let hostTick = 0;
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      const tick = rng.chance(0.5) ? rng.int(0, 2 ** 31) : hostTick + rng.int(-10, 400);
      buffer.insert(tick, i);
      largest = Math.max(largest, buffer.size);
      if (i % 50 === 0) buffer.take(++hostTick);
    }
    expect(largest).toBeLessThanOrEqual(128);
    expect(largest).toBeGreaterThan(100);
    const stats = buffer.stats;
    expect(stats.accepted + stats.duplicates + stats.late + stats.tooEarly + stats.invalid).toBe(100_000);
    expect(stats.tooEarly).toBeGreaterThan(50_000);
    expect(stats.applied + stats.missing).toBe(hostTick);
  });
});
