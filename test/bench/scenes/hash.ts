/**
 * Stateless randomness for the scenes: a number in [0, 1) from a seed and a few integers. A pure
 * `step` cannot carry an RNG, but it can hash (seed, tick, id), and so gets the same "random"
 * kicks, turns and spawns on the host and in every client's prediction.
 */

/** A float in [0, 1) that depends only on the arguments (integers; mixed with a 32-bit hash). */
export function unitHash(seed: number, ...keys: readonly number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const key of keys) {
    h = Math.imul(h ^ (key | 0), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}
