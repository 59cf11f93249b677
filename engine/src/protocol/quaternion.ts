/**
 * Unit quaternions on the wire, "smallest three" (G. Fiedler, "Snapshot Compression"): `q` and `-q`
 * are the same rotation, so the largest component can be made positive and left out, since it is
 * `sqrt(1 - a² - b² - c²)`. The other three lie in `[-1/√2, 1/√2]`. Each is sent in `bits` bits
 * (2 to 16), and the index of the largest in 2 more, all packed into one integer:
 *
 *     q = index · 2^(3·bits) + a · 2^(2·bits) + b · 2^bits + c
 *
 * which has at most 3 · 16 + 2 = 50 bits: a safe integer, so this file uses arithmetic, never the
 * 32-bit operators. Up to 9 bits `q` fits one 31-bit wire value; above that it travels as three
 * (`wire-values.ts`, with `splitQuat` and `joinQuat` below).
 *
 * A component takes the codes `0 .. 2·half` with `half = 2^(bits-1) - 1`: code `half` is exactly 0,
 * so the identity and rotations about one axis keep their zeros exactly; the top code `2^bits - 1`
 * is unused and refused. A sent component is within half a step, `1 / (2·√2·half)`, of the original,
 * and the rotation within `√6 / half` radians (to first order; `quatErrorBoundDegrees`).
 *
 * Decoding keeps the implied component strictly the largest, so `quantizeQuat(dequantizeQuat(q))`
 * gives `q` back for every `q` that `quantizeQuat` produces: a body at rest keeps its exact wire
 * value tick after tick, and the host never resends it.
 */
import type { Quaternion } from './schema.js';

const SQRT1_2 = Math.SQRT1_2;
const IDENTITY: Quaternion = [0, 0, 0, 1];

/** The code of 0 in a component of `bits` bits; the largest code is twice this. */
function halfCode(bits: number): number {
  return 2 ** (bits - 1) - 1;
}

/**
 * How far, at most, a decoded rotation lies from the one quantized, in degrees, by bits per
 * component: `√6 / half` radians with `half = 2^(bits-1) - 1`, the worst case of three components
 * each half a step off (first order; the measured worst stays below it).
 */
export function quatErrorBoundDegrees(bits: number): number {
  return ((Math.sqrt(6) / halfCode(bits)) * 180) / Math.PI;
}

/** The largest packed value of a quaternion with `bits` per component. */
export function maxQuatQuantized(bits: number): number {
  const base = 2 ** bits;
  const top = 2 * halfCode(bits);
  return ((3 * base + top) * base + top) * base + top;
}

/** `[index, a, b, c]` of a packed value (no range checks). */
export function unpackQuat(bits: number, q: number): [number, number, number, number] {
  return unpack(bits, q);
}

/** The packed value of `[index, a, b, c]` (no range checks). */
export function packQuat(bits: number, index: number, a: number, b: number, c: number): number {
  const base = 2 ** bits;
  return ((index * base + a) * base + b) * base + c;
}

function unpack(bits: number, q: number): [number, number, number, number] {
  const base = 2 ** bits;
  const c = q % base;
  let rest = (q - c) / base;
  const b = rest % base;
  rest = (rest - b) / base;
  const a = rest % base;
  return [(rest - a) / base, a, b, c];
}

/** True when `q` is a packed quaternion: an integer in range whose three components use valid codes. */
export function isValidQuat(bits: number, q: number): boolean {
  if (!Number.isInteger(q) || q < 0 || q > maxQuatQuantized(bits)) return false;
  const top = 2 * halfCode(bits);
  const [, a, b, c] = unpack(bits, q);
  return a <= top && b <= top && c <= top;
}

/**
 * A packed value as its three wire values, `[index · 2^bits + a, b, c]`, each below 2^18: how a
 * quaternion of more than 9 bits travels.
 */
export function splitQuat(bits: number, q: number): [number, number, number] {
  const [index, a, b, c] = unpack(bits, q);
  return [index * 2 ** bits + a, b, c];
}

/** The packed value of three wire values made by {@link splitQuat}. */
export function joinQuat(bits: number, head: number, b: number, c: number): number {
  const base = 2 ** bits;
  return (head * base + b) * base + c;
}

/** True when `v` is a valid first wire value of a split quaternion, `index · 2^bits + a`. */
export function isValidQuatHead(bits: number, v: number): boolean {
  const base = 2 ** bits;
  return Number.isInteger(v) && v >= 0 && v < 4 * base && v % base <= 2 * halfCode(bits);
}

