/**
 * Predicted wire values: where a moving value should be now, judged from two snapshots the client
 * holds. A delta record's differences are taken against the prediction instead of the baseline, so
 * a body moving steadily sends differences near zero however old the baseline is: with a baseline
 * 100 ms old, a plain difference is 100 ms of motion, a predicted one only its change of speed.
 *
 * The baseline at tick `t1` and an older snapshot the client acknowledged, the predictor at `t0`,
 * give each value's step `v1 - v0` over `span = t1 - t0` ticks; the snapshot at `t` is
 * `ahead = t - t1` ticks on, so the prediction is `v1 + round((v1 - v0) · ahead / span)`, half
 * rounding up. Integers only (exact below 2^53, and the quotient's rounding cannot cross an integer
 * for the bounds here), so host and client agree bit for bit on every engine. By kind of wire value:
 *
 * - `fixed`, `int`: as above, clamped to the field's codes;
 * - `angle`: the step goes the short way round, the result wraps;
 * - `quat` of 9 bits or fewer: each component code as above, clamped, with the predictor's
 *   written in the terms of the baseline's largest component when that is another (`quat-delta.ts`,
 *   unclamped: past 45° the old largest lies just beyond the codes);
 * - a wide quaternion's head (`index·2^bits + a`): `a` as above when the index is the same, else
 *   the baseline's; its component codes as above, clamped;
 * - `bool`, `enum`: the baseline's value.
 */
import { maxQuantized } from './quantize.js';
import { quatCodesAs } from './quat-delta.js';
import { packQuat, unpackQuat } from './quaternion.js';
import type { QuantizedSnapshot } from './snapshot.js';
import type { WireValueType } from './wire-values.js';

/** The predictor of a delta: the older snapshot, and where the snapshot lies from the baseline. */
export interface Prediction {
  /** The client's snapshot at the predictor tick. */
  readonly snapshot: QuantizedSnapshot;
  /** Ticks from the baseline to the snapshot sent, at least 1. */
  readonly ahead: number;
  /** Ticks from the predictor to the baseline, at least 1. */
  readonly span: number;
}

/** The longest `span` and `ahead`, in ticks: keeps every product far inside exact integers. */
export const MAX_PREDICTION_TICKS = 1024;

/** The value predicted for a wire value of `type` whose baseline is `v1` and predictor `v0`. */
export function predictValue(type: WireValueType, v1: number, v0: number, ahead: number, span: number): number {
  if (v1 === v0) return v1;
  switch (type.kind) {
    case 'fixed':
    case 'int':
      return extrapolate(v1, v0, ahead, span, maxQuantized(type));
    case 'angle': {
      const turn = 2 ** type.bits;
      let step = (v1 - v0) % turn;
      if (step >= turn / 2) step -= turn;
      else if (step < -turn / 2) step += turn;
      // Twice round, so that no -0 comes out.
      return (((v1 + roundedRatio(step * ahead, span)) % turn) + turn) % turn;
    }
    case 'quat':
      return predictQuat(type.bits, v1, v0, ahead, span);
    case 'quatHead': {
      const base = 2 ** type.bits;
      const index = Math.floor(v1 / base);
      if (index !== Math.floor(v0 / base)) return v1;
      return index * base + extrapolate(v1 % base, v0 % base, ahead, span, base - 2);
    }
    case 'quatCode':
      return extrapolate(v1, v0, ahead, span, 2 ** type.bits - 2);
    default:
      return v1;
  }
}

/** A packed quaternion of 9 bits or fewer, component by component while its largest stays. */
function predictQuat(bits: number, v1: number, v0: number, ahead: number, span: number): number {
  if (bits > 9) return v1;
  const [index, a1, b1, c1] = unpackQuat(bits, v1);
  const [a0, b0, c0] = quatCodesAs(bits, v0, index, false);
  const top = 2 ** bits - 2;
  return packQuat(bits, index, extrapolate(a1, a0, ahead, span, top), extrapolate(b1, b0, ahead, span, top), extrapolate(c1, c0, ahead, span, top));
}

/** `v1 + round((v1 - v0) · ahead / span)`, clamped to `0 .. max`. */
function extrapolate(v1: number, v0: number, ahead: number, span: number, max: number): number {
  const p = v1 + roundedRatio((v1 - v0) * ahead, span);
  return p < 0 ? 0 : p > max ? max : p;
}

/** `n / d` rounded to the nearest integer, halves up (`d` ≥ 1). */
function roundedRatio(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}
