/**
 * Fields as the integers of entity records and inputs. A field's quantized value (`quantize.ts`)
 * is one wire value, except a quaternion of more than 9 bits per component: its `3·bits + 2` bits
 * (up to 50) do not fit the 31 bits of one, so it travels as three, `[index·2^bits + a, b, c]`
 * (`splitQuat`). Each wire value has a bit of its own in a delta record's mask and its own
 * difference, so a slowly turning body sends three small differences rather than one huge one.
 *
 * Everything that reads or writes records and inputs goes by wire value (`EntityLayout.valueTypes`,
 * checked by `isValidWireValue` in `quantize.ts`); the game, value checks and blending go by field.
 */
import { joinQuat, splitQuat } from './quaternion.js';
import { wireValueCount, type FieldType } from './schema.js';

/** The first wire value of a wide quaternion, `index·2^bits + a`. */
export interface QuatHead {
  readonly kind: 'quatHead';
  readonly bits: number;
}

/** The second or third wire value of a wide quaternion: one component's code. */
export interface QuatCode {
  readonly kind: 'quatCode';
  readonly bits: number;
}

/** What one wire value holds: a whole field, or a part of a wide quaternion. */
export type WireValueType = FieldType | QuatHead | QuatCode;

/** The types of the wire values of a field, in wire order. */
export function wireValueTypes(type: FieldType): WireValueType[] {
  if (type.kind !== 'quat' || wireValueCount(type) === 1) return [type];
  const { bits } = type;
  return [
    { kind: 'quatHead', bits },
    { kind: 'quatCode', bits },
    { kind: 'quatCode', bits },
  ];
}

/** Writes the quantized value `q` of a field of `type` as its wire values into `out`, from `at`. */
export function writeWireValues(type: FieldType, q: number, out: Int32Array, at: number): void {
  if (type.kind === 'quat' && wireValueCount(type) === 3) out.set(splitQuat(type.bits, q), at);
  else out[at] = q;
}

/** The quantized value of a field of `type` from its wire values in `values`, from `at`. */
export function readWireValues(type: FieldType, values: ArrayLike<number>, at: number): number | undefined {
  if (type.kind === 'quat' && wireValueCount(type) === 3) {
    const [head, b, c] = [values[at], values[at + 1], values[at + 2]];
    return head === undefined || b === undefined || c === undefined ? undefined : joinQuat(type.bits, head, b, c);
  }
  return values[at];
}