/** True when `v` is a valid component code (the second or third wire value of a split quaternion). */
export function isValidQuatCode(bits: number, v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 2 * halfCode(bits);
}

/**
 * `value` packed into one integer. A value that is not four finite numbers, or has no length, is
 * sent as the identity; any other is normalised first.
 */
export function quantizeQuat(bits: number, value: unknown): number {
  const v = toUnit(value);
  let largest = 0;
  for (let i = 1; i < 4; i++) if (Math.abs(v[i]!) > Math.abs(v[largest]!)) largest = i;
  const sign = v[largest]! < 0 ? -1 : 1;
  const half = halfCode(bits);
  const base = 2 ** bits;
  let packed = largest;
  for (let i = 0; i < 4; i++) {
    if (i === largest) continue;
    const code = Math.round(((sign * v[i]!) / SQRT1_2) * half) + half;
    packed = packed * base + Math.min(2 * half, Math.max(0, code));
  }
  return packed;
}

/** The unit quaternion a packed integer stands for; an invalid `q` decodes as the identity. */
export function dequantizeQuat(bits: number, q: number): Quaternion {
  if (!isValidQuat(bits, q)) return IDENTITY;
  const half = halfCode(bits);
  const scale = SQRT1_2 / half;
  const [index, codeA, codeB, codeC] = unpack(bits, q);
  let a = (codeA - half) * scale;
  let b = (codeB - half) * scale;
  let c = (codeC - half) * scale;
  let implied = Math.sqrt(Math.max(0, 1 - a * a - b * b - c * c));
  if (!impliedLargest(a, b, c)) {
    // Rounding left the implied component at or below a sent one (a near tie). The quantized
    // quaternion lay somewhere in the sent codes' cells with its largest component largest, so
    // moving every sent component towards 0, by less than half a code (still inside its cell),
    // finds such a point again, and re-quantizing gives the same codes and index. Moving no
    // further than needed keeps the error of a near tie within that of any other rotation.
    const shrink = leastShrink(a, b, c, 0.499 * scale);
    a = towardsZero(a, shrink);
    b = towardsZero(b, shrink);
    c = towardsZero(c, shrink);
    implied = Math.sqrt(Math.max(0, 1 - a * a - b * b - c * c));
  }
  // A last guard for codes no quantized quaternion has: keep the implied component strictly largest.
  implied = Math.max(implied, Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) * (1 + 1e-9));
  const n = Math.sqrt(a * a + b * b + c * c + implied * implied);
  [a, b, c, implied] = [a / n, b / n, c / n, implied / n];
  switch (index) {
    case 0:
      return [implied, a, b, c];
    case 1:
      return [a, implied, b, c];
    case 2:
      return [a, b, implied, c];
    default:
      return [a, b, c, implied];
  }
}

/** True when the component implied by sent components `a`, `b`, `c` is strictly the largest, with room to spare. */
function impliedLargest(a: number, b: number, c: number): boolean {
  const implied = Math.sqrt(Math.max(0, 1 - a * a - b * b - c * c));
  return implied > Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) * (1 + 1e-9);
}

function towardsZero(v: number, by: number): number {
  return Math.sign(v) * Math.max(0, Math.abs(v) - by);
}

/**
 * The least distance (to 32 halvings of `most`) by which moving `a`, `b`, `c` towards 0 makes the
 * implied component the largest; `most` when even that does not (codes no quantizer produces).
 */
function leastShrink(a: number, b: number, c: number, most: number): number {
  let lo = 0;
  let hi = most;
  if (!impliedLargest(towardsZero(a, hi), towardsZero(b, hi), towardsZero(c, hi))) return hi;
  for (let i = 0; i < 32; i++) {
    const mid = (lo + hi) / 2;
    if (impliedLargest(towardsZero(a, mid), towardsZero(b, mid), towardsZero(c, mid))) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Four finite numbers scaled to length 1, or the identity. */
function toUnit(value: unknown): Quaternion {
  if (!Array.isArray(value) || value.length !== 4) return IDENTITY;
  const [x, y, z, w] = value as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || typeof z !== 'number' || typeof w !== 'number') return IDENTITY;
  const length = Math.sqrt(x * x + y * y + z * z + w * w);
  if (!Number.isFinite(length) || length < 1e-9) return IDENTITY;
  return [x / length, y / length, z / length, w / length];
}
