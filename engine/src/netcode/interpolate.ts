/**
 * Blending two values of a field, for drawing between snapshots (`session/entity-fields.ts` applies
 * these field by field, as the schema says).
 *
 * Numbers are interpolated linearly; `t` above 1 extrapolates along the same line. Angles must go
 * the short way round: from 350° to 10° is 20° through 0°, not 340° backwards, so an angle is blended
 * by its shortest turn, given a full turn's size (2π by default, 360 for degrees). The blended angle
 * is given in the turn nearest to `b`, so `t = 1` gives `b` exactly.
 */

/** `a` at `t = 0`, `b` at `t = 1`, on the straight line through both. */
export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** The signed shortest turn from angle `from` to angle `to`, in [-fullTurn/2, fullTurn/2). */
export function angleDelta(from: number, to: number, fullTurn = 2 * Math.PI): number {
  const d = (((to - from) % fullTurn) + fullTurn) % fullTurn;
  return d >= fullTurn / 2 ? d - fullTurn : d;
}

/** The angle `t` of the way from `a` to `b`, turning the short way; given in the turn nearest `b`. */
export function lerpAngle(a: number, b: number, t: number, fullTurn = 2 * Math.PI): number {
  return b - angleDelta(a, b, fullTurn) * (1 - t);
}
