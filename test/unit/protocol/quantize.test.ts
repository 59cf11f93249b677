import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import {
  dequantizeField,
  dequantizeValues,
  isValidQuantized,
  maxQuantized,
  quantizeField,
  quantizeValues,
} from '../../../engine/src/protocol/quantize.js';
import { field } from '../../../engine/src/protocol/schema.js';
import { schema } from './fixtures.js';

const TWO_PI = 2 * Math.PI;

/** Distance between two angles around the circle. */
function angularError(a: number, b: number): number {
  const d = Math.abs(a - b) % TWO_PI;
  return Math.min(d, TWO_PI - d);
}

describe('fixed fields', () => {
  it('decode within precision / 2 of any in-range input', () => {
    const rng = createRng(1);
    let worst = 0; // largest error as a fraction of precision / 2
    let unstable = 0;
    for (let round = 0; round < 200; round++) {
      const precision = [0.001, 0.01, 0.1, 0.25, 1, 3][rng.int(0, 5)]!;
      const min = (rng.next() - 0.5) * 1000;
      const max = min + rng.next() * 5000;
      const type = field.fixed(precision, min, max);
      for (let i = 0; i < 100; i++) {
        const v = min + rng.next() * (max - min);
        const q = quantizeField(type, v);
        const back = dequantizeField(type, q) as number;
        if (!isValidQuantized(type, q) || back < min || back > max) throw new Error(`${v} -> ${q} -> ${back}`);
        worst = Math.max(worst, Math.abs(back - v) / (precision / 2));
        if (quantizeField(type, back) !== q) unstable++;
      }
    }
    expect(worst).toBeLessThanOrEqual(1 + 1e-9);
    expect(worst).toBeGreaterThan(0.9); // the loop really explored the error range
    expect(unstable).toBe(0);
  });

  it('clamp out-of-range values, including a range that is not a whole number of steps', () => {
    const type = field.fixed(0.4, 0, 1);
    expect(maxQuantized(type)).toBe(3);
    expect(dequantizeField(type, quantizeField(type, 5))).toBe(1);
    expect(dequantizeField(type, quantizeField(type, -5))).toBe(0);
    expect(quantizeField(type, 0.9)).toBe(2);
    expect(dequantizeField(type, 99)).toBe(1);
    expect(dequantizeField(type, -3)).toBe(0);
  });

  it('never give NaN: non-finite and wrongly typed input becomes 0 clamped into range', () => {
    const around = field.fixed(0.5, -10, 10);
    const above = field.fixed(0.5, 3, 10);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 'x']) {
      expect(dequantizeField(around, quantizeField(around, bad))).toBe(0);
      expect(dequantizeField(above, quantizeField(above, bad))).toBe(3);
    }
    expect(dequantizeField(around, Number.NaN)).toBe(-10);
    expect(dequantizeField(around, quantizeField(around, true))).toBe(1);
  });
});

describe('int fields', () => {
  it('round, clamp and offset by min', () => {
    const type = field.int(-5, 300);
    expect(quantizeField(type, -5)).toBe(0);
    expect(quantizeField(type, 2.4)).toBe(7);
    expect(quantizeField(type, 2.6)).toBe(8);
    expect(quantizeField(type, 1000)).toBe(305);
    expect(quantizeField(type, -1000)).toBe(0);
    expect(quantizeField(type, Number.NaN)).toBe(5);
    expect(dequantizeField(type, 305)).toBe(300);
    const rng = createRng(2);
    for (let i = 0; i < 1000; i++) {
      const v = rng.int(-5, 300);
      expect(dequantizeField(type, quantizeField(type, v))).toBe(v);
    }
  });
});

describe('angle fields', () => {
  it('wrap into [0, 2π) and decode within half a step around the circle', () => {
    const rng = createRng(3);
    for (const bits of [1, 4, 8, 12, 16, 31]) {
      const type = field.angle(bits);
      const halfStep = Math.PI / 2 ** bits;
      let worst = 0;
      for (let i = 0; i < 2000; i++) {
        const v = (rng.next() - 0.5) * 100;
        const q = quantizeField(type, v);
        const back = dequantizeField(type, q) as number;
        if (!isValidQuantized(type, q) || !(back >= 0 && back < TWO_PI)) throw new Error(`${v} -> ${q} -> ${back}`);
        worst = Math.max(worst, angularError(back, v) / halfStep);
      }
      expect(worst).toBeLessThanOrEqual(1 + 1e-6);
    }
  });

  it('send a value just under a full turn as 0, and negatives as their wrapped value', () => {
    const type = field.angle(12);
    expect(quantizeField(type, TWO_PI - 1e-6)).toBe(0);
    expect(quantizeField(type, TWO_PI)).toBe(0);
    expect(quantizeField(type, -Math.PI / 2)).toBe(3072);
    expect(quantizeField(type, 5 * TWO_PI + Math.PI)).toBe(2048);
    expect(dequantizeField(type, 2048)).toBeCloseTo(Math.PI, 12);
    expect(quantizeField(type, Number.NaN)).toBe(0);
    expect(quantizeField(type, Number.NEGATIVE_INFINITY)).toBe(0);
  });
});

describe('bool and enum fields', () => {
  it('send booleans as 0/1 and enums as their index', () => {
    const flag = field.bool();
    expect([true, false, 1, 0, Number.NaN, 'true'].map((v) => quantizeField(flag, v))).toEqual([1, 0, 1, 0, 0, 0]);
    expect(dequantizeField(flag, 1)).toBe(true);
    const item = field.enum(['a', 'b', 'c']);
    expect(quantizeField(item, 'c')).toBe(2);
    expect(quantizeField(item, 'nope')).toBe(0);
    expect(quantizeField(item, 2)).toBe(0);
    expect(dequantizeField(item, 1)).toBe('b');
    expect(dequantizeField(item, 7)).toBe('c');
  });

  it('check quantized values from the wire strictly', () => {
    const item = field.enum(['a', 'b', 'c']);
    for (const q of [-1, 3, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1', null]) expect(isValidQuantized(item, q)).toBe(false);
    for (const q of [0, 1, 2]) expect(isValidQuantized(item, q)).toBe(true);
    expect(isValidQuantized(field.angle(12), 4095)).toBe(true);
    expect(isValidQuantized(field.angle(12), 4096)).toBe(false);
  });
});

describe('quantizeValues / dequantizeValues', () => {
  it('use schema key order and fill missing fields with the neutral value', () => {
    const ship = schema.entities.ship;
    const q = quantizeValues(ship, { score: 42, x: 12.345 });
    expect(Array.from(q)).toEqual([1235, 0, 0, 42]);
    expect(dequantizeValues(ship, q)).toEqual({ x: 12.35, y: 0, angle: 0, score: 42 });
    const pickup = dequantizeValues(schema.entities.pickup, [4, 6, 1]);
    expect(pickup).toEqual({ x: 2, y: 3, item: 'ammo', active: false });
  });

  it('reuse an output array when given one', () => {
    const out = new Int32Array(4);
    expect(quantizeValues(schema.entities.ship, { x: 1, y: 2, angle: 0, score: 3 }, out)).toBe(out);
    expect(Array.from(out)).toEqual([100, 200, 0, 3]);
  });
});
