/**
 * Remote entities buffered one by one, for snapshots that may speak for only some of them (a split
 * snapshot with a part lost): covered entities move at that tick, the others keep their history.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { lerp } from '../../../engine/src/netcode/interpolate.js';
import { EntityBuffers, SnapshotBuffer } from '../../../engine/src/netcode/snapshot-buffer.js';

interface Dot {
  readonly id: number;
  readonly x: number;
}

const all = (): boolean => true;
const only =
  (...ids: number[]) =>
  (id: number): boolean =>
    ids.includes(id);
const dots = (entries: Record<number, number>): Map<number, number> => new Map(Object.entries(entries).map(([id, x]) => [Number(id), x]));
const toDot = (id: number, x: number): Dot => ({ id, x });

/** What is drawn at `renderTick`: id → x, blended linearly. */
function drawn(buffers: EntityBuffers<Dot>, renderTick: number): Record<number, number> {
  const out: Record<number, number> = {};
  buffers.forEachAt(renderTick, (id, to, from, alpha) => {
    out[id] = from ? lerp(from.x, to.x, alpha) : to.x;
  });
  return out;
}

describe('EntityBuffers', () => {
  it('samples exactly as whole snapshots do when every tick covers every entity', () => {
    const rng = createRng(3);
    const buffers = new EntityBuffers<Dot>({ tickRate: 60, capacity: 16 });
    const whole = new SnapshotBuffer<Map<number, Dot>>({ tickRate: 60, capacity: 16 });
    let world = new Map<number, number>();
    let compared = 0;
    for (let tick = 2; tick < 600; tick += 2) {
      const next = new Map<number, number>();
      for (const [id, x] of world) if (!rng.chance(0.05)) next.set(id, rng.chance(0.5) ? x : x + rng.next());
      for (let i = rng.int(0, 2); i > 0; i--) next.set(rng.int(0, 60), rng.next() * 10);
      world = next;
      // Ticks arrive out of order now and then.
      const ticks = rng.chance(0.2) ? [tick + 2, tick] : [tick];
      if (ticks.length === 2) {
        const later = new Map([...world].map(([id, x]) => [id, x + 1]));
        buffers.update(tick + 2, later, all, toDot);
        whole.insert(tick + 2, new Map([...later].map(([id, x]) => [id, toDot(id, x)])));
        tick += 2;
      }
      buffers.update(ticks.at(-1)!, world, all, toDot);
      whole.insert(ticks.at(-1)!, new Map([...world].map(([id, x]) => [id, toDot(id, x)])));
      for (let r = tick - 12; r <= tick + 8; r += 0.75) {
        const sample = whole.sample(r)!;
        const expected: Record<number, number> = {};
        for (const [id, to] of sample.to.state) {
          const from = sample.from === sample.to ? undefined : sample.from.state.get(id);
          expected[id] = from ? lerp(from.x, to.x, sample.alpha) : to.x;
        }
        const got = drawn(buffers, r);
        expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
        for (const id of Object.keys(expected)) expect(got[Number(id)]).toBeCloseTo(expected[Number(id)]!, 9);
        expect(buffers.mode(r)).toBe(sample.mode);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('leaves an entity a tick does not cover where it was: interpolated across the gap, not frozen, moved back or removed', () => {
    const buffers = new EntityBuffers<Dot>({ tickRate: 60 });
    buffers.update(10, dots({ 1: 0, 2: 0 }), all, toDot);
    // Tick 12 lost the part carrying entity 2: its working copy still holds the baseline's 0.
    buffers.update(12, dots({ 1: 20, 2: 0 }), only(1), toDot);
    buffers.update(14, dots({ 1: 40, 2: 40 }), all, toDot);
    expect(drawn(buffers, 12)).toEqual({ 1: 20, 2: 20 });
    expect(drawn(buffers, 11)).toEqual({ 1: 10, 2: 10 });
    expect(drawn(buffers, 13)).toEqual({ 1: 30, 2: 30 });
  });

  it('extrapolates then holds an entity whose newest parts were lost, and takes it up again when covered', () => {
    const buffers = new EntityBuffers<Dot>({ tickRate: 60, maxExtrapolationMs: 50 });
    buffers.update(10, dots({ 1: 0, 2: 0 }), all, toDot);
    buffers.update(12, dots({ 1: 20, 2: 20 }), all, toDot);
    buffers.update(14, dots({ 1: 40, 2: 20 }), only(1), toDot);
    buffers.update(16, dots({ 1: 60, 2: 20 }), only(1), toDot);
    // Entity 2 runs on at its last known speed for 3 ticks (50 ms), then holds: never jumps back.
    expect(drawn(buffers, 14)).toEqual({ 1: 40, 2: 40 });
    expect(drawn(buffers, 16)).toEqual({ 1: 60, 2: 50 });
    // When it is covered again, it goes on from its last known state, as after any dry spell.
    buffers.update(18, dots({ 1: 80, 2: 80 }), all, toDot);
    expect(drawn(buffers, 17)).toEqual({ 1: 70, 2: 70 });
  });

  it('removes an entity at the first tick that covers its absence, even when ticks between did not', () => {
    const buffers = new EntityBuffers<Dot>({ tickRate: 60 });
    buffers.update(10, dots({ 1: 0, 2: 0 }), all, toDot);
    // The removal of 2 was in a lost part at 12; 14 covers it.
    buffers.update(12, dots({ 1: 2, 2: 0 }), only(1), toDot);
    buffers.update(14, dots({ 1: 4 }), all, toDot);
    // As if tick 12 had never come: drawn up to 10, gone from the snapshot before 14 on.
    expect(Object.keys(drawn(buffers, 9.5))).toEqual(['1', '2']);
    expect(Object.keys(drawn(buffers, 10.5))).toEqual(['1']);
    expect(Object.keys(drawn(buffers, 20))).toEqual(['1']);
    // Gone and still gone adds nothing: its buffer leaves once its last word leaves the window.
    for (let tick = 16; tick < 16 + 2 * 32; tick += 2) buffers.update(tick, dots({ 1: tick }), all, toDot);
    expect(buffers.tracked).toBe(1);
  });

  it('shows a new entity from the snapshot before its first, and never earlier', () => {
    const buffers = new EntityBuffers<Dot>({ tickRate: 60 });
    buffers.update(10, dots({ 1: 0 }), all, toDot);
    buffers.update(12, dots({ 1: 2 }), only(1), toDot); // 12 does not cover 5
    buffers.update(14, dots({ 1: 4, 5: 50 }), all, toDot);
    expect(Object.keys(drawn(buffers, 9.5))).toEqual(['1']);
    // Tick 10 covered 5 (absent); 12 did not, so 5 may have been there: drawn from 10 on.
    expect(Object.keys(drawn(buffers, 10.5)).sort()).toEqual(['1', '5']);
    expect(drawn(buffers, 10.5)[5]).toBe(50);
  });

  it('takes a late tick into the history, and keeps the first state given for a tick', () => {
    const buffers = new EntityBuffers<Dot>({ tickRate: 60 });
    buffers.update(10, dots({ 1: 0 }), all, toDot);
    buffers.update(14, dots({ 1: 40 }), all, toDot);
    expect(buffers.update(12, dots({ 1: 10 }), only(1), toDot)).toBe(true);
    expect(drawn(buffers, 11)).toEqual({ 1: 5 });
    buffers.update(12, dots({ 1: 99 }), all, toDot);
    expect(drawn(buffers, 12)).toEqual({ 1: 10 });
    expect(buffers.newestTick).toBe(14);
  });

  it('forgets entities no tick of the window covered, so memory stays bounded', () => {
    const rng = createRng(8);
    const buffers = new EntityBuffers<Dot>({ tickRate: 60, capacity: 8 });
    let peak = 0;
    for (let tick = 0; tick < 2000; tick++) {
      // Each tick speaks for a few fresh ids only, as a broken host's partial snapshots might.
      const present = new Map(Array.from({ length: 20 }, (_, i) => [tick * 20 + i, rng.next()] as const));
      buffers.update(tick, present, (id) => present.has(id), toDot);
      peak = Math.max(peak, buffers.tracked);
    }
    expect(peak).toBeLessThanOrEqual(8 * 20);
    expect(buffers.update(1000, new Map(), all, toDot)).toBe(false); // older than the window
  });
});
