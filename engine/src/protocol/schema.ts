/**
 * How game data is sent. A game describes each entity type and its input as an ordered record of
 * fields; each field says how its value becomes a small non-negative integer on the wire (see
 * `quantize.ts`). Quantizing on the host means every peer sees exactly the same numbers, deltas
 * compare integers instead of floats, and msgpack writes most values in one to three bytes.
 */
import { NetError } from '../core/net-error.js';

/** A number sent as `round((v - min) / precision)`: decoded within `precision / 2` when in range. */
export interface FixedField {
  readonly kind: 'fixed';
  readonly precision: number;
  readonly min: number;
  readonly max: number;
}

/** An integer in `[min, max]`, sent as `v - min`. */
export interface IntField {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
}

/** An angle in radians, wrapped into `[0, 2π)` and sent as an integer in `[0, 2^bits)`. */
export interface AngleField {
  readonly kind: 'angle';
  readonly bits: number;
}

/** A boolean, sent as 0 or 1. */
export interface BoolField {
  readonly kind: 'bool';
}

/** One of a fixed list of strings, sent as its index. */
export interface EnumField<Value extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly Value[];
}

/**
 * A rotation as a unit quaternion, sent as its three smallest components (`bits` each, 2 to 16) and
 * the index of the largest (2 bits): one wire value of `3 * bits + 2` bits up to 9 bits, three wire
 * values above (see `quaternion.ts`). The rotation is within `√6 / (2^(bits-1) - 1)` radians:
 * 0.55° with 9 bits, 0.069° with 12, 0.0043° with 16.
 */
export interface QuatField {
  readonly kind: 'quat';
  readonly bits: number;
}

/** How one field of an entity or of the input is quantized. */
export type FieldType = FixedField | IntField | AngleField | BoolField | EnumField | QuatField;

/** A unit quaternion `[x, y, z, w]`: the value of a `quat` field. */
export type Quaternion = readonly [x: number, y: number, z: number, w: number];

/** A field's value as the game sees it. */
export type FieldValue = number | boolean | string | Quaternion;

/** The fields of one entity type (or of the input); key order is wire order. */
export type EntitySchema = Readonly<Record<string, FieldType>>;

/** Values for the fields of an {@link EntitySchema}, by field name. */
export type FieldValues = Readonly<Record<string, FieldValue>>;

/** Entity types by name. */
export type EntitySchemas = Readonly<Record<string, EntitySchema>>;

/** Everything a game sends as state: its entity types by name, and its input. */
export interface GameSchema<Entities extends EntitySchemas = EntitySchemas, Input extends EntitySchema = EntitySchema> {
  /** Entity types by name; on the wire a type is its index in the names sorted (see `schema-layout.ts`). */
  readonly entities: Entities;
  /** The fields of one tick of one player's input. */
  readonly input: Input;
}

/**
 * The value a field holds in the game: a number for `fixed`, `int` and `angle`, a boolean for
 * `bool`, one of the listed strings for `enum`, a {@link Quaternion} for `quat`.
 */
export type ValueOf<F extends FieldType> = F extends BoolField ? boolean : F extends EnumField<infer V> ? V : F extends QuatField ? Quaternion : number;

/** The values of an entity type's (or the input's) fields, typed field by field. */
export type ValuesOf<E extends EntitySchema> = { readonly [K in keyof E]: ValueOf<E[K]> };

/** One tick of one player's input, as the schema declares it. */
export type InputOf<S extends GameSchema> = ValuesOf<S['input']>;

/** The names of the schema's entity types. */
export type EntityTypeOf<S extends GameSchema> = keyof S['entities'] & string;

/**
 * An entity of the schema: its id, its type's name and that type's values. Without `Type`, the
 * union over every type, so checking `entity.type` narrows `entity.values`.
 */
export type EntityOf<S extends GameSchema, Type extends EntityTypeOf<S> = EntityTypeOf<S>> = Type extends unknown
  ? { readonly id: number; readonly type: Type; readonly values: ValuesOf<S['entities'][Type]> }
  : never;

/** Builders for {@link FieldType}s; check the result with {@link validateSchema}. */
export const field = {
  /** A number in `[min, max]` with the given step, e.g. `field.fixed(0.01, 0, 2000)` for a position. */
  fixed: (precision: number, min: number, max: number): FixedField => ({ kind: 'fixed', precision, min, max }),
  /** An integer in `[min, max]`. */
  int: (min: number, max: number): IntField => ({ kind: 'int', min, max }),
  /** An angle in radians with `bits` of resolution (12 bits: about 0.09°). */
  angle: (bits = 12): AngleField => ({ kind: 'angle', bits }),
  /** A boolean. */
  bool: (): BoolField => ({ kind: 'bool' }),
  /** One of `values`, typed as their union; an unknown string is sent as the first value. */
  enum: <const Value extends string>(values: readonly Value[]): EnumField<Value> => ({ kind: 'enum', values: [...values] }),
  /**
   * An orientation as a unit quaternion `[x, y, z, w]`, `bits` per component, 2 to 16 (9 bits: within
   * 0.55°, one wire value; 12 bits: 0.069°, 16 bits: 0.0043°, three wire values).
   */
  quat: (bits = 9): QuatField => ({ kind: 'quat', bits }),
} as const;

