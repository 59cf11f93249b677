/**
 * Quantization: every field value becomes an integer in `[0, maxQuantized(type)]` and back.
 *
 * Offsetting by `min` keeps every wire value non-negative, so one range check validates any field
 * and small values take one msgpack byte. Quantizing never throws and never yields NaN: the host's
 * hot loop must not die on one bad value from game code. Out-of-range numbers are clamped; a
 * non-finite number (NaN, ±Infinity) or a value of the wrong type becomes the field's neutral value
 * (0 clamped into range, false, the first enum value). Dequantizing clamps too, so a decoded value
 * is always one the field can hold, and `quantize(dequantize(q)) === q` for every valid `q`.
 *
 * Angles are wrapped into `[0, 2π)` first, and a value that rounds up to a full turn becomes 0, so
 * the error of an angle is measured around the circle: at most half a step, `π / 2^bits`.
 *
 * Quaternions pack three components and an index into one integer (`quaternion.ts`) of up to 50
 * bits, a safe integer; not every integer up to their maximum is a valid packing, so
 * `isValidQuantized` checks the components too, and `quantize(dequantize(q)) === q` holds for every
 * `q` that `quantize` produces. On the wire a wide one takes three integers (`wire-values.ts`):
 * `quantizeValues` and `dequantizeValues` work in wire values.
 */
import { dequantizeQuat, isValidQuat, isValidQuatCode, isValidQuatHead, maxQuatQuantized, quantizeQuat } from './quaternion.js';
import { entityLayout } from './schema-layout.js';
import { MAX_QUANTIZED, type EntitySchema, type FieldType, type FieldValue, type FieldValues, type FixedField } from './schema.js';
import { readWireValues, writeWireValues, type WireValueType } from './wire-values.js';

const TWO_PI = 2 * Math.PI;

/** The largest quantized value of `type`; the smallest is always 0. */
export function maxQuantized(type: FieldType): number {
  switch (type.kind) {
    case 'fixed':
      return Math.round((type.max - type.min) / type.precision);
    case 'int':
      return type.max - type.min;
    case 'angle':
      return 2 ** type.bits - 1;
    case 'bool':
      return 1;
    case 'enum':
      return type.values.length - 1;
    case 'quat':
      return maxQuatQuantized(type.bits);
  }
}

/**
 * True when `q` is a quantized value `type` can hold: an integer in `[0, maxQuantized(type)]`
 * (for a quaternion, also with every component code in range). A float -0 is refused: no encoder
 * of this protocol writes one.
 */
export function isValidQuantized(type: FieldType, q: unknown): q is number {
  if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q > maxQuantized(type) || Object.is(q, -0)) return false;
  return type.kind !== 'quat' || isValidQuat(type.bits, q);
}

/** True when `v` is an integer that a wire value of `type` can hold (`wire-values.ts`). */
export function isValidWireValue(type: WireValueType, v: unknown): v is number {
  if (typeof v !== 'number' || Object.is(v, -0)) return false;
  switch (type.kind) {
    case 'quatHead':
      return isValidQuatHead(type.bits, v);
    case 'quatCode':
      return isValidQuatCode(type.bits, v);
    default:
      return v <= MAX_QUANTIZED && isValidQuantized(type, v);
  }
}

/** The value a field takes when the game gives none (or gives garbage). */
export function neutralValue(type: FieldType): FieldValue {
  switch (type.kind) {
    case 'fixed':
    case 'int':
      return clamp(0, type.min, type.max);
    case 'angle':
      return 0;
    case 'bool':
      return false;
    case 'enum':
      return type.values[0]!;
    case 'quat':
      return [0, 0, 0, 1];
  }
}

/** `value` as the integer sent on the wire; see the top of this file for clamping rules. */
export function quantizeField(type: FieldType, value: FieldValue): number {
  switch (type.kind) {
    case 'fixed':
      return quantizeFixed(type, toNumber(value));
    case 'int': {
      const v = toNumber(value);
      return Number.isFinite(v) ? clamp(Math.round(v), type.min, type.max) - type.min : clamp(0, type.min, type.max) - type.min;
    }
    case 'angle':
      return quantizeAngle(type.bits, toNumber(value));
    case 'bool':
      return typeof value === 'boolean' || typeof value === 'number' ? (value ? 1 : 0) : 0;
    case 'enum': {
      const i = typeof value === 'string' ? type.values.indexOf(value) : -1;
      return i < 0 ? 0 : i;
    }
    case 'quat':
      return quantizeQuat(type.bits, value);
  }
}

/**
 * The value a wire integer stands for; an out-of-range `q` is clamped first (an invalid quaternion
 * decodes as the identity).
 */
export function dequantizeField(type: FieldType, q: number): FieldValue {
  if (type.kind === 'quat') return dequantizeQuat(type.bits, q);
  const c = Number.isFinite(q) ? clamp(Math.round(q), 0, maxQuantized(type)) : 0;
  switch (type.kind) {
    case 'fixed':
      // Clamped to max: when (max - min) is not a whole number of steps, the top step overshoots.
      return Math.min(type.max, type.min + c * type.precision);
    case 'int':
      return type.min + c;
    case 'angle':
      return (c * TWO_PI) / 2 ** type.bits;
    case 'bool':
      return c !== 0;
    case 'enum':
      return type.values[c]!;
  }
}

/**
 * Quantizes every field of `schema` from `values`, as wire values in wire order; a missing field is
 * sent as its neutral value. Pass `out` (of the schema's wire value count) to reuse an array in a
 * hot loop.
 */
export function quantizeValues(schema: EntitySchema, values: FieldValues, out?: Int32Array): Int32Array {
  const { fieldNames, fieldTypes, valueStart, valueTypes } = entityLayout(schema);
  const q = out ?? new Int32Array(valueTypes.length);
  for (let i = 0; i < fieldNames.length; i++) {
    const type = fieldTypes[i]!;
    writeWireValues(type, quantizeField(type, values[fieldNames[i]!] ?? neutralValue(type)), q, valueStart[i]!);
  }
  return q;
}

/** The field values that wire values `q` (in wire order) stand for. */
export function dequantizeValues(schema: EntitySchema, q: ArrayLike<number>): Record<string, FieldValue> {
  const { fieldNames, fieldTypes, valueStart } = entityLayout(schema);
  const values: Record<string, FieldValue> = {};
  for (let i = 0; i < fieldNames.length; i++) {
    const type = fieldTypes[i]!;
    const qi = readWireValues(type, q, valueStart[i]!);
    values[fieldNames[i]!] = qi === undefined ? neutralValue(type) : dequantizeField(type, qi);
  }
  return values;
}

function quantizeFixed(type: FixedField, v: number): number {
  const x = Number.isFinite(v) ? clamp(v, type.min, type.max) : clamp(0, type.min, type.max);
  return Math.round((x - type.min) / type.precision);
}

function quantizeAngle(bits: number, radians: number): number {
  if (!Number.isFinite(radians)) return 0;
  const steps = 2 ** bits;
  let turns = (radians / TWO_PI) % 1;
  if (turns < 0) turns += 1;
  const q = Math.round(turns * steps);
  return q >= steps ? 0 : q;
}

function toNumber(value: FieldValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number.NaN;
}

function clamp(v: number, min: number, max: number): number {
  return v < min ? min : v > max ? max : v;
}
