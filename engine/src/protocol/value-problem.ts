/**
 * What is wrong with a value the game hands over, before quantizing changes it. Quantizing itself
 * never fails (`quantize.ts`): it clamps, and puts a field's neutral value in place of garbage.
 * That keeps the host alive, but a game whose state holds a NaN should hear of it, so the session
 * checks each field here first and reports what quantizing would change.
 *
 * Rounding to a field's step is not a problem: it is what the schema declares. Neither is an angle
 * outside `[0, 2π)` (it wraps to the same direction) nor a quaternion that is not of length 1 (it is
 * normalised to the same rotation). The check of a good value is a `typeof` and two comparisons and
 * allocates nothing: it runs for every field of every entity on every tick.
 */
import type { FieldType, FieldValue } from './schema.js';

/**
 * - `missing`: the field is not there (sent as its neutral value);
 * - `not_finite`: NaN or ±Infinity where a number belongs (sent as the neutral value);
 * - `out_of_range`: a number outside `[min, max]` (clamped);
 * - `unknown_enum`: a string that is not one of the enum's values (sent as the first);
 * - `wrong_type`: a value of another kind, e.g. a string for a number, `null`, or a quaternion that
 *   is not four numbers with a length (sent as the neutral value).
 */
export type ValueProblem = 'missing' | 'not_finite' | 'out_of_range' | 'unknown_enum' | 'wrong_type';

/** What quantizing `value` as `type` would change, or undefined when it is a value the field holds. */
export function valueProblem(type: FieldType, value: FieldValue | null | undefined): ValueProblem | undefined {
  if (value === undefined) return 'missing';
  switch (type.kind) {
    case 'fixed':
    case 'int':
      if (typeof value !== 'number') return 'wrong_type';
      // NaN fails both comparisons, so a good value costs two.
      if (value >= type.min && value <= type.max) return undefined;
      return Number.isFinite(value) ? 'out_of_range' : 'not_finite';
    case 'angle':
      if (typeof value !== 'number') return 'wrong_type';
      return Number.isFinite(value) ? undefined : 'not_finite';
    case 'bool':
      return typeof value === 'boolean' ? undefined : 'wrong_type';
    case 'enum':
      if (typeof value !== 'string') return 'wrong_type';
      return type.values.includes(value) ? undefined : 'unknown_enum';
    case 'quat':
      return quatProblem(value);
  }
}

function quatProblem(value: FieldValue | null): ValueProblem | undefined {
  if (!Array.isArray(value) || value.length !== 4) return 'wrong_type';
  const q = value as readonly unknown[];
  const x = q[0];
  const y = q[1];
  const z = q[2];
  const w = q[3];
  if (typeof x !== 'number' || typeof y !== 'number' || typeof z !== 'number' || typeof w !== 'number') return 'wrong_type';
  const length = Math.sqrt(x * x + y * y + z * z + w * w);
  if (!Number.isFinite(length)) return 'not_finite';
  // The same bound as quantizing's: below it there is no direction to keep, and the identity is sent.
  return length < 1e-9 ? 'wrong_type' : undefined;
}
