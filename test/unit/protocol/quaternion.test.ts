import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { createRng, type Rng } from '../../../engine/src/core/rng.js';
import { quaternionAngle } from '../../../engine/src/netcode/quaternion-blend.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { dequantizeField, isValidQuantized, maxQuantized, neutralValue, quantizeField } from '../../../engine/src/protocol/quantize.js';
import { dequantizeQuat, quantizeQuat } from '../../../engine/src/protocol/quaternion.js';
import { field, validateSchema, type Quaternion } from '../../../engine/src/protocol/schema.js';
import { diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { dequantizeEntity, quantizeSnapshot } from '../../../engine/src/protocol/snapshot.js';

/** A uniformly random unit quaternion (Shoemake). */
function randomQuat(rng: Rng): Quaternion {
  const [u1, u2, u3] = [rng.next(), rng.next(), rng.next()];
  const a = Math.sqrt(1 - u1);
  const b = Math.sqrt(u1);
  return [a * Math.sin(2 * Math.PI * u2), a * Math.cos(2 * Math.PI * u2), b * Math.sin(2 * Math.PI * u3), b * Math.cos(2 * Math.PI * u3)];
}

/** A unit quaternion whose two largest components are nearly equal: where rounding can flip the index. */
function nearTie(rng: Rng): Quaternion {
  const a = Math.SQRT1_2 + (rng.next() - 0.5) * 0.02;
  const b = Math.sqrt(Math.max(0, 1 - a * a - 0.002 * rng.next()));
  const c = Math.sqrt(Math.max(0, 1 - a * a - b * b)) * rng.next();
  const d = Math.sqrt(Math.max(0, 1 - a * a - b * b - c * c));
  const values = [a, rng.chance(0.5) ? b : -b, rng.chance(0.5) ? c : -c, d];
  for (let i = 3; i > 0; i--) {
    const j = rng.int(0, i);
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return [values[0]!, values[1]!, values[2]!, values[3]!];
}

const degrees = (radians: number) => (radians * 180) / Math.PI;

describe('quat fields', () => {
  it('validate bits so that three components and the index fit 31 bits', () => {
    const withQuat = (bits: number) => ({ entities: { body: { q: field.quat(bits) } }, input: {} });
    validateSchema(withQuat(2));
    validateSchema(withQuat(9));
    for (const bits of [1, 10, 2.5, Number.NaN]) {
      let caught: unknown;
      try {
        validateSchema(withQuat(bits));
      } catch (error) {
        caught = error;
      }
      expect(isNetError(caught, 'invalid_option')).toBe(true);
      expect((caught as Error).message).toContain('bits must be an integer in 2..9');
    }
    expect(field.quat()).toEqual({ kind: 'quat', bits: 9 });
    expect(maxQuantized(field.quat(9))).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(maxQuantized(field.quat(9))).toBe(3 * 2 ** 27 + 510 * 2 ** 18 + 510 * 2 ** 9 + 510);
  });

  it('decode within 0.6° of rotation with 9 bits, and coarser with fewer', () => {
    const rng = createRng(11);
    const bound: Record<number, number> = { 9: 0.6, 7: 2.6, 5: 11 };
    for (const bits of [9, 7, 5]) {
      const type = field.quat(bits);
      let worst = 0;
      for (let i = 0; i < 20_000; i++) {
        const v = randomQuat(rng);
        const q = quantizeField(type, v);
        expect(isValidQuantized(type, q)).toBe(true);
        const back = dequantizeField(type, q) as Quaternion;
        expect(Math.hypot(...back)).toBeCloseTo(1, 12);
        worst = Math.max(worst, degrees(quaternionAngle(v, back)));
      }
      expect(worst).toBeLessThan(bound[bits]!);
      expect(worst).toBeGreaterThan(bound[bits]! / 3); // the loop really explored the error range
    }
  });

  it('re-quantize a decoded value to the same integer, near ties included, so bodies at rest stay put', () => {
    const rng = createRng(12);
    for (const bits of [9, 6, 4, 2]) {
      let unstable = 0;
      for (let i = 0; i < 20_000; i++) {
        const v = i % 2 === 0 ? randomQuat(rng) : nearTie(rng);
        const q = quantizeQuat(bits, v);
        if (quantizeQuat(bits, dequantizeQuat(bits, q)) !== q) unstable++;
      }
      expect(unstable).toBe(0);
    }
    const exactTies: Quaternion[] = [
      [0.5, 0.5, 0.5, 0.5],
      [0, 0, Math.SQRT1_2, Math.SQRT1_2],
      [Math.SQRT1_2, 0, 0, -Math.SQRT1_2],
    ];
    for (const v of exactTies) {
      const q = quantizeQuat(9, v);
      expect(quantizeQuat(9, dequantizeQuat(9, q))).toBe(q);
    }
  });

  it('send the identity exactly, a quarter turn within 0.6°, and q and -q alike', () => {
    const type = field.quat(9);
    expect(dequantizeField(type, quantizeField(type, [0, 0, 0, 1]))).toEqual([0, 0, 0, 1]);
    expect(dequantizeField(type, quantizeField(type, [0, 0, 0, -1]))).toEqual([0, 0, 0, 1]);
    const quarter: Quaternion = [0, 0, Math.SQRT1_2, Math.SQRT1_2];
    const back = dequantizeField(type, quantizeField(type, quarter)) as Quaternion;
    expect(back.slice(0, 2)).toEqual([0, 0]);
    expect(degrees(quaternionAngle(quarter, back))).toBeLessThan(0.6);
    const v: Quaternion = [0.1, -0.7, 0.2, 0.5];
    expect(quantizeField(type, v)).toBe(quantizeField(type, [-0.1, 0.7, -0.2, -0.5]));
  });

  it('normalise what the game gives and send garbage as the identity', () => {
    const type = field.quat(9);
    const identity = quantizeField(type, [0, 0, 0, 1]);
    expect(neutralValue(type)).toEqual([0, 0, 0, 1]);
    expect(quantizeField(type, [0, 0, 0, 5])).toBe(identity);
    expect(quantizeField(type, [0, 3, 0, 4])).toBe(quantizeField(type, [0, 0.6, 0, 0.8]));
    for (const bad of [[0, 0, 0, 0], [Number.NaN, 0, 0, 1], [0, 0, 1], 1, 'q', true] as const) {
      expect(quantizeField(type, bad as never)).toBe(identity);
    }
  });

  it('check wire integers strictly: in range, with no component on the unused top code', () => {
    const type = field.quat(9);
    const max = maxQuantized(type);
    expect(isValidQuantized(type, max)).toBe(true);
    expect(isValidQuantized(type, max + 1)).toBe(false);
    expect(isValidQuantized(type, 511)).toBe(false); // c = 511, the unused code
    expect(isValidQuantized(type, 511 * 512)).toBe(false);
    expect(isValidQuantized(type, 511 * 512 * 512)).toBe(false);
    expect(isValidQuantized(type, 510)).toBe(true);
    for (const q of [-1, 1.5, Number.NaN, '7', null]) expect(isValidQuantized(type, q)).toBe(false);
    expect(dequantizeField(type, 511)).toEqual([0, 0, 0, 1]);
  });

  it('travel in snapshots: full records carry the packed value, and an unchanged rotation is not resent', () => {
    const schema = validateSchema({
      entities: { body: { x: field.fixed(1 / 512, -256, 255), orientation: field.quat(9) } },
      input: {},
    });
    const rotation: Quaternion = [0.3, -0.2, 0.1, Math.sqrt(1 - 0.14)];
    const first = quantizeSnapshot(schema, [{ id: 7, type: 'body', values: { x: 1.5, orientation: rotation } }]);
    const decoded = dequantizeEntity(schema, first.get(7)!);
    const again = quantizeSnapshot(schema, [{ id: 7, type: 'body', values: decoded.values }]);
    expect(diffSnapshot(schema, again, first).records).toEqual([]);
    const records = diffSnapshot(schema, first, undefined).records;
    const bytes = writeMessage({ kind: 'snapshot', tick: 9, baselineTick: -1, lastInputTick: -1, part: 0, partCount: 1, removed: [], entities: records });
    const parsed = readMessage(bytes, 1150, { schema });
    expect(parsed.ok && parsed.value.kind === 'snapshot' && parsed.value.entities).toEqual(records);
    const tampered = writeMessage({
      kind: 'snapshot',
      tick: 9,
      baselineTick: -1,
      lastInputTick: -1,
      part: 0,
      partCount: 1,
      removed: [],
      entities: [[7, 0, 3, 0, 511]],
    });
    expect(readMessage(tampered, 1150, { schema }).ok).toBe(false);
  });
});
