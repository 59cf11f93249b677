/**
 * Option checks shared by the netcode classes. A wrong tunable is a programming error, caught when
 * the object is built rather than as a NaN that spreads through the simulation minutes later.
 */
import { NetError } from '../core/net-error.js';

/** Throws `invalid_option` unless `value` is a finite number in [min, max]. */
export function checkRange(name: string, value: number, min: number, max = Infinity): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new NetError('invalid_option', `${name} must be a finite number in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/** Throws `invalid_option` unless `value` is an integer in [min, max]. */
export function checkInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new NetError('invalid_option', `${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/** True when `value` can be a tick number: an integer >= 0. */
export function isTick(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}
