import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { schemaLayout } from '../../../engine/src/protocol/schema-layout.js';
import { field, validateSchema, type EntitySchema, type FieldType, type GameSchema } from '../../../engine/src/protocol/schema.js';
import { schema } from './fixtures.js';

function withField(type: FieldType): GameSchema {
  return { entities: { ship: { x: field.int(0, 1), bad: type } }, input: {} };
}

function expectInvalid(s: GameSchema, ...fragments: string[]): void {
  let caught: unknown;
  try {
    validateSchema(s);
  } catch (error) {
    caught = error;
  }
  expect(isNetError(caught, 'invalid_option')).toBe(true);
  for (const fragment of fragments) expect((caught as Error).message).toContain(fragment);
}

describe('validateSchema', () => {
  it('accepts a good schema and returns it', () => {
    expect(validateSchema(schema)).toBe(schema);
  });

  it('names the bad field', () => {
    expectInvalid(withField(field.fixed(0, 0, 1)), 'entity type "ship"', 'field "bad"', 'precision');
    expectInvalid(withField(field.fixed(-1, 0, 1)), 'precision');
    expectInvalid(withField(field.fixed(Number.NaN, 0, 1)), 'precision');
    expectInvalid(withField(field.fixed(0.1, 2, 1)), 'min 2 is greater than max 1');
    expectInvalid(withField(field.fixed(0.1, 0, Number.POSITIVE_INFINITY)), 'finite');
    expectInvalid(withField(field.fixed(1e-9, 0, 1e6)), 'steps');
    expectInvalid(withField(field.int(5, 4)), 'min 5');
    expectInvalid(withField(field.int(0.5, 4)), 'integers');
    expectInvalid(withField(field.int(-(2 ** 31), 2 ** 31)), 'max - min');
    expectInvalid(withField(field.enum([])), 'at least one value');
    expectInvalid(withField(field.enum(['a', 'a'])), 'distinct');
    expectInvalid(withField(field.angle(0)), 'bits');
    expectInvalid(withField(field.angle(32)), 'bits');
    expectInvalid(withField(field.angle(2.5)), 'bits');
    expectInvalid({ entities: { ship: {} }, input: { aim: field.angle(40) } }, 'input', 'field "aim"');
  });

  it('accepts the edges of every range', () => {
    validateSchema(withField(field.fixed(1, 0, 2 ** 31 - 1)));
    validateSchema(withField(field.int(-(2 ** 30), 2 ** 30 - 1)));
    validateSchema(withField(field.angle(1)));
    validateSchema(withField(field.angle(31)));
    validateSchema(withField(field.enum(['only'])));
  });

  it('refuses more than 31 fields and a schema with no entity types', () => {
    const fields: Record<string, FieldType> = {};
    for (let i = 0; i < 32; i++) fields[`f${i}`] = field.bool();
    expectInvalid({ entities: { big: fields }, input: {} }, 'entity type "big"', '32 fields');
    delete fields.f31;
    validateSchema({ entities: { big: fields }, input: {} });
    expectInvalid({ entities: {}, input: {} }, 'no entity types');
  });

  it('numbers entity types by sorted name and keeps field order', () => {
    const layout = schemaLayout(schema);
    expect(layout.typeNames).toEqual(['bullet', 'pickup', 'ship']);
    expect(layout.typeIndex.get('ship')).toBe(2);
    expect(layout.types[2]!.fieldNames).toEqual(['x', 'y', 'angle', 'score']);
    expect(layout.types[2]!.fullMask).toBe(0b1111);
    const wide: EntitySchema = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, field.bool()]));
    expect(schemaLayout({ entities: { wide }, input: {} }).types[0]!.fullMask).toBe(0x7fffffff);
  });

  it('lays out a quat of more than 9 bits as three wire values, each with its own mask bit', () => {
    const body = { x: field.bool(), q: field.quat(16), n: field.int(0, 3), r: field.quat(9) };
    const layout = schemaLayout({ entities: { body }, input: {} }).types[0]!;
    expect(layout.fieldNames).toEqual(['x', 'q', 'n', 'r']);
    expect(layout.valueStart).toEqual([0, 1, 4, 5]);
    expect(layout.valueTypes).toEqual([field.bool(), { kind: 'quatHead', bits: 16 }, { kind: 'quatCode', bits: 16 }, { kind: 'quatCode', bits: 16 }, field.int(0, 3), field.quat(9)]);
    expect(layout.fullMask).toBe(0b111111);
  });
});
