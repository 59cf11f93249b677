/**
 * Blending two states of an entity.
 *
 * Numbers are interpolated linearly; `alpha` above 1 extrapolates along the same line. Angles must
 * go the short way round: from 350° to 10° is 20° through 0°, not 340° backwards, so the caller
 * names its angle fields and says how big a full turn is (2π by default, 360 for degrees). The
 * blended angle is given in the turn nearest to `to`, so `alpha = 1` gives `to` exactly. Fields that
 * are not numbers (names, flags, animation states) cannot be blended: they come from whichever state
 * is nearer. Objects are blended one level deep; a game with nested state blends each part itself.
 */

/** The keys of `T` whose values are numbers. */
export type NumericKey<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T];

/** Options of {@link interpolate}. */
export interface InterpolateOptions<T> {
  /** Fields that are angles, interpolated the short way round. */
  readonly angles?: readonly NumericKey<T>[];
  /** The size of a full turn for the angle fields. Default 2π (radians). */
  readonly fullTurn?: number;
}

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

/**
 * Blends two states of the same shape: numbers linearly (angle fields the short way round), other
 * fields from the nearer state.
 */
export function interpolate<T extends object>(from: T, to: T, alpha: number, options: InterpolateOptions<T> = {}): T {
  const angles = new Set<PropertyKey>(options.angles ?? []);
  const fullTurn = options.fullTurn ?? 2 * Math.PI;
  const out: Record<PropertyKey, unknown> = {};
  const a = from as Record<PropertyKey, unknown>;
  const b = to as Record<PropertyKey, unknown>;
  for (const key of Object.keys(b)) {
    const x = a[key];
    const y = b[key];
    if (typeof x !== 'number' || typeof y !== 'number') out[key] = alpha < 0.5 && key in a ? x : y;
    else out[key] = angles.has(key) ? lerpAngle(x, y, alpha, fullTurn) : lerp(x, y, alpha);
  }
  return out as T;
}
