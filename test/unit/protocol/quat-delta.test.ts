/**
 * Differences of quaternions packed in one wire value: component by component, so a slow turn is a
 * small number, also when the largest component changes (against the baseline written in the new
 * largest's terms); the whole value only when the difference would not fit.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { applyQuatDelta, quatDelta, roundedSqrt } from '../../../engine/src/protocol/quat-delta.js';
import { maxQuatQuantized, packQuat, quantizeQuat } from '../../../engine/src/protocol/quaternion.js';
import type { Quaternion } from '../../../engine/src/protocol/schema.js';

/** The rotation `a` after `b`. */
function multiply(a: Quaternion, b: Quaternion): Quaternion {
  const [ax, ay, az, aw] = a;
  const [bx, by, bz, bw] = b;
  return [aw * bx + ax * bw + ay * bz - az * by, aw * by - ax * bz + ay * bw + az * bx, aw * bz + ax * by - ay * bx + az * bw, aw * bw - ax * bx - ay * by - az * bz];
}

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

  it('sends a one-step turn of any component as a small number', () => {
    const bits = 9;
    const base = packQuat(bits, 3, 200, 300, 255);
    // Bit i of each lane's zigzag sits at bit 3i + 2 (a), 3i + 1 (b) or 3i (c).
    expect(quatDelta(bits, packQuat(bits, 3, 201, 300, 255), base)).toBe(2 ** 5); // a + 1: zigzag 2
    expect(quatDelta(bits, packQuat(bits, 3, 200, 299, 255), base)).toBe(2 ** 1); // b - 1: zigzag 1
    expect(quatDelta(bits, packQuat(bits, 3, 200, 300, 256), base)).toBe(2 ** 3); // c + 1: zigzag 2
    expect(quatDelta(bits, packQuat(bits, 3, 190, 310, 250), base)).toBeLessThan(2 ** 15);
  });

  it('sends a small turn as a small number also when the largest component changes, naming the new one', () => {
    const bits = 9;
    // About z through 90°: w and z cross at 45°.
    const turn = (deg: number): Quaternion => [0, 0, Math.sin((deg * Math.PI) / 360), Math.cos((deg * Math.PI) / 360)];
    for (const [from, to] of [
      [89.6, 90.4],
      [90.4, 89.6],
      [-89.6, -90.4],
    ] as const) {
      const [base, q] = [quantizeQuat(bits, turn(from)), quantizeQuat(bits, turn(to))];
      const d = quatDelta(bits, q, base);
      expect(d).toBeLessThan(0);
      expect(-d).toBeLessThan(3 * 2 ** 9);
      expect(applyQuatDelta(bits, base, d)).toBe(q);
    }
    // Any rotation turned by 1°: small, whichever component is the largest after.
    const rng = createRng(7);
    let crossed = 0;
    for (let i = 0; i < 4000; i++) {
      const r = randomRotation(rng);
      const axis = randomRotation(rng);
      const s = Math.sin(Math.PI / 360);
      const spin: Quaternion = [axis[0] * s, axis[1] * s, axis[2] * s, Math.cos(Math.PI / 360)];
      const [base, q] = [quantizeQuat(bits, r), quantizeQuat(bits, multiply(spin, r))];
      const d = quatDelta(bits, q, base);
      if (d < 0) crossed++;
      expect(Math.abs(d)).toBeLessThan(3 * 2 ** 12);
      expect(applyQuatDelta(bits, base, d)).toBe(q);
    }
    expect(crossed).toBeGreaterThan(10);
  });

  it('sends a difference that would not fit in 31 bits whole, above every other', () => {
    const bits = 9;
    const rng = createRng(11);
    let whole = 0;
    for (let i = 0; i < 2000; i++) {
      const [q, base] = [Math.floor(rng.next() * 4) * 2 ** 27, Math.floor(rng.next() * 4) * 2 ** 27].map((index) => {
        const code = () => Math.floor(rng.next() * (2 ** bits - 1));
        return index + packQuat(bits, 0, code(), code(), code());
      }) as [number, number];
      const d = quatDelta(bits, q, base);
      if (d >= 2 ** 30) {
        whole++;
        expect(d).toBe(2 ** 30 + q);
      }
      expect(applyQuatDelta(bits, base, d)).toBe(q);
    }
    expect(whole).toBeGreaterThan(0);
  });

  it('recovers the left-out component as the rounded integer square root, exactly', () => {
    for (let x = 0; x < 5000; x++) expect(roundedSqrt(x)).toBe(Math.round(Math.sqrt(x)));
    for (const x of [2 ** 52 - 1, 2 ** 40 + 2 ** 20, 1_000_000_000_001, 2 * 255 * 255]) {
      const n = roundedSqrt(x);
      expect((n - 0.5) ** 2 <= x && x < (n + 0.5) ** 2).toBe(true);
    }
  });

  it('refuses a difference that leaves the valid codes or the lanes', () => {
    const bits = 9;
    const top = 2 ** bits - 2;
    const base = packQuat(bits, 0, top, 0, 5);
    expect(applyQuatDelta(bits, base, quatDelta(bits, packQuat(bits, 0, top - 1, 1, 5), base))).toBe(packQuat(bits, 0, top - 1, 1, 5));
    expect(applyQuatDelta(bits, base, 2 ** 5)).toBeUndefined(); // a + 1: the unused code
    expect(applyQuatDelta(bits, base, 2 ** 1)).toBeUndefined(); // b - 1: below 0
    expect(applyQuatDelta(bits, base, 2 ** 3)).toBe(packQuat(bits, 0, top, 0, 6)); // c + 1
    expect(applyQuatDelta(bits, base, 2 ** 30 + maxQuatQuantized(bits) + 1)).toBeUndefined(); // a whole value out of range
    expect(applyQuatDelta(bits, base, 2 ** 30 + packQuat(bits, 2, top + 1, 0, 0))).toBeUndefined(); // a whole value on the unused code
    expect(applyQuatDelta(bits, base, -(1 + 3 * 2 ** 30))).toBeUndefined(); // past three lanes of 10 bits
    expect(applyQuatDelta(bits, base, -(1 + 3 * 2))).toBeUndefined(); // y the largest now; z, at code 0 rebased, - 1: below 0
  });
});