/** The most bits per component of a `quat` field. */
export const MAX_QUAT_BITS = 16;
/**
 * The most bits per component of a `quat` field sent as one wire value: three components and a
 * 2-bit index fit 31 bits. A wider one is sent as three wire values (`wire-values.ts`).
 */
export const MAX_PACKED_QUAT_BITS = 9;

/**
 * At most this many fields per entity type or input, and as many wire values (a quat of more than
 * 9 bits counts three), so a mask with a bit per wire value fits a positive 32-bit int.
 */
export const MAX_FIELDS = 31;
/** At most this many entity types in a schema. */
export const MAX_ENTITY_TYPES = 256;
/** The largest wire value (a field's quantized value, or a third of a wide quaternion's): each fits an `Int32Array`. */
export const MAX_QUANTIZED = 0x7fffffff;

/**
 * Throws `NetError('invalid_option')` naming the first bad field; returns the schema unchanged so it
 * can wrap a literal: `const schema = validateSchema({ ... })`, typed field by field.
 */
export function validateSchema<const S extends GameSchema>(schema: S): S {
  const typeNames = Object.keys(schema.entities);
  if (typeNames.length === 0) throw invalid('the schema has no entity types');
  if (typeNames.length > MAX_ENTITY_TYPES) {
    throw invalid(`the schema has ${typeNames.length} entity types; at most ${MAX_ENTITY_TYPES}`);
  }
  for (const name of typeNames) validateEntitySchema(schema.entities[name]!, `entity type "${name}"`);
  validateEntitySchema(schema.input, 'input');
  return schema;
}

/** How many integers a field takes in entity records and inputs: three for a quat of more than 9 bits, else one. */
export function wireValueCount(type: FieldType): number {
  return type.kind === 'quat' && type.bits > MAX_PACKED_QUAT_BITS ? 3 : 1;
}

function validateEntitySchema(entity: EntitySchema, where: string): void {
  const names = Object.keys(entity);
  if (names.length > MAX_FIELDS) throw invalid(`${where} has ${names.length} fields; at most ${MAX_FIELDS}`);
  for (const name of names) {
    const problem = fieldProblem(entity[name]!);
    if (problem !== undefined) throw invalid(`${where}, field "${name}": ${problem}`);
  }
  const values = names.reduce((n, name) => n + wireValueCount(entity[name]!), 0);
  if (values > MAX_FIELDS) {
    throw invalid(
      `${where} takes ${values} wire values; at most ${MAX_FIELDS} (a field takes one, a quat of more than ${MAX_PACKED_QUAT_BITS} bits three): use fewer fields or fewer bits`,
    );
  }
}

/** What is wrong with one field, or undefined when it is fine. */
function fieldProblem(type: FieldType): string | undefined {
  switch (type.kind) {
    case 'fixed': {
      const { precision, min, max } = type;
      if (!(Number.isFinite(precision) && precision > 0)) return `precision must be a finite number > 0, got ${precision}`;
      if (!Number.isFinite(min) || !Number.isFinite(max)) return `min and max must be finite, got ${min} and ${max}`;
      if (min > max) return `min ${min} is greater than max ${max}`;
      if (Math.round((max - min) / precision) > MAX_QUANTIZED) return `(max - min) / precision is more than 2^31 - 1 steps`;
      return undefined;
    }
    case 'int':
      if (!Number.isSafeInteger(type.min) || !Number.isSafeInteger(type.max)) {
        return `min and max must be integers, got ${type.min} and ${type.max}`;
      }
      if (type.min > type.max) return `min ${type.min} is greater than max ${type.max}`;
      if (type.max - type.min > MAX_QUANTIZED) return `max - min is more than 2^31 - 1`;
      return undefined;
    case 'angle':
      return Number.isInteger(type.bits) && type.bits >= 1 && type.bits <= 31 ? undefined : `bits must be an integer in 1..31, got ${type.bits}`;
    case 'bool':
      return undefined;
    case 'enum':
      return enumProblem(type.values);
    case 'quat':
      return Number.isInteger(type.bits) && type.bits >= 2 && type.bits <= MAX_QUAT_BITS
        ? undefined
        : `bits must be an integer in 2..${MAX_QUAT_BITS} (bits per component of the smallest three; 16 is within 0.0043°), got ${type.bits}`;
    default:
      return `unknown field kind ${JSON.stringify((type as { kind?: unknown }).kind)}`;
  }
}

function enumProblem(values: readonly string[]): string | undefined {
  if (values.length === 0) return 'an enum needs at least one value';
  if (values.some((v) => typeof v !== 'string')) return 'enum values must be strings';
  if (new Set(values).size !== values.length) return 'enum values must be distinct';
  return undefined;
}

function invalid(message: string): NetError {
  return new NetError('invalid_option', `invalid schema: ${message}`);
}
