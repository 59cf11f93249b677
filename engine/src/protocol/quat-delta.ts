/**
 * The difference of a quaternion packed in one wire value (9 bits per component or fewer), as a
 * delta record sends it. Subtracting packed values would make a one-step turn of the first
 * component a difference of 2^(2·bits); instead, while the largest component stays the same, the
 * three component differences go zigzag (0, -1, 1, -2 … as 0, 1, 2, 3 …) and bit-interleaved,
 * `a` highest, into one non-negative integer of at most `3·(bits + 1)` bits, small when all three
 * are small. When the largest component changes, the difference is `-(q + 1)`: the new value whole.
 */
import { unzigzag, zigzag } from './exp-golomb.js';
import { isValidQuat, packQuat, unpackQuat } from './quaternion.js';

/** Bits per zigzag component difference: components take `bits` bits, their differences one more. */
function laneBits(bits: number): number {
  return bits + 1;
}

/** The difference sent for the packed quaternion `q` against `base` (both valid, `bits` ≤ 9). */
export function quatDelta(bits: number, q: number, base: number): number {
  const [index, a, b, c] = unpackQuat(bits, q);
  const [baseIndex, baseA, baseB, baseC] = unpackQuat(bits, base);
  if (index !== baseIndex) return -(q + 1);
  return interleave(laneBits(bits), zigzag(a - baseA), zigzag(b - baseB), zigzag(c - baseC));
}

/** `base` moved by the sent difference `d`, or undefined when the result is not a valid quaternion. */
export function applyQuatDelta(bits: number, base: number, d: number): number | undefined {
  if (d < 0) {
    const q = -d - 1;
    return isValidQuat(bits, q) ? q : undefined;
  }
  const lanes = laneBits(bits);
  if (d >= 2 ** (3 * lanes)) return undefined;
  const [index, baseA, baseB, baseC] = unpackQuat(bits, base);
  let za = 0;
  let zb = 0;
  let zc = 0;
  for (let i = lanes - 1; i >= 0; i--) {
    za = za * 2 + ((d >> (3 * i + 2)) & 1);
    zb = zb * 2 + ((d >> (3 * i + 1)) & 1);
    zc = zc * 2 + ((d >> (3 * i)) & 1);
  }
  const [a, b, c] = [baseA + unzigzag(za), baseB + unzigzag(zb), baseC + unzigzag(zc)];
  const top = 2 ** bits - 2;
  if (a < 0 || a > top || b < 0 || b > top || c < 0 || c > top) return undefined;
  const q = packQuat(bits, index, a, b, c);
  return isValidQuat(bits, q) ? q : undefined;
}

/** Three values of `lanes` bits each, bit-interleaved, `a` highest (below 2^30 for 10-bit lanes). */
function interleave(lanes: number, a: number, b: number, c: number): number {
  let out = 0;
  for (let i = lanes - 1; i >= 0; i--) out = out * 8 + ((a >> i) & 1) * 4 + ((b >> i) & 1) * 2 + ((c >> i) & 1);
  return out;
}
