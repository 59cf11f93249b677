import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { createRng, type Rng } from '../../../engine/src/core/rng.js';
import { quaternionAngle } from '../../../engine/src/netcode/quaternion-blend.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import type { EntityRecord } from '../../../engine/src/protocol/messages.js';
import { dequantizeField, dequantizeValues, isValidQuantized, maxQuantized, neutralValue, quantizeField, quantizeValues } from '../../../engine/src/protocol/quantize.js';
import { dequantizeQuat, quantizeQuat, quatErrorBoundDegrees } from '../../../engine/src/protocol/quaternion.js';
import { field, validateSchema, type Quaternion } from '../../../engine/src/protocol/schema.js';
import { applyDelta, diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
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

/** A unit quaternion with all four components near ½ (a four-way near tie), a few steps of `bits` off. */
function nearEqual(rng: Rng, bits: number): Quaternion {
  const step = 1 / (Math.SQRT2 * (2 ** (bits - 1) - 1));
  const v = [0, 1, 2, 3].map(() => (rng.chance(0.5) ? 0.5 : -0.5) + (rng.next() - 0.5) * 8 * step);
  const n = Math.hypot(...v);
  return [v[0]! / n, v[1]! / n, v[2]! / n, v[3]! / n];
}

const degrees = (radians: number) => (radians * 180) / Math.PI;

describe('quat fields', () => {
  const thrown = (fn: () => unknown): Error => {
    try {
      fn();
    } catch (error) {
      expect(isNetError(error, 'invalid_option')).toBe(true);
      return error as Error;
    }
    throw new Error('did not throw');
  };

  it('validate bits in 2..16, and name the range when they are not', () => {
    const withQuat = (bits: number) => ({ entities: { body: { q: field.quat(bits) } }, input: {} });
    for (const bits of [2, 9, 10, 12, 16]) validateSchema(withQuat(bits));
    for (const bits of [1, 17, 32, 2.5, Number.NaN]) {
      const message = thrown(() => validateSchema(withQuat(bits))).message;
      expect(message).toContain('entity type "body", field "q": bits must be an integer in 2..16');
      expect(message).toContain(`got ${bits}`);
    }
    expect(field.quat()).toEqual({ kind: 'quat', bits: 9 });
    expect(maxQuantized(field.quat(9))).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(maxQuantized(field.quat(9))).toBe(3 * 2 ** 27 + 510 * 2 ** 18 + 510 * 2 ** 9 + 510);
    // Above 9 bits the packed value is a safe integer of up to 50 bits, sent as three wire values.
    expect(maxQuantized(field.quat(16))).toBe(3 * 2 ** 48 + 65534 * (2 ** 32 + 2 ** 16 + 1));
    expect(Number.isSafeInteger(maxQuantized(field.quat(16)))).toBe(true);
  });

  it('count a quat of more than 9 bits as three of the 31 wire values of a type or the input', () => {
    const quats = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, field.quat(16)]));
    validateSchema({ entities: { body: { ...quats(10), x: field.bool() } }, input: {} });
    const message = thrown(() => validateSchema({ entities: { body: { ...quats(10), x: field.bool(), y: field.bool() } }, input: {} })).message;
    expect(message).toBe(
      'invalid schema: entity type "body" takes 32 wire values; at most 31 (a field takes one, a quat of more than 9 bits three): use fewer fields or fewer bits',
    );
    expect(thrown(() => validateSchema({ entities: { body: {} }, input: quats(11) })).message).toContain('input takes 33 wire values; at most 31');
    validateSchema({ entities: { body: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`q${i}`, field.quat(9)])) }, input: {} });
  });

  it('document their error bound: 0.55° at 9 bits, 0.069° at 12, 0.0043° at 16', () => {
    expect(quatErrorBoundDegrees(9)).toBeCloseTo(0.5504, 4);
    expect(quatErrorBoundDegrees(12)).toBeCloseTo(0.06856, 5);
    expect(quatErrorBoundDegrees(16)).toBeCloseTo(0.004283, 6);
  });

  it.each([9, 12, 16])('decode within the documented bound at %i bits, near ties included', (bits) => {
    const rng = createRng(bits);
    const type = field.quat(bits);
    const bound = quatErrorBoundDegrees(bits);
    let worst = 0;
    for (let i = 0; i < 30_000; i++) {
      const v = i % 3 === 0 ? nearTie(rng) : i % 3 === 1 ? nearEqual(rng, bits) : randomQuat(rng);
      const q = quantizeField(type, v);
      expect(isValidQuantized(type, q)).toBe(true);
      const back = dequantizeField(type, q) as Quaternion;
      expect(Math.hypot(...back)).toBeCloseTo(1, 12);
      worst = Math.max(worst, degrees(quaternionAngle(v, back)));
    }
    expect(worst).toBeLessThan(bound);
    expect(worst).toBeGreaterThan(bound * 0.8); // the samples reached the worst orientations
  });

  it('decode coarser with fewer bits, each within its bound', () => {
    const rng = createRng(11);
    for (const bits of [7, 5, 3]) {
      let worst = 0;
      for (let i = 0; i < 20_000; i++) {
        const v = i % 2 === 0 ? randomQuat(rng) : nearEqual(rng, bits);
        worst = Math.max(worst, degrees(quaternionAngle(v, dequantizeQuat(bits, quantizeQuat(bits, v)))));
      }
      expect(worst).toBeLessThan(quatErrorBoundDegrees(bits));
    }
  });

  it('re-quantize a decoded value to the same integer, near ties included, so bodies at rest stay put', () => {
    const rng = createRng(12);
    for (const bits of [16, 12, 10, 9, 6, 4, 2]) {
      let unstable = 0;
      for (let i = 0; i < 20_000; i++) {
        const v = i % 3 === 0 ? randomQuat(rng) : i % 3 === 1 ? nearTie(rng) : nearEqual(rng, bits);
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
    for (const bits of [9, 16]) {
      for (const v of exactTies) {
        const q = quantizeQuat(bits, v);
        expect(quantizeQuat(bits, dequantizeQuat(bits, q))).toBe(q);
      }
    }
  });

  it('send the identity exactly, a quarter turn within the bound, and q and -q alike', () => {
    for (const bits of [9, 16]) {
      const type = field.quat(bits);
      expect(dequantizeField(type, quantizeField(type, [0, 0, 0, 1]))).toEqual([0, 0, 0, 1]);
      expect(dequantizeField(type, quantizeField(type, [0, 0, 0, -1]))).toEqual([0, 0, 0, 1]);
      const quarter: Quaternion = [0, 0, Math.SQRT1_2, Math.SQRT1_2];
      const back = dequantizeField(type, quantizeField(type, quarter)) as Quaternion;
      expect(back.slice(0, 2)).toEqual([0, 0]);
      expect(degrees(quaternionAngle(quarter, back))).toBeLessThan(quatErrorBoundDegrees(bits));
      const v: Quaternion = [0.1, -0.7, 0.2, 0.5];
      expect(quantizeField(type, v)).toBe(quantizeField(type, [-0.1, 0.7, -0.2, -0.5]));
    }
  });

  it('normalise what the game gives and send garbage as the identity', () => {
    for (const bits of [9, 16]) {
      const type = field.quat(bits);
      const identity = quantizeField(type, [0, 0, 0, 1]);
      expect(neutralValue(type)).toEqual([0, 0, 0, 1]);
      expect(quantizeField(type, [0, 0, 0, 5])).toBe(identity);
      expect(quantizeField(type, [0, 3, 0, 4])).toBe(quantizeField(type, [0, 0.6, 0, 0.8]));
      for (const bad of [[0, 0, 0, 0], [Number.NaN, 0, 0, 1], [0, 0, 1], 1, 'q', true] as const) {
        expect(quantizeField(type, bad as never)).toBe(identity);
      }
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
    const wide = field.quat(16);
    expect(isValidQuantized(wide, maxQuantized(wide))).toBe(true);
    expect(isValidQuantized(wide, 65535)).toBe(false);
    expect(isValidQuantized(wide, 65535 * 2 ** 32)).toBe(false);
  });

  const schema = validateSchema({
    entities: { body: { x: field.fixed(1 / 512, -256, 255), orientation: field.quat(9) }, fine: { x: field.fixed(1 / 512, -256, 255), orientation: field.quat(16) } },
    input: { aim: field.quat(12), fire: field.bool() },
  });
  const snapshotOf = (records: EntityRecord[], baselineTick = -1) =>
    writeMessage({ kind: 'snapshot', tick: 9, baselineTick, lastInputTick: -1, part: 0, partCount: 1, removed: [], entities: records });
  const parsedRecords = (bytes: Uint8Array) => {
    const parsed = readMessage(bytes, 1150, { schema });
    return parsed.ok && parsed.value.kind === 'snapshot' ? parsed.value.entities : parsed;
  };

  it('travel in snapshots: full records carry the packed value up to 9 bits, and an unchanged rotation is not resent', () => {
    const rotation: Quaternion = [0.3, -0.2, 0.1, Math.sqrt(1 - 0.14)];
    const first = quantizeSnapshot(schema, [{ id: 7, type: 'body', values: { x: 1.5, orientation: rotation } }]);
    const decoded = dequantizeEntity(schema, first.get(7)!);
    const again = quantizeSnapshot(schema, [{ id: 7, type: 'body', values: decoded.values }]);
    expect(diffSnapshot(schema, again, first).records).toEqual([]);
    const records = diffSnapshot(schema, first, undefined).records;
    expect(records[0]!.length).toBe(2 + 2);
    expect(parsedRecords(snapshotOf(records))).toEqual(records);
    expect(parsedRecords(snapshotOf([[7, -1, 3, 511]]))).toMatchObject({ ok: false });
  });

  it('travel above 9 bits as three wire values, each with its own mask bit and a small difference', () => {
    const turn = (angle: number): Quaternion => [0.3 * Math.sin(angle), 0.4 * Math.sin(angle), 0.5 * Math.sin(angle), Math.cos(angle)];
    const first = quantizeSnapshot(schema, [{ id: 7, type: 'fine', values: { x: 1.5, orientation: turn(0.4) } }]);
    const full = diffSnapshot(schema, first, undefined).records;
    expect(full).toHaveLength(1);
    expect(full[0]!.slice(0, 2)).toEqual([7, -2]); // `fine` is type 1
    expect(full[0]!.length).toBe(2 + 1 + 3);
    expect(parsedRecords(snapshotOf(full))).toEqual(full);
    expect(dequantizeEntity(schema, first.get(7)!).values.orientation).toEqual(dequantizeField(field.quat(16), quantizeField(field.quat(16), turn(0.4))));
    // Turning by 0.001 rad changes each code by tens of steps of 2^-16: three small differences.
    const second = quantizeSnapshot(schema, [{ id: 7, type: 'fine', values: { x: 1.5, orientation: turn(0.401) } }]);
    const delta = diffSnapshot(schema, second, first).records;
    expect(delta).toHaveLength(1);
    expect(delta[0]![1]).toBeGreaterThan(0);
    expect(delta[0]!.slice(2).every((d) => Math.abs(d) < 200)).toBe(true);
    const bytes = snapshotOf(delta, 8);
    expect(bytes.byteLength).toBeLessThan(26);
    const rebuilt = applyDelta(schema, first, parsedRecords(bytes) as EntityRecord[], []);
    expect(rebuilt.dropped).toBe(0);
    expect(Array.from(rebuilt.snapshot.get(7)!.values)).toEqual(Array.from(second.get(7)!.values));
    const bits = 16;
    const [, , x, head, b, c] = full[0]!;
    for (const bad of [[head! % 2 ** bits === 0 ? head! + 65535 : head! - (head! % 2 ** bits) + 65535, b, c], [4 * 2 ** bits, b, c], [head, 65535, c], [head, b, -1]]) {
      expect(parsedRecords(snapshotOf([[7, -2, x!, ...(bad as number[])]]))).toMatchObject({ ok: false });
    }
    // A delta that takes a code onto the unused one is dropped on applying.
    const onto = applyDelta(schema, first, [[7, 0b1000, 65535 - c!]], []);
    expect(onto.dropped).toBe(1);
  });

  it('travel in inputs as three wire values per wide quaternion', () => {
    const aim: Quaternion = [0.1, 0.2, -0.3, Math.sqrt(0.86)];
    const inputs = [quantizeValues(schema.input, { aim, fire: true })];
    expect(inputs[0]).toHaveLength(4);
    const parsed = readMessage(writeMessage({ kind: 'input', ackSnapshotTick: -1, firstTick: 3, inputs, viewAges: [0] }), 1150, { schema });
    if (!parsed.ok || parsed.value.kind !== 'input') throw new Error('the input did not parse');
    const back = dequantizeValues(schema.input, parsed.value.inputs[0]!);
    expect(back.fire).toBe(true);
    expect(degrees(quaternionAngle(aim, back.aim as Quaternion))).toBeLessThan(quatErrorBoundDegrees(12));
  });
});
