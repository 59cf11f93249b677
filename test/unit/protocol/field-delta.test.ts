import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { applyFieldDelta, fieldDelta } from '../../../engine/src/protocol/field-delta.js';
import { maxQuantized, quantizeField } from '../../../engine/src/protocol/quantize.js';
import { field, type FieldType } from '../../../engine/src/protocol/schema.js';
import { wireValueTypes, type WireValueType } from '../../../engine/src/protocol/wire-values.js';

describe('field deltas', () => {
  it('turn any two values of a field into a difference and back', () => {
    const rng = createRng(31);
    const types: FieldType[] = [
      field.fixed(0.01, -10, 10),
      field.int(-5, 300),
      field.angle(12),
      field.angle(1),
      field.bool(),
      field.enum(['a', 'b', 'c']),
      field.quat(9),
    ];
    for (const type of types) {
      for (let i = 0; i < 500; i++) {
        const value = (): number =>
          type.kind === 'quat' ? quantizeField(type, [rng.next() - 0.5, rng.next() - 0.5, rng.next() - 0.5, rng.next() - 0.5]) : rng.int(0, maxQuantized(type));
        const [q, base] = [value(), value()];
        expect(applyFieldDelta(type, base, fieldDelta(type, q, base))).toBe(q);
      }
    }
  });

  it('turn the three wire values of a quat of more than 9 bits into differences and back, each checked', () => {
    const rng = createRng(32);
    for (const bits of [10, 16]) {
      const [head, code] = wireValueTypes(field.quat(bits)) as [WireValueType, WireValueType];
      const top = 2 ** bits - 2;
      for (let i = 0; i < 500; i++) {
        const [h, base] = [rng.int(0, 3) * 2 ** bits + rng.int(0, top), rng.int(0, 3) * 2 ** bits + rng.int(0, top)];
        expect(applyFieldDelta(head, base, fieldDelta(head, h, base))).toBe(h);
        const [c, cb] = [rng.int(0, top), rng.int(0, top)];
        expect(applyFieldDelta(code, cb, fieldDelta(code, c, cb))).toBe(c);
      }
      expect(applyFieldDelta(code, top, 1)).toBeUndefined(); // the unused code
      expect(applyFieldDelta(head, 0, top + 1)).toBeUndefined(); // a component on the unused code
      expect(applyFieldDelta(head, 3 * 2 ** bits, 2 ** bits)).toBeUndefined(); // an index past 3
      expect(applyFieldDelta(head, 3 * 2 ** bits, -(2 ** bits))).toBe(2 * 2 ** bits);
    }
  });

  it('send an angle the short way round, crossing 0 as cheaply as any small turn', () => {
    const angle = field.angle(12);
    expect(fieldDelta(angle, 2, 4094)).toBe(4);
    expect(fieldDelta(angle, 4094, 2)).toBe(-4);
    expect(fieldDelta(angle, 2048, 0)).toBe(-2048);
    expect(fieldDelta(angle, 0, 2048)).toBe(-2048);
    expect(applyFieldDelta(angle, 4094, 4)).toBe(2);
    expect(applyFieldDelta(angle, 0, 2048)).toBeUndefined(); // outside [-2048, 2047]: not how a host sends it
  });

  it('refuse a difference whose result the field cannot hold', () => {
    expect(applyFieldDelta(field.int(0, 10), 5, 6)).toBeUndefined();
    expect(applyFieldDelta(field.int(0, 10), 5, -6)).toBeUndefined();
    expect(applyFieldDelta(field.int(0, 10), 5, 5)).toBe(10);
    expect(applyFieldDelta(field.quat(9), 0, 511)).toBeUndefined(); // the unused code
    expect(applyFieldDelta(field.bool(), 1, 1)).toBeUndefined();
  });
});
