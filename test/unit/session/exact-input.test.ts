/**
 * `setInput`'s quantize-and-read-back, held to what prediction needs: the values a client keeps
 * quantize to the same integers the raw input would, so the wire carries them unchanged, and the
 * host, dequantizing those integers, applies exactly the values the client predicted with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { dequantizeValues, quantizeValues } from '../../../engine/src/protocol/quantize.js';
import { field, validateSchema, type EntitySchema, type FieldType, type FieldValues } from '../../../engine/src/protocol/schema.js';
import { valueProblem } from '../../../engine/src/protocol/value-problem.js';
import { exactInput } from '../../../engine/src/session/exact-input.js';
import { ValueReport } from '../../../engine/src/session/value-report.js';

const fieldType: fc.Arbitrary<FieldType> = fc.oneof(
  fc
    .tuple(fc.constantFrom(0.001, 0.01, 0.1, 0.25, 1, 3, 1 / 3), fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }))
    .map(([precision, min, span]) => field.fixed(precision, min, min + span)),
  fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 1e6 })).map(([min, span]) => field.int(min, min + span)),
  fc.integer({ min: 1, max: 31 }).map((bits) => field.angle(bits)),
  fc.constant(field.bool()),
  fc.uniqueArray(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 5 }).map((values) => field.enum(values)),
  fc.integer({ min: 2, max: 9 }).map((bits) => field.quat(bits)),
);

/** Anything a game might hand over for one field, sensible or not. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.double({ min: -2e4, max: 2e4, noNaN: true }),
  fc.integer(),
  fc.boolean(),
  fc.string({ maxLength: 6 }),
  fc.constant(undefined),
  fc.constant(null),
  fc.tuple(fc.double(), fc.double(), fc.double(), fc.double()),
  fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })),
);

const inputCase = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), fieldType, anyValue), { minLength: 1, maxLength: 8, selector: ([name]) => name }).map((fields) => {
  const schema: Record<string, FieldType> = {};
  const input: Record<string, unknown> = {};
  for (const [name, type, value] of fields) {
    schema[name] = type;
    if (value !== undefined) input[name] = value;
  }
  validateSchema({ entities: { e: {} }, input: schema });
  return { schema: schema as EntitySchema, input: input as FieldValues };
});

describe('exactInput', () => {
  it('keeps values that quantize to the raw input’s integers, that the host reads back exactly, and that are clean', () => {
    fc.assert(
      fc.property(inputCase, ({ schema, input }) => {
        const exact = exactInput<FieldValues>(schema, input, new ValueReport({ validate: 'off' }));
        const wire = quantizeValues(schema, exact);
        expect(wire).toEqual(quantizeValues(schema, input));
        // What the host applies after the wire: the very values the client predicted with.
        expect(dequantizeValues(schema, wire)).toEqual(exact);
        for (const [name, type] of Object.entries(schema)) expect(valueProblem(type, exact[name]), name).toBeUndefined();
        const again = new ValueReport({ validate: 'throw' });
        expect(exactInput(schema, exact, again)).toEqual(exact);
        expect(again.count).toBe(0);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it('refuses what is not an object at once, naming the fields it wants', () => {
    const schema = { dx: field.fixed(0.01, -1, 1), dy: field.fixed(0.01, -1, 1) };
    for (const bad of [null, undefined, 3, 'left', [0.5, 0.5], true]) {
      let thrown: unknown;
      try {
        exactInput(schema, bad, new ValueReport({}));
      } catch (error) {
        thrown = error;
      }
      expect(isNetError(thrown, 'invalid_input'), String(bad)).toBe(true);
      expect((thrown as Error).message).toContain('(dx, dy)');
    }
  });

  it('clamps an out-of-range value into the schema and reports it', () => {
    const warnings: string[] = [];
    const report = new ValueReport({ warn: (m) => warnings.push(m) });
    const exact = exactInput({ dx: field.fixed(0.01, -1, 1) }, { dx: 2 }, report);
    expect(exact).toEqual({ dx: 1 });
    expect(report.count).toBe(1);
    expect(warnings).toEqual([
      'tickwire: input field "dx" = 2, out of range; sent as 1 (range -1..1). Further out-of-range values of input.dx are counted in stats().valueProblems, not logged.',
    ]);
  });
});
