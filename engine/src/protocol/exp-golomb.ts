/**
 * Exponential-Golomb codes, the variable-length integers of the snapshot bit stream
 * (`record-bits.ts`). An unsigned `u` in order `k` is `v = u + 2^k` in binary, `bitLength(v)` bits,
 * preceded by `bitLength(v) - k - 1` zero bits: `2·bitLength(v) - k - 1` bits in all. Order 0 suits
 * values near 0; order `k` spends `k + 1` bits on anything below `2^k`, so a column of values of
 * similar size takes about their own width plus one or two bits once its order fits them.
 * Signed values go zigzag first (0, -1, 1, -2 … as 0, 1, 2, 3 …). All arithmetic, no 32-bit
 * operators: values reach 2^32 - 1 and codes 65 bits.
 */

/** The highest order a stream may name (5 bits). */
export const MAX_ORDER = 31;

/** Bits in the binary form of the non-negative integer `v` (0 for 0), for `v` below 2^53. */
export function bitLength(v: number): number {
  if (v < 0x100000000) return 32 - Math.clz32(v);
  return 32 + bitLength(Math.floor(v / 0x100000000));
}

/** `2^k` for every order. */
const POW2 = Array.from({ length: MAX_ORDER + 1 }, (_, k) => 2 ** k);

/** `2^k` for an order `k` (0 to 31). */
export function pow2(k: number): number {
  return POW2[k]!;
}

/** Bits of the order-`k` code of the unsigned integer `u`. */
export function expGolombBits(u: number, k: number): number {
  return 2 * bitLength(u + POW2[k]!) - k - 1;
}

/** A signed integer as an unsigned one: 0, -1, 1, -2, 2 … as 0, 1, 2, 3, 4 …. */
export function zigzag(d: number): number {
  return d >= 0 ? 2 * d : -2 * d - 1;
}

/** The signed integer of a zigzag code. */
export function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

/** Slots of a histogram by bit length: 0 to 33 (a zigzag of a 32-bit difference takes 33 bits at most). */
export const LENGTH_SLOTS = 34;

/**
 * The order that codes a column most compactly, from `histogram[b]`, how many of its values have
 * bit length `b`. A value of `b` bits takes `k + 1` bits when `b ≤ k`, else `2b - k - 1` or
 * `2b - k + 1` (counted as `2b - k`): close enough to choose, and cheap. Ties go to the lower
 * order; an empty column gets order 0. One pass over the histogram: with `below` values of at most
 * `k` bits and `above` values longer, holding `aboveBits` bits between them, the cost of order `k`
 * is `below·(k + 1) + 2·aboveBits - k·above`.
 */
export function bestOrder(histogram: ArrayLike<number>): number {
  let above = 0;
  let aboveBits = 0;
  for (let b = 1; b < LENGTH_SLOTS; b++) {
    above += histogram[b]!;
    aboveBits += histogram[b]! * b;
  }
  let below = histogram[0]!;
  let best = 0;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let k = 0; k <= MAX_ORDER; k++) {
    const cost = below * (k + 1) + 2 * aboveBits - k * above;
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
    // Values of k + 1 bits move below for the next order.
    const n = histogram[k + 1]!;
    below += n;
    above -= n;
    aboveBits -= n * (k + 1);
    if (above === 0 && cost >= bestCost) break;
  }
  return best;
}
