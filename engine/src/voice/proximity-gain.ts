/**
 * How loud another player's voice is at a distance: full volume up to `fullDistance`, silent from
 * `silentDistance` on, and between them the square of the remaining share, which falls fast at
 * first and gently towards the edge, closer to how loudness is heard than a straight line.
 */

/** The distances of the fall-off, in the game's own units. */
export interface ProximityFalloff {
  /** Up to this distance a voice is at full volume. */
  readonly fullDistance: number;
  /** From this distance on a voice is silent (the `floor`). */
  readonly silentDistance: number;
  /** The gain at and beyond `silentDistance` (default 0). */
  readonly floor?: number;
}

/** Checks a fall-off; throws a `RangeError` naming what is wrong. */
export function checkFalloff(falloff: ProximityFalloff): void {
  const { fullDistance, silentDistance, floor = 0 } = falloff;
  if (!(fullDistance >= 0) || !Number.isFinite(fullDistance)) throw new RangeError(`fullDistance must be a finite number >= 0, got ${fullDistance}`);
  if (!(silentDistance > fullDistance) || !Number.isFinite(silentDistance)) {
    throw new RangeError(`silentDistance must be finite and greater than fullDistance (${fullDistance}), got ${silentDistance}`);
  }
  if (!(floor >= 0 && floor <= 1)) throw new RangeError(`floor must be between 0 and 1, got ${floor}`);
}

/** The gain (0 to 1) of a voice `distance` away; a distance that is not a number is silent. */
export function proximityGain(distance: number, falloff: ProximityFalloff): number {
  const floor = falloff.floor ?? 0;
  if (Number.isNaN(distance)) return floor;
  if (distance <= falloff.fullDistance) return 1;
  if (distance >= falloff.silentDistance) return floor;
  const left = 1 - (distance - falloff.fullDistance) / (falloff.silentDistance - falloff.fullDistance);
  return floor + (1 - floor) * left * left;
}
