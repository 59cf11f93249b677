/**
 * Wire values as differences. A delta record carries, for each changed wire value (a field, or a
 * part of a wide quaternion: `wire-values.ts`), the new value minus the baseline's: a moving
 * position changes by a few hundred steps per snapshot where its absolute value takes hundreds of
 * thousands, so the bit stream spends a dozen bits on it instead of twenty. An angle's difference
 * goes the short way round the circle, so crossing 0 costs no more than any other small turn; a
 * quaternion packed in one wire value differs component by component (`quat-delta.ts`). Applying
 * a difference yields a value the field must be able to hold; anything else means the baseline or
 * the peer is wrong, and the caller drops the record.
 */
import { isValidWireValue } from './quantize.js';
import { applyQuatDelta, quatDelta } from './quat-delta.js';
import type { WireValueType } from './wire-values.js';

/** The difference `q - base` as sent (for an angle, wrapped into `[-2^(bits-1), 2^(bits-1))`; for a packed quaternion, `quatDelta`). */
export function fieldDelta(type: WireValueType, q: number, base: number): number {
  if (type.kind === 'quat') return quatDelta(type.bits, q, base);
  const d = q - base;
  if (type.kind !== 'angle') return d;
  const turn = 2 ** type.bits;
  const half = turn / 2;
  return d >= half ? d - turn : d < -half ? d + turn : d;
}

/** `base` moved by the sent difference `d`, or undefined when the result is not a value of `type`. */
export function applyFieldDelta(type: WireValueType, base: number, d: number): number | undefined {
  if (type.kind === 'quat') return applyQuatDelta(type.bits, base, d);
  let q = base + d;
  if (type.kind === 'angle') {
    const turn = 2 ** type.bits;
    if (d < -turn / 2 || d >= turn / 2) return undefined;
    q = ((q % turn) + turn) % turn;
  }
  return isValidWireValue(type, q) ? q : undefined;
}
