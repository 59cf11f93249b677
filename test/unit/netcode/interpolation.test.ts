import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { ClockSync } from '../../../engine/src/netcode/clock-sync.js';
import { angleDelta, lerp, lerpAngle } from '../../../engine/src/netcode/interpolate.js';
import { InterpolationClock } from '../../../engine/src/netcode/interpolation-clock.js';
import { InterpolationDelay } from '../../../engine/src/netcode/interpolation-delay.js';
import { SnapshotArrival } from '../../../engine/src/netcode/snapshot-arrival.js';
import { SnapshotBuffer } from '../../../engine/src/netcode/snapshot-buffer.js';
import { TickTimeline } from '../../../engine/src/netcode/tick-timeline.js';

/** The angle `a` brought into [0, turn). */
function norm(a: number, turn: number): number {
  return ((a % turn) + turn) % turn;
}

describe('SnapshotBuffer', () => {
  it('samples between the two surrounding states', () => {
    const buffer = new SnapshotBuffer<{ x: number }>({ tickRate: 60 });
    buffer.insert(10, { x: 0 });
    buffer.insert(14, { x: 100 });
    buffer.insert(18, { x: 300 });
    const sample = buffer.sample(15);
    expect(sample).toMatchObject({ mode: 'interpolate', from: { tick: 14 }, to: { tick: 18 }, alpha: 0.25 });
    expect(lerp(sample!.from.state.x, sample!.to.state.x, sample!.alpha)).toBe(150);
    expect(buffer.sample(14)).toMatchObject({ mode: 'interpolate', from: { tick: 14 }, alpha: 0 });
    expect(buffer.sample(18)).toMatchObject({ mode: 'interpolate', from: { tick: 14 }, to: { tick: 18 }, alpha: 1 });
  });

  it('keeps states sorted, ignores duplicates and what is older than a full window', () => {
    const buffer = new SnapshotBuffer<number>({ tickRate: 60, capacity: 4 });
    expect(buffer.insert(20, 20)).toBe(true);
    expect(buffer.insert(10, 10)).toBe(true);
    expect(buffer.insert(30, 30)).toBe(true);
    expect(buffer.insert(20, 99)).toBe(false);
    expect(buffer.insert(25, 25)).toBe(true);
    expect(buffer.insert(5, 5)).toBe(false);
    expect(buffer.insert(-1, 0)).toBe(false);
    expect(buffer.insert(1.5, 0)).toBe(false);
    expect(buffer.insert(40, 40)).toBe(true);
    expect(buffer.size).toBe(4);
    expect(buffer.oldestTick).toBe(20);
    expect(buffer.newestTick).toBe(40);
    expect(buffer.sample(22)).toMatchObject({ from: { tick: 20, state: 20 }, to: { tick: 25, state: 25 } });
    for (let t = 41; t < 1000; t++) buffer.insert(t, t);
    expect(buffer.size).toBe(4);
  });

  it('extrapolates for at most maxExtrapolationMs, then holds', () => {
    const buffer = new SnapshotBuffer<number>({ tickRate: 20, maxExtrapolationMs: 100 });
    buffer.insert(10, 0);
    buffer.insert(12, 10);
    expect(buffer.sample(13)).toMatchObject({ mode: 'extrapolate', alpha: 1.5 });
    expect(buffer.sample(14)).toMatchObject({ mode: 'extrapolate', alpha: 2 });
    const held = buffer.sample(30)!;
    expect(held).toMatchObject({ mode: 'hold', from: { tick: 10 }, to: { tick: 12 }, alpha: 2 });
    expect(lerp(held.from.state, held.to.state, held.alpha)).toBe(20);
  });

  it('holds with one state, before the oldest state, and returns nothing when empty', () => {
    const buffer = new SnapshotBuffer<string>({ tickRate: 60 });
    expect(buffer.sample(5)).toBeUndefined();
    buffer.insert(10, 'a');
    expect(buffer.sample(12)).toMatchObject({ mode: 'hold', from: { state: 'a' }, to: { state: 'a' }, alpha: 0 });
    buffer.insert(12, 'b');
    expect(buffer.sample(3)).toMatchObject({ mode: 'hold', from: { tick: 10 }, to: { tick: 10 }, alpha: 0 });
    buffer.clear();
    expect(buffer.size).toBe(0);
  });
});

