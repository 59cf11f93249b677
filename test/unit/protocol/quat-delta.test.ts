/**
 * Differences of quaternions packed in one wire value: component by component while the largest
 * stays the same, so a slow turn is a small number; the whole value when it changes.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { applyQuatDelta, quatDelta } from '../../../engine/src/protocol/quat-delta.js';
import { maxQuatQuantized, packQuat, quantizeQuat } from '../../../engine/src/protocol/quaternion.js';
import type { Quaternion } from '../../../engine/src/protocol/schema.js';

function randomRotation(rng: { next(): number }): Quaternion {
  const q = [rng.next() - 0.5, rng.next() - 0.5, rng.next() - 0.5, rng.next() - 0.5];
  const n = Math.hypot(...q) || 1;
  return q.map((c) => c / n) as unknown as Quaternion;
}

describe('quaternion deltas', () => {
  it('turn any two packed values into a difference and back, for every width up to 9 bits', () => {
    const rng = createRng(51);
    for (let bits = 2; bits <= 9; bits++) {
      for (let i = 0; i < 400; i++) {
        const [q, base] = [quantizeQuat(bits, randomRotation(rng)), quantizeQuat(bits, randomRotation(rng))];
        const d = quatDelta(bits, q, base);
        expect(Math.abs(d)).toBeLessThanOrEqual(2 ** 31 - 1);
        expect(applyQuatDelta(bits, base, d)).toBe(q);
      }
    }
  });

  it('sends a one-step turn of any component as a small number, and a change of the largest whole', () => {
    const bits = 9;
    const base = packQuat(bits, 3, 200, 300, 255);
    // Bit i of each lane's zigzag sits at bit 3i + 2 (a), 3i + 1 (b) or 3i (c).
    expect(quatDelta(bits, packQuat(bits, 3, 201, 300, 255), base)).toBe(2 ** 5); // a + 1: zigzag 2
    expect(quatDelta(bits, packQuat(bits, 3, 200, 299, 255), base)).toBe(2 ** 1); // b - 1: zigzag 1
    expect(quatDelta(bits, packQuat(bits, 3, 200, 300, 256), base)).toBe(2 ** 3); // c + 1: zigzag 2
    expect(quatDelta(bits, packQuat(bits, 3, 190, 310, 250), base)).toBeLessThan(2 ** 15);
    const other = packQuat(bits, 1, 200, 300, 255);
    expect(quatDelta(bits, other, base)).toBe(-(other + 1));
  });

  it('refuses a difference that leaves the valid codes or the lanes', () => {
    const bits = 9;
    const top = 2 ** bits - 2;
    const base = packQuat(bits, 0, top, 0, 5);
    expect(applyQuatDelta(bits, base, quatDelta(bits, packQuat(bits, 0, top - 1, 1, 5), base))).toBe(packQuat(bits, 0, top - 1, 1, 5));
    expect(applyQuatDelta(bits, base, 2 ** 5)).toBeUndefined(); // a + 1: the unused code
    expect(applyQuatDelta(bits, base, 2 ** 1)).toBeUndefined(); // b - 1: below 0
    expect(applyQuatDelta(bits, base, 2 ** 3)).toBe(packQuat(bits, 0, top, 0, 6)); // c + 1
    expect(applyQuatDelta(bits, base, 2 ** 30)).toBeUndefined(); // past three lanes of 10 bits
    expect(applyQuatDelta(bits, base, -(maxQuatQuantized(bits) + 2))).toBeUndefined(); // a whole value out of range
    expect(applyQuatDelta(bits, base, -(packQuat(bits, 2, top + 1, 0, 0) + 1))).toBeUndefined(); // a whole value on the unused code
  });
});
