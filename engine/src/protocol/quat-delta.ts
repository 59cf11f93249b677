/**
 * The difference of a quaternion packed in one wire value (9 bits per component or fewer), as a
 * delta record sends it. Subtracting packed values would make a one-step turn of the first
 * component a difference of 2^(2·bits); instead the three component differences go zigzag (0, -1,
 * 1, -2 … as 0, 1, 2, 3 …) and bit-interleaved, `a` highest, into one non-negative integer `m` of
 * at most `3·(bits + 1)` bits, small when all three are small:
 *
 * - while the largest component stays the same, the difference is `m`;
 * - when it changes, the baseline is first written in the terms of the new largest component `j`:
 *   its own largest, which the wire leaves out, is recovered in integers (the rounded square root
 *   of `2·half² − Σ w²`, where `w` are the other codes' offsets from `half`, the code of 0), and
 *   every component is negated when the new largest is negative in it. `m` is then taken against
 *   that, and the difference is `-(1 + r + 3·m)`, where `r` (0, 1, 2) is `j`'s rank among the three
 *   components other than the baseline's largest. A body tumbling past 45° costs a few bits more
 *   than any other turn, not a whole value;
 * - the rare difference that would not fit in 31 bits goes whole, as `2^(3·(bits + 1)) + q`: above
 *   every `m`.
 *
 * Integers only, so host and client agree bit for bit on every engine.
 */
import { unzigzag, zigzag } from './exp-golomb.js';
import { isValidQuat, packQuat, unpackQuat } from './quaternion.js';
import { MAX_QUANTIZED } from './schema.js';

/** Bits per zigzag component difference: components take `bits` bits, their differences one more. */
function laneBits(bits: number): number {
  return bits + 1;
}

/** The least whole-value difference: one more than the largest `m`. */
function wholeFrom(bits: number): number {
  return 2 ** (3 * laneBits(bits));
}

/** The difference sent for the packed quaternion `q` against `base` (both valid, `bits` ≤ 9). */
export function quatDelta(bits: number, q: number, base: number): number {
  const [index, a, b, c] = unpackQuat(bits, q);
  const baseIndex = unpackQuat(bits, base)[0];
  const [ra, rb, rc] = quatCodesAs(bits, base, index);
  const m = interleave(laneBits(bits), zigzag(a - ra), zigzag(b - rb), zigzag(c - rc));
  if (index === baseIndex) return m;
  const t = 1 + (index < baseIndex ? index : index - 1) + 3 * m;
  return t <= MAX_QUANTIZED ? -t : wholeFrom(bits) + q;
}

/** `base` moved by the sent difference `d`, or undefined when the result is not a valid quaternion. */
export function applyQuatDelta(bits: number, base: number, d: number): number | undefined {
  const whole = wholeFrom(bits);
  if (d >= whole) return isValidQuat(bits, d - whole) ? d - whole : undefined;
  const baseIndex = unpackQuat(bits, base)[0];
  let index = baseIndex;
  let m = d;
  if (d < 0) {
    const r = (-d - 1) % 3;
    m = (-d - 1 - r) / 3;
    index = r < baseIndex ? r : r + 1;
    if (m >= whole) return undefined;
  }
  const [ra, rb, rc] = quatCodesAs(bits, base, index);
  const [za, zb, zc] = deinterleave(laneBits(bits), m);
  const [a, b, c] = [ra + unzigzag(za), rb + unzigzag(zb), rc + unzigzag(zc)];
  const top = 2 ** bits - 2;
  if (a < 0 || a > top || b < 0 || b > top || c < 0 || c > top) return undefined;
  const q = packQuat(bits, index, a, b, c);
  return isValidQuat(bits, q) ? q : undefined;
}

/**
 * The three codes of the packed `base` with component `j` as the largest (left out): its own codes
 * when `j` is its largest; else its own largest recovered in integers, and all negated when
 * component `j` is negative. With `clamp`, each is held to the valid codes; without, a code may lie
 * up to `half·√2` from `half`, where a component beyond 1/√2 falls.
 */
export function quatCodesAs(bits: number, base: number, j: number, clamp = true): [number, number, number] {
  const [largest, a, b, c] = unpackQuat(bits, base);
  if (j === largest) return [a, b, c];
  const half = 2 ** (bits - 1) - 1;
  const w = [0, 0, 0, 0];
  const codes = [a, b, c];
  let sum = 0;
  for (let n = 0, k = 0; n < 4; n++) {
    if (n === largest) continue;
    w[n] = codes[k++]! - half;
    sum += w[n]! * w[n]!;
  }
  w[largest] = roundedSqrt(Math.max(0, 2 * half * half - sum));
  const sign = w[j]! < 0 ? -1 : 1;
  const out: number[] = [];
  for (let n = 0; n < 4; n++) {
    if (n === j) continue;
    const code = sign * w[n]! + half;
    out.push(clamp ? Math.min(2 * half, Math.max(0, code)) : code);
  }
  return out as [number, number, number];
}

/** The integer nearest `√x`, for a non-negative integer `x` below 2^52: exact, whatever `Math.sqrt` rounds to. */
export function roundedSqrt(x: number): number {
  let n = Math.floor(Math.sqrt(x));
  while (n * n > x) n--;
  while ((n + 1) * (n + 1) <= x) n++;
  // √x ≥ n + ½ exactly when x ≥ n² + n + 1, for integers.
  return x - n * n > n ? n + 1 : n;
}

/** Three values of `lanes` bits each, bit-interleaved, `a` highest (below 2^30 for 10-bit lanes). */
function interleave(lanes: number, a: number, b: number, c: number): number {
  let out = 0;
  for (let i = lanes - 1; i >= 0; i--) out = out * 8 + ((a >> i) & 1) * 4 + ((b >> i) & 1) * 2 + ((c >> i) & 1);
  return out;
}

/** The three zigzag lanes of `m` (below 2^(3·lanes)), `a` first. */
function deinterleave(lanes: number, m: number): [number, number, number] {
  let za = 0;
  let zb = 0;
  let zc = 0;
  for (let i = lanes - 1; i >= 0; i--) {
    za = za * 2 + ((m >> (3 * i + 2)) & 1);
    zb = zb * 2 + ((m >> (3 * i + 1)) & 1);
    zc = zc * 2 + ((m >> (3 * i)) & 1);
  }
  return [za, zb, zc];
}
