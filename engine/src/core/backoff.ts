/**
 * How long to wait before the next try at a connection: exponential backoff with jitter.
 * The delay doubles from `firstMs` up to `maxMs`, and each wait is a random point in its upper half,
 * so that after a broker restart its peers do not all knock in the same millisecond.
 */

export interface Backoff {
  /** The ceiling of the first wait, in ms. */
  readonly firstMs: number;
  /** The ceiling that doubling stops at, in ms. */
  readonly maxMs: number;
}

/** The default: 0.5 s, 1 s, 2 s, 4 s, 8 s, then 10 s between tries (each between half and all of that). */
export const DEFAULT_BACKOFF: Backoff = Object.freeze({ firstMs: 500, maxMs: 10_000 });

/**
 * The wait before try number `attempt` (0 for the first), given `random` in [0, 1) (a value outside
 * it is taken as its nearest end, and NaN as 0: a faulty random source cannot leave the range).
 * @returns a delay in [ceiling / 2, ceiling), where ceiling = min(maxMs, firstMs * 2^attempt).
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(attempt, 30));
  const share = Math.min(1, Math.max(0, random || 0));
  return ceiling / 2 + (ceiling / 2) * share;
}
