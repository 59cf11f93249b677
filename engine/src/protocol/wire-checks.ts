/**
 * Checks of single decoded values, from `unknown`. Each is a type guard, so a parser narrows as it
 * validates and never casts.
 */
import { MAX_TICK } from './message-limits.js';

/** An integer in `[0, max]`. */
export function isUint(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/** A tick: an integer in `[0, 2^32 - 1]`. */
export function isTick(value: unknown): value is number {
  return isUint(value, MAX_TICK);
}

/** A finite number (not NaN, not ±Infinity). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A string of at most `maxLength` UTF-16 code units. */
export function isBoundedString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

/** A reason code: 1..maxLength characters of `a-z`, `0-9` and `_`. */
export function isReasonCode(value: unknown, maxLength: number): value is string {
  return isBoundedString(value, maxLength) && /^[a-z0-9_]+$/.test(value);
}

/** An array of at most `maxLength` elements. */
export function isBoundedArray(value: unknown, maxLength: number): value is readonly unknown[] {
  return Array.isArray(value) && value.length <= maxLength;
}

/**
 * A tick sent as its distance back from `reference` (nil for none): the tick it stands for, `NO_TICK`
 * for nil, or undefined when the distance is not an integer or lands outside the tick range.
 */
export function tickFromAge(reference: number, age: unknown, noTick: number): number | undefined {
  if (age === null) return noTick;
  if (typeof age !== 'number' || !Number.isSafeInteger(age)) return undefined;
  const tick = reference - age;
  return isTick(tick) ? tick : undefined;
}