describe('lerp and lerpAngle', () => {
  it('turns angles the short way round, in radians and degrees', () => {
    expect(norm(lerpAngle(350, 10, 0.5, 360), 360)).toBeCloseTo(0, 9);
    expect(norm(lerpAngle(10, 350, 0.25, 360), 360)).toBeCloseTo(5, 9);
    expect(lerpAngle(350, 10, 1, 360)).toBe(10);
    expect(norm(lerpAngle(3, -3, 0.5), 2 * Math.PI)).toBeCloseTo(Math.PI, 9);
    expect(angleDelta(Math.PI - 0.1, -Math.PI + 0.1)).toBeCloseTo(0.2, 9);
    expect(angleDelta(0, 720 + 90, 360)).toBe(90);
    expect(angleDelta(0, 270, 360)).toBe(-90);
  });

  it('extrapolate past 1 along the same line, and an angle the short way', () => {
    expect(lerp(0, 10, 0.25)).toBe(2.5);
    expect(lerp(0, 10, 1.5)).toBe(15);
    expect(norm(lerpAngle(350, 30, 0.25, 360), 360)).toBeCloseTo(0, 9);
  });
});

describe('SnapshotArrival', () => {
  it('measures the interval and the interarrival jitter', () => {
    const steady = new SnapshotArrival(60);
    for (let i = 0; i < 100; i++) steady.observe(i * 3, 1000 + i * 50);
    expect(steady.intervalMs).toBeCloseTo(50, 6);
    expect(steady.jitterMs).toBeCloseTo(0, 6);
    const rng = createRng(4);
    const jittery = new SnapshotArrival(60);
    for (let i = 0; i < 200; i++) jittery.observe(i * 3, 1000 + i * 50 + rng.next() * 30);
    expect(jittery.jitterMs).toBeGreaterThan(5);
    expect(jittery.jitterMs).toBeLessThan(20);
    const seen = jittery.observed;
    jittery.observe(10, 99_999);
    expect(jittery.observed).toBe(seen);
  });
});

describe('InterpolationDelay', () => {
  it('targets 2 intervals + 2x jitter within [50, 500] ms and approaches it smoothly', () => {
    const delay = new InterpolationDelay();
    expect(delay.update(0, 50, 5)).toBe(110);
    expect(delay.autoTargetMs(10, 0)).toBe(50);
    expect(delay.autoTargetMs(300, 100)).toBe(500);
    const after = delay.update(100, 50, 45);
    expect(delay.targetMs).toBe(190);
    expect(after).toBeCloseTo(110 + 80 * (1 - Math.exp(-0.1)), 9);
    for (let i = 0; i < 100; i++) delay.update(100, 50, 45);
    expect(delay.delayMs).toBeCloseTo(190, 2);
  });

  it('stays fixed in fixed mode', () => {
    const delay = new InterpolationDelay({ mode: 120 });
    expect(delay.update(0, 50, 100)).toBe(120);
    expect(delay.update(5000, 400, 100)).toBe(120);
    expect(() => new InterpolationDelay({ mode: -1 })).toThrow();
    expect(new InterpolationDelay({ mode: 1000 }).delayMs).toBe(1000);
    expect(() => new InterpolationDelay({ mode: 1001 })).toThrow(/interpolationDelay must be a finite number in \[0, 1000\]/);
  });
});

describe('InterpolationClock', () => {
  it('keeps the render tick monotonic while the delay changes, and settles on host time - transit - delay', () => {
    const rng = createRng(9);
    const sync = new ClockSync();
    const timeline = new TickTimeline(60);
    const clock = new InterpolationClock({ timeline, hostClock: sync });
    expect(clock.update(0, 50, 0)).toBeUndefined();
    let hostOffset = 7000;
    let now = 0;
    let previous = -Infinity;
    let jitter = 0;
    let slowest = 1;
    for (let frame = 0; frame < 5000; frame++) {
      // The host clock estimate steps back by 300 ms: following it directly would rewind the render.
      if (frame === 2000) hostOffset -= 300;
      if (frame % 30 === 0) sync.addSample(now - 60, now - 30 + hostOffset, now);
      if (rng.chance(0.01)) jitter = rng.next() * 200;
      const elapsed = 5 + rng.next() * 30;
      now += elapsed;
      const tick = clock.update(now, 50, frame < 4000 ? jitter : 10)!;
      expect(tick).toBeGreaterThanOrEqual(previous);
      if (frame > 0) slowest = Math.min(slowest, ((tick - previous) * timeline.tickMs) / elapsed);
      previous = tick;
    }
    expect(slowest).toBeCloseTo(0.9, 6);
    expect(clock.delay.delayMs).toBeCloseTo(120, 3);
    expect(sync.rttMs).toBeCloseTo(60, 6);
    const expected = timeline.tickAt(now + hostOffset - 30 - 120);
    expect(Math.abs(clock.renderTick - expected)).toBeLessThan(0.1);
  });
});
