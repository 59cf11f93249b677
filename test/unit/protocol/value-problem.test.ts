import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dequantizeField, quantizeField } from '../../../engine/src/protocol/quantize.js';
import { field, type FieldType, type FieldValue } from '../../../engine/src/protocol/schema.js';
import { valueProblem } from '../../../engine/src/protocol/value-problem.js';

const position = field.fixed(0.01, -1000, 1000);

describe('valueProblem', () => {
  const cases: [string, FieldType, FieldValue | null | undefined, string | undefined][] = [
    ['a fixed value in range, off the grid', position, 0.123456, undefined],
    ['a fixed value at its max', position, 1000, undefined],
    ['NaN', position, Number.NaN, 'not_finite'],
    ['Infinity', position, Infinity, 'not_finite'],
    ['-Infinity', field.int(0, 10), -Infinity, 'not_finite'],
    ['a number past max', position, 1000.5, 'out_of_range'],
    ['a number below min', field.int(-1, 1), -2, 'out_of_range'],
    ['a string for a number', position, '12', 'wrong_type'],
    ['a boolean for a number', field.int(0, 1), true, 'wrong_type'],
    ['null', position, null, 'wrong_type'],
    ['no value', position, undefined, 'missing'],
    ['an angle past a full turn (it wraps)', field.angle(12), 7 * Math.PI, undefined],
    ['a NaN angle', field.angle(12), Number.NaN, 'not_finite'],
    ['a boolean', field.bool(), false, undefined],
    ['a number for a boolean', field.bool(), 1, 'wrong_type'],
    ['an enum value', field.enum(['idle', 'run']), 'run', undefined],
    ['an unknown enum value', field.enum(['idle', 'run']), 'jump', 'unknown_enum'],
    ['a number for an enum', field.enum(['idle', 'run']), 0, 'wrong_type'],
    ['a quaternion of length 2 (it is normalised)', field.quat(9), [0, 0, 0, 2], undefined],
    ['a quaternion with NaN', field.quat(9), [0, Number.NaN, 0, 1], 'not_finite'],
    ['a quaternion of zeros', field.quat(9), [0, 0, 0, 0], 'wrong_type'],
    ['three numbers for a quaternion', field.quat(9), [0, 0, 1] as unknown as FieldValue, 'wrong_type'],
  ];
  for (const [name, type, value, problem] of cases) {
    it(`${name}: ${problem ?? 'fine'}`, () => {
      expect(valueProblem(type, value)).toBe(problem);
    });
  }

  it('finds no problem exactly when quantizing only rounds (fixed fields)', () => {
    const type = field.fixed(0.25, -3, 5);
    const anyValue = fc.oneof(fc.double(), fc.double({ min: -4, max: 6, noNaN: true }), fc.constantFrom(-3, 5, Infinity, -Infinity, Number.NaN));
    fc.assert(
      fc.property(anyValue, (v) => {
        const sent = dequantizeField(type, quantizeField(type, v)) as number;
        const rounded = Number.isFinite(v) && v >= -3 && v <= 5;
        expect(valueProblem(type, v) === undefined).toBe(rounded);
        if (rounded) expect(Math.abs(sent - v)).toBeLessThanOrEqual(0.125 + 1e-12);
      }),
      { seed: 3, numRuns: 2000 },
    );
  });
});
